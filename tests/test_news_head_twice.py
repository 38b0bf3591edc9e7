"""A page that prints the article's head twice: headline, deck and byline-stamp line, then the
same again (one with the label "기사입력", the other "입력 :"), then the text. The second copy is
the same article's head, not a second dated entry of a log.

From fpn119_1 (tests/data/news5, 소방방재신문 FPN), which was refused.
"""

from __future__ import annotations

from feeds.readers import news

TITLE = "김해동부소방서, 초기 대처로 대형 공장 화재 막은 신고자에게 감사 전해"
DECK = "연기 목격한 인접 공장 직원, 대형 공장 화재 막아"
BODY = "[FPN 정현희 기자] = 김해동부소방서는 15일 공장에서 불이 나 대형 화재로 번질 뻔했지만 큰 피해를 막았다고 밝혔다."
TWICE = (
    f"광고\n\n{TITLE}\n\n{DECK}\n\n광고\n정현희 기자 | 기사입력 2021/04/15 [15:00]\n\n"
    f"{TITLE}\n\n{DECK}\n\n정현희 기자 | 입력 : 2021/04/15 [15:00]\n\n{BODY}\n"
)


def test_a_head_printed_twice_is_read_once() -> None:
    assert news.detect(TWICE), news.why_not(TWICE)
    parsed = news.read(TWICE, "a.txt")
    assert parsed.meta["title"] == TITLE
    assert parsed.meta["summary"] == DECK
    assert parsed.meta["date"] == "2021/04/15 (15:00)"
    assert parsed.body.strip().startswith("[FPN")


def test_different_text_between_two_dated_lines_is_still_a_log() -> None:
    log = (
        f"{TITLE}\n\n정현희 기자 | 입력 2021/04/15 [15:00]\n\n다른 소식이 이어졌다\n\n"
        f"정현희 기자 | 입력 2021/04/16 [09:00]\n\n{BODY}\n"
    )
    assert not news.detect(log)
