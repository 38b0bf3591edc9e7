"""Dates, writers and outlets in head shapes first met in tests/data/news12 and news13, read by
the line's properties rather than one pattern per outlet.

Each case is a made-up article in the shape of a real page's head.
"""

from __future__ import annotations

import pytest

from feeds.errors import ContentError
from feeds.readers import read

HEADLINE = "새 도서관 문 열어 시민 반겨"
BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


def _meta(text: str) -> dict[str, object]:
    return read(text, "a.txt").meta


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "홍길동 기자l승인2020.01.27",  # econonews: a Latin l glued between the byline and the label
        "홍길동 기자 l 승인 2020.01.27",  # seoultech's menu: "신문사소개 l 공지사항 l …"
        "홍길동 기자 ㅣ 승인 2020.01.27",  # the Hangul vowel, already read as a bar
        "홍길동 기자 I 승인 2020.01.27",  # a capital I, spaced: one capital letter is page junk already
    ],
)
def test_a_letter_standing_for_a_bar_parts_the_date_line(line: str) -> None:
    meta = _meta(f"{HEADLINE}\n\n{line}\n\n{BODY}")
    assert meta["date"] == "2020.01.27"
    assert meta["authors"] == [{"name": "홍길동"}]


def test_an_l_inside_a_latin_word_is_no_bar() -> None:
    # "Global 2020.01.27": a word, not a separator; the line stays text and nothing dates the page
    with pytest.raises(ContentError):
        read(f"{HEADLINE}\n\nGlobal world 2020.01.27 hello\n\n{BODY}", "a.txt")


def test_a_templates_unfilled_slot_and_a_clock_cut_to_its_hour() -> None:
    # seoultech: the writer's slot printed "null", the minutes cut off, the issue and a counter after
    meta = _meta(f"{HEADLINE}\n\nnull ㅣ 기사 승인 2024-02-05 14  |  685호 ㅣ 조회수 : 345\n\n{BODY}")
    assert meta["date"] == "2024-02-05 14:00"
    assert "authors" not in meta and "publication" not in meta


def test_a_number_after_a_date_in_a_sentence_is_no_hour() -> None:
    meta = _meta(f"{HEADLINE}\n\n입력 2024-02-05 10:20\n\n{BODY}2024-02-05 14 명이 왔다.\n")
    assert meta["date"] == "2024-02-05 10:20"


# --- the head's bullet lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "논설주간",  # koscaj: the writer's post, their name left out
        "논설실장",
        "편집국장",
        "발행인",
        "추천 추천하기",  # edit: a button, its label and its verb
        "ba",  # chsnews: a share button's code ("fa tw gp", "• ba", "• ka ks url")
    ],
)
def test_a_bullet_naming_no_one_is_no_outlet(word: str) -> None:
    meta = _meta(f"{HEADLINE}\n  • {word}\n  • 승인 2019.11.11 07:00\n  • 댓글 0\n\n" + BODY)
    assert "publication" not in meta and "authors" not in meta
    assert f"• {word}" in meta["page_lines"]


@pytest.mark.parametrize("label", ["Editor.", "Editor", "Writer", "글"])
def test_a_writers_label_and_name_on_a_bullet(label: str) -> None:
    # travie: "• Editor. 김예지" above "• 입력 2018.05.03 10:30"
    meta = _meta(f"{HEADLINE}\n  • {label} 홍길동\n  • 입력 2018.05.03 10:30\n  • 댓글 0\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]
    assert "publication" not in meta


@pytest.mark.parametrize("word", ["월간원예", "한빛신문", "Forbes"])
def test_an_outlets_word_on_a_bullet_is_still_the_outlet(word: str) -> None:
    meta = _meta(f"{HEADLINE}\n  • {word}\n  • 승인 2019.11.11 07:00\n  • 댓글 0\n\n" + BODY)
    assert meta["publication"] == word


# --- the text's opening byline ----------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "한빛신문 홍길동 국장= ",  # conslove: the paper's editor writing on its anniversary
        "한빛신문 홍길동 편집국장 = ",
        "[한빛신문 홍길동 보도국장] ",
    ],
)
def test_a_desk_heads_byline_opening_the_text_names_the_outlet(opening: str) -> None:
    meta = _meta(f"{HEADLINE}\n\n승인 2014.07.16 09:43\n\n{opening}{BODY}")
    assert meta["publication"] == "한빛신문"
    assert meta["authors"] == [{"name": "홍길동"}]


