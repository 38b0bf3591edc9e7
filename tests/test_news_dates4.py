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


def test_a_date_in_the_american_order_signing_off_the_text(tmp_path: Path, site: Site) -> None:
    paragraph = (
        "한빛교회 창립 8주년 기념예배가 9일 예배시간에 거행됐다. 홍길동 목사 인도로 시작된 이날 예배는 김철수 장로의 "
        "기도와 성가대의 찬양으로 이어졌다. 교회는 이날 지역 주민을 위한 나눔 행사도 함께 열었으며 많은 교인들이 "
        "참석해 창립 8주년을 함께 축하했다. 행사는 오후 늦게까지 이어졌다."
    )
    text = (
        "logo\n\n한빛교회 창립 8주년 기념예배\n\n“첫사랑이 회복되는 교회되자”\n\n\n"
        f"한빛교회 창립 8주년 기념예배에서 관계자들이 케익커팅을 하고있다\n\n{paragraph}\n\n"
        "<박철수 기자>\n\n02.15.2025\n\nLeave Comments\n"
    )
    doc = _read(tmp_path, site, text)
    assert doc.published.isoformat() == "2025-02-15T00:00:00+09:00"
    assert doc.title == "한빛교회 창립 8주년 기념예배"
    assert doc.summary == "“첫사랑이 회복되는 교회되자”"
    assert [a.name for a in doc.authors] == ["박철수"]
