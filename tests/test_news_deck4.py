"""The deck is a scored choice too (feeds.readers.newstitle's deck table): of the lines the head
reader places in the deck, the headline printed again, a row of buttons, a template's slot are
page lines, and a broadcast's cue, a picture's file name or a letter's date in words start the text."""

from __future__ import annotations

import pytest

from feeds.readers import newstitle, read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
HEADLINE = "새 도서관 문 열어 시민 반겨"

# For each row of the deck's table, a line it decides: without the row, the line would be read otherwise.
DECIDED_BY = {
    "the headline again": (f"[포토]  {HEADLINE}", f"[포토] {HEADLINE}", "page"),
    "buttons": ("URL 줄이기 페이스북 X", HEADLINE, "page"),
    "no word": ("★ ★ ★", HEADLINE, "page"),
    "a template's slot": ("default_news_ad1", HEADLINE, "page"),
    "a broadcast's cue": ("◀ 앵 커 ▶", HEADLINE, "text"),
    "a picture's file name": ("201705-11a.jpg", HEADLINE, "text"),
    "a date in words": ("Thursday, November 26, 2020", HEADLINE, "text"),
    "the photo's alt text": (f"{HEADLINE} 기사의 사진", HEADLINE, "text"),
    "an ad's slot": ("ad40", HEADLINE, "page"),
    "the outlet, then the headline": (f"한빛뉴스TV {HEADLINE}", HEADLINE, "page"),
    "led by an arrow": ("▶ 새 도서관이 궁금해", HEADLINE, "text"),
    "a radio's frequency": ("한빛시 FM 97.9 서부지역 FM 106.5", HEADLINE, "page"),  # 제주MBC, news3
    "the headline's first words": ("새 도서관 문 열어", "새 도서관 문 열어 外", "text"),  # 여성동아, news6
    "an address": ("• 편집팀 desk@hanbit.co.kr", HEADLINE, "page"),  # 국제신문, news9
    "the print page": ("•  |  본지 1면", HEADLINE, "page"),  # 국제신문, news9
    "a label, then the headline": (f"Tech Guide-{HEADLINE}", HEADLINE, "page"),  # 데이터넷, news7
    "a column's name": ("편집인의 편지", HEADLINE, "page"),  # 이코노미21, news7
    "a writer's credit": ("(사)한빛외식협회 회장 홍길동", HEADLINE, "page"),  # 식품외식경제, news9
    "led by a template's marker": ("|contsmark0|열두 해 만에 새 건물로", HEADLINE, "text"),  # PD저널, news7
    "a name alone": ("홍길동", HEADLINE, "page"),  # 한국금융신문, news7
    "a lone Latin word": ("image", HEADLINE, "page"),  # 스타뉴스, news10
    "printed twice on one line": ("도서관 전경 /한빛일보 도서관 전경 /한빛일보", HEADLINE, "text"),  # 스타뉴스, news10
    "a labelled field": ("매체명 : 한빛방송", HEADLINE, "page"),  # 작은도서관 뉴스, news11
    "a channel's label": ("[한빛일보 유튜브 '동영상 도서관']", HEADLINE, "page"),  # 헬스조선, news10
    "a board's field": ("작성자 대표 관리자 (ip:)", HEADLINE, "page"),  # 한국편집기자협회, news13
    "a page region's name": ("[기사 본문]", HEADLINE, "page"),  # 루리웹, news12
    "the page's furniture": ("뉴스 > 사회 > 교육", HEADLINE, "page"),  # the headline's table, under the stamp
    "a call to subscribe": ("항상 시민과 함께하겠습니다. 한빛일보 구독신청 하기", HEADLINE, "page"),  # 한겨레, news10
}


def test_every_row_of_the_decks_table_decides_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(DECIDED_BY) == {feature for feature, _, _ in newstitle.DECK_WEIGHTS} == set(newstitle.DECK_FEATURES)
    for feature, (line, headline, kind) in DECIDED_BY.items():
        assert newstitle.deck_class(line, headline) == kind, feature
        rows = tuple(row for row in newstitle.DECK_WEIGHTS if row[0] != feature)
        monkeypatch.setattr(newstitle, "DECK_WEIGHTS", rows)
        assert newstitle.deck_class(line, headline) != kind, feature
        monkeypatch.undo()


@pytest.mark.parametrize("line", ["URL 줄이기 페이스북 X", "크게보기", "add remove print link"])
def test_buttons_under_the_date_line_are_no_deck(line: str) -> None:
    parsed = read(f"{HEADLINE}\n\n입력 2022-04-15 20:55\n크게 작게 프린트 메일\n{line}\n\n" + BODY, "a.txt")
    assert "summary" not in parsed.meta
    assert line in parsed.meta["page_lines"]


def test_a_script_under_its_cue_is_no_deck() -> None:
    text = f"{HEADLINE}\n\n홍길동 기자 입력 2025-09-10 08:42:00\n\n◀ 앵 커 ▶\n\n도서관이\n\n문을 열었습니다\n\n" + BODY
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.body.startswith("◀ 앵 커 ▶")


def test_a_pictures_file_name_under_the_head_is_no_deck() -> None:
    text = f"{HEADLINE}\n\n홍길동 기자\n\n  • 등록 2017.05.01 11:55\n\n\n201705-11a.jpg\n\n" + BODY
    assert "summary" not in read(text, "a.txt").meta


def test_a_roundups_entries_and_a_reporters_sign_off_are_no_deck() -> None:
    roundup = (
        f"{HEADLINE}\n\n입력 2018-12-28 08:00\n\n▲ 한빛일보 = 새 도서관 문 열어\n\n예산 늘려야\n\n시민 반겨\n\n" + BODY
    )
    assert "summary" not in read(roundup, "a.txt").meta
    signed = (
        f"{HEADLINE}\n\n홍길동기자 | 입력 : 2022/12/15 [13:11]\n\n"
        "눈이 왔다. 하늘은 뿌옜다. 도봉산도 눈을 맞고 있다. 천하절경이다. (사진 = 홍길동)\n\n"
        "<홍길동/전문기자 hong@example.com>\n\n☞ 홈으로 바로가기\n"
    )
    assert "summary" not in read(signed, "a.txt").meta


def test_a_quoted_question_under_the_headline_is_the_deck() -> None:
    text = (
        f"Posted on 2025. 07. 23.\n\n\n{HEADLINE}\n\n“도서관은 누구의 것인가?”\n\n홍길동 의원\n\n"
        "(한빛신문=김철수 기자) " + BODY
    )
    assert read(text, "a.txt").meta["summary"] == "“도서관은 누구의 것인가?”"
