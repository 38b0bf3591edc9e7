"""Markdown with YAML (``---``), TOML (``+++``) or JSON (``{``) front matter.

python-frontmatter's handler loads YAML front matter; TOML is read with ``tomllib`` (python-frontmatter's
``+++`` handler needs the third-party ``toml`` package). We split the text ourselves, to keep the
line numbers errors need, and read JSON with ``raw_decode``, which finds where a nested object
really ends (python-frontmatter looks for a line holding only ``}``). python-frontmatter and PyYAML
are imported with the first YAML front matter (~27 ms): a process that reads only headers, news
articles, TOML or JSON never loads them.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from typing import Any

from feeds.errors import FrontMatterError
from feeds.readers import Parsed

NAME = "frontmatter"

# Bounds on what one field may hold. No front matter needs more; beyond them a file is an attack
# or an accident: a "billion laughs" of YAML aliases takes 300 bytes to expand to gigabytes, and
# nesting hundreds of levels deep overflows the recursion of every parser, pickler and serializer.
MAX_DEPTH = 32  # levels of lists and mappings
MAX_VALUES = 100_000  # values in one field, each alias counted as many times as it is used
MAX_CHARS = 2_000_000  # characters of text in one field, likewise


class _ValueProblem(Exception):
    """A YAML value that is well-formed but impossible (``2024-02-30``), with where it is."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem, self.line = problem, line


@cache
def _yaml() -> tuple[Any, Any, type[Exception]]:
    """python-frontmatter's YAML handler, our loader, and PyYAML's error: made at the first YAML."""
    import frontmatter.default_handlers as fm
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is several times faster; as safe

    class Loader(base):  # type: ignore[misc]
        """The safe loader, with impossible dates reported where they are."""

    def timestamp(loader: Any, node: Any) -> Any:
        # PyYAML checks a timestamp's shape, then lets datetime() raise a bare ValueError, without a mark.
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError) as exc:
            raise _ValueProblem(f"{exc} ({node.value!r})", node.start_mark.line) from exc

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return fm.YAMLHandler(), Loader, yaml.YAMLError


# How front matter opens: python-frontmatter's YAMLHandler.FM_BOUNDARY (a test checks that they
# agree), and the same for TOML; matched here, so that detecting needs neither library.
_BOUNDARIES = {"yaml": re.compile(r"^-{3,}\s*$", re.MULTILINE), "toml": re.compile(r"^\+{3,}\s*$", re.MULTILINE)}
_FENCES = {"yaml": re.compile(r"-{3,}\s*"), "toml": re.compile(r"\+{3,}\s*")}
_KEY_LINE = re.compile(r"""^\s{0,3}["']?([A-Za-z_][\w-]*)["']?\s*[:=]""")


def detect(text: str) -> bool:
    return (
        _BOUNDARIES["yaml"].match(text) is not None
        or _BOUNDARIES["toml"].match(text) is not None
        or text.startswith("{")
    )


def read(text: str, path: str) -> Parsed:
    if text.startswith("{"):
        kind, first = "json", 1
        meta, fm_text, body, body_line = _split_json(text, path)
    else:
        kind, first = ("yaml" if _BOUNDARIES["yaml"].match(text) else "toml"), 2  # after the opening fence
        fm_text, body, body_line = _split_fenced(text, kind, path)
        meta = None
    lines = _key_lines(fm_text, first)
    if kind != "json":
        meta = _load(kind, fm_text, path, first, lines)
    if not isinstance(meta, dict):
        raise FrontMatterError(
            path, f"{kind.upper()} front matter must be a mapping of keys to values, got {type(meta).__name__}", 2
        )
    for key, value in meta.items():
        if isinstance(value, list | dict):
            problem = bounded(value, max(MAX_VALUES, len(fm_text)), max(MAX_CHARS, 2 * len(fm_text)))
            if problem:
                raise FrontMatterError(path, f"field {str(key)!r}: {problem}", lines.get(str(key).strip().lower()))
    return Parsed(
        format=f"{NAME}-{kind}",
        meta={str(k).strip(): v for k, v in meta.items()},
        body=body,
        markup="markdown",
        body_line=body_line,
        lines=lines,
    )


def _key_lines(fm_text: str, first: int) -> dict[str, int]:
    """Each top-level key's line in the file, for messages; ``first`` is the line fm_text starts on."""
    lines: dict[str, int] = {}
    for offset, line in enumerate(fm_text.split("\n")):
        m = _KEY_LINE.match(line)
        if m:
            lines.setdefault(m.group(1).lower(), offset + first)
    return lines


