"""Captions of the fifth corpus (tests/data/news5) the body's reader missed.

- A caption signed by its photographer after the full stop and a slash, the byline's way of a
  photo: ``… 구슬땀을 흘리고 있다. /김항룡 기자`` (jgtimes_1, 기장타임즈), with the agency before
  the name: ``… 더위를 식히고 있다./뉴스1=전혜원 기자`` (mt_2, 머니투데이). Closing the article,
  the same signature is the reporter's, and stays text.
- A caption's label of two words: ``[이미지 촬영=대한민국청소년기자단 11기 백지수기자]`` (youthpress_1).
"""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers.newscaptions import is_caption

TEXT = "정월대보름을 앞두고 철마면 청년회가 달집을 세웠다. 행사는 오후 3시에 시작된다."


def test_a_caption_signed_by_its_photographer() -> None:
    body = f"정월대보름 달집태우기를 위해 철마면 청년들이 구슬땀을 흘리고 있다. /김항룡 기자\n\n{TEXT}\n"
    assert "<figcaption>정월대보름 달집태우기를" in to_html(body)


def test_a_caption_signed_with_the_agency_and_its_photographer_glued_to_the_text() -> None:
    caption = "지난달 30일 부산 해운대해수욕장에서 많은 피서객들이 더위를 식히고 있다./뉴스1=전혜원 기자"
    html = to_html(f"{caption}\n{TEXT}\n")
    assert f"<figcaption>{caption}</figcaption>" in html
    assert f"<p>{TEXT}</p>" in html


def test_the_same_signature_closing_the_article_is_text() -> None:
    last = "행사는 주민 500여 명이 참여한 가운데 무사히 끝났다. /김항룡 기자"
    html = to_html(f"{TEXT}\n\n{last}\n")
    assert "figcaption" not in html


def test_a_caption_label_of_two_words() -> None:
    assert is_caption("[이미지 촬영=대한민국청소년기자단 11기 백지수기자]")
    assert is_caption("(사진 촬영=홍길동 기자)")


def test_a_button_glued_above_the_text_is_no_photo_subject() -> None:
    # kbmaeil_1 (경북매일): the scrap button's label left between the date line and the text
    body = "스크랩버튼\n제72주년 광복절인 15일 오후 포항 환호해맞이공원 소녀상 앞에서 아버지가 빗물을 닦아주고 있다.\n"
    assert "figcaption" not in to_html(body)


def test_a_name_glued_above_the_text_is_still_the_photo_subject() -> None:
    body = "박성웅\n배우 박성웅이 15일 서울 강남구에서 열린 제작보고회에서 인사말을 하고 있다. 그는 형사 역을 맡았다.\n"
    assert "<figcaption>박성웅</figcaption>" in to_html(body)


def test_a_photo_alt_text_naming_the_article_is_a_caption() -> None:
    # newsway_1 (뉴스웨이): the photo's alt text, the headline and "기사의 사진", between deck and text
    alt = "김종식 목포시장, 추석맞이 전통시장 방역캠페인 추진 기사의 사진"
    html = to_html(f"경기침체로 인한 상인들 애로사항도 청취\n\n{alt}\n\n{TEXT}\n")
    assert f"<figcaption>{alt}</figcaption>" in html


def test_a_sentence_about_a_photo_is_text() -> None:
    html = to_html(f"{TEXT}\n\n경찰은 현장에서 찍힌 기사의 사진을 증거로 제출했다.\n\n{TEXT}\n")
    assert "figcaption" not in html
