"""Two more lines the head reader places in the deck that are none: the alt text of the article's
photo, the headline and "기사의 사진" ("the article's photo"), which starts the text as the photo's
caption; and an ad's slot named by letters and a number ("ad40"), a page line.

Found in tests/data/news5 (뉴스웨이's AMP page; a regional paper's page, rwn_1); the tests use a
made-up headline.
"""

from __future__ import annotations

from feeds.readers import read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
HEADLINE = "새 도서관 문 열어 시민 반겨"
DECK = "주말부터 시민에게 문 열어"


def test_the_photos_alt_text_ends_the_deck() -> None:
    text = f"{HEADLINE}\n\n등록 2020.09.29 16:04\n\n{DECK}\n\n{HEADLINE} 기사의 사진\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"] == DECK
    assert f"{HEADLINE} 기사의 사진" in parsed.body


def test_an_ads_slot_is_no_deck() -> None:
    parsed = read(f"{HEADLINE}\n\n기사승인 2022.06.17  10:46:01\n\n공유\ndefault_news_ad1\nad40\n\n" + BODY, "a.txt")
    assert "summary" not in parsed.meta
    assert "ad40" in parsed.meta["page_lines"]


def test_the_headline_after_the_outlets_name_is_no_deck() -> None:
    """ "연합뉴스TV "선배, 수능 대박나세요"…열띤 응원전" over the stamp (a news channel's page): the
    page's title, its outlet's name first."""
    text = f"{HEADLINE}\n\n사회\n\n한빛뉴스TV {HEADLINE}\n  • 송고시간 2018-11-15 07:09:27\n{HEADLINE}\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == HEADLINE
    assert "summary" not in parsed.meta


def test_an_arrowed_subheading_starts_the_text() -> None:
    """ "▶ 경남대학보사가 궁금해" under the deck (a university paper's page): a subheading of the
    text, as ▶ marks them, not a second line of the deck."""
    sub = "▶ 새 도서관이 궁금해"
    text = f"{HEADLINE}\n• 홍길동 기자\n• 승인 2023.03.16 10:52\n\n{DECK}\n\n{sub}\n\n  " + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"] == DECK
    assert sub in parsed.body
