"""A short headline of ordinary words is the headline, even when some of them are also the
names of a page's buttons or sections (구독 "subscribe", 산업 "industry").

Found by diffing a 10,000-document build of ../shared/bench/gen_corpus.py before and after the
headline became a scored choice: "구독 산업 돌입" lost to its deck, as if it were a row of buttons.
"""

from __future__ import annotations

from feeds.readers.newstitle import choose_title, title_scores

DECK = "플랫폼사는 중국의 대표는 학습되는 공급했지만 보험이 결과가 검색을 글로벌 기대된다."


def test_a_short_headline_with_a_button_word_and_a_section_name_is_the_headline() -> None:
    lines = ["구독 산업 돌입", DECK]
    assert choose_title(lines, [0, 2]) == 0, title_scores(lines, [0, 2])


def test_a_row_of_buttons_above_the_headline_is_still_furniture() -> None:
    lines = ["프린트 공유 스크랩", "새 도서관 문 열어", DECK]
    assert choose_title(lines, [0, 2, 4]) == 1, title_scores(lines, [0, 2, 4])
