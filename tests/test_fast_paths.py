"""Fast paths of the parse stage give what the slow paths they skip give, on every file of tests/data.

Each fast path answers cheaply what a slower, general computation would; here the general one is
forced (the fast test patched to say "don't know") and the two results compared.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import sources
from feeds.errors import ContentError

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


def _decoded(data: bytes) -> object:
    try:
        text = sources.decode(data, "f.md", quiet=True)
    except ContentError as exc:
        return ("error", str(exc))
    return (text.text, text.encoding)


@pytest.mark.parametrize("data", [p.read_bytes() for p in FILES] + EDGES, ids=[*map(str, FILES), *map(repr, EDGES)])
def test_decode_fast_tests_agree_with_the_scans(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _decoded(data)
    monkeypatch.setattr(sources, "_no_latin1_letters", lambda utf8: False)
    monkeypatch.setattr(sources, "_xml_clean", lambda utf8, text: False)
    assert _decoded(data) == fast


@pytest.mark.parametrize("data", [p.read_bytes() for p in FILES] + EDGES, ids=[*map(str, FILES), *map(repr, EDGES)])
def test_decode_fast_tests_answer_as_the_regexes(data: bytes) -> None:
    from feeds.mojibake import _GATE
    from feeds.xmlchars import FORBIDDEN

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


@given(st.text(_ANY_CHAR, max_size=60))
@settings(max_examples=500, deadline=None)
def test_letter_counts_are_the_regexes_counts(text: str) -> None:
    from feeds import normalize

    assert normalize._HANGUL_COUNT.count(text) == _findall_count(normalize._HANGUL_RANGES, text)
    assert normalize._OTHER_LETTER_COUNT.count(text) == _findall_count(normalize._OTHER_LETTER_RANGES, text)


@pytest.mark.parametrize("path", FILES, ids=str)
def test_letter_counts_on_test_data(path: Path) -> None:
    from feeds import normalize

    text = path.read_bytes().decode("utf-8", "surrogateescape")
    assert normalize._HANGUL_COUNT.count(text) == _findall_count(normalize._HANGUL_RANGES, text)
    assert normalize._OTHER_LETTER_COUNT.count(text) == _findall_count(normalize._OTHER_LETTER_RANGES, text)
