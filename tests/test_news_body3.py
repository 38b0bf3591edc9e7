"""Writers the body names in shapes tests/data/news3's pages print: an address alone closing the
text, for the one reporter the head names without one; a broadcast anchor's handing over to the
reporter ("조형준 기자가 정리했습니다")."""

from __future__ import annotations

import pytest

from feeds.readers import read

HEAD = "새 도서관 문 열어\n홍길동 기자\n입력 2024-07-17 17:54\n\n"


def test_an_address_alone_at_the_end_is_the_reporters() -> None:
    parsed = read(HEAD + "한빛시는 새 도서관을 열었다.\n\n둘째 문단이다.\n\nhong@example.com\n", "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_an_address_alone_is_nobodys_when_two_reporters_are_named() -> None:
    head = "새 도서관 문 열어\n홍길동·김철수 기자\n입력 2024-07-17 17:54\n\n"
    parsed = read(head + "한빛시는 새 도서관을 열었다.\n\nhong@example.com\n", "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}, {"name": "김철수"}]


@pytest.mark.parametrize("verb", ["정리했습니다", "보도합니다", "취재했습니다"])
def test_the_anchor_hands_over_to_the_reporter(verb: str) -> None:
    text = (
        "새 도서관 문 열어\n\n기사입력\n2025-05-14 오후 8:57\n【 앵커멘트 】\n\n"
        "(남)시민의 목소리를\n듣기 위해 노력해온 30년.\n\n(여)지역의 변화를\n"
        f"조형준 기자가 {verb}.\n\n【 기자 】\n\n30년 전 오늘,\n첫 뉴스가 나갔습니다.\n"
    )
    assert read(text, "a.txt").meta["authors"] == [{"name": "조형준"}]


PARAGRAPHS = "한빛시는 10일 새 도서관을 열었다고 밝혔다.\n\n둘째 문단이다.\n\n"
DATED = "새 도서관 문 열어\n입력 2024.04.05 09:40\n\n"


@pytest.mark.parametrize(
    "closing",
    [
        "Copyright © 2024 한빛일보. All rights reserved.",  # a year before the outlet
        "Copyrights ⓒ 한빛일보 & hanbit.com",
        "무단전재 및 재배포 금지 ⓒ 한빛일보",  # the outlet last
    ],
)
def test_the_outlet_in_a_copyright_line(closing: str) -> None:
    assert read(DATED + PARAGRAPHS + closing + "\n", "a.txt").meta["publication"] == "한빛일보"


def test_the_outlet_and_reporter_closing_the_text() -> None:
    meta = read(DATED + PARAGRAPHS + "한빛일보 홍길동 기자(hong@hanbit.com)\n", "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@hanbit.com"}]
    assert meta["publication"] == "한빛일보"


def test_a_desk_opening_the_text_names_its_outlet() -> None:
    assert read(DATED + "[한빛일보 사회부] " + PARAGRAPHS, "a.txt").meta["publication"] == "한빛일보"
