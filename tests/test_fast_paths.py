"""Fast paths of the parse stage give what the slow paths they skip give, on every file of tests/data.

Each fast path answers cheaply what a slower, general computation would; here the general one is
forced (the fast test patched to say "don't know") and the two results compared.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import sources
from feeds.errors import ContentError

from .sweeps import briefly, exhaustive, file_sweep

DATA = Path(__file__).parent / "data"
FILES = sorted(p for p in DATA.rglob("*") if p.is_file())

# Edge cases the fast tests must not get wrong: each forbidden or suspect character, alone or
# among Korean text, and mojibake of both kinds.
EDGES = [
    "한글 제목\n\n본문\n".encode(),
    b"ascii only\r\nwith CRLF\rand CR\n",
    b"tab\tand\x0bvertical tab\x0cform feed\x1f unit sep\n",
    "nonchar \ufffe and \uffff and \ufffd replacement\n".encode(),
    "café Müller À ÿ\n".encode(),
    "---\ntitle: ÀÔ·Â ÀÔ·Â ÀÔ·Â ÀÔ·Â ÀÔ·Â\ndate: 2025-01-01\n---\nbody\n".encode(),
    "ì\u017e…ë ¥ ì\u017e…ë ¥ ì\u017e…ë ¥ ì\u017e…ë ¥ 기사\n".encode(),
    codecs.BOM_UTF8 + "BOM 한글 \x07 bell\n".encode(),
    "한글 제목\n\n2025-03-10 홍길동 기자\n".encode("utf-16"),
    "한글 제목\n\n2025-03-10 홍길동 기자\n\x01".encode("cp949"),
]
# Every file of tests/data, a few of each folder in the default run, read by the test (not by
# each process that collects it); the edge cases always.
FILE_BYTES = file_sweep(FILES)
EDGE_BYTES = [pytest.param(data, id=repr(data)) for data in EDGES]


def _bytes(data: bytes | Path) -> bytes:
    return data.read_bytes() if isinstance(data, Path) else data


def _decoded(data: bytes) -> object:
    try:
        text = sources.decode(data, "f.md", quiet=True)
    except ContentError as exc:
        return ("error", str(exc))
    return (text.text, text.encoding)


@pytest.mark.parametrize("data", [*FILE_BYTES, *EDGE_BYTES])
def test_decode_fast_tests_agree_with_the_scans(data: bytes | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _bytes(data)
    fast = _decoded(data)
    monkeypatch.setattr(sources, "_no_latin1_letters", lambda utf8: False)
    monkeypatch.setattr(sources, "_xml_clean", lambda utf8, text: False)
    assert _decoded(data) == fast


@pytest.mark.parametrize("data", [*FILE_BYTES, *EDGE_BYTES])
def test_decode_fast_tests_answer_as_the_regexes(data: bytes | Path) -> None:
    from feeds.mojibake import _GATE
    from feeds.xmlchars import FORBIDDEN

    data = _bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert sources._no_latin1_letters(data) == (_GATE.search(text) is None)
    assert sources._xml_clean(data, text) == (FORBIDDEN.search(text) is None)


def _findall_count(ranges: tuple[tuple[int, int], ...], text: str) -> int:
    import re

    return len(re.findall("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]", text))


# Characters from every block the ranges touch, and beyond the BMP.
_ANY_CHAR = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x2FF),
    st.characters(min_codepoint=0x3000, max_codepoint=0x31FF),
    st.characters(min_codepoint=0x4D00, max_codepoint=0x4EFF),
    st.characters(min_codepoint=0xAB00, max_codepoint=0xD7FF),
    st.characters(codec="utf-8"),
    st.characters(),
)


@exhaustive
@given(st.text(_ANY_CHAR, max_size=60))
@settings(max_examples=500, deadline=None)
def test_letter_counts_are_the_regexes_counts(text: str) -> None:
    from feeds import hangulcount

    assert hangulcount._HANGUL_COUNT.count(text) == _findall_count(hangulcount._HANGUL_RANGES, text)
    assert hangulcount._OTHER_LETTER_COUNT.count(text) == _findall_count(hangulcount._OTHER_LETTER_RANGES, text)


@pytest.mark.parametrize("path", file_sweep(FILES))
def test_letter_counts_on_test_data(path: Path) -> None:
    from feeds import hangulcount

    text = path.read_bytes().decode("utf-8", "surrogateescape")
    assert hangulcount._HANGUL_COUNT.count(text) == _findall_count(hangulcount._HANGUL_RANGES, text)
    assert hangulcount._OTHER_LETTER_COUNT.count(text) == _findall_count(hangulcount._OTHER_LETTER_RANGES, text)


_SPACEY = st.text(
    st.one_of(
        st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"),
        st.sampled_from("\ufeff\ufffe\uffff\x00\x07"),
        st.characters(max_codepoint=0x7F),
        st.characters(),
        st.sampled_from("A\u030a\u212b\u0340e\u0301\u1100\u1161\u11a8한"),  # what NFC composes or maps
    ),
    max_size=40,
)


@exhaustive
@given(_SPACEY)
@settings(max_examples=1000, deadline=None)
def test_text_fast_path_is_the_slow_one(value: str) -> None:
    import unicodedata

    from feeds import normalize

    assert normalize._text(value) == normalize._text_slow(unicodedata.normalize("NFC", value))


def _bundle_name_by_pathlib(source: str) -> str:
    from pathlib import PurePosixPath

    path = PurePosixPath(source)
    return path.parent.name if path.stem in ("index", "_index") and len(path.parts) > 1 else path.stem


def _as_text(name: str) -> str:
    """A file or folder name in a URL path: "%", "?" and "#" are text there, not URL syntax."""
    return re.sub(r"[%?#]", lambda m: f"%{ord(m.group()):02X}", name)


def _permalink_by_pathlib(site: object, slug: str, published: object, source: str) -> str:
    """Site.permalink_for as it was: every value worked out, the paths made with pathlib."""
    import re
    from pathlib import PurePosixPath

    path = PurePosixPath(source)
    local = published.astimezone(site.timezone) if published else None  # type: ignore[attr-defined]
    values = {
        "url": site.url,  # type: ignore[attr-defined]
        "slug": slug,
        "year": f"{local.year:04d}" if local else "",
        "month": f"{local.month:02d}" if local else "",
        "day": f"{local.day:02d}" if local else "",
        "section": _as_text(path.parts[0]) if len(path.parts) > 1 else "",
        "filename": _as_text(_bundle_name_by_pathlib(source) or slug),
    }
    filled = re.sub(r"\{([^{}]*)\}", lambda m: values[m.group(1)], site.permalink)  # type: ignore[attr-defined]
    scheme, sep, rest = filled.partition("://")
    slashes = re.compile(r"(?<!:)/{2,}")
    return scheme + sep + slashes.sub("/", rest) if sep else slashes.sub("/", filled)


_SOURCES = st.lists(
    st.one_of(
        st.sampled_from(["", ".", "..", "index.md", "_index.md", "index", ".hidden", "a.", "a.b.c", "x.md", "é.md"]),
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8),
    ),
    min_size=1,
    max_size=4,
).map("/".join)


@exhaustive
@given(_SOURCES)
@settings(max_examples=1000, deadline=None)
def test_bundle_name_is_pathlibs(source: str) -> None:
    from feeds.config import bundle_name

    assert bundle_name(source) == _bundle_name_by_pathlib(source)


@exhaustive
@given(
    _SOURCES,
    st.sampled_from(
        [
            "{url}posts/{slug}/",
            "{url}{year}/{month}/{day}/{slug}/",
            "{url}{section}/{slug}/",
            "{url}{section}/{filename}.html",
            "{url}{section}//{slug}",
            "/{slug}/{filename}/{year}",
            "{url}a{{slug}}b/{day}{month}",
        ]
    ),
    st.datetimes(timezones=st.timezones()) | st.none(),
)
@settings(max_examples=500, deadline=None)
def test_permalink_for_is_what_it_was(source: str, pattern: str, published: object) -> None:
    import dataclasses

    from feeds.config import site_from_mapping

    site = dataclasses.replace(
        site_from_mapping({"title": "t", "url": "https://example.org/", "timezone": "Asia/Seoul"}), permalink=pattern
    )
    assert site.permalink_for("the-slug", published, source) == _permalink_by_pathlib(  # type: ignore[arg-type]
        site, "the-slug", published, source
    )


@functools.cache
def _lines() -> list[str]:
    """Every line of tests/data, made by the first test that asks, not by each process that collects."""
    return sorted({line for p in FILES for line in p.read_bytes().decode("utf-8", "replace").split("\n")})


_CAPTION_PIECES = [
    *"([【〔（<〈]］】〕)）>〉|│▲△©ⓒ@=:/. \t\u3000\n",
    "사진",
    "제공",
    "기자",
    "2024.4.5",
    "DB",
    "a@b.kr",
]
_CAPTIONISH = st.lists(st.one_of(st.sampled_from(_CAPTION_PIECES), st.characters()), max_size=20).map("".join)


@pytest.mark.parametrize("chunk", range(8))
def test_is_caption_is_the_caption_search_on_test_data(chunk: int) -> None:
    from feeds.readers.newscaptions import CAPTION, is_caption
    from feeds.readers.newswords import plain

    for line in _lines()[chunk::8]:
        for s in (line, plain(line)):
            assert is_caption(s) == (CAPTION.search(s) is not None), s


@exhaustive
@given(_CAPTIONISH)
@settings(max_examples=2000, deadline=None)
def test_is_caption_is_the_caption_search(s: str) -> None:
    from feeds.readers.newscaptions import CAPTION, is_caption

    assert is_caption(s) == (CAPTION.search(s) is not None)


# A fence line, whole, as frontmatter._split_fenced matched each line before it searched the text.
_FENCES = {"yaml": re.compile(r"-{3,}\s*"), "toml": re.compile(r"\+{3,}\s*")}


def _split_fenced_by_lines(text: str, kind: str) -> tuple[str, str, int] | str:
    """frontmatter._split_fenced as it was: the whole text split into lines, the body joined again."""
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if _FENCES[kind].fullmatch(lines[i]) or (kind == "yaml" and lines[i].rstrip() == "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    from feeds.errors import printable

    delimiter = lines[0].strip()
    return printable(
        f"front matter opened with {delimiter!r} on line 1 is never closed "
        f"(expected a line with {delimiter[:3]!r} after the metadata)"
    )


def _split_fenced_now(text: str, kind: str) -> tuple[str, str, int] | str:
    from feeds.errors import FrontMatterError
    from feeds.readers.frontmatter import _split_fenced

    try:
        return _split_fenced(text, kind, "f.md")
    except FrontMatterError as exc:
        assert exc.line == 1
        return exc.message


@pytest.mark.parametrize("path", file_sweep(FILES))
def test_split_fenced_on_test_data(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    for kind in ("yaml", "toml"):
        assert _split_fenced_now(text, kind) == _split_fenced_by_lines(text, kind)


@exhaustive
@given(
    st.lists(
        st.sampled_from(["---", "+++", "----  ", "...", "... ", "title: x", "", " ", "\r", "---x", "+++\t", "body"]),
        max_size=8,
    ).map("\n".join)
)
@settings(max_examples=1000, deadline=None)
def test_split_fenced_is_what_it_was(text: str) -> None:
    for kind in ("yaml", "toml"):
        assert _split_fenced_now(text, kind) == _split_fenced_by_lines(text, kind)


_KOREANISH = st.text(
    st.one_of(
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.characters(min_codepoint=0x3000, max_codepoint=0x31FF),
        st.characters(max_codepoint=0x2FF),
        st.characters(),
    ),
    max_size=40,
)


@exhaustive
@given(_KOREANISH)
@settings(max_examples=2000, deadline=None)
def test_mostly_hangul_is_the_counts_comparison(sample: str) -> None:
    from feeds import hangulcount

    hangul = _findall_count(hangulcount._HANGUL_RANGES, sample)
    other = _findall_count(hangulcount._OTHER_LETTER_RANGES, sample)
    assert hangulcount.mostly_hangul(sample) == bool(hangul and hangul * 2 > hangul + other)


@pytest.mark.parametrize("path", file_sweep(FILES))
def test_mostly_hangul_on_test_data(path: Path) -> None:
    from feeds import hangulcount

    text = path.read_bytes().decode("utf-8", "surrogateescape")
    for start in range(0, len(text), 450):
        sample = text[start : start + 450]
        hangul = _findall_count(hangulcount._HANGUL_RANGES, sample)
        other = _findall_count(hangulcount._OTHER_LETTER_RANGES, sample)
        assert hangulcount.mostly_hangul(sample) == bool(hangul and hangul * 2 > hangul + other)


@exhaustive
@given(st.text(st.sampled_from("ab\n\r "), max_size=12), st.integers(-3, 12))
@settings(max_examples=1000, deadline=None)
def test_from_line_is_split_and_join(text: str, number: int) -> None:
    from feeds.readers import from_line

    assert from_line(text, number) == "\n".join(text.split("\n")[number - 1 :])


def test_forbidden_xml_chars_are_those_xml_1_0_leaves_out() -> None:
    # FORBIDDEN is written as what is left out (cheap to compile): it must be exactly that.
    from feeds.xmlchars import FORBIDDEN

    def allowed(c: int) -> bool:  # XML 1.0 section 2.2, Char
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF

    every = "".join(map(chr, range(0x110000)))
    assert FORBIDDEN.findall(every) == [chr(c) for c in range(0x110000) if not allowed(c)]


def _yaml_by_pyyaml(fm_text: str) -> object:
    """What PyYAML's loader makes of ``fm_text``: the value's repr (types and offsets told apart), or its error."""
    import yaml

    from feeds.readers.frontmatter import _ValueProblem, _yaml

    handler, loader, _, _ = _yaml()
    try:
        return repr(handler.load(fm_text, Loader=loader) or {})
    except _ValueProblem as exc:
        return ("value problem", exc.problem, exc.line)
    except yaml.YAMLError:
        return "YAML error"
    except RecursionError:
        return "too deep"


def _yaml_by_simple(fm_text: str) -> object:
    """What frontmatter._simple_yaml makes of ``fm_text``, as _yaml_by_pyyaml says it; None: declined."""
    from feeds.readers.frontmatter import _simple_yaml, _ValueProblem, _yaml

    try:
        simple = _simple_yaml(fm_text, _yaml()[3])
    except _ValueProblem as exc:
        return ("value problem", exc.problem, exc.line)
    return None if simple is None else repr(simple)


def _yaml_front_matters() -> list[object]:
    from feeds.errors import FrontMatterError
    from feeds.readers.frontmatter import _BOUNDARIES, _split_fenced

    found, paths = [], []
    for path in FILES:
        text = path.read_bytes().decode("utf-8", "replace")
        if _BOUNDARIES["yaml"].match(text):
            with contextlib.suppress(FrontMatterError):  # not front matter: tested elsewhere
                found.append(_split_fenced(text, "yaml", str(path))[0])
                paths.append(path)
    return file_sweep(paths, found)


@pytest.mark.parametrize("fm_text", _yaml_front_matters())
def test_simple_yaml_is_pyyamls_on_test_data(fm_text: str) -> None:
    simple = _yaml_by_simple(fm_text)
    assert simple is None or simple == _yaml_by_pyyaml(fm_text)


def test_simple_yaml_reads_the_common_front_matter() -> None:
    # Not declined: the shapes nearly every front matter has (else the fast path would be dead code).
    for fm_text in (
        "title: '정책, 사양 결제 법원 확대…영역 본격화'\npubDate: 'Jul 30 2020'\nupdatedDate: 2020-08-02\n"
        'author: "Chris Jung"\ntags: "네이버, 라마, AI"\ndraft: false',
        'title: "It\'s"\ndate: 2026-07-16T12:07:00-08:00\ntags:\n  - "Microsoft"\n  - AI\ncategories:\n- x\nslug:',
        "title: He said \"hi\" to C# and a:b\nweight: 1:30\nratio: .inf\n\nempty: ''",
    ):
        assert _yaml_by_simple(fm_text) is not None
        assert _yaml_by_simple(fm_text) == _yaml_by_pyyaml(fm_text)


# Lines near and beyond the edges of what _simple_yaml reads: keys of other types, every
# indicator, quotes, comments, impossible dates, lists that are not simple, unusual spaces.
_YAML_KEYS = [
    "title",
    "date",
    "Tags",
    "_x",
    "a-b",
    "yes",
    "No",
    "null",
    "on",
    "OFF",
    "y",
    "key ",
    '"q"',
    "ключ",
    "x" * 70,
]
_YAML_SEPARATORS = [":", ": ", ":  ", " :", ":\t", ":x"]
_YAML_VALUES = [
    "plain", "'a''b'", "''", '""', '"x"', '"a\\tb"', '"a\\"b"', "'a' b", '"a" ', "'unterminated", "a #b", "a#b",
    "a: b", "a:b", "x:", "x ", "2024-02-30", "2024-01-01", "2024-01-01T10:00:00+09:00", "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5", "2024-13-01", "9999-12-31T23:59:59-23:59", "1:30", "190:20:30", "0x1F", "0o7", "017",
    "0b101", "1_000", "+1", "-1", "12", "1.5", "1e3", "6.8523015e+5", ".inf", "-.inf", ".NaN", "~", "null", "Null",
    "yes", "True", "off", "=", "<<", "<b>", "- x", "-x", "[a, b]", "{a: 1}", "&a x", "*a", "!!str 1", "!x y", "|", ">",
    "?x", ",x", "%x", "@x", "`x`", "#x", '["a", "b"]', "['a', \"b\"]", "[]", "[ ]", '["a",]', '["a" "b"]',
    '["a", b]', "[a]", '["a"] x', '["a", ["b"]]', '[ "a" ,  "b" ]', "['it''s', '']", '["a\\"b"]', '["#"]', "[,]",
    "한글 제목", "\u00a0x", "\ufeffx", "a\u2028b", "a\x85b", "tab\tin", "x\\y",
]  # fmt: skip
_YAML_OTHER_LINES = ["", " ", "# comment", "  continued", "...", "---", "\t", "  - a", "- b", "    - c",
                     "  -  'd'", "  - 2024-02-30", "  -", "  - a: b", "  -x", "  - [1]", "  - 1:30", "  - 'x'",
                     "- - x"]  # fmt: skip


_YAML_GOOD_LINES = st.tuples(
    st.sampled_from(["title", "date", "Tags", "_x", "a-b"]),
    st.sampled_from([": ", ":  "]),
    st.sampled_from(_YAML_VALUES),
).map("".join)
_YAML_ANY_LINES = st.one_of(
    st.tuples(st.sampled_from(_YAML_KEYS), st.sampled_from(_YAML_SEPARATORS), st.sampled_from(_YAML_VALUES)).map(
        "".join
    ),
    st.sampled_from(_YAML_OTHER_LINES),
)
_YAML_LISTS = st.tuples(
    st.sampled_from(["tags:", "date:"]), st.lists(st.sampled_from([*_YAML_OTHER_LINES[6:], "  - x", "  - 12"]))
).map(lambda key_items: "\n".join([key_items[0], *key_items[1]]))


# Mostly lines _simple_yaml may read, so that most texts are not declined for one line among them.
@exhaustive
@given(
    st.lists(
        st.one_of(_YAML_GOOD_LINES, _YAML_GOOD_LINES, _YAML_GOOD_LINES, _YAML_LISTS, _YAML_ANY_LINES),
        min_size=1,
        max_size=5,
    )
)
@settings(max_examples=3000, deadline=None)
def test_simple_yaml_is_pyyamls(lines: list[str]) -> None:
    fm_text = "\n".join(lines)
    simple = _yaml_by_simple(fm_text)
    assert simple is None or simple == _yaml_by_pyyaml(fm_text)


@pytest.mark.parametrize(
    "fm_text",
    [
        "title: a #b",
        "title: x ",
        "title: x:",
        "title: a: b",
        'title: "a" ',
        "title: 'a' # c",
        "tags:\n  - a\n\n  - b",
        "tags:\n  - a\n    - b",
        "tags:\n    - a\n  - b",
        "title: a\n  - b",
        "title: a\n  b",
        "tags:\n  - a\n  b",
        "tags:\n- a\nb: c",
        "date: 2024-02-30\ntags:\n  - 2024-02-31\nupdated: 2024-02-32",
        "tags:\n  - 2024-02-31\ntitle: x\nupdated: 2024-02-30",
        "tags:\n  - 2024-02-31\ntags: x",
        "title: a\ntitle: b",
        "yes: 1",
        "null:",
        ":",
        "",
        "\n\n",
    ],
)
def test_simple_yaml_is_pyyamls_at_the_edges(fm_text: str) -> None:
    simple = _yaml_by_simple(fm_text)
    assert simple is None or simple == _yaml_by_pyyaml(fm_text)


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(
    test_letter_counts_are_the_regexes_counts,
    test_text_fast_path_is_the_slow_one,
    test_bundle_name_is_pathlibs,
    test_permalink_for_is_what_it_was,
    test_is_caption_is_the_caption_search,
    test_split_fenced_is_what_it_was,
    test_mostly_hangul_is_the_counts_comparison,
    test_from_line_is_split_and_join,
    test_simple_yaml_is_pyyamls,
)
