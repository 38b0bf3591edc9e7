"""Dates, writers and outlets in head shapes first met in tests/data/news10 and news11, read by
general properties rather than one pattern per outlet.

A stamp the page's software printed (with its label, or with seconds) is the article's date
whatever short page words are glued around it, when it stands under the headline; those words
are page lines, kept. A date a person types (no label, no seconds: a diary's "맑음 2011.08.16
03:35") stays text, and a clock above the headline is the page's, not the article's. Each case is
a made-up article in the shape of a real page's head.
"""

from __future__ import annotations

import pytest

from feeds.readers import read
from feeds.readers.news import detect

HEADLINE = "새 도서관 문 열어 시민 반겨"
DECK = "시청 옆에 3층 규모로 들어서"
BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


def _meta(text: str) -> dict[str, object]:
    return read(text, "a.txt").meta


# --- dates ------------------------------------------------------------------------------------


def test_an_english_weekday_in_parentheses_like_a_korean_one() -> None:
    # bizhankook: "2019.07.25(Thu) 18:01:54" under the headline and its deck
    meta = _meta(f"{HEADLINE}\n{DECK}\n2019.07.25(Thu) 18:01:54\n[한빛일보] {BODY}")
    assert "2019.07.25" in str(meta["date"]) and "18:01:54" in str(meta["date"])
    assert meta["summary"] == DECK


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("기사입력 2021-12-03 17:06:54   폰트크기 변경      ", "2021-12-03 17:06:54"),  # cnews: a tool's label
        ("스포츠/레저 2011/07/01 14:01 입력", "2011/07/01 14:01"),  # diodeo: the section, the label after
        ("기획/특집 2015-03-13 15:47:51", "2015-03-13 15:47:51"),  # thisisgame: seconds, the section
        ("2022-09-13T13:44:46+00:002022.09.13|피플|", "2022-09-13T13:44:46+00:00"),  # wkorea: UTC, as shown
    ],
)
def test_a_printed_stamp_with_page_words_glued_around_it(line: str, date: str) -> None:
    meta = _meta(f"{HEADLINE}\n{line}\n{BODY}")
    assert meta["date"] == date
    assert meta["page_lines"] == [" ".join(line.split())]  # the glued words are kept, not lost


def test_a_board_row_with_counters_spaced_out() -> None:
    # mypnu: the posting account, an asterisk, the date, "조회 수 1422" and "댓글 1" glued together
    meta = _meta(f"{HEADLINE}\n한빛신문*2011.12.07 17:17조회 수 1422댓글 1\n{BODY}")
    assert meta["date"] == "2011.12.07 17:17"
    assert meta["publication"] == "한빛신문"


def test_a_typed_date_and_a_word_under_the_headline_stay_text() -> None:
    # no label, no seconds: a diary's date and weather, not a stamp
    assert not detect(f"{HEADLINE}\n맑음 2011.08.16 03:35\n\n" + BODY)
    assert not detect(f"{HEADLINE}\n맑음 2011.08.16 03:35 바람\n\n" + BODY)


def test_a_clock_with_page_words_above_the_headline_dates_nothing() -> None:
    # the page's top bar: its clock with seconds and its links, and no stamp under the headline
    assert not detect(f"즐겨찾기+ 날짜 : 2024-09-11 16:34:12 회원가입 PDF원격\n{HEADLINE}\n{DECK}\n\n" + BODY)
    assert not detect(f"2018.11.20 13:34:10  제보/광고문의 : 010)3605-4420\n{HEADLINE}\n{DECK}\n\n" + BODY)


def test_an_english_date_led_by_on() -> None:
    # smlounge: "On August 09, 2018" under the headline and its standfirst
    meta = _meta(f"{HEADLINE}\n{DECK}\nOn August 09, 2018\n\n" + BODY)
    assert meta["date"] == "August 09, 2018"


def test_on_inside_a_word_is_no_label() -> None:
    assert not detect(f"{HEADLINE}\nMarathon August 09, 2018\n\n" + BODY)


def test_the_sites_clock_above_the_page_and_the_articles_stamp_under_the_headline() -> None:
    # seoraknews: "최종편집 : 2020-02-24 오전 10:06:32" tops the page; the article's stamp is under the headline
    top = "최종편집 : 2020-02-24 오전 10:06:32\n전체기사\n종합\n뉴스 > 특집\n"
    meta = _meta(f"{top}{HEADLINE}\n{DECK}\n2014년 02월 01일(토) 11:26 [한빛뉴스]\n\n" + BODY)
    assert meta["date"] == "2014년 02월 01일(토) 11:26"
    assert "updated" not in meta
    assert meta["title"] == HEADLINE


def test_a_printer_friendly_stamp_above_the_headline_still_dates_it() -> None:
    meta = _meta(f"입력 2014.02.01 11:26\n{HEADLINE}\n{DECK}\n\n" + BODY)
    assert meta["date"] == "2014.02.01 11:26"


