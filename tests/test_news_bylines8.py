"""Bylines and decks of the eighth corpus (tests/data/news8) that the reader missed, each from a
real page's shape (named after the page).

- ikld_1 (국토일보), newspenguin_1 (뉴스펭귄): a writer's name spaced out letter by letter, with the
  post and where they work, under the head (``박 종 순 한국CM협회 본부장``) or signing the letter at
  its end (``원장 윤 제 용``).
"""

from __future__ import annotations

from feeds.readers import news
from feeds.readers.newsbody import from_body
from feeds.readers.newshead import classify


def test_a_spaced_out_name_with_its_post_is_the_writer() -> None:
    info = classify("박 종 순 한국CM협회 본부장")
    assert info is not None and info.authors == [{"name": "박종순"}]
    info = classify("원장 윤 제 용")
    assert info is not None and info.authors == [{"name": "윤제용"}]


def test_a_spaced_out_name_alone_or_the_font_buttons_name_no_one() -> None:
    assert classify("김 철 수") is None  # no post: a spaced-out headline's words as well
    info = classify("가 가 가")
    assert info is None or info.authors == []


def test_a_letter_signed_with_a_spaced_out_name() -> None:
    body = "한빛뉴스의 창간을 진심으로 축하합니다.\n\n앞날에 응원을 보냅니다.\n\n한빛환경연구원\n원장 홍 길 동\n"
    assert from_body(body) == (None, [{"name": "홍길동"}])


def test_the_spaced_out_writer_under_the_head_is_no_deck() -> None:
    text = (
        "[창사 20주년 메시지] 힘찬 도약 밑거름 되길\n  • 한빛일보\n  • 승인 2014.03.24 09:14\n\n"
        "박 종 순 한빛건설협회 본부장\n\n한빛일보 창간 20주년을 진심으로 축하드립니다. 앞날을 응원합니다.\n"
    )
    assert news.detect(text), news.why_not(text)
    parsed = news.read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "박종순"}]
    assert "summary" not in parsed.meta
    assert "박 종 순 한빛건설협회 본부장" in parsed.meta["page_lines"]


# ikld_1 (국토일보): the headline printed again over the text without its series label.
def test_the_headline_again_without_its_series_label_is_no_deck() -> None:
    text = (
        "[창사 20주년 메시지] 힘찬 도약 밑거름 되길\n  • 한빛일보\n  • 승인 2014.03.24 09:14\n\n"
        "힘찬 도약 밑거름 되길\n\n한빛일보 창간 20주년을 진심으로 축하드립니다. 앞날을 응원합니다.\n"
    )
    parsed = news.read(text, "a.txt")
    assert "summary" not in parsed.meta


# hdhy_1 (현대해양): the desk's byline names the magazine, which the head prints bracketed alone too.
def test_a_byline_naming_the_outlet_printed_bracketed_is_the_desk() -> None:
    text = (
        "기사로 보는 해양수산 50년\n  • 한빛해양 기자\n  • 승인 2020.07.10 08:49\n  • 댓글 0\n이 기사를 공유합니다\n\n"
        "[한빛해양]\n\n1970년 7월호\n\n해양개발연구소가 제공한 잠수의학 지식을 소개했다. 화제의 인물도 실었다.\n"
    )
    parsed = news.read(text, "a.txt")
    assert "authors" not in parsed.meta
    assert parsed.meta["publication"] == "한빛해양"


def test_a_byline_and_a_bracketed_label_of_other_names_stay_apart() -> None:
    text = (
        "기사로 보는 해양수산 50년\n  • 한빛일보\n  • 홍길동 기자\n  • 승인 2020.07.10 08:49\n\n"
        "[기획연재]\n\n해양개발연구소가 제공한 잠수의학 지식을 소개했다. 화제의 인물도 실었다.\n"
    )
    parsed = news.read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]


# tournews21_1 (투어코리아): the outlet's bracketed dateline, set off from the text by two spaces.
def test_a_bracketed_name_set_off_from_the_text_is_its_outlet() -> None:
    assert from_body("[한빛코리아]  전남 곡성군이 축제를 연다.\n\n축제는 나흘 동안 열린다.\n")[0] == "한빛코리아"


def test_a_bracketed_label_set_off_or_a_name_glued_is_no_outlet() -> None:
    assert from_body("[단독]  전남 곡성군이 축제를 연다.\n")[0] is None
    assert from_body("[한빛코리아] 전남 곡성군이 축제를 연다.\n")[0] is None
