"""Date lines of the fifth corpus (tests/data/news5) that refused their article: the date is
there, but something else on its line was read as words.

- kyeongin_1 (경인일보): a photo viewer's counter before the date, the print page after it:
  ``1 / 1 발행일 2018-10-12 제6면``.
- cine21_1 (씨네21): the date beside a team label that names the magazine: ``씨네21 취재팀 2019-01-16``.
"""

from __future__ import annotations

from feeds.readers import news
from feeds.readers.newshead import classify

TITLE = "어둠 헤치고 내달린 연평바다… 꽃게 보다 조개 '만선 물거품'"
BODY = "연평도 어민들은 꽃게 어획량이 줄어들고 있다고 우려한다. 그물을 걷어 올렸지만 조개뿐이었다."


def test_a_viewer_counter_and_a_print_page_beside_the_date_are_page_junk() -> None:
    info = classify("1 / 1 발행일 2018-10-12 제6면")
    assert info is not None
    assert info.stamps == [("발행일", "2018-10-12")]
    assert info.authors == [] and info.outlet is None


def test_a_counter_of_more_photos_is_junk_too() -> None:
    info = classify("3 / 12 입력 2021.05.02 10:11")
    assert info is not None and info.stamps == [("입력", "2021.05.02 10:11")]


def test_an_article_dated_only_after_a_viewer_counter_is_read() -> None:
    text = f"경인일보 뉴스홈\n\n{TITLE}\n\n1 / 1 발행일 2018-10-12 제6면\n\n{BODY}\n"
    assert news.detect(text), news.why_not(text)
    parsed = news.read(text, "a.txt")
    assert str(parsed.meta["date"]).startswith("2018-10-12")


def test_a_team_label_naming_the_outlet_beside_the_date() -> None:
    info = classify("씨네21 취재팀 2019-01-16")
    assert info is not None
    assert info.stamps == [(None, "2019-01-16")]
    assert info.outlet == "씨네21" and info.authors == []


def test_a_fraction_in_a_headline_stays_text() -> None:
    assert classify("국민 3 / 4 찬성… 2024년 개헌 논의 재점화") is None


# youthpress_1 (대한민국청소년기자단): a board's byline in English words, the reporter's cohort glued to
# the name, the view counter after the date: "by 11기백지수기자 posted Aug 05, 2019 Views 11098".
def test_an_english_date_after_posted_on_a_byline() -> None:
    info = classify("by 11기백지수기자 posted Aug 05, 2019 Views 11098")
    assert info is not None
    assert [date for _, date in info.stamps] == ["Aug 05, 2019"]
    assert info.authors == [{"name": "백지수"}]
    assert info.outlet is None


def test_posted_or_published_labels_an_english_date() -> None:
    for line in ("Posted on March 3, 2021", "Published Dec 28, 2017"):
        info = classify(line)
        assert info is not None and len(info.stamps) == 1, line


def test_an_english_date_among_other_words_is_still_text() -> None:
    assert classify("Friday, April 20, 2018") is None
    assert classify("Headlines, November 26, 2020") is None
