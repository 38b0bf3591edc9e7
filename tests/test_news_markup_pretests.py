"""The news markup's cheap pre-tests say no only where the test they stand before says no too.

``feeds.markup.news`` skips a pattern's search on a line lacking what every match needs (NOTE's
words and signs, a line's halves alike for ``printed_twice``): these check the pre-tests against
the tests themselves, on every line of the news data and on lines made to match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.markup.news import _note, _twice_on_one_line
from feeds.readers.newscaptions import NOTE
from feeds.readers.newstitle import printed_twice
from feeds.readers.newswords import plain

DATA = Path(__file__).parent / "data"
LINES = sorted(
    {
        plain(line)
        for path in DATA.glob("news*/**/*.txt")
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    }
)

NOTES = [
    "<저작권자 © 한빛일보 무단전재 및 재배포 금지>",
    "Copyright ⓒ 한빛일보. All rights reserved.",
    "COPYRIGHT 한빛일보",
    "copyrİght 한빛일보",  # a case-blind "i" is also "İ"
    "(C) 한빛일보",
    "(c)한빛일보",
    "Ⓒ한빛일보",  # ⓒ's capital, case-blind
    "무단 전재 및 재배포를 금합니다",
    "재배포 금지",
    "AI 학습 및 활용 금지",
    "(끝)",
    "【 끝 】",
    "◎공감언론 뉴시스 hong@newsis.com",
    "※ 이 기사는 한빛재단의 지원을 받아 작성했습니다.",
    "본 기사는 한빛일보와의 제휴로 게재합니다",
    "그는 무단전재했기 때문이라고 말했다.",  # a story: no note, and none told
]
TWICE = [
    "그룹 방탄소년단 /AFPBBNews=뉴스1 그룹 방탄소년단 /AFPBBNews=뉴스1",
    "그룹 방탄소년단 /AFPBBNews=뉴스1그룹 방탄소년단 /AFPBBNews=뉴스1",
    "한빛시청 전경한빛시청 전경",
    "한빛시청 전경 한빛시청 전경",
    "… 고장입니다. … 고장입니다.",
]


def test_the_data_has_lines() -> None:
    assert len(LINES) > 2000


@pytest.mark.parametrize("s", NOTES)
def test_note_as_notes_search(s: str) -> None:
    assert _note(s) == (NOTE.search(s) is not None)


def test_note_as_notes_search_on_every_line() -> None:
    wrong = [s for s in LINES if _note(s) != (NOTE.search(s) is not None)]
    assert wrong == []


@pytest.mark.parametrize("s", TWICE)
def test_printed_twice_only_with_halves_alike(s: str) -> None:
    half = len(s) // 2
    assert not printed_twice(s) or s[:half] == s[len(s) - half :]


def test_printed_twice_only_with_halves_alike_on_every_line() -> None:
    wrong = [s for s in LINES + TWICE if printed_twice(s) and s[: len(s) // 2] != s[len(s) - len(s) // 2 :]]
    assert wrong == []


def test_twice_on_one_line_still_tells_copies() -> None:
    assert _twice_on_one_line(TWICE[0]) and _twice_on_one_line(TWICE[1]) and _twice_on_one_line(TWICE[3])
    assert not _twice_on_one_line(TWICE[4])  # a paragraph printed twice is the text
