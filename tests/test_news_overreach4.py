"""Rules added for tests/data/news3 that reached too far on unseen outlets: each case here was read
right before them. A role word glued to a byline is no workplace (``홍길동 수습기자``, the byline
printed twice ``홍길동 기자홍길동 기자``), a bullet line of the head is no photo's subject, a template's
empty ``()`` is no outlet's name, a share button's label is no deck, and the headline printed
again between the deck and the byline is no photo's caption."""

from __future__ import annotations

import pytest

from feeds.markup.news import to_html
from feeds.readers import read
from feeds.readers.newshead import classify

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


@pytest.mark.parametrize("line", ["홍길동 수습기자", "홍길동 인턴기자", "• 홍길동 기자홍길동 기자"])
def test_a_role_glued_to_the_byline_is_no_workplace(line: str) -> None:
    info = classify(line)
    assert info is not None
    assert info.authors[0] == {"name": "홍길동"}


def test_a_bylines_doubled_print_under_the_stamps() -> None:
    text = (
        "새 도서관 문 열어\n\n  • 사회\n\n  • 승인 2025-05-07 16:56\n  • 신문게재 2025-05-08 1면\n"
        "  • 홍길동 기자홍길동 기자\n" + BODY
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
    assert "figcaption" not in to_html(parsed.body)


def test_a_trainees_byline_between_the_headline_and_the_stamp() -> None:
    text = "새 도서관 문 열어\n\n월간한빛\n\n홍길동 수습기자\n\n  • 등록 2017.05.01 11:55\n  • 조회수 63\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
    assert "summary" not in parsed.meta


def test_an_empty_template_slot_is_no_outlet() -> None:
    text = "새 도서관 문 열어\n  • 편집국 ()\n  • 승인 1990.12.20 00:00\n이 기사를 공유합니다\n\n" + BODY
    parsed = read(text, "a.txt")
    assert "publication" not in parsed.meta
    assert "summary" not in parsed.meta


def test_the_headline_again_above_the_byline_is_no_caption() -> None:
    text = (
        "새 도서관 문 열어\n\n등록 2025.06.16 11:46:53수정 2025.06.16 15:06:25\n\n"
        "시민의 휴식 공간\n\n새 도서관 문 열어\n\n[한빛=뉴시스] 홍길동 기자 = " + BODY
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"] == "시민의 휴식 공간"
    assert "figcaption" not in to_html(parsed.body)
    assert "새 도서관 문 열어" in parsed.meta["page_lines"]
