"""Fast paths of the parse stage give what the slow paths they skip give, on every file of tests/data.

Each fast path answers cheaply what a slower, general computation would; here the general one is
forced (the fast test patched to say "don't know") and the two results compared.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from feeds import sources
from feeds.errors import ContentError

DATA = Path(__file__).parent / "data"
FILES = sorted(p for p in DATA.rglob("*") if p.is_file())

# Edge cases the fast tests must not get wrong: each forbidden or suspect character, alone or
# among Korean text, and mojibake of both kinds.
EDGES = [
    "한글 제목\n\n본문\n".encode(),
    "ascii only\r\nwith CRLF\rand CR\n".encode(),
    "tab\tand\x0bvertical tab\x0cform feed\x1f unit sep\n".encode(),
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
