"""Markdown with YAML (``---``), TOML (``+++``) or JSON (``{``) front matter.

python-frontmatter's handler loads YAML front matter, but for the plain ``key: value`` lines nearly
every file has, which ``_simple_yaml`` reads to the same values, resolved and constructed by PyYAML's
own resolver and constructors, in a third of the time; TOML is read with ``tomllib``
(python-frontmatter's ``+++`` handler needs the third-party ``toml`` package). We split the text ourselves, to keep the
line numbers errors need, and read JSON with ``raw_decode``, which finds where a nested object
really ends (python-frontmatter looks for a line holding only ``}``). python-frontmatter and PyYAML
are imported with the first YAML front matter, since importing them costs more than reading many
files: a process that reads only headers, news articles, TOML or JSON never loads them.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache, lru_cache
from typing import Any, NamedTuple

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
def _yaml() -> tuple[Any, Any, type[Exception], _Scalars]:
    """python-frontmatter's YAML handler, our loader, PyYAML's error, and what its loader makes of a scalar.

    Made at the first YAML front matter.
    """
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

    def integer(loader: Any, node: Any) -> Any:
        # int() refuses more than sys.get_int_max_str_digits() decimal digits, with a bare ValueError.
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
        except ValueError as exc:
            raise _ValueProblem(_long_number(node.value), node.start_mark.line) from exc

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    Loader.add_constructor("tag:yaml.org,2002:int", integer)
    resolver, constructor = yaml.resolver.Resolver(), yaml.constructor.SafeConstructor()
    # Both loaders, C and Python, resolve with yaml.resolver.Resolver's implicit resolvers.
    assert Loader.yaml_implicit_resolvers is resolver.yaml_implicit_resolvers and not Loader.yaml_path_resolvers

    def resolve(text: str) -> str:
        return str(resolver.resolve(yaml.ScalarNode, text, (True, False)))

    def construct(tag: str, text: str, line: int) -> Any:
        mark = yaml.Mark("<unicode string>", 0, line, 0, None, None)
        return Loader.yaml_constructors[tag](constructor, yaml.ScalarNode(tag, text, mark, mark))

    @lru_cache(maxsize=1024)  # the same few keys in every file
    def text_key(key: str) -> bool:
        return resolve(key) == _TEXT  # not `yes:` or `null:`, keys of other types

    return fm.YAMLHandler(), Loader, yaml.YAMLError, _Scalars(resolve, construct, text_key)


class _Scalars(NamedTuple):
    """What PyYAML's loader makes of a plain (unquoted) scalar: its own resolver and constructors."""

    resolve: Callable[[str], str]  # the tag of a plain scalar's text
    construct: Callable[[str, str, int], Any]  # (tag, text, line: 0-based, in the front matter) -> value
    text_key: Callable[[str], bool]  # whether a plain key is text


# The YAML nearly every front matter is: `key: value` lines, lists of one-line items under a
# `key:`, and one-line lists of quoted texts (`tags: ["a", "b"]`). PyYAML's C loader still calls
# back into Python for every node and builds a node and two marks for it: more than all the rest
# of reading a file costs. ``_simple_yaml`` reads that shape with a few regexes, and
# declines everything else (comments, nesting, other flow collections, anchors, tags, multi-line
# values, escapes other than \" and \\, tabs and other unusual characters), which PyYAML then
# loads. Plain values are resolved and constructed by PyYAML's own resolver and constructors.
# tests/test_fast_paths.py checks that both give the same, on the test data and on generated
# front matter.
_TEXT = "tag:yaml.org,2002:str"
_SIMPLE_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "int", "float", "timestamp"))
# A one-line double-quoted scalar whose only escapes are \" and \\ (a quote in a title), or a
# single-quoted one ('' is a quote).
_QUOTED = r""""([^"\\]*(?:\\["\\][^"\\]*)*)"|'([^']*(?:''[^']*)*)'"""
_ESCAPE = re.compile(r'\\(["\\])')
# key, then: double-quoted, single-quoted, a flow sequence, any other text (plain, or declined)
_KEY_VALUE = re.compile(rf"([A-Za-z_][A-Za-z0-9_-]{{0,63}}):(?: +(?:{_QUOTED}|(\[.*)|(\S.*)))?")
_ITEM = re.compile(rf"( *)- +(?:{_QUOTED}|(\S.*))")  # indent, then as above
_FLOW_ITEM = re.compile(rf" *(?:{_QUOTED}) *(,|\])")
_EMPTY_LIST = re.compile(r"\[ *\]")  # YAML's and TOML's alike
_PLAIN_NEVER_STARTS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # YAML's indicators
_Scalar = tuple[str, str, int]  # tag, text, line (0-based, in the front matter)


