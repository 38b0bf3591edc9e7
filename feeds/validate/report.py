"""Turning findings into text or JSON, and into an exit code."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from feeds.validate.findings import Finding


class Findings(list[Finding]):
    """The result of ``validate_paths``: the findings, plus the files that were validated.

    The file list lets ``render_findings`` count clean files too ("3 files, 0 errors").
    """

    def __init__(self, findings: Sequence[Finding] = (), files: Sequence[str] = ()) -> None:
        super().__init__(findings)
        self.files: tuple[str, ...] = tuple(files)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts(findings: Sequence[Finding], files: int | None = None) -> dict[str, int]:
    if files is None:
        known = getattr(findings, "files", None)
        files = len(known) if known is not None else len({f.path for f in findings})
    return {
        "files": files,
        "errors": sum(f.level == "error" for f in findings),
        "warnings": sum(f.level == "warning" for f in findings),
        "infos": sum(f.level == "info" for f in findings),
    }


def render_findings(findings: Sequence[Finding], fmt: Literal["text", "json"], *, files: int | None = None) -> str:
    """text: ``path:line: level: Code: message`` lines and a summary; json: findings and counts.

    The result has no trailing newline (``print`` adds one).

    ``files`` is the number of files validated; by default it comes from the ``Findings`` that
    ``validate_paths`` returns, or else from the distinct paths among the findings.
    """
    total = counts(findings, files)
    if fmt == "json":
        document = {
            "findings": [
                {"path": f.path, "line": f.line, "level": f.level, "code": f.code, "message": f.message}
                for f in findings
            ],
            "counts": total,
        }
        return json.dumps(document, ensure_ascii=False, indent=2)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}; use 'text' or 'json'")
    lines = [f"{f.path}{'' if f.line is None else f':{f.line}'}: {f.level}: {f.code}: {f.message}" for f in findings]
    summary = ", ".join(
        [_plural(total["files"], "file"), _plural(total["errors"], "error"), _plural(total["warnings"], "warning")]
    )
    if total["infos"]:
        summary += f", {total['infos']} info"
    return "\n".join([*lines, summary])


def exit_code(findings: Sequence[Finding], *, strict: bool = False) -> int:
    """0 with no errors, 1 with errors (with ``strict``, warnings count as errors)."""
    failing = ("error", "warning") if strict else ("error",)
    return 1 if any(f.level in failing for f in findings) else 0