def _split_fenced(text: str, kind: str, path: str) -> tuple[str, str, int]:
    # Line by line from the top, to the closing fence: splitting the whole text into lines and
    # joining the body's again cost more than reading the front matter's few lines.
    fence = _FENCES[kind]
    first_end = text.find("\n")  # the opening fence's line ends here
    start, number = first_end + 1, 2  # where line ``number`` starts
    while first_end != -1:
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        if fence.fullmatch(line) or (kind == "yaml" and line.rstrip() == "..."):
            return text[first_end + 1 : start - 1], "" if end == -1 else text[end + 1 :], number + 1
        if end == -1:
            break
        start, number = end + 1, number + 1
    delimiter = text[: first_end if first_end != -1 else len(text)].strip()
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
    except RecursionError as exc:
        raise _too_deep(path, "json", text, 1, _key_lines(text, 1)) from exc
    fm_text = text[:end]
    body_line = fm_text.count("\n") + 2
    return meta, fm_text, text[end:].lstrip(" \t").removeprefix("\n"), body_line


def bounded(value: list[Any] | dict[Any, Any], max_values: int, max_chars: int) -> str | None:
    """Why ``value`` is not a plain tree of at most MAX_DEPTH levels and the given size, or None.

    YAML aliases make a graph, not a tree: one list may be used a billion times. Each container
    is measured once (by id) and its expanded size added up, so the check costs what the file
    holds, never what it would expand to. A container inside itself is a cycle, never expanded.
    Iterative, so no nesting depth can overflow the stack.
    """
    sizes: dict[int, tuple[int, int, int]] = {}  # id -> depth, values and characters, expanded
    open_: set[int] = set()  # containers being measured: meeting one again is a cycle
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        items = [x for kv in node.items() for x in kv] if isinstance(node, dict) else node
        if children_done:
            depth = values = chars = 0
            for item in items:
                if isinstance(item, list | dict):
                    d, v, c = sizes[id(item)]
                else:
                    d, v, c = 0, 1, len(item) if isinstance(item, str) else 1
                depth, values, chars = max(depth, d), values + v, chars + c
            open_.discard(key)
            if depth + 1 > MAX_DEPTH:
                return f"nested more than {MAX_DEPTH} levels deep"
            if values + 1 > max_values or chars > max_chars:
                return (
                    f"expands to more than {max_values:,} values or {max_chars:,} characters "
                    "(YAML aliases used over and over?)"
                )
            sizes[key] = (depth + 1, values + 1, chars)
        elif key in open_:
            return "refers to itself (a YAML alias inside its own anchor)"
        elif key not in sizes:
            open_.add(key)
            stack.append((node, True))
            stack.extend((item, False) for item in items if isinstance(item, list | dict) and id(item) not in sizes)
    return None


def _too_deep(path: str, kind: str, fm_text: str, first: int, lines: dict[str, int]) -> FrontMatterError:
    """The error for front matter its parser ran out of stack on, at the line with the most brackets."""
    texts = fm_text.split("\n")
    line = max(range(len(texts)), key=lambda i: texts[i].count("[") + texts[i].count("{")) + first
    key = _field_at(line, lines)
    where = f"field {key!r}: " if key else f"{kind.upper()} front matter: "
    return FrontMatterError(path, f"{where}nested more than {MAX_DEPTH} levels deep", line)


def _field_at(line: int, lines: dict[str, int]) -> str | None:
    """The top-level key whose value holds ``line``: the last one to start at or before it."""
    starts = [(at, key) for key, at in lines.items() if at <= line]
    return max(starts)[1] if starts else None


def _load(kind: str, fm_text: str, path: str, first: int, lines: dict[str, int]) -> Any:
    yaml_error: type[Exception] | tuple[()] = ()  # catches nothing until PyYAML is loaded
    try:
        if kind == "yaml":
            handler, loader, yaml_error = _yaml()
            return handler.load(fm_text, Loader=loader) or {}
        return tomllib.loads(fm_text)
    except _ValueProblem as exc:
        line = exc.line + first
        key = _field_at(line, lines)
        raise FrontMatterError(path, f"field {key!r}: {exc.problem}" if key else exc.problem, line) from exc
    except RecursionError as exc:
        raise _too_deep(path, kind, fm_text, first, lines) from exc
    except yaml_error as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        line = mark.line + 2 if mark is not None else 2  # +1 for 1-based, +1 for the opening fence
        raise FrontMatterError(path, f"invalid YAML front matter: {problem}", line) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) + 1 if m else 2
        raise FrontMatterError(path, f"invalid TOML front matter: {exc}", line) from exc