def _simple_yaml(
    fm_text: str, scalars: _Scalars, lines: dict[str, int] | None = None, first: int = 0
) -> dict[str, Any] | None:
    """What PyYAML's loader makes of ``fm_text`` when it is only simple ``key: value`` lines; else None.

    ``lines``, when given, gets what ``_key_lines(fm_text, first)`` gives, if the text is read:
    each key's line, from the lines matched already.
    """
    # First the shape of every line, so that nothing is constructed (and no error raised) for a
    # text that is declined.
    entries: list[tuple[str, _Scalar | list[_Scalar]]] = []
    items: list[_Scalar] | None = None  # of the `key:` being read, if it is a list
    indent = -1  # of its items: -1 until the first
    for number, line in enumerate(fm_text.split("\n")):
        if not line:
            items = None  # in YAML a list may go on after a blank line: declined
            continue
        if not line.isprintable():  # tabs, U+00A0, line separators, a BOM: PyYAML knows
            return None
        key = _KEY_VALUE.fullmatch(line)
        if key:
            name, double, single, flow, other = key.groups()
            value: _Scalar | list[_Scalar] | None
            if flow is not None:
                value, items = _flow(flow, number), None
            elif double is None and single is None and other is None:  # `key:`: a list, or null
                value = items = []
                indent = -1
            else:
                value, items = _scalar(double, single, other, number, scalars), None
            if value is None or not scalars.text_key(name):
                return None
            if lines is not None:
                lines.setdefault(name.lower(), number + first)
            entries.append((name, value if value or items is None else (scalars.resolve(""), "", number)))
            continue
        item = _ITEM.fullmatch(line)
        if item is None or items is None or indent not in (-1, len(item.group(1))):  # not in a list, or misaligned
            return None
        spaces, double, single, other = item.groups()
        scalar = _scalar(double, single, other, number, scalars)
        if scalar is None:
            return None
        indent = len(spaces)
        if not items:  # the first item: `key:` is a list, not null
            entries[-1] = (entries[-1][0], items)
        items.append(scalar)
    if not entries:
        return None
    # Then the values, in PyYAML's order: the mapping's own first, then each list's items.
    data: dict[str, Any] = {}
    lists: list[tuple[list[Any], list[_Scalar]]] = []
    for name, value in entries:
        if isinstance(value, list):
            data[name] = []
            lists.append((data[name], value))
        else:
            data[name] = _value(value, scalars)
    for values, found in lists:
        values.extend(_value(scalar, scalars) for scalar in found)
    return data


def _scalar(double: str | None, single: str | None, other: str, line: int, scalars: _Scalars) -> _Scalar | None:
    """A one-line scalar, quoted (``double`` or ``single``) or ``other``; None when it is not a simple one."""
    if double is not None:
        return _TEXT, _unescaped(double), line
    if single is not None:
        return _TEXT, single.replace("''", "'"), line
    if other[0] in _PLAIN_NEVER_STARTS or ": " in other or " #" in other or other.endswith((":", " ")):
        return None  # a quote not closed at the end, a mapping in a value, a comment, trailing spaces
    tag = scalars.resolve(other)
    return (tag, other, line) if tag in _SIMPLE_TAGS else None  # not `<<` (merge) or `=` (value)


