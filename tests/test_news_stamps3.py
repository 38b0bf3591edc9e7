"""Date lines of shapes the first two corpora did not have (tests/data/news3 holds a real page of each):
a doubled label, a section joined to the stamp by a bar, a stamp written out in Korean with KST, an
age and a view counter beside it, a space after the time's colon, the title and its stamp on one
line, a writer and role joined by a slash."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from feeds.dates import parse_date
from feeds.readers import news, read

KST = timezone(timedelta(hours=9))
BODY = "\n\n한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n"


def _date(text: str, key: str = "date") -> str:
    return parse_date(read(text, "a.txt").meta[key], KST).isoformat()


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("발행 2013.04.10 15: 36", "2013-04-10T15:36:00+09:00"),  # a space after the colon
        ("발행일 발행일 : 2019.01.11 / 여론/독자 A28 면", "2019-01-11T00:00:00+09:00"),  # doubled label, page
        ("뉴스종합| 2024-07-17 17:54", "2024-07-17T17:54:00+09:00"),  # the section before a bar
        ("2019년 10월 16일 12시 57분 55초 1달 전 | 조회수 : 129", "2019-10-16T12:57:55+09:00"),  # age, counter
        ("한빛일보 2026-01-09 13:52:45 신고", "2026-01-09T13:52:45+09:00"),  # a report button
    ],
)
def test_a_date_line_of_a_new_shape(line: str, published: str) -> None:
    text = f"새 도서관 문 열어\n\n{line}" + BODY
    assert _date(text) == published
    assert read(text, "a.txt").meta["title"] == "새 도서관 문 열어"


def test_a_report_button_is_no_reporter() -> None:
    parsed = read("새 도서관 문 열어\n\n한빛일보 2026-01-09 13:52:45 신고" + BODY, "a.txt")
    assert "authors" not in parsed.meta
    assert parsed.meta["publication"] == "한빛일보"


def test_a_stamp_written_out_with_kst_above_the_headline() -> None:
    stamp = "2020년 03월 31일 13시 40분 KST | 업데이트됨 2020년 03월 31일 14시 10분 KST"
    text = f"{stamp}\n\n새 도서관 문 열어" + BODY
    assert _date(text) == "2020-03-31T13:40:00+09:00"
    assert _date(text, "updated") == "2020-03-31T14:10:00+09:00"
    assert read(text, "a.txt").meta["title"] == "새 도서관 문 열어"


def test_the_title_and_its_stamp_on_one_line() -> None:
    text = "전통 문화의 향기 등록일 : 2018-03-15 12:00\n화사한 날씨 속 공연이 열렸다\n무대에 학생들이 올랐습니다.\n"
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == "전통 문화의 향기"
    assert _date(text) == "2018-03-15T12:00:00+09:00"
    assert parsed.body.startswith("화사한 날씨")


def test_a_sentence_ending_in_a_stamp_is_no_title() -> None:
    # Only a labelled stamp ends a headline: a line of text with a bare date in it stays text.
    assert not news.detect("공연은 2018-03-15 12:00\n화사한 날씨 속 공연이 열렸다\n")


def test_a_writer_and_role_joined_by_a_slash() -> None:
    text = "경제저널리즘의 시대를 열겠습니다\n[1호] 2010년 05월 03일 (월) 고광헌/발행인 editor@example.com" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "고광헌", "email": "editor@example.com"}]
    assert _date(text) == "2010-05-03T00:00:00+09:00"


def test_print_page_lines_under_the_date_are_no_deck() -> None:
    text = "대변인협의회 재개\n\n입력 2016-11-18 18:12 수정 2016-11-19 05:28\n\n지면 지면정보\n\n2016-11-19A27면" + BODY
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert _date(text, "updated") == "2016-11-19T05:28:00+09:00"
    assert parsed.body.startswith("한빛시는")


def test_a_short_article_dated_under_its_paragraphs() -> None:
    paragraph = "한빛시는 10일 시청 옆에 새 도서관을 열고 시민 100여 명과 함께 개관식을 가졌다고 밝혔다. " * 3
    text = (
        f"새 도서관 문 열어\n\n\n{paragraph.strip()}\n\n{paragraph.strip()}\n\n둘째 문단이다. 끝이다.\n\n"
        "홍길동 기자 hong@example.com\n\n한빛신문 2020-02-19\n"
    )
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.meta["publication"] == "한빛신문"
    assert parsed.meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]
    assert parsed.body.startswith("한빛시는")


def test_a_column_dated_at_its_end_with_share_buttons_glued_on() -> None:
    paragraph = "내가 물었다. 많은 교수와 언론인들이 칼럼을 통하여 이래라 저래라 훈수를 두는데 참고가 되느냐고. " * 3
    text = (
        f"그 많은 칼럼은 누구를 위해 쓰나?\n\n趙甲濟     필자의 다른 기사보기 \n\n{paragraph.strip()}\n\n"
        '"싫든 좋든 눈치 안 보고 자기 생각을 밝힌 글이 참고가 됩니다."\n'
        "[ 2013-01-19, 16:09 ] 트위터트위터   페이스북페이스북   네이버네이버\n"
    )
    parsed = read(text, "a.txt")
    assert _date(text) == "2013-01-19T16:09:00+09:00"
    assert parsed.meta["authors"] == [{"name": "趙甲濟"}]
    assert "summary" not in parsed.meta
    assert parsed.body.startswith("내가 물었다.")


@pytest.mark.parametrize(
    "line",
    [
        "입력 2024.04.05 09:40 | 지면 A12",  # the print edition's page
        "입력 2024.04.05 09:40 ㅣ 수정 2024.04.05 10:11",  # a Hangul letter as the bar
        "데스크 승인 2024.04.05 09:40",  # the desk's approval
        "입력 2024.04.05 09:40 (금)",  # the weekday after the time
        "Posted : 2024-04-05 09:40",  # an English label
    ],
)
def test_a_date_line_with_more_labels_and_buttons(line: str) -> None:
    parsed = read(f"새 도서관 문 열어\n{line}" + BODY, "a.txt")
    assert _date(f"새 도서관 문 열어\n{line}" + BODY) == "2024-04-05T09:40:00+09:00"
    assert "publication" not in parsed.meta


def test_a_likes_counter_beside_the_stamps() -> None:
    line = "홍길동 기자 입력 2024.04.05 09:40 수정 2024.04.05 10:11 댓글 0 좋아요 0"
    parsed = read(f"새 도서관 문 열어\n{line}" + BODY, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
    assert _date(f"새 도서관 문 열어\n{line}" + BODY, "updated") == "2024-04-05T10:11:00+09:00"


def test_the_outlet_as_a_datelines_place_beside_the_date() -> None:
    parsed = read("새 도서관 문 열어\n한빛일보 = 홍길동 기자 | 2024-04-05" + BODY, "a.txt")
    assert parsed.meta["publication"] == "한빛일보"
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
