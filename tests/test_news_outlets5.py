"""The outlet on a byline with more between it and the writer than a place's "=": a desk or a
team ("머니투데이 이슈팀 홍윤기 기자 | 2013.07.01 11:29") or the correspondent's city before its
"=" ("머니투데이 베이징=홍찬선 특파원 2011.09.27 13:21"). The outlet is the first word; the desk
and the city are neither its name nor anyone's.

Found in tests/data/news5 (머니투데이's pages of 2011 and 2013); national dailies print both
shapes, so the tests use a made-up outlet.
"""

from __future__ import annotations

from feeds.readers import read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
HEADLINE = "새 도서관 문 열어 시민 반겨"


def test_a_desk_between_the_outlet_and_the_writer() -> None:
    for desk in ("이슈팀", "디지털뉴스부", "온라인뉴스팀"):
        meta = read(f"{HEADLINE}\n\n한빛일보 {desk} 홍길동 기자 | 2013.07.01 11:29\n" + BODY, "a.txt").meta
        assert meta["publication"] == "한빛일보", desk
        assert meta["authors"] == [{"name": "홍길동"}]


def test_a_correspondents_city_between_the_outlet_and_the_writer() -> None:
    meta = read(f"{HEADLINE}\n\n한빛일보 베이징=홍길동 특파원 2011.09.27 13:21\n" + BODY, "a.txt").meta
    assert meta["publication"] == "한빛일보"
    assert meta["authors"] == [{"name": "홍길동"}]


def test_an_english_sections_name_above_the_headline_is_no_outlet() -> None:
    """ "Column" alone above the headline (이코노미스트's page of a photo column): a section, named in
    English as "Opinion" or "Travel" are."""
    for section in ("Column", "Editorial", "Interview", "Feature"):
        meta = read(f"{section}\n\n{HEADLINE}\n\n입력 2013.05.27 10:00\n\n홍길동 기자\n\n" + BODY, "a.txt").meta
        assert "publication" not in meta, section
        assert meta["title"] == HEADLINE


def test_the_outlet_before_the_headline_printed_again() -> None:
    """ "연합뉴스TV "선배, 수능 대박나세요"…열띤 응원전" over the stamp (a news channel's page): the
    page's title names the outlet first, as others name it after a bar."""
    text = f"{HEADLINE}\n\n사회\n\n한빛뉴스TV {HEADLINE}\n  • 송고시간 2018-11-15 07:09:27\n{HEADLINE}\n\n" + BODY
    assert read(text, "a.txt").meta["publication"] == "한빛뉴스TV"
