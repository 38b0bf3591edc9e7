"""An entry's HTML in an arena (``feeds.sharedtext``): the same text back, whatever it holds, in
every process, and a plain ``str`` where it is pickled."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from feeds.feed import Entry
from feeds.sharedtext import _CHUNK, _SMALL, Arena, SharedText

TEXTS = [
    "",
    "short",
    "<p>" + "한국어 본문, a < b &amp; c. " * 100 + "</p>",
    "\ud800 lone surrogate " * 60,  # kept as it is, as a str would keep it
    "x" * (_CHUNK + 10),  # longer than a map: one of its own
    "😀\x00\r\n" * 300,
]


def test_texts_come_back_the_same() -> None:
    arena = Arena()
    held = [arena.add(text) for text in TEXTS * 3]
    assert [str(h) for h in held] == TEXTS * 3
    assert all(type(h) is str for h, text in zip(held, TEXTS * 3, strict=True) if len(text) < _SMALL)
    assert all(isinstance(h, SharedText) for h, text in zip(held, TEXTS * 3, strict=True) if len(text) >= _SMALL)


@pytest.mark.parametrize("text", TEXTS)
def test_an_entry_reads_its_html(text: str) -> None:
    entry = Entry(None, (), "summary", Arena().add(text))  # type: ignore[arg-type]  # the document is not read
    assert entry.content == text
    assert replace(entry, summary_only=True).content == text
    back = pickle.loads(pickle.dumps(entry))
    assert type(back.html) is str
    assert back.content == text
    assert back == entry or isinstance(entry.html, SharedText)  # a map's text is a str once pickled
    for part in ("", "a < b", "본문", "\ud800", "😀\x00", "x" * 20, "not in it", "한국어 본문, a < b &amp; c. 한"):
        assert entry.mentions(part) == (part in text), part


def test_a_forked_process_reads_the_same_text() -> None:
    import multiprocessing

    arena = Arena()
    _HELD[:] = [arena.add(text) for text in TEXTS]  # the child reads them from the maps it inherits
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        assert pool.map(_read, range(len(TEXTS))) == TEXTS
    late = arena.add(TEXTS[2])  # added after the fork: the parent's pages alone
    assert [str(h) for h in _HELD] == TEXTS
    assert str(late) == TEXTS[2]
    _HELD.clear()


_HELD: list[str | SharedText] = []


def _read(i: int) -> str:
    return str(_HELD[i])