def _unescaped(double: str) -> str:
    """The text of a double-quoted scalar that ``_QUOTED`` matched: \\" and \\\\ are its only escapes."""
    return _ESCAPE.sub(r"\1", double) if "\\" in double else double


def _flow(text: str, line: int) -> list[_Scalar] | None:
    """The items of a one-line flow sequence of quoted scalars (``["a", 'b']``), or None for any other text."""
    texts = _quoted_list(text, _FLOW_ITEM, lambda single: single.replace("''", "'"))
    return None if texts is None else [(_TEXT, t, line) for t in texts]


def _quoted_list(text: str, item_pattern: re.Pattern[str], single: Callable[[str], str]) -> list[str] | None:
    """The texts of a one-line list of quoted items, YAML's flow sequence or TOML's array, each matched
    by ``item_pattern`` (its double-quoted text, its single-quoted one, then "," or "]"), a single-quoted
    one's text given by ``single``; None for any other text."""
    if _EMPTY_LIST.fullmatch(text):
        return []
    found, at = [], 1
    while True:
        item = item_pattern.match(text, at)
        if item is None:
            return None
        double, quoted, end = item.groups()
        found.append(_unescaped(double) if double is not None else single(quoted))
        at = item.end()
        if end == "]":
            return found if at == len(text) else None


def _value(scalar: _Scalar, scalars: _Scalars) -> Any:
    tag, text, line = scalar
    return text if tag == _TEXT else scalars.construct(tag, text, line)


# The TOML nearly every front matter is, likewise: `key = value` lines of one-line strings (with
# no escape but \" and \\), lists of them, whole numbers, true or false, dates and date-times to
# the second. tomllib, pure Python, takes several times longer. Anything else (tables, comments,
# dotted or quoted keys, other escapes, fractions of seconds, floats, a key twice) goes to
# tomllib, which also says what is wrong; tests/test_fast_toml.py checks that both give the same.
_TOML_KEY_VALUE = re.compile(r"([A-Za-z0-9_-]+) *= *(.*)")
_TOML_STRING = re.compile(r""""([^"\\]*(?:\\["\\][^"\\]*)*)"|'([^']*)'""")
_TOML_ITEM = re.compile(rf" *(?:{_TOML_STRING.pattern}) *(,|\])")
_TOML_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_TOML_DATETIME = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(?:T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:(Z)|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))?)?"
)


def _simple_toml(fm_text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(fm_text)`` gives when it is only simple ``key = value`` lines; else None."""
    data: dict[str, Any] = {}
    for line in fm_text.split("\n"):
        if not line:
            continue
        m = _TOML_KEY_VALUE.fullmatch(line)
        if m is None or not line.isprintable() or m.group(1) in data:
            return None
        value = _toml_value(m.group(2))
        if value is None:
            return None
        data[m.group(1)] = value
    return data or None


def _toml_value(text: str) -> Any:
    """A simple TOML value's Python value, or None when it is not one ``_simple_toml`` reads."""
    if not text:
        return None
    first = text[0]
    if first in "\"'":
        m = _TOML_STRING.fullmatch(text)
        return None if m is None else _toml_string(m)
    if first == "[":
        return _toml_array(text)
    if text in ("true", "false"):
        return text == "true"
    if _TOML_INTEGER.fullmatch(text):
        return int(text)
    m = _TOML_DATETIME.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second, zulu, sign, tz_hour, tz_minute = m.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        zone = UTC if zulu else _toml_zone(sign, tz_hour, tz_minute) if sign else None
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone)
    except ValueError:  # February 30th: tomllib says so
        return None


def _toml_string(m: re.Match[str]) -> str:
    double, single = m.groups()
    return single if double is None else _unescaped(double)


