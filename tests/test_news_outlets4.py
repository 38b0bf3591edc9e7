"""Outlets and writers in shapes unseen outlets print (tests/data/news4): a row of bullet buttons
names no one, nor do the sections between the page's title and the headline printed again; the
byline may lead the text with a bar (``우리투데이 이승일 기자 |``), the outlet may close the page's
title (``…-충청리뷰``), and an agency's sign-off led by ◎ closes the article."""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers import read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
HEADLINE = "새 도서관 문 열어 시민 반겨"


def test_rows_of_bullet_buttons_name_no_one() -> None:
    text = (
        f"• 페이스북\n  • 트위터\n  • 유튜브\n\n{HEADLINE}\n\n등록 2025.06.16 11:46:53\n\n"
        "  • 이메일 보내기\n  • 프린터\n  • PDF\n\n[서울=뉴시스] 홍길동 기자 = " + BODY
    )
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["publication"] == "뉴시스"


def test_sections_between_the_pages_title_and_the_headline() -> None:
    text = (
        f"{HEADLINE}\n\n  • 정치/행정\n  • 사람들\n\n{HEADLINE}\n\n  • 승인 2025-05-07 16:56\n  • 홍길동 기자\n" + BODY
    )
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert "publication" not in meta


def test_a_byline_with_a_bar_leading_the_text() -> None:
    text = f"{HEADLINE}\n\n  • 등록 2023.03.31 15:13:20\n\n우리투데이 홍길동 기자 | " + BODY
    meta = read(text, "a.txt").meta
    assert meta["publication"] == "우리투데이"
    assert meta["authors"] == [{"name": "홍길동"}]
    signed = read(text + "\n홍길동 기자 hong@example.com\n", "a.txt").meta  # the address where it signs off
    assert signed["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_the_outlet_after_the_pages_title() -> None:
    meta = read("새 도서관 문 열어?-충청리뷰\n\n작성일 2005.12.27\n\n" + BODY, "a.txt").meta
    assert meta["title"] == "새 도서관 문 열어?-충청리뷰"
    assert meta["publication"] == "충청리뷰"


def test_an_agencys_sign_off_closes_the_article() -> None:
    parsed = read(
        f"{HEADLINE}\n\n입력 2025.06.16 11:46\n\n" + BODY + "\n\n◎공감언론 뉴시스 [email protected]\n", "a.txt"
    )
    assert "<small>◎공감언론 뉴시스 [email protected]</small>" in to_html(parsed.body)


def test_a_contributor_with_a_title_above_the_stamp() -> None:
    text = (
        "[창간축사] 사람 중심의 신문으로 발전하길 기대합니다.\n홍길동 전라남도의원\n오피니언\n"
        "기고 2022.09.15 16:28\n페이지 정보\n본문\n" + BODY
    )
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert "summary" not in meta
