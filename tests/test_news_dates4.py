"""Date lines of shapes unseen outlets print (tests/data/news4): an English date with no space after
its comma, a label in English with "on", a Juche-calendar year with the common year in brackets, a
team label before the writer's name, an outlet's name of two words glued before the reporter and
the stamp, and a headline of brackets then parentheses that is no Markdown link."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import Site

from .conftest import read_document

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


def _read(tmp_path: Path, site: Site, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path, tmp_path, site)


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        ("+ A\n\nPurveyors of truth\n\nDec 28,2017\n" + BODY, "Purveyors of truth", "2017-12-28T00:00:00+09:00"),
        ("Posted on 2025. 07. 23.\n\n\n새 도서관 문 열어\n\n" + BODY, "새 도서관 문 열어", "2025-07-23T00:00:00+09:00"),
        (
            "[주요 신문 사설](28일 조간)\n\n입력 2018-12-28 08:00\n\n" + BODY,
            "[주요 신문 사설](28일 조간)",
            "2018-12-28T08:00:00+09:00",
        ),
    ],
)
def test_english_dates_labels_and_a_bracketed_headline(
    tmp_path: Path, site: Site, text: str, title: str, published: str
) -> None:
    doc = _read(tmp_path, site, text)
    assert doc.title == title
    assert doc.published.isoformat() == published


def test_a_juche_calendar_date_line(tmp_path: Path, site: Site) -> None:
    doc = _read(tmp_path, site, "주체107(2018)년 7월 9일 로동신문\n\n\n새 도서관 문 열어\n\n" + BODY)
    assert doc.published.isoformat() == "2018-07-09T00:00:00+09:00"
    assert doc.publication == "로동신문"
    assert doc.title == "새 도서관 문 열어"


def test_a_team_label_before_the_writer(tmp_path: Path, site: Site) -> None:
    doc = _read(tmp_path, site, "새 도서관 문 열어\n\n2022.05.13 정책기자단 홍길동\n글자크기 설정\n목록\n\n" + BODY)
    assert doc.published.isoformat() == "2022-05-13T00:00:00+09:00"
    assert [a.name for a in doc.authors] == ["홍길동"]


def test_an_outlet_of_two_words_glued_to_the_reporter_and_the_stamp(tmp_path: Path, site: Site) -> None:
    text = (
        "새 도서관 문 열어\n\n연말까지 공사 완료 후 내년 문 열어\n\n"
        "한빛투데이 더리더 홍길동 기자입력 : 2018.11.06 13:11\n" + BODY
    )
    doc = _read(tmp_path, site, text)
    assert doc.published.isoformat() == "2018-11-06T13:11:00+09:00"
    assert doc.publication == "한빛투데이 더리더"
    assert [a.name for a in doc.authors] == ["홍길동"]
    assert doc.summary == "연말까지 공사 완료 후 내년 문 열어"


def test_an_english_date_among_words_is_text(tmp_path: Path, site: Site) -> None:
    text = (
        "Headlines, November 26, 2020\n  • Lee Kyung-sik\n  • 승인 2020.11.26 08:58\n\n"
        "Thursday, November 26, 2020\n\nRound-up of important news from major dailies.\n\n" + BODY
    )
    doc = _read(tmp_path, site, text)
    assert doc.title == "Headlines, November 26, 2020"
    assert doc.published.isoformat() == "2020-11-26T08:58:00+09:00"
    assert doc.updated == doc.published
    assert [a.name for a in doc.authors] == ["Lee Kyung-sik"]
    assert doc.publication is None


def test_the_sites_date_bar_above_the_article(tmp_path: Path, site: Site) -> None:
    text = (
        "메뉴명\n\n오늘의 전체기사\n\n2019.10.21 (월)\n\nHOME > 국방 > 기타\n\n새 도서관 문 열어\n\n"
        "기사입력 2019. 10. 10 17:50 최종수정 2019. 10. 10 17:58\n\n" + BODY
    )
    doc = _read(tmp_path, site, text)
    assert doc.title == "새 도서관 문 열어"
    assert doc.published.isoformat() == "2019-10-10T17:50:00+09:00"


def test_the_sites_clock_is_no_articles_date() -> None:
    from feeds.readers import news

    assert not news.detect("2026.01.30 (금)\n\n• 맑음서울 -8.9℃\n기상청 제공\n\n새 도서관 문 열어\n\n" + BODY)
    assert news.detect("새 도서관 문 열어\n\n2026.01.30 (금)\n\n" + BODY)  # under the headline: its date


def test_a_date_alone_above_the_headline_without_its_weekday_is_its_date(tmp_path: Path, site: Site) -> None:
    doc = _read(tmp_path, site, "2021.05.27\n\n새 도서관 문 열어\n\nJR Raphael | Computerworld\n" + BODY)
    assert doc.published.isoformat() == "2021-05-27T00:00:00+09:00"
