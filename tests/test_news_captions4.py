"""Captions and closings in shapes unseen outlets print (tests/data/news4): a photo agency's credit
of three words between paragraphs (``ⓒ Getty Images Bank``), a caption printed twice with and
without its full stop, a roundup's ``▲ 경향신문 = …`` entries (no captions), a paragraph of several
sentences crediting its photo at its end (no caption), and ``<name/desk role e-mail>`` closing."""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers import read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


def test_an_agencys_credit_of_three_words_between_paragraphs() -> None:
    html = to_html("첫 문단이다.\n\nⓒ Getty Images Bank\n\n둘째 문단이다.\n")
    assert "<figcaption>ⓒ Getty Images Bank</figcaption>" in html
    assert "<small>" not in html


def test_a_caption_printed_twice_with_its_full_stop() -> None:
    html = to_html("첫 문단이다.\n\n체험관의 모습\n체험관의 모습.\n\n둘째 문단이다.\n")
    assert html.count("<figcaption>") == 2


def test_a_roundups_entries_are_no_captions() -> None:
    body = "▲ 한빛일보 = 새 도서관 문 열어\n\n시민 반겨\n\n▲ 한빛신문 = 도서관 예산 늘려야\n\n둘째 문단이다.\n"
    assert "<figcaption>" not in to_html(body)


def test_a_paragraph_crediting_its_photo_at_its_end() -> None:
    body = (
        "눈이 왔다. 하늘은 뿌옜다. 도봉산도 눈을 맞고 있다. 천하절경이다. (사진 = 홍길동)\n\n"
        "<홍길동/전문기자 hong@example.com>\n"
    )
    assert "<figcaption>" not in to_html(body)


def test_a_closing_with_the_desk_between_name_and_role() -> None:
    text = (
        "새 도서관 문 열어\n\n입력 : 2022/12/15 [13:11]\n\n" + BODY + "\n<홍길동/인물인터뷰전문기자 hong@example.com>\n"
    )
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_a_gallerys_credit_with_the_day_it_was_shot() -> None:
    html = to_html(
        "첫 문단이다.\n\n전차가 훈련에서 화염을 내뿜고 있다.\n\n 철원=홍길동 기자(2019. 2. 20)\n둘째 문단이다.\n"
    )
    assert "<figcaption>철원=홍길동 기자(2019. 2. 20)</figcaption>" in html


def test_a_graphic_credit_closing_names_the_intern() -> None:
    text = "새 도서관 문 열어\n\n입력 : 2022/12/15 [13:11]\n\n" + BODY + "\n/글·그래픽=홍길동 인턴 hong@example.com\n"
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_what_a_photo_shows_alone_between_paragraphs() -> None:
    html = to_html("첫 문단이다.\n\n\n기념예배에서 관계자들이 케익커팅을 하고있다\n\n둘째 문단이다.\n")
    assert "<figcaption>기념예배에서 관계자들이 케익커팅을 하고있다</figcaption>" in html
    assert "<figcaption>" not in to_html("첫 문단이다.\n\n도서관이 문을 열고 있다.\n\n둘째 문단이다.\n")