# --- outlets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["뉴스", "뉴스방송", "NEWS", "LIFESTYLE", "Lifestyle", "OFF"])
def test_a_generic_word_alone_atop_the_page_is_no_outlet(word: str) -> None:
    # tbc "뉴스", cts "뉴스방송", joatech "NEWS", smlounge "LIFESTYLE", soraknews "OFF": a menu's words, a toggle
    meta = _meta(f"{word}\n{HEADLINE}\n{DECK}\n입력 2020.05.25 17:25\n\n" + BODY)
    assert "publication" not in meta
    assert meta["page_lines"] == [word]


def test_an_outlets_name_alone_atop_the_page_is_still_the_outlet() -> None:
    meta = _meta(f"한빛뉴스\n{HEADLINE}\n{DECK}\n입력 2020.05.25 17:25\n\n" + BODY)
    assert meta["publication"] == "한빛뉴스"


@pytest.mark.parametrize("word", ["인물", "교계", "대전"])
def test_a_two_syllable_word_on_a_bullet_above_the_stamp_is_the_section(word: str) -> None:
    # djtimes "• 인물", beopbo "• 교계", joongdo "• 대전": the CMS's section field, no writer, no outlet
    meta = _meta(f"{HEADLINE}\n  • {word}\n  • 입력 2019.04.04 14:01\n  • 댓글 0\n\n" + BODY)
    assert "authors" not in meta and "publication" not in meta
    assert f"• {word}" in meta["page_lines"]


def test_a_three_syllable_name_on_a_bullet_is_still_the_writer() -> None:
    meta = _meta(f"{HEADLINE}\n  • 홍길동\n  • 입력 2019.04.04 14:01\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]


# --- writers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        ("한빛신문 창간 30돌에 부쳐 / 홍길동 발행인", "홍길동"),  # soraknews: the publisher's letter
        ("지역 언론이 가야 할 길 - 김철수 한빛대 교수", "김철수"),  # a column, its writer after a dash
    ],
)
def test_a_headline_credited_after_a_slash_or_a_dash(headline: str, name: str) -> None:
    meta = _meta(f"{headline}\n{DECK}\n등록날짜 [ 2020년05월25일 17시25분 ]\n\n" + BODY)
    assert meta["authors"] == [{"name": name}]


def test_a_headline_with_a_dash_and_no_post_credits_no_one() -> None:
    meta = _meta("지역 언론이 가야 할 길 - 김철수 이야기\n등록날짜 [ 2020년05월25일 17시25분 ]\n\n" + BODY)
    assert "authors" not in meta


