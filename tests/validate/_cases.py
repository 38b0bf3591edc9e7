"""Data-driven cases: a feed (or a folder of feeds) beside a ``.expected.txt`` listing its findings.

Expected-file format, one finding per line (blank lines and ``#`` comments are ignored)::

    error InvalidRFC3339Date 7          level, code and line
    warning MissingSelf                 any line
    error MissingFromMainFeed tags/ai/atom.xml:9    in a folder case: file (below the folder) and line
    @site_url https://example.com/      a directive: the site_url argument for validate_paths

The reported findings must match the list exactly (as a multiset), so a case also fails when the
validator reports something extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from feeds.validate import Finding, render_findings, validate_paths

DATA = Path(__file__).resolve().parent.parent / "data" / "validate"


@dataclass(frozen=True)
class Expected:
    level: str
    code: str
    path: str | None  # relative to a folder case; None: any file
    line: int | None  # None: any line


def file_cases(family: str) -> list:
    return [pytest.param(p, id=p.stem) for p in sorted((DATA / family).glob("*.xml"))]


def folder_cases(family: str) -> list:
    return [pytest.param(p, id=p.name) for p in sorted((DATA / family).iterdir()) if p.is_dir()]


def expected_file(source: Path) -> Path:
    return source.with_name(f"{source.stem if source.is_file() else source.name}.expected.txt")


def load_expected(source: Path) -> tuple[list[Expected], dict[str, str]]:
    expected: list[Expected] = []
    directives: dict[str, str] = {}
    for raw in expected_file(source).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            directives[key] = value.strip()
            continue
        level, code, *where = line.split()
        path, number = None, None
        if where:
            spec = where[0]
            if spec.isdigit():
                number = int(spec)
            else:
                path, _, tail = spec.partition(":")
                number = int(tail) if tail else None
        expected.append(Expected(level, code, path, number))
    return expected, directives


def _relative(finding: Finding, source: Path) -> str:
    path = Path(finding.path)
    if source.is_dir() and path.is_relative_to(source):
        return path.relative_to(source).as_posix()
    return path.as_posix()


def assert_matches(findings: Sequence[Finding], expected: Sequence[Expected], source: Path) -> None:
    unmatched = list(findings)
    missing = []
    # Most specific expectations first, so a wildcard does not take a finding a specific line needs.
    for item in sorted(expected, key=lambda e: (e.line is None, e.path is None)):
        for finding in unmatched:
            if (
                (finding.level, finding.code) == (item.level, item.code)
                and (item.line is None or finding.line == item.line)
                and (item.path is None or _relative(finding, source) == item.path)
            ):
                unmatched.remove(finding)
                break
        else:
            missing.append(item)
    if missing or unmatched:
        lines = [f"expected but not reported: {m}" for m in missing]
        lines += ["reported but not expected:", render_findings(unmatched, "text")]
        lines += ["all findings:", render_findings(findings, "text")]
        pytest.fail("\n".join(lines), pytrace=False)


def check_case(source: Path, *, subscriber_check: bool = False) -> list[Finding]:
    expected, directives = load_expected(source)
    findings = validate_paths([source], site_url=directives.get("site_url"), subscriber_check=subscriber_check)
    assert_matches(findings, expected, source)
    return findings
