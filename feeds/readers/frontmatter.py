"""Markdown with YAML (``---``), TOML (``+++``) or JSON (``{``) front matter."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import frontmatter.default_handlers as fm
import yaml

from feeds.errors import FrontMatterError
from feeds.readers import Parsed

NAME = "frontmatter"

# The C loader is several times faster; same safe semantics.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TOMLHandler(fm.BaseHandler):
    """python-frontmatter reads TOML only with the third-party ``toml`` package; use tomllib."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


_YAML = fm.YAMLHandler()
_TOML = TOMLHandler()
_FENCES = {"yaml": re.compile(r"-{3,}\s*"), "toml": re.compile(r"\+{3,}\s*")}
_KEY_LINE = re.compile(r"""^\s{0,3}["']?([A-Za-z_][\w-]*)["']?\s*[:=]""")


def detect(text: str) -> bool:
    return _YAML.detect(text) or _TOML.detect(text) or text.startswith("{")


def read(text: str, path: str) -> Parsed:
    if text.startswith("{"):
        kind = "json"
        meta, fm_text, body, body_line = _split_json(text, path)
    else:
        kind = "yaml" if _YAML.detect(text) else "toml"
        fm_text, body, body_line = _split_fenced(text, kind, path)
        meta = _load(kind, fm_text, path)
    if not isinstance(meta, dict):
        raise FrontMatterError(
            path, f"{kind.upper()} front matter must be a mapping of keys to values, got {type(meta).__name__}", 2
        )
    lines: dict[str, int] = {}
    for offset, line in enumerate(fm_text.split("\n")):
        m = _KEY_LINE.match(line)
        if m:
            lines.setdefault(m.group(1).lower(), offset + 2)
    return Parsed(
        format=f"{NAME}-{kind}",
        meta={str(k).strip(): v for k, v in meta.items()},
        body=body,
        markup="markdown",
        body_line=body_line,
        lines=lines,
    )


def _split_fenced(text: str, kind: str, path: str) -> tuple[str, str, int]:
    lines = text.split("\n")
    fence = _FENCES[kind]
    for i in range(1, len(lines)):
        if fence.fullmatch(lines[i]) or (kind == "yaml" and lines[i].rstrip() == "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    delimiter = lines[0].strip()
    raise FrontMatterError(
        path,
        f"front matter opened with {delimiter!r} on line 1 is never closed "
        f"(expected a line with {delimiter[:3]!r} after the metadata)",
        1,
    )


def _split_json(text: str, path: str) -> tuple[Any, str, str, int]:
    # raw_decode finds where the object really ends; python-frontmatter's split looks for a
    # line holding only "}" and breaks on nested objects.
    try:
        meta, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        raise FrontMatterError(path, f"invalid JSON front matter: {exc.msg}", exc.lineno) from exc
    fm_text = text[:end]
    body_line = fm_text.count("\n") + 2
    return meta, fm_text, text[end:].lstrip(" \t").removeprefix("\n"), body_line


def _load(kind: str, fm_text: str, path: str) -> Any:
    try:
        if kind == "yaml":
            return _YAML.load(fm_text, Loader=_LOADER) or {}
        return _TOML.load(fm_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        line = mark.line + 2 if mark is not None else 2  # +1 for 1-based, +1 for the opening fence
        raise FrontMatterError(path, f"invalid YAML front matter: {problem}", line) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) + 1 if m else 2
        raise FrontMatterError(path, f"invalid TOML front matter: {exc}", line) from exc
