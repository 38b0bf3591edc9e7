"""Round 4: shapes of tests/data/news6 (its outlets were held out until this round), each written
as a general rule of a line's shape and tested here with a made-up headline or text.

Found in tests/data/news6: a site's logo named by its alt text above the headline (아시아투데이,
여성동아), a breadcrumb led by the site's home link with its first bar lost (아시아뉴스통신), the
site's menu of links as a row of bars (국민대신문), an English section with its column's name
(여성동아).
"""

from __future__ import annotations

from feeds.readers.newstitle import choose_title, title_scores

HEADLINE = "새 도서관 문 열어"
DECK = "시립 도서관이 열두 해 만에 새 건물로 옮겨 주말부터 문을 연다"


def _check(lines: list[str], numbers: list[int], want: int) -> None:
    assert choose_title(lines, numbers) == want, title_scores(lines, numbers)


def test_a_logos_alt_text_is_no_headline() -> None:
    """ "• 아시아투데이 로고" (아시아투데이), "여성동아 로고" (여성동아): the logo's image, copied as its alt text."""
    _check(["• 한빛일보 로고", HEADLINE, HEADLINE], [0, 1, 3], 1)
    _check(["한빛일보 logo", HEADLINE], [0, 2], 1)


def test_a_headline_about_a_logo_stays_the_headline() -> None:
    _check(["한빛시, 새 로고 공개", DECK], [0, 1], 0)


def test_a_breadcrumb_led_by_the_home_link_is_no_headline() -> None:
    """ "뉴스홈 사회/사건/사고" (아시아뉴스통신): the home link, then the sections with slashes."""
    _check(["2024년 04월 19일 금요일", "뉴스홈 사회/사건/사고", HEADLINE], [0, 1, 2], 2)


def test_a_row_of_links_is_no_headline() -> None:
    """ "신문사소개 | 광고안내 | 기사제휴" (국민대신문): the site's menu, one word between bars."""
    _check(["신문사소개 | 광고안내 | 기사제휴", "[특집]" + HEADLINE + "①"], [0, 1], 1)


def test_a_headline_with_bars_stays_the_headline() -> None:
    _check(["도서관 | 새 건물로 | 주말부터 문 열어", DECK], [0, 1], 0)


def test_an_english_section_and_its_column_are_no_headline() -> None:
    """ "LifeStyle 편집후기" (여성동아): the section in English, then the column's name."""
    _check(["본문 바로가기", "한빛 로고", "LifeStyle 편집후기", HEADLINE], [0, 2, 4, 6], 3)
