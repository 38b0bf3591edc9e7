"""Dates, writers and outlets in head shapes first met in tests/data/news7 and news9.

Each case is a made-up article in the shape of a real page's head: a stamp with spaces in place
of its dots, an English stamp led by its weekday, the site's clock above the headline, a
magazine's name before the stamp's label, a desk's byline naming the outlet where a reporter's
name goes, page words that name no one (an account, a button, a column's name, a team), and the
body's bylines a reader tells at a glance (an anchor's "홍길동 기잡니다.", a desk after a dash, a
place after the outlet, a picture's file name glued before the byline). Undated pages are still
refused.
"""

from __future__ import annotations

import pytest

from feeds.readers import read
from feeds.readers.news import detect

HEADLINE = "새 도서관 문 열어 시민 반겨"
BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


def _meta(text: str) -> dict[str, object]:
    return read(text, "a.txt").meta


# --- dates ------------------------------------------------------------------------------------


def test_a_labelled_stamp_with_spaces_for_its_dots() -> None:
    # twig24: "입력 2022 11 20 20:28" / "수정 2022 11 21 02:23"
    meta = _meta(f"{HEADLINE}\n홍길동 기자\n입력 2022 11 20 20:28\n수정 2022 11 21 02:23\n\n" + BODY)
    assert (meta["date"], meta["updated"]) == ("2022.11.20 20:28", "2022.11.21 02:23")
    assert meta["authors"] == [{"name": "홍길동"}]


def test_numbers_with_spaces_and_no_label_are_no_date() -> None:
    assert not detect(f"{HEADLINE}\n2022 11 20 20:28\n\n" + BODY)


@pytest.mark.parametrize("stamp", ["Friday, January 09, 2015, 10:01:35", "Fri, Jan 9, 2015 10:01:35"])
def test_an_english_stamp_led_by_its_weekday_with_seconds(stamp: str) -> None:
    # inthenews: "Friday, January 09, 2015, 10:01:35" alone under the page's tools; or the weekday cut short
    meta = _meta(f"{HEADLINE}\nURL복사\n{stamp}\n\n" + BODY)
    assert "2015" in str(meta["date"]) and "10:01:35" in str(meta["date"])


def test_an_english_date_led_by_its_weekday_beside_a_byline() -> None:
    # fashionbiz: "Monday, Nov. 29, 2021 | 김다영 기자, gnuoy@fashionbiz.co.kr"
    meta = _meta(f"{HEADLINE}\nMonday, Nov. 29, 2021 | 홍길동 기자, hong@example.com\n\n" + BODY)
    assert "Nov. 29, 2021" in str(meta["date"])
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_an_english_date_led_by_its_weekday_alone_is_still_text() -> None:
    assert not detect(f"{HEADLINE}\nFriday, April 20, 2018\n\n" + BODY)


def test_the_sites_clock_above_the_headline_under_a_slogan() -> None:
    # doctorsnews: the slogan, "updated. 2024-04-27 13:15 (토)", the headline, then the article's stamp
    top = "바른 소리, 곧은 소리\nupdated. 2024-04-27 13:15 (토)\n"
    text = f"{top}{HEADLINE}\n  • 홍길동 기자 hong@example.com\n  • 승인 2004.03.21 00:00\n\n"
    meta = _meta(text + BODY)
    assert meta["date"] == "2004.03.21 00:00"
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_a_magazines_name_before_the_stamps_label() -> None:
    # adic: "광고계동향 기사입력 2011.08.16 03:35 조회 9280"
    meta = _meta(f"{HEADLINE}\n한빛광고동향 기사입력 2011.08.16 03:35 조회 9280\n\n" + BODY)
    assert meta["date"] == "2011.08.16 03:35"
    assert meta["publication"] == "한빛광고동향"


def test_a_word_before_an_unlabelled_date_is_still_text() -> None:
    assert not detect(f"{HEADLINE}\n맑음 2011.08.16 03:35\n\n" + BODY)


def test_a_latin_masthead_around_by_beside_the_date() -> None:
    # cosmopolitan: "COSMOPOLITAN BY COSMOPOLITAN 2022.09.09", the magazine's own desk
    meta = _meta(f"{HEADLINE}\nHANBIT BY HANBIT 2022.09.09\n\n" + BODY)
    assert meta["date"] == "2022.09.09"
    assert meta["publication"] == "HANBIT"
    assert "authors" not in meta


# --- writers and outlets ----------------------------------------------------------------------


