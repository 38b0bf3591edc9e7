"""No reader drops a line: every non-empty line of a file is in its document, as content or a head field.

The body is the file from ``body_line`` on, so what is checked is the head: a front matter or
header line's key is a field; a news head line is the title, a line of the deck (the summary), or
a line made only of the fields read from it (dates as written, reporters, their addresses, the
outlet) and of the words a page prints around them (labels like 입력, roles like 기자, buttons
like 프린트). A line with any other word (a CSV row's numbers, a diary's weather) is not a news
head line, and must not be read as one. tests/data/not_news holds texts with a date near the top
that are no news article: each is refused, as no format at all.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from feeds import readers
from feeds.errors import UnknownFormatError
from feeds.readers import news, newsdatewords, newswords
from feeds.sources import decode

from .conftest import DATA

READERS = DATA / "readers"
CASES = sorted(p for p in READERS.iterdir() if not p.name.endswith((".expected.json", ".source")))
NEWS = sorted((DATA / "news").glob("*.txt"))
NOT_NEWS = sorted(p for p in (DATA / "not_news").iterdir() if p.name != "README.md")
_KEY = re.compile(r"""^\s{0,3}["']?([A-Za-z_][\w-]*)["']?\s*[:=]""")
_SEPARATORS = re.compile(r"[\s|│｜/,·•ㆍ:：()\[\]<>\-–—■□◆◇▶▷●○*]+")
_WEEKDAY = re.compile(r"[월화수목금토일](?:요일)?|Mon|Tue|Wed|Thu|Fri|Sat|Sun")


def _values(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _values(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _values(v)
    elif value is not None:
        yield str(value)


@lru_cache(maxsize=4096)
def _is_page_chrome(word: str) -> bool:
    """A word a news page prints around the date and the reporter: a label, a role, a button, a
    section, a weekday, a dateline's place ("뉴욕="), or several of them glued ("기자입력")."""
    word = word.strip(".")
    if len(word) > 30:
        return False
    return (
        not word
        or any(
            pattern.fullmatch(word)
            for pattern in (
                newsdatewords.LABEL_ONLY,
                newswords.ROLE_ONLY,
                newswords.JUNK_WORD,
                newswords.JUNK,
                newswords.SECTION,
                newswords.ENGLISH_SECTION,
                _WEEKDAY,
            )
        )
        or any(_is_page_chrome(word[:i]) and _is_page_chrome(word[i:]) for i in range(1, len(word)))
    )


def dropped(path: Path) -> list[str]:
    """The non-empty lines of ``path`` that its document holds neither as content nor as a field."""
    text = decode(path.read_bytes(), str(path), quiet=True).text
    parsed = readers.read(text, str(path))
    head = text.split("\n")[: parsed.body_line - 1]
    meta = {k.lower(): v for k, v in parsed.meta.items()}
    if parsed.format != news.NAME:
        # Front matter and headers are parsed whole; a key line that gives no field was dropped.
        return [line for line in head if (m := _KEY.match(line)) and m.group(1).lower() not in meta]
    summary = str(meta.get("summary", ""))
    fields = sorted({v for v in _values(meta) if v}, key=len, reverse=True)
    lost = []
    for line in head:
        s = newswords.plain(line)
        if not s or s == meta["title"] or s in summary:
            continue
        rest = s
        for value in fields:
            rest = rest.replace(value, " ")
        # A board's field labels, spaced out or not ("번 호", "날 짜", "[제목] :"), are page chrome.
        rest = newswords.BOARD_LABEL.sub(" ", newswords.TITLE_LABEL.sub(" ", rest.strip()))
        if not all(_is_page_chrome(word) for word in _SEPARATORS.split(rest) if word):
            lost.append(line)
    return lost


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_reader_drops_no_line(case: Path) -> None:
    assert dropped(case) == []


@pytest.mark.parametrize("case", NEWS, ids=[p.stem for p in NEWS])
def test_news_corpus_drops_no_line(case: Path) -> None:
    with contextlib.suppress(UnknownFormatError):  # an undated page, rejected (tests/test_news_corpus.py checks which)
        assert dropped(case) == []


@pytest.mark.parametrize("case", NOT_NEWS, ids=[p.name for p in NOT_NEWS])
def test_text_with_a_date_near_the_top_is_not_news(case: Path) -> None:
    text = decode(case.read_bytes(), str(case)).text
    assert not news.detect(text)
    with pytest.raises(UnknownFormatError) as info:
        readers.read(text, case.name)
    assert EXPECTED[case.name] in str(info.value)


EXPECTED = {  # what the unknown-format message says of each
    "sales.csv": "line 2 holds a date, but also words that are no reporter, outlet or label",
    "changelog_en.txt": "line 3 holds a date, but also words",
    "changelog_ko.txt": "lines 3 and 7 are both date lines, with text between: dated entries (a log)",
    "diary.txt": "line 3 holds a date, but also words",
    "log_dated_entries.txt": "lines 3 and 6 are both date lines",
}