def test_a_bulleted_writer_with_where_they_work_and_their_post() -> None:
    # citizenautonomy: "• 공석기 서울대 교수" above "• 승인 …"
    meta = _meta(f"{HEADLINE}\n  • 홍길동 한빛대 교수\n  • 승인 2021.02.10 13:09\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]
    assert "• 홍길동 한빛대 교수" in meta["page_lines"]  # where they work is kept with the line


def test_a_title_in_two_words_is_no_workplace() -> None:
    # okinews: "• 정두현 발기인 대표 webmaster@okinews.com"
    meta = _meta(f"{HEADLINE}\n  • 홍길동 발기인 대표 hong@example.com\n  • 승인 2021.02.10 13:09\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_a_word_in_the_dashed_list_beside_the_date_is_the_source() -> None:
    # zum: a portal's photo view, "- 스포츠서울" / "- 2025-04-18 07:30" / "- 기사 전체 보기"
    teaser = "홍길동. 사진 | 한빛엔터 홍길동은 영화 시사회가 되면 긴장한다. 영화 상영 뒤 이어지는"
    meta = _meta(f"{HEADLINE}\n{teaser}\n- 한빛스포츠\n- 2025-04-18 07:30\n- 기사 전체 보기\n")
    assert meta["publication"] == "한빛스포츠"


def test_a_dashed_item_far_from_the_date_is_still_text() -> None:
    meta = _meta(f"{HEADLINE}\n입력 2025-04-18 07:30\n\n- 한빛스포츠\n\n" + BODY)
    assert "publication" not in meta


def test_a_desk_byline_repeating_the_sites_name_as_its_account() -> None:
    # thisisgame: "디스이즈게임(디스이즈게임) 2015-03-13 15:47:51": the site posting under its own name
    meta = _meta(f"{HEADLINE}\n{DECK}\n한빛게임(한빛게임) 2015-03-13 15:47:51\n\n" + BODY)
    assert meta["publication"] == "한빛게임"
    assert "authors" not in meta


def test_a_writer_and_another_account_is_no_outlet() -> None:
    meta = _meta(f"{HEADLINE}\n홍길동(hong) 2015-03-13 15:47:51\n\n" + BODY)
    assert "publication" not in meta


@pytest.mark.parametrize("label", ["매체명 : ", "언론사: ", "출처 | "])
def test_the_outlets_label_on_a_line_of_its_own(label: str) -> None:
    # smalllibrary: "매체명 : KFM경기방송" between the headline and "보도일 : 2019.12.09"
    meta = _meta(f"{HEADLINE}\n{label}한빛방송\n보도일 : 2019.12.09\n\n" + BODY)
    assert meta["publication"] == "한빛방송"
    assert "summary" not in meta or "한빛방송" not in str(meta["summary"])


CLOSINGS = [
    "[한빛스타TV 홍길동 기자/사진=SBS 중계 캡처]",
    "[한빛일보 홍길동 기자]",
    "<한빛일보 홍길동 기자 hong@example.com>",
]


@pytest.mark.parametrize("closing", CLOSINGS)
def test_a_bracketed_byline_closing_a_long_text(closing: str) -> None:
    # newsinside: "[스타서울TV 이현지 기자/사진=SBS 중계 캡처]" after a dozen paragraphs
    paragraphs = "\n\n".join(f"{n}번째 문단에서 한빛시는 도서관 이야기를 이어 갔다." for n in range(12))
    meta = _meta(f"{HEADLINE}\n  • 승인 2017.05.10 12:11\n\n{paragraphs}\n\n{closing}\n")
    assert meta["authors"][0]["name"] == "홍길동"  # type: ignore[index]
    assert meta["publication"] in ("한빛스타TV", "한빛일보")


def test_a_bracketed_name_and_title_closing_the_text_is_no_byline() -> None:
    paragraphs = "\n\n".join(f"{n}번째 문단에서 한빛시는 도서관 이야기를 이어 갔다." for n in range(12))
    meta = _meta(f"{HEADLINE}\n  • 승인 2017.05.10 12:11\n\n{paragraphs}\n\n[한빛일보 홍길동]\n")
    assert "authors" not in meta


def test_a_photo_item_signed_by_its_photographer_with_the_address() -> None:
    # hani: the photo's only paragraph, between the headline and the stamp, signed with name and address
    photo = "홍길동 한빛시장이 24일 오전 시청에서 열린 회의에 참석하고 있다. 김철수 선임기자 kim@example.com"
    meta = _meta(f"{HEADLINE}\n{photo}\n항상 시민과 함께하겠습니다.\n등록 2019-06-24 10:54수정 2019-06-24 16:00\n\n")
    assert meta["authors"] == [{"name": "김철수", "email": "kim@example.com"}]


def test_a_photographer_signing_a_caption_above_the_text_is_no_writer() -> None:
    photo = "홍길동 한빛시장이 24일 오전 시청에서 열린 회의에 참석하고 있다. 김철수 선임기자 kim@example.com"
    meta = _meta(f"{HEADLINE}\n{photo}\n등록 2019-06-24 10:54\n\n" + BODY)
    assert "authors" not in meta


def test_a_bare_word_among_the_page_words_glued_to_a_stamp_is_no_writer() -> None:
    # wkorea: "2022-09-13T13:44:46+00:002022.09.13|피플|": the section between bars, no one's name
    meta = _meta(f"{HEADLINE}\n2022-09-13T13:44:46+00:002022.09.13|피플|\n{BODY}")
    assert "authors" not in meta
    assert meta["page_lines"] == ["2022-09-13T13:44:46+00:002022.09.13|피플|"]


def test_the_texts_byline_names_the_outlet_over_a_word_atop_the_page() -> None:
    # joatech: "업계뉴스" (a section) atop the page; the text opens "[가스신문 = 김재형 기자] …"
    text = f"업계뉴스\n{HEADLINE}\n송고일 : 2026-01-08\n\n[한빛신문 = 홍길동 기자] {BODY}"
    meta = _meta(text)
    assert meta["publication"] == "한빛신문"
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["page_lines"] == ["업계뉴스"]  # the word's line is kept, one of the page's


def test_an_outlet_on_the_date_line_is_kept_over_the_texts_byline() -> None:
    meta = _meta(f"{HEADLINE}\n한빛일보 | 입력 2026-01-08 10:00\n\n[한빛뉴스 = 홍길동 기자] {BODY}")
    assert meta["publication"] == "한빛일보"


@pytest.mark.parametrize("weekday", ["(수)", "수요일"])
def test_a_site_clock_under_the_sites_motto_dates_nothing(weekday: str) -> None:
    # the page's top bar under its motto, the article undated: its weekday tells the clock
    clock = f"2024-09-11 16:34:12 {weekday} 회원가입 기사제보"
    assert not detect(f"바른 소리, 곧은 소리\n{clock}\n{HEADLINE}\n{DECK}\n\n" + BODY)