def _toml_array(text: str) -> list[str] | None:
    return _quoted_list(text, _TOML_ITEM, str)  # a literal string has no escapes


@cache
def _toml_zone(sign: str, hours: str, minutes: str) -> timezone:
    """An offset as tomllib makes it."""
    signed = 1 if sign == "+" else -1
    return timezone(timedelta(hours=signed * int(hours), minutes=signed * int(minutes)))


# How front matter opens: python-frontmatter's YAMLHandler.FM_BOUNDARY (a test checks that they
# agree), and the same for TOML; matched here, so that detecting needs neither library.
_BOUNDARIES = {"yaml": re.compile(r"^-{3,}\s*$", re.MULTILINE), "toml": re.compile(r"^\+{3,}\s*$", re.MULTILINE)}
# A line closing it: the fence again (a line of its own: \n is no space here), or YAML's "...".
_CLOSING = {
    "yaml": re.compile(r"^(?:-{3,}|\.\.\.)[^\S\n]*$", re.MULTILINE),
    "toml": re.compile(r"^\+{3,}[^\S\n]*$", re.MULTILINE),
}
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
    if kind == "json":
        lines = _key_lines(fm_text, first)
    else:
        meta, lines = _load(kind, fm_text, path, first)
    if not isinstance(meta, dict):
        raise FrontMatterError(
            path, f"{kind.upper()} front matter must be a mapping of keys to values, got {type(meta).__name__}", 2
        )
    for key, value in meta.items():
        if type(value) is str and type(key) is str:
            continue  # the common case, told at once: neither is a number, nor holds anything
        if _too_long(key):
            raise FrontMatterError(path, f"a key is {_too_long(key)}", first)
        problem = _too_long(value)
        if isinstance(value, (list, dict)):
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
    # The closing fence searched for from the second line on: splitting the whole text into lines
    # and joining the body's again cost more than reading the front matter's few lines.
    first_end = text.find("\n")  # the opening fence's line ends here
    if first_end != -1:
        close = _CLOSING[kind].search(text, first_end + 1)
        if close is not None:
            start, end = close.span()
            body_line = text.count("\n", 0, start) + 2  # the closing fence's line, plus one
            return text[first_end + 1 : start - 1], text[end + 1 :], body_line
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
        meta, end = json.JSONDecoder(parse_int=_parse_int).raw_decode(text)
    except json.JSONDecodeError as exc:
        raise FrontMatterError(path, f"invalid JSON front matter: {exc.msg}", exc.lineno) from exc
    except _LongNumber as exc:
        line = _long_number_line(text, 1)
        key = _field_at(line, _key_lines(text, 1))
        raise FrontMatterError(path, f"field {key!r}: {exc}" if key else str(exc), line) from exc
    except RecursionError as exc:
        raise _too_deep(path, "json", text, 1, _key_lines(text, 1)) from exc
    fm_text = text[:end]
    body_line = fm_text.count("\n") + 2
    return meta, fm_text, text[end:].lstrip(" \t").removeprefix("\n"), body_line


# Python refuses to turn an int of more decimal digits than this into text (sys.int_info), and
# a title, a tag or a message is text: such a number is the file's error, wherever it is.
MAX_DIGITS = 4300


def _long_number(text: str) -> str:
    digits = sum(c.isdigit() for c in text)
    return f"a number of {digits:,} digits (at most {MAX_DIGITS:,}; quote it to keep it as text)"


def _too_long(value: object) -> str | None:
    """Why ``value`` is an int too long to write as text, or None. Hexadecimal ones parse, and can."""
    if not isinstance(value, int) or value.bit_length() < 3 * MAX_DIGITS:  # 2**12900 has 3,884 digits
        return None
    try:
        str(value)
    except ValueError:
        return f"a number of more than {MAX_DIGITS:,} digits (quote it to keep it as text)"
    return None


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise _LongNumber(_long_number(text)) from exc


