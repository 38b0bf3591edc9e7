"""Outlets and writers in shapes tests/data/news3's pages print: a desk or the site's admin account on
a bullet line, a dash before the outlet, a place in parentheses in the byline's bracket, an outlet
before "기자=" with no bracket, a readers' letters page's row of contributors, a section that looks
like a name, and a person pictured above the byline."""

from __future__ import annotations

import pytest

from feeds.readers import read
from feeds.readers.newshead import classify

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


@pytest.mark.parametrize(
    ("line", "outlet"), [("• 한빛편집국", "한빛"), ("• 편집국", None), ("• 관리자", None), ("- 한빛뉴스", "한빛뉴스")]
)
def test_a_bullet_line_of_the_head(line: str, outlet: str | None) -> None:
    info = classify(line)
    assert info is not None
    assert info.outlet == outlet
    assert not info.authors
    parsed = read(f"새 도서관 문 열어\n{line}\n{line[0]} 승인 2023-11-13\n\n" + BODY, "a.txt")
    assert parsed.meta.get("publication") == outlet
    assert "summary" not in parsed.meta


@pytest.mark.parametrize(
    "byline",
    [
        "[한빛경제(수원)=홍길동 기자] 한빛시는 10일 새 도서관을 열었다.",  # a place in parentheses
        "한빛경제 홍길동 기자= 한빛시는 10일 새 도서관을 열었다.",  # no bracket
    ],
)
def test_the_outlet_in_the_bodys_byline(byline: str) -> None:
    parsed = read(f"새 도서관 문 열어\n2024-07-17 17:54\n\n{byline}\n\n" + BODY, "a.txt")
    assert parsed.meta["publication"] == "한빛경제"
    assert parsed.meta["authors"] == [{"name": "홍길동"}]


def test_the_outlet_opening_the_text_before_a_contributor() -> None:
    text = (
        "새 겨울\n\n입력 2018년12월14일 10시03분 홍길동\n\n[한빛뉴스/한빛소방서 홍보팀장 김철수]올해도 겨울이 왔다.\n"
    )
    assert read(text, "a.txt").meta["publication"] == "한빛뉴스"


def test_a_row_of_contributors_with_their_places() -> None:
    text = (
        "[독자 편지] 도 넘은 고발 외\n\n발행일 발행일 : 2019.01.11 / 여론/독자 A28 면\n"
        " 기고자 : 홍길동·대전 서구 김철수·경북 상주시\n\n도 넘은 고발\n\n" + BODY
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}, {"name": "김철수"}]


@pytest.mark.parametrize("section", ["여론", "유통", "문화"])
def test_a_section_beside_the_date_is_no_name(section: str) -> None:
    info = classify(f"2019.01.11 / {section}")
    assert info is not None
    assert not info.authors


def test_a_person_pictured_above_the_byline_is_no_reporter() -> None:
    text = (
        "새 도서관 문 열어\n\n  • 홍길동\n  • 2019-12-28 06:15:31\n\n"
        "김철수 한빛대 기자\n[한빛=홍길동 기자] 한빛시는 10일 새 도서관을 열었다.\n"
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]


def test_a_deck_then_a_caption_above_the_byline() -> None:
    text = (
        "새 도서관 문 열어\n\n  • 홍길동\n  • 2019-12-28 06:15:31\n[인터뷰] 김철수 한빛대 기자(4학년)\n\n"
        "김철수 한빛대 기자\n[한빛=홍길동 기자] 한빛시는 10일 새 도서관을 열었다.\n"
    )
    assert read(text, "a.txt").meta["summary"] == "[인터뷰] 김철수 한빛대 기자(4학년)"


def test_a_radio_programmes_fields_under_the_date() -> None:
    text = (
        "제2공항 공론조사 반대 입장\n\n2019년 10월 16일 12시 57분 55초 1달 전 | 조회수 : 129\n\n"
        "■ 방송 : 한빛MBC 라디오 <라디오한빛시대>\n\n■ 진행 : 홍길동 아나운서\n\n"
        "■ 일시 : 2019년 10월 15일(화)\n\n■ 대담 : 김철수 위원장\n\n"
        "◇ 인터뷰 전문보기 자료에 대한 저작권은 한빛MBC에 있습니다.\n\n홍길동: 안녕하세요.\n"
    )
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["publication"] == "한빛MBC"
    assert "updated" not in meta