# --- a letter's writer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "한빛배연구회 홍길동 회장",  # nongup: the organisation, the name, the post, over a 신년사
        "(사)한빛협회 홍길동 회장\n(사)한빛협회 홍길동 회장",  # printed again under the photo
        "한빛시 한빛구의회 홍길동 의장",
    ],
)
def test_a_letter_signed_organisation_name_and_post(credit: str) -> None:
    text = f"[신년사] {HEADLINE}\n  • 한빛신문\n  • 승인 2020.01.06 16:22\n\n{credit}\n\n" + BODY
    assert _meta(text)["authors"] == [{"name": "홍길동"}]


def test_organisation_name_and_post_under_a_plain_headline_is_no_writer() -> None:
    text = f"{HEADLINE}\n  • 한빛신문\n  • 승인 2020.01.06 16:22\n\n한빛배연구회 홍길동 회장\n\n" + BODY
    assert "authors" not in _meta(text)


# --- the outlet opening the text --------------------------------------------------------------

SENTENCE = "국내 재계 서열 30위권에 속하는 대기업 총수들은 대저택에 거주한다. 둘째 문장이다."


@pytest.mark.parametrize("caption", ["", "▲ 한빛시 새 도서관 전경\n\n"])
def test_a_bracketed_name_opening_the_texts_first_paragraph_is_the_outlet(caption: str) -> None:
    # bizhankook "[비즈한국] 국내 재계 …", newsstep "[뉴스스텝] 연천군 …" under a photo's caption
    meta = _meta(f"{HEADLINE}\n\n2019.07.25(Thu) 18:01:54\n\n{caption}[비즈한빛] {SENTENCE}\n\n둘째 문단이다.\n")
    assert meta["publication"] == "비즈한빛"


@pytest.mark.parametrize(
    "opening",
    [
        "[앵커] ",  # a broadcast's cue
        "[홍길동] ",  # a speaker
        "[알림] ",  # a label
        "[단독] ",
    ],
)
def test_a_cue_a_speaker_or_a_label_opening_the_text_is_no_outlet(opening: str) -> None:
    meta = _meta(f"{HEADLINE}\n\n2019.07.25(Thu) 18:01:54\n\n{opening}{SENTENCE}\n\n둘째 문단이다.\n")
    assert "publication" not in meta


def test_a_bracketed_name_over_a_short_line_is_no_outlet() -> None:
    meta = _meta(f"{HEADLINE}\n\n2019.07.25(Thu) 18:01:54\n\n[창간특집] 새해 이렇게 바뀝니다\n\n{SENTENCE}\n")
    assert "publication" not in meta


# --- a byline too long for a person -----------------------------------------------------------


def test_a_byline_naming_more_than_a_persons_name_is_the_site_posting() -> None:
    # hdgochang: "해피데이고창 기자 / 입력 : 2011년 01월 03일(월) 16:48"; the paper's name, no one's
    meta = _meta(f"{HEADLINE}\n한빛데이고창 기자 / 입력 : 2011년 01월 03일(월) 16:48\n\n{BODY}")
    assert meta["publication"] == "한빛데이고창"
    assert "authors" not in meta


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("경제홍길동 기자", "홍길동"),  # a section glued before the name
        ("홍길동 기자홍길동 기자", "홍길동"),  # a byline printed twice, glued
        ("남궁길동 기자", "남궁길동"),
    ],
)
def test_a_name_with_a_section_or_a_role_glued_is_still_a_persons(byline: str, name: str) -> None:
    meta = _meta(f"{HEADLINE}\n{byline} / 입력 : 2011년 01월 03일(월) 16:48\n\n{BODY}")
    assert meta["authors"] == [{"name": name}]


# --- a word before the stamp's label ----------------------------------------------------------


