"""Date lines of the eighth corpus (tests/data/news8) that refused or misdated their article: the
date is there, but something else on its line (or above the headline) was read as words or as the
stamp. Each case is modelled on a real page, named after it.

- ecomomkorea_1 (환경일보 on an NGO's board): a bulleted board field with a two-digit year,
  ``• 작성일 : 20-02-25 09:45``, between ``• 작성자 : 에코맘코리아`` and ``• 조회수 : 297``.
- gsinews_1 (고성 인터넷뉴스): an empty related-articles label after the stamps, ``| 관련기사 건``.
- mediagunpo_1 (군포시민신문): a misspelt role before the bar, ``고희정 시민기사 | 기사입력 …``, the
  head printed twice.
- shimto_1 (동북아신문 copied by a site in Japan): the date after a slash and the site's name, on the
  headline's line.
- shingu_1, shingu_2 (신구학보): the stamp in Korean units beside tool labels,
  ``등록일 2016년06월23일 18시54분 URL복사 프린트하기 쪽지신고하기``.
- yonseior_1 (a church's weekly): ``등록날짜 [ 2006-12-12 11:32:49 ]``, a label with 날짜 and brackets.
- koje_1 (거제대학교 학보사): the issue's date in English with its number above the headline
  (``April 12, 2022 제 89호``), the byline's stamp with a view count and the section after it
  (``박성아 기자 2022.04.11 23:42 81 학생칼럼``).
"""

from __future__ import annotations

from feeds.readers import news
from feeds.readers.newshead import classify

BODY = "지역 언론의 역할을 두고 토론회가 열렸다. 참석자들은 신속한 보도가 우선이라고 말했다."


def _read(text: str) -> news.Parsed:
    assert news.detect(text), news.why_not(text)
    return news.read(text, "a.txt")


def test_a_two_digit_year_after_a_stamp_label() -> None:
    info = classify("• 작성일 : 20-02-25 09:45")
    assert info is not None and info.stamps == [("작성일", "2020-02-25 09:45")]
    info = classify("등록일 98.07.01")
    assert info is not None and info.stamps == [("등록일", "1998.07.01")]


def test_a_two_digit_year_without_a_label_is_no_date() -> None:
    assert classify("경기 20-02-25 결과") is None
    assert classify("20-02-25 09:45") is None


def test_a_board_copy_dated_by_its_bulleted_fields() -> None:
    text = (
        "언론보도\n\n[환경일보]그린기자단 활동 시작\n\n페이지 정보\n\n"
        "  • 작성자 : 에코맘코리아\n  • 작성일 : 20-02-25 09:45\n  • 조회수 : 297\n\n"
        f"본문\n\n[NPO센터=환경일보] 김봉운 기자 = {BODY}\n"
    )
    parsed = _read(text)
    assert parsed.meta["date"] == "2020-02-25 09:45"
    assert parsed.meta["title"] == "[환경일보]그린기자단 활동 시작"
    assert "summary" not in parsed.meta  # the board's account is no deck
    assert "• 작성자 : 에코맘코리아" in parsed.meta["page_lines"]


def test_an_empty_related_articles_label_beside_the_stamps() -> None:
    info = classify("고성 인터넷뉴스 | 입력 2008-04-27 | 수정 2008-04-27 오전 10:52:32 | 관련기사 건")
    assert info is not None
    assert info.stamps == [("입력", "2008-04-27"), ("수정", "2008-04-27 오전 10:52:32")]
    assert info.outlet == "고성 인터넷뉴스" and info.authors == []


def test_a_name_and_an_unknown_title_before_the_bar() -> None:
    info = classify("고희정 시민기사 | 기사입력 2018/12/07 [09:55]")
    assert info is not None and len(info.stamps) == 1
    assert info.authors == [{"name": "고희정"}]
    info = classify("김철수 연구관 | 입력 2020.01.02 10:00")  # a post the role lists lack
    assert info is not None and info.authors == [{"name": "김철수"}]


def test_an_outlet_of_two_words_is_no_name_and_title() -> None:
    info = classify("고성 인터넷뉴스 | 입력 2008-04-27")
    assert info is not None and info.authors == [] and info.outlet == "고성 인터넷뉴스"


def test_words_beside_a_date_that_look_like_a_name_and_title_stay_text() -> None:
    assert classify("2024.01.05 신규 회원") is None  # 신규 starts as a name does, but is no three-syllable name
    assert classify("2024.01.05 정치 사회") is None  # sections, no row of tools


def test_a_head_printed_twice_with_a_question_as_its_deck() -> None:
    head = '"시민 사는 이야기 많이 쓰도록 하겠습니다"\n\n군포시민신문, 안녕하십니까?\n\n'
    text = (
        f"{head}고희정 시민기사 | 기사입력 2018/12/07 [09:55]\n\n"
        f"{head}고희정 시민기사 | 입력 : 2018/12/07 [09:55]\n\n{BODY}\n"
    )
    parsed = _read(text)
    assert parsed.meta["date"] == "2018/12/07 (09:55)"
    assert parsed.meta["summary"] == "군포시민신문, 안녕하십니까?"
    assert parsed.meta["authors"] == [{"name": "고희정"}]
    assert parsed.body.lstrip().startswith(BODY)


def test_a_date_after_a_slash_and_the_site_name_on_the_headline_line() -> None:
    text = f"재일본조선족 기자들 도쿄에서 친목모임 / 在日中国朝鮮族 2021.11.08\n\n{BODY}\n\n{BODY}\n"
    parsed = _read(text)
    assert parsed.meta["title"] == "재일본조선족 기자들 도쿄에서 친목모임"
    assert parsed.meta["date"] == "2021.11.08"


def test_a_slash_in_a_headline_with_no_date_after_it_stays_text() -> None:
    assert classify("노사 / 정부 협상 결렬") is None


def test_a_stamp_beside_a_row_of_tool_labels() -> None:
    info = classify("등록일 2016년06월23일 18시54분 URL복사 프린트하기 쪽지신고하기")
    assert info is not None and info.stamps == [("등록일", "2016년06월23일 18시54분")]


def test_a_label_with_nalja_and_a_bracketed_date() -> None:
    info = classify("등록날짜 [ 2006-12-12 11:32:49 ]")
    assert info is not None and info.stamps == [("등록날짜", "2006-12-12 11:32:49")]


def test_a_view_count_and_a_column_name_after_the_byline_stamp() -> None:
    info = classify("박성아 기자 2022.04.11 23:42 81 학생칼럼")
    assert info is not None and info.stamps == [(None, "2022.04.11 23:42")]
    assert info.authors == [{"name": "박성아"}]


def test_an_issue_date_above_the_headline_is_no_stamp() -> None:
    text = (
        "April 12, 2022 제 89호\n\n거제대학교 학보사를 파헤쳐 보자!\n\n"
        f" 박성아 기자 2022.04.11 23:42 81 학생칼럼\n\n{BODY}\n\n{BODY}\n"
    )
    parsed = _read(text)
    assert parsed.meta["date"] == "2022.04.11 23:42"
    assert parsed.meta["title"] == "거제대학교 학보사를 파헤쳐 보자!"


def test_an_issue_date_alone_still_dates_its_article() -> None:
    # A weekly's only date is its issue's: no other stamp, so it is the article's.
    parsed = _read(f"2022년 4월 12일 제 89호\n\n거제대학교 학보사를 파헤쳐 보자!\n\n{BODY}\n\n{BODY}\n")
    assert parsed.meta["date"] == "2022년 4월 12일"