class _LongNumber(ValueError):
    """A JSON integer too long for int()."""


_LONG_DIGITS = re.compile(rf"[0-9_]{{{MAX_DIGITS},}}")


def _long_number_line(text: str, first: int) -> int:
    """The line of ``text`` (which starts on line ``first``) holding the first number too long for int()."""
    m = _LONG_DIGITS.search(text)
    return text.count("\n", 0, m.start()) + first if m else first


def bounded(value: list[Any] | dict[Any, Any], max_values: int, max_chars: int) -> str | None:
    """Why ``value`` is not a plain tree of at most MAX_DEPTH levels and the given size, or None.

    YAML aliases make a graph, not a tree: one list may be used a billion times. Each container
    is measured once (by id) and its expanded size added up, so the check costs what the file
    holds, never what it would expand to. A container inside itself is a cycle, never expanded.
    Iterative, so no nesting depth can overflow the stack.
    """
    # A list of texts (tags), told at once: one level, its items and their characters.
    plain = isinstance(value, list) and all(type(item) is str for item in value)
    if plain and len(value) + 1 <= max_values and sum(map(len, value)) <= max_chars:
        return None
    return _bounded_tree(value, max_values, max_chars)


def _bounded_tree(value: list[Any] | dict[Any, Any], max_values: int, max_chars: int) -> str | None:
    """``bounded``, container by container."""
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
                if isinstance(item, (list, dict)):
                    d, v, c = sizes[id(item)]
                else:
                    if long := _too_long(item):
                        return long
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
            stack.extend((item, False) for item in items if isinstance(item, (list, dict)) and id(item) not in sizes)
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


def _load(kind: str, fm_text: str, path: str, first: int) -> tuple[Any, dict[str, int]]:
    """The front matter's value, and each top-level key's line (``_key_lines``)."""
    yaml_error: type[Exception] | tuple[()] = ()  # catches nothing until PyYAML is loaded
    lines: dict[str, int] = {}  # the simple reader fills it as it goes; errors find their keys again
    try:
        if kind == "yaml":
            handler, loader, yaml_error, scalars = _yaml()
            simple = _simple_yaml(fm_text, scalars, lines, first)
            if simple is not None:
                return simple, lines
            lines = _key_lines(fm_text, first)
            return handler.load(fm_text, Loader=loader) or {}, lines
        lines = _key_lines(fm_text, first)
        simple = _simple_toml(fm_text)
        return simple if simple is not None else tomllib.loads(fm_text), lines
    except _ValueProblem as exc:
        line = exc.line + first
        key = _field_at(line, _key_lines(fm_text, first))
        raise FrontMatterError(path, f"field {key!r}: {exc.problem}" if key else exc.problem, line) from exc
    except RecursionError as exc:
        raise _too_deep(path, kind, fm_text, first, _key_lines(fm_text, first)) from exc
    except yaml_error as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        line = mark.line + 2 if mark is not None else 2  # +1 for 1-based, +1 for the opening fence
        # PyYAML's cause ("while scanning a quoted scalar") and where it started, which is where
        # the mistake is: an unclosed quote's problem is only found at the end of the front matter.
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line + 2 < line:
            problem = f"{context} starting on this line: {problem} (line {line})"
            line = start.line + 2
        elif context:
            problem = f"{problem} ({context})"
        raise FrontMatterError(path, f"invalid YAML front matter: {problem}", line) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) + 1 if m else 2
        raise FrontMatterError(path, f"invalid TOML front matter: {exc}", line) from exc
    except ValueError as exc:
        long = _LONG_DIGITS.search(fm_text)
        if kind != "toml" or long is None:
            raise
        # tomllib's int() of a number too long for it
        line = fm_text.count("\n", 0, long.start()) + first
        key = _field_at(line, _key_lines(fm_text, first))
        problem = _long_number(long.group())
        raise FrontMatterError(path, f"field {key!r}: {problem}" if key else problem, line) from exc