def test_a_word_before_the_label_after_a_counter_is_the_outlet() -> None:
    # ruliweb: "조회수 11610 | 루리웹 | 입력 2023.03.17 (14:20:00)", as "루리웹 | 입력 …" is read
    meta = _meta(f"{HEADLINE}\n\n조회수 11610 | 게임웹 | 입력 2023.03.17 (14:20:00)\n{BODY}")
    assert meta["publication"] == "게임웹"
    assert meta["date"] == "2023.03.17 (14:20:00)"


def test_a_counter_alone_before_the_label_names_no_outlet() -> None:
    meta = _meta(f"{HEADLINE}\n\n조회수 11610 | 입력 2023.03.17 (14:20:00)\n{BODY}")
    assert "publication" not in meta


def test_a_word_after_the_stamp_is_still_no_outlet() -> None:
    meta = _meta(f"{HEADLINE}\n\n조회수 11610 | 입력 2023.03.17 (14:20:00) | 피플\n{BODY}")
    assert "publication" not in meta


def test_a_student_reporter_by_cohort_in_the_dashed_fields() -> None:
    # semyung: "- 17기 주희" / "- 조회 : 159" / "- 등록일 : 2025-03-16" under the headline
    meta = _meta(f"{HEADLINE}\n- 17기 홍길동\n- 조회 : 159\n- 등록일 : 2025-03-16\n{BODY}")
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["date"] == "2025-03-16"


# --- a headline carrying its writer's credit --------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        ("한빛신문에 바란다 - 김 순 임 (주부)", "김순임"),  # bsbukgu: spaced out, the occupation after
        ("홍 길 동 한빛구의회 의장/ 지방의회 활동 발빠르게 전달", "홍길동"),  # sijung: the credit leads
    ],
)
def test_a_headline_credit_spaced_out_or_leading_the_headline(headline: str, name: str) -> None:
    text = f"{headline}\n  • 한빛일보\n  • 승인 2015.05.21 13:03\n\n" + BODY
    assert _meta(text)["authors"] == [{"name": name}]


@pytest.mark.parametrize(
    "headline",
    [
        "홍길동 한빛구청장/ 구정 운영 방향 밝혀",  # the person the story is about, not spaced
        "시민의 목소리 - 한빛시 (종합)",  # a label in parentheses, no name
    ],
)
def test_a_person_named_in_a_headline_is_no_writer(headline: str) -> None:
    text = f"{headline}\n  • 한빛일보\n  • 승인 2015.05.21 13:03\n\n" + BODY
    assert "authors" not in _meta(text)


# --- the closing credit -----------------------------------------------------------------------


def test_a_closing_credit_after_a_note_on_the_copys_source() -> None:
    # hortitimes: "<2007년 3월호 참조>취재 /최서임 부장 wonye@hortitimes.com" closing the text
    closing = "<2007년 3월호 참조>취재 /홍길동 부장 hong@example.com\n키워드 - 품종 선택, 토경재배\n"
    text = f"{HEADLINE}\n  • 월간원예\n  • 승인 2007.04.06 17:29\n\n{BODY}\n{closing}"
    assert _meta(text)["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


# --- two writers ------------------------------------------------------------------------------


def test_the_heads_poster_and_the_texts_byline_are_both_writers() -> None:
    # pressna: "- 경제/산업 / 백재욱 / 2015-03-06 20:20:49" over "(이슈타임)김지현 기자=지난 5일 …"
    text = f"{HEADLINE}\n- 경제/산업 / 홍길동 / 2015-03-06 20:20:49\n\n(한빛타임)김철수 기자=지난 5일 {BODY}"
    assert _meta(text)["authors"] == [{"name": "홍길동"}, {"name": "김철수"}]


def test_the_same_writer_in_the_head_and_the_texts_byline_is_one() -> None:
    text = f"{HEADLINE}\n홍길동 기자 | 입력 2015-03-06 20:20\n\n[한빛일보 홍길동 기자] 지난 5일 {BODY}"
    assert _meta(text)["authors"] == [{"name": "홍길동"}]
