"""Captions in shapes tests/data/news3's pages print, and lines that only look like one: a caption
printed twice, once with its triangle; a book listing's entries led by a triangle; a script's first
short line, broken mid-sentence, is no photo's subject."""

from __future__ import annotations

import pytest

from feeds.markup.news import to_html


def test_a_caption_printed_again_with_its_triangle() -> None:
    caption = "모임에 참석한 홍길동 칼럼니스트가 인사말을 전하고 있다. ⓒ한빛뉴스"
    html = to_html(f"{caption}\n▲{caption}\n모임은 21일 열렸다.\n\n둘째 문단이다.\n")
    assert html.count("<figcaption>") == 2
    assert "<small>" not in html


def test_a_book_listings_entries_are_no_captions() -> None:
    body = (
        "▲세상 어딘가에 하나쯤=홍길동 저자\n\n서점의 2층 창고를 고친 작업실 이야기다.\n\n"
        "▲수박=김철수 글·그림\n\n더위를 많이 타는 아이는 여름이 싫었어요.\n"
    )
    assert "<figcaption>" not in to_html(body)


def test_a_scripts_first_line_is_no_photos_subject() -> None:
    body = "행안부의 휴가철 섬으로\n전남 도내 14곳이 선정됐습니다.\n\n행정안전부에 따르면\n33곳이 뽑혔습니다.\n"
    assert "<figcaption>" not in to_html(body)


def test_a_name_glued_above_the_text_is_still_the_photos_subject() -> None:
    body = "박성웅\n배우 박성웅이 10일 서울 한빛구 한빛극장에서 열린 영화 제작보고회에 참석해 인사하고 있다.\n"
    assert "<figcaption>박성웅</figcaption>" in to_html(body)


def test_a_caption_under_its_credit() -> None:
    body = "뉴스1\n한빛일보 보도화면 캡처. 지금은 삭제된 상태.\n\n한빛일보가 오늘 사과했다.\n\n둘째 문단.\n"
    html = to_html(body)
    assert html.count("<figcaption>") == 2
    assert "<p>한빛일보가 오늘 사과했다.</p>" in html


@pytest.mark.parametrize(
    "caption", ["개관식 모습. ⓒ한빛일보", "개관식 모습 ⓒ 연합뉴스", "그래픽=김철수 기자", "사진설명: 개관식 모습"]
)
def test_a_caption_between_paragraphs(caption: str) -> None:
    html = to_html(f"한빛시는 10일 새 도서관을 열었다고 밝혔다.\n\n{caption}\n\n시는 분관도 열 계획이다.\n")
    assert f"<figcaption>{caption}</figcaption>" in html


def test_a_copyright_notice_ending_in_the_outlet_still_closes() -> None:
    html = to_html("한빛시는 10일 새 도서관을 열었다고 밝혔다.\n\n무단전재 및 재배포 금지 ⓒ 한빛일보\n\n홍길동 기자\n")
    assert "<small>무단전재 및 재배포 금지 ⓒ 한빛일보</small>" in html
