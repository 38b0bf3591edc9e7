"""The page's own controls above an article's headline are no headline: a button named as one
("위로가기 버튼"), the log-in links ("로그인 회원가입"), a pop-up's close label ("오늘 하루 이 창 열지
않음닫기"), the weather widget ("• 서울 13℃"), and a breadcrumb whose first separator is left at
the start of its line ("> 뉴스 > 기획 | 핫이슈").

Found in tests/data/news5 (경북매일, 미주한국일보, 불교저널, 뉴스웨이: AMP and mobile pages copied whole);
each shape is one any site's template prints, so the tests use them with a made-up headline.
"""

from __future__ import annotations

from feeds.readers.newstitle import choose_title, title_scores

HEADLINE = "새 도서관 문 열어"
DECK = "시립 도서관이 열두 해 만에 새 건물로 옮겨 주말부터 문을 연다"


def _check(lines: list[str], numbers: list[int], want: int) -> None:
    assert choose_title(lines, numbers) == want, title_scores(lines, numbers)


def test_a_button_named_as_one_is_no_headline() -> None:
    _check(["위로가기 버튼", HEADLINE], [0, 2], 1)


def test_the_log_in_links_are_no_headline() -> None:
    lines = ["로그인 회원가입", "참된베풂, 선학원", "> 뉴스 > 기획ㆍ연재 > 기획 | 핫이슈", HEADLINE, DECK]
    _check(lines, [0, 1, 2, 4, 5], 3)


def test_a_popups_close_label_is_no_headline() -> None:
    _check(["한빛일보", "오늘 하루 이 창 열지 않음닫기", HEADLINE], [0, 2, 4], 2)


def test_the_weather_widget_is_no_headline() -> None:
    lines = ["• 서울 13℃", "• 인천 13℃", "• 백령 12℃", HEADLINE, HEADLINE]
    _check(lines, [2, 4, 6, 8, 10], 3)


def test_a_headline_with_a_temperature_stays_the_headline() -> None:
    _check(["폭염 경보, 서울 35℃ 넘어", DECK], [0, 1], 0)


def test_a_tool_bar_with_the_sites_clock_is_no_headline() -> None:
    """ "즐겨찾기+  날짜 : 2024-09-11 16:34:12 회원가입기사쓰기전체기사보기 PDF" (전라매일): the
    site's clock, to the second, in its tool bar; the headline is under the breadcrumb."""
    lines = ["즐겨찾기+  날짜 : 2024-09-11 16:34:12 회원가입기사쓰기전체기사보기 PDF", "검색", "PDF 면보기", "속보"]
    lines += ["뉴스 > 독자기고", HEADLINE]
    _check(lines, [1, 2, 3, 4, 5, 7], 5)


def test_a_headline_with_a_day_in_it_stays_the_headline() -> None:
    _check(["새 도서관 2024년 9월 11일 문 열어", DECK], [0, 1], 0)