def test_a_desk_byline_names_the_outlet_where_the_reporter_goes() -> None:
    # gyeongsangtoday, jlmaeil: "경상투데이 기자 / lsh9700@naver.com입력 : 2019년 10월 13일(일) 19:09"
    meta = _meta(f"{HEADLINE}\n한빛투데이 기자 / desk@example.com입력 : 2019년 10월 13일(일) 19:09\n\n" + BODY)
    assert meta["publication"] == "한빛투데이"
    assert "authors" not in meta


def test_this_paper_between_the_name_and_the_title_is_no_name() -> None:
    # economy21: "• 원성연 본지 편집인"
    meta = _meta(f"{HEADLINE}\n  • 홍길동 본지 편집인\n  • 승인 2013.10.17 13:44\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("  • admin", "publication"),  # bsbukgu: the site's account, in Latin letters
        ("  • 한빛산업팀", "publication"),  # haesanews: a desk's team names no outlet
        ("  • 기자수첩", "authors"),  # medicaltimes: a column's name is no one's
    ],
)
def test_page_words_on_a_bullet_name_no_one(line: str, field: str) -> None:
    meta = _meta(f"{HEADLINE}\n{line}\n  • 승인 2022.11.29 09:43\n\n" + BODY)
    assert field not in meta


def test_a_button_under_the_stamps_is_no_name() -> None:
    # kgunews: "기사수정" under "수정 2022-04-11 16:25:28"
    meta = _meta(f"{HEADLINE}\n  • 홍길동 기자\n  • 등록 2022-03-28 09:28:03\n기사수정\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]


def test_the_rss_button_is_no_outlet() -> None:
    # leisuretimes: "트위터" / "페이스북" / "RSS" above the site's clock
    text = f"트위터\n페이스북\nRSS\n{HEADLINE}\n한빛레저신문  |  desk@example.com\n승인 2017.12.07  10:55:22\n\n"
    assert _meta(text + BODY)["publication"] == "한빛레저신문"


def test_a_templates_marker_is_no_outlet() -> None:
    # pdjournal: "|contsmark1|" under the deck and between the paragraphs of an old page
    body = "|contsmark0|3년 순환제 … 한빛일보 1년 단기 파견\n|contsmark1|\n|contsmark2|\n첫 문단이다.\n"
    text = f"{HEADLINE}\n  • 홍길동 기자\n  • 승인 2006.04.04 16:11\n\n{body}"
    assert "publication" not in _meta(text + BODY)


def test_a_name_above_a_truncated_address_and_the_stamp() -> None:
    # fntimes: "한창호" / "webmaster@" / "기사입력 : 2002-07-14 19:43"
    meta = _meta(f"{HEADLINE}\n홍길동\nwebmaster@\n기사입력 : 2002-07-14 19:43\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]


# --- the body's bylines -----------------------------------------------------------------------


def test_an_anchor_hands_over_with_the_contracted_ending() -> None:
    # cts, jibs: "… 알아봤습니다. 장현수 기잡니다."
    lead = "앵커: 도서관이 새로 문을 열었습니다. 홍길동 기잡니다."
    text = f"{HEADLINE}\n2018-11-09\n{lead}\n\n도서관이 문을 열었습니다.\n"
    assert _meta(text)["authors"] == [{"name": "홍길동"}]


def test_an_opening_outlet_with_its_desk_after_a_dash() -> None:
    # nbntv: "[내외경제TV - 경제1본부] 내외경제TV(회장 …)가 …"
    body = "[한빛경제TV - 경제1본부] 한빛경제TV가 문을 열었다.\n"
    text = f"{HEADLINE}\n홍길동 기자\n기사승인 : 2020-04-02 01:43\n\n{body}"
    assert _meta(text)["publication"] == "한빛경제TV"


def test_an_outlet_in_brackets_as_the_sentences_subject_is_no_opening() -> None:
    # doctorsnews_2: "[의협신문]이 예비 의사들의 눈에 비친 …": the paper writing of itself
    text = f"{HEADLINE}\n  • 홍길동 기자\n  • 승인 2021.07.28 18:16\n\n[한빛신문]이 새 도서관을 열었다.\n"
    assert "publication" not in _meta(text)


def test_a_bracketed_byline_with_a_place_after_the_outlet() -> None:
    # hjn24: "[홍주일보 홍성=김용환 인턴기자] …"
    text = f"{HEADLINE}\n  • 승인 2025.09.26 07:10\n\n[한빛일보 홍성=홍길동 인턴기자] 한빛시는 새 도서관을 열었다.\n"
    meta = _meta(text)
    assert (meta["publication"], meta["authors"]) == ("한빛일보", [{"name": "홍길동"}])


def test_a_byline_glued_to_a_pictures_file_name() -> None:
    # ihopenews: "김승호 박사.jpg[호남교육신문 김두헌 기자] 지난 9월 …"
    text = f"{HEADLINE}\n2018/11/02 12:10 입력\n\n홍길동 박사.jpg[한빛교육신문 김철수 기자] 지난 9월 책이 나왔다.\n"
    meta = _meta(text)
    assert (meta["publication"], meta["authors"]) == ("한빛교육신문", [{"name": "김철수"}])


def test_a_reporter_signing_a_paragraph_with_a_space_before_the_role() -> None:
    # chukkyung: "… 나가자“고 강조했다. 염승열 기자", a roundup's item signed at its end
    text = f"{HEADLINE}\n  • 승인 2018.03.09 14:56\n\n첫 소식이다.\n\n마무리하자고 강조했다. 홍길동 기자\n\n둘째 소식\n"
    assert _meta(text)["authors"] == [{"name": "홍길동"}]


def test_a_view_counter_split_over_two_bullets_is_no_outlet() -> None:
    # fashionbiz: "• VIEW" / "• 950" under the stamp and byline
    text = f"{HEADLINE}\nMonday, Nov. 29, 2021 | 홍길동 기자\n  • VIEW\n  • 950\n\n"
    assert "publication" not in _meta(text + BODY)


def test_an_english_section_above_the_headline_is_no_outlet() -> None:
    # cosmopolitan: "Career" above the headline, the magazine naming itself beside the date
    text = f"Career\n{HEADLINE}\nHANBIT BY HANBIT 2022.09.09\n\n"
    assert _meta(text + BODY)["publication"] == "HANBIT"


def test_a_labelled_credit_names_the_host_and_the_outlet() -> None:
    # inews365: "인터뷰: 박걸순 충북대 사학과교수" / "대담: 조혁연 충북일보 객원대기자" above the stamp
    text = f"{HEADLINE}\n인터뷰: 김철수 한빛대 사학과교수\n대담: 홍길동 한빛일보 객원대기자\n\n2015.12.20 20:00:39\n\n"
    meta = _meta(text + BODY)
    assert (meta["authors"], meta["publication"]) == ([{"name": "홍길동"}], "한빛일보")


@pytest.mark.parametrize(
    ("title", "above", "below"),
    [
        # epj: "[창간축사] 이중재 한국수력원자력(주) 사장" under the stamps, set off above the text
        (HEADLINE, "", "[창간축사] 홍길동 한빛전력(주) 사장\n\n"),
        # khanews: "병원신문 창간 30주년 축하메시지 - 고경수 인제대학교 상계백병원 교수"
        (HEADLINE, "", "한빛신문 창간 30주년 축하메시지 - 홍길동 한빛대학교 한빛병원 교수\n"),
        # foodbank: "<창간11주년축사> …" over "(사)한국프랜차이즈협회 회장 이병억"
        (f"<창간11주년축사> {HEADLINE}", "(사)한빛프랜차이즈협회 회장 홍길동\n\n", ""),
    ],
)
def test_a_letters_writer_credited_by_name_organisation_and_post(title: str, above: str, below: str) -> None:
    text = f"{title}\n\n{above}2007-05-04     관리자\n\n{below}" + BODY
    assert _meta(text)["authors"] == [{"name": "홍길동"}]


def test_a_person_named_with_a_post_under_a_plain_headline_is_no_writer() -> None:
    text = f"{HEADLINE}\n\n2007-05-04     관리자\n\n홍길동 한빛대학교 교수\n" + BODY
    assert "authors" not in _meta(text)


def test_a_contributors_credit_block_under_the_deck() -> None:
    # datanet: "여성구" / "안철수연구소 컨설팅서비스사업부 컨설턴트" / "barami@ahnlab.com" above the text
    credit = "홍길동\n한빛연구소 컨설팅사업부 컨설턴트\nhong@example.com\n"
    text = f"{HEADLINE}\n  • 승인 2005.06.27 00:00\n\n{credit}" + BODY
    assert _meta(text)["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_a_writers_label_before_a_foreign_name_and_post() -> None:
    # elec4: "글 | 아툴 버마(Atul Verma), 사업 전략 및 개발 매니저" under the lead paragraph
    credit = "글 | 존 스미스(John Smith), 사업 개발 매니저\n"
    text = f"{HEADLINE}\n  • 2013-04-12\n  • 편집부\n첫 문단이다.\n{credit}" + BODY
    assert _meta(text)["authors"] == [{"name": "존 스미스"}]


def test_a_reporter_after_the_copyright_notice_with_the_button_to_their_page() -> None:
    # cosmiannews: "Copyrights ⓒ 코스미안뉴스. 무단 전재 및 재배포금지 이해산기자 뉴스보기"
    closing = "Copyrights ⓒ 한빛뉴스. 무단 전재 및 재배포금지 홍길동기자 뉴스보기"
    meta = _meta(f"{HEADLINE}\n작성 2024.04.15 02:35\n\n첫 문단이다.\n\n{closing}\n")
    assert (meta["authors"], meta["publication"]) == ([{"name": "홍길동"}], "한빛뉴스")


@pytest.mark.parametrize("line", ["홍길동 뷰티 에디터 2022.09.09", "2022.09.09 홍길동, 피처 에디터"])
def test_a_magazines_desk_before_editor_is_part_of_the_role(line: str) -> None:
    # cosmopolitan: "김예린, 피처 에디터" (feature editor), "뷰티 에디터", "패션 에디터"
    assert _meta(f"{HEADLINE}\n{line}\n\n" + BODY)["authors"] == [{"name": "홍길동"}]


@pytest.mark.parametrize(
    ("line", "writers", "outlet"),
    [
        ("한빛투데이 기자", None, "한빛투데이"),  # a desk's byline alone on its line
        ("  • 한빛투데이 기자", None, "한빛투데이"),
        ("홍길동 본지 기자", [{"name": "홍길동"}], None),  # at this paper: no one pictured
        ("글 | 홍길동", [{"name": "홍길동"}], None),  # a writer's label with a bar
        ("UPDATE : 2024-03-29 18:29 (금)", None, None),  # the label is no outlet
    ],
)
def test_byline_shapes_alone_on_their_line(line: str, writers: object, outlet: object) -> None:
    stamp = "" if "2024" in line else "2024.01.02 09:00\n"
    meta = _meta(f"{HEADLINE}\n{line}\n{stamp}\n" + BODY)
    assert (meta.get("authors"), meta.get("publication")) == (writers, outlet)


@pytest.mark.parametrize(
    ("line", "date", "writers"),
    [
        ("입력 2024 01 02 09:00 수정 2024 01 03 10:00", "2024.01.02 09:00", None),  # both stamps spaced
        ("2 Jan 2024 09:00 | 홍길동 기자", "2 Jan 2024 09:00", [{"name": "홍길동"}]),  # the day first
        ("Reporter 홍길동 | 2024.01.02 09:00", "2024.01.02 09:00", [{"name": "홍길동"}]),  # an English label
    ],
)
def test_more_stamp_and_byline_shapes(line: str, date: str, writers: object) -> None:
    meta = _meta(f"{HEADLINE}\n{line}\n\n" + BODY)
    assert (meta["date"], meta.get("authors")) == (date, writers)


def test_a_reporters_name_after_its_label() -> None:
    meta = _meta(f"{HEADLINE}\n기자명 : 홍길동\n입력 2024.01.02 09:00\n\n" + BODY)
    assert meta["authors"] == [{"name": "홍길동"}]


@pytest.mark.parametrize("closing", ["취재 : 홍길동 기자", "홍길동 기자의 다른기사 보기"])
def test_a_closing_reporter_with_its_label_or_the_button_to_their_page(closing: str) -> None:
    text = f"{HEADLINE}\n입력 2024.01.02 09:00\n\n한빛시는 새 도서관을 열었다.\n\n{closing}\n"
    assert _meta(text)["authors"] == [{"name": "홍길동"}]


def test_a_word_before_a_plain_written_on_label_is_still_text() -> None:
    # A note's "메모 작성 2024.01.02": only a news stamp's label (입력, 승인, 송고…) lets a word be the outlet.
    assert not detect("장보기 목록\n메모 작성 2024.01.02\n\n우유, 계란, 두부를 산다.\n")


def test_a_row_of_share_buttons_above_the_byline_is_no_caption() -> None:
    # ihopenews: "트위터로 기사전송 페이스북으로 기사전송 미투데이로 기사전송 다음요즘으로 기사전송"
    row = "트위터로 기사전송 페이스북으로 기사전송 미투데이로 기사전송"
    text = f"{HEADLINE}\n2018/11/02 12:10 입력\n{row}\n[한빛일보 홍길동 기자] 책이 나왔다.\n"
    parsed = read(text, "a.txt")
    assert row in parsed.meta["page_lines"]


@pytest.mark.parametrize("clock", ["2024.04.27 (토) 13:15", "2024-04-27 13:15 (토)", "2024년 04월 27일 토요일 13:15"])
def test_the_sites_clock_with_its_weekday_above_a_published_stamp(clock: str) -> None:
    # A clock with the weekday, unlabelled, under the site's slogan: the article's 승인 stamp dates it.
    top = f"바른 소리, 곧은 소리\n{clock}\n"
    text = f"{top}{HEADLINE}\n  • 홍길동 기자\n  • 승인 2004.03.21 00:00\n\n"
    assert _meta(text + BODY)["date"] == "2004.03.21 00:00"


def test_an_unlabelled_date_above_an_update_stamp_is_still_the_published_one() -> None:
    meta = _meta(f"{HEADLINE}\n2024.04.27 (토) 13:15\n수정 2024.04.28 09:00\n\n" + BODY)
    assert (meta["date"], meta["updated"]) == ("2024.04.27 (토) 13:15", "2024.04.28 09:00")


@pytest.mark.parametrize(
    "line",
    [
        "정리 홍길동 기자 2024.01.02 09:00",  # compiled by
        "대담·정리 홍길동 기자 2024.01.02 09:00",
        "기자 홍길동 2024.01.02 09:00",  # the role first, as a label
        "기자 : 홍길동 | 입력 2024.01.02 09:00",
        "Written by 홍길동 | 2024.01.02 09:00",
    ],
)
def test_a_writers_credit_words_around_the_name(line: str) -> None:
    assert _meta(f"{HEADLINE}\n{line}\n\n" + BODY)["authors"] == [{"name": "홍길동"}]


def test_a_closing_outlet_and_reporter_in_angle_brackets() -> None:
    closing = "<한빛일보 홍길동 기자 hong@example.com>"
    text = f"{HEADLINE}\n입력 2024.01.02 09:00\n\n한빛시는 새 도서관을 열었다.\n\n{closing}\n"
    meta = _meta(text)
    assert (meta["authors"], meta["publication"]) == ([{"name": "홍길동", "email": "hong@example.com"}], "한빛일보")


@pytest.mark.parametrize(
    "line", ["게시일 2024.01.02 09:00", "게시일시 : 2024-01-02 09:00", "배포일시 2024.01.02 09:00"]
)
def test_posted_and_released_label_a_stamp(line: str) -> None:
    # a board's 게시일 (posted on), a press release's 배포일시 (released on): labels, no one's name
    meta = _meta(f"{HEADLINE}\n{line}\n\n" + BODY)
    assert meta["date"].startswith("2024") and "authors" not in meta


@pytest.mark.parametrize("word", ["공지사항", "전체기사", "인기기사", "보도자료"])
def test_a_pages_list_name_beside_the_date_is_no_writer(word: str) -> None:
    # Four syllables led by a family name's syllable (공, 전, 인) read as a name beside the date.
    meta = _meta(f"{HEADLINE}\n{word} 2024.01.02 09:00\n\n" + BODY)
    assert meta["date"] == "2024.01.02 09:00" and "authors" not in meta


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("출처 : 한빛일보 | 2024.01.02 09:00", "한빛일보"),  # the source's label
        ("한빛뉴스24 홍길동 기자 2024.01.02 09:00", "한빛뉴스24"),  # a number after the outlet's word
        ("한빛일보 사회부 2024.01.02 09:00", "한빛일보"),  # the desk after the outlet
    ],
)
def test_the_outlet_beside_the_date_without_its_label_desk_or_number(line: str, outlet: str) -> None:
    meta = _meta(f"{HEADLINE}\n{line}\n\n" + BODY)
    assert (meta["date"], meta["publication"]) == ("2024.01.02 09:00", outlet)


@pytest.mark.parametrize(
    "opening",
    [
        "[한빛일보 | 홍길동 기자] 한빛시는 새 도서관을 열었다.",  # a bar between the outlet and the reporter
        "[한빛일보ㅣ홍길동 기자] 한빛시는 새 도서관을 열었다.",
        "[한빛일보 홍길동 객원기자] 한빛시는 새 도서관을 열었다.",  # 객원 is the role's, no second name
    ],
)
def test_a_bracketed_byline_with_a_bar_or_a_two_word_role(opening: str) -> None:
    meta = _meta(f"{HEADLINE}\n입력 2024.01.02 09:00\n\n{opening}\n")
    assert (meta["authors"], meta["publication"]) == ([{"name": "홍길동"}], "한빛일보")
