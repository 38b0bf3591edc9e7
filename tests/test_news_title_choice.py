"""Which text line above the date line is the headline: a scored choice among the candidates
(feeds.readers.newstitle), not the first line. A page prints the headline twice (the page's title
and the article's), or a label above it (a column's name, a section, the station): the copy and the
label are page lines, and the deck is what the page prints as one."""

from __future__ import annotations

import pytest

from feeds.readers import news, newstitle, read
from feeds.readers.newstitle import title_scores

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


def test_a_headline_printed_twice_is_no_deck() -> None:
    text = (
        "새 도서관 문 열어\n새 도서관 문 열어\n  • 홍길동 기자\n  • 승인 2021.01.14 14:49\n\n"
        "시민의 휴식 공간\n관리비 줄일 대책 필요\n\n" + BODY
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"
    assert parsed.meta["summary"] == "시민의 휴식 공간 관리비 줄일 대책 필요"
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
    assert parsed.meta["page_lines"] == ["새 도서관 문 열어"]
    assert parsed.body.startswith("한빛시는")


def test_a_headline_printed_twice_with_no_deck() -> None:
    text = "새 도서관 문 열어\n새 도서관 문 열어\n  • 홍길동 기자\n  • 승인 2021.01.14 14:49\n\n" + BODY
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.body.startswith("한빛시는")


def test_a_headline_printed_twice_apart_and_a_truncated_address() -> None:
    text = (
        "새 도서관 문 열어\n\n새 도서관 문 열어\n\n홍길동 기자   hong@\n입력 2020-02-12 20:22\n\n"
        '시장 "새로운 10년"\n\n\n' + BODY
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"] == '시장 "새로운 10년"'
    assert parsed.meta["authors"] == [{"name": "홍길동"}]


@pytest.mark.parametrize(
    ("label", "gap"),
    [("팜스터디", "\n\n"), ("이달의 좋은 보도상_", "\n"), ("이달의 좋은 보도상_", "\n\n"), ("[기획연재]", "\n")],
)
def test_a_label_above_the_headline_is_no_title(label: str, gap: str) -> None:
    text = f"{label}{gap}새 도서관 문 열어 시민 반겨\n등록 2019.08.29 17:48\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어 시민 반겨"
    assert "summary" not in parsed.meta
    assert parsed.meta["page_lines"] == [label]


def test_a_short_headline_above_its_deck_stays_the_title() -> None:
    parsed = read("한일전 완승\n일본 꺾고 결승 진출\n입력 2024-04-05 09:40\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == "한일전 완승"
    assert parsed.meta["summary"] == "일본 꺾고 결승 진출"


@pytest.mark.parametrize("station", ["여수MBC", "tjb", "대전KBS"])
def test_the_station_above_the_headline_is_the_outlet(station: str) -> None:
    parsed = read(f"{station}\n\n새 도서관 문 열어\n\n입력 2019-07-06 20:50\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"
    assert parsed.meta["publication"] == station


def test_each_candidates_score_is_shown_with_its_features() -> None:
    scores = title_scores(["팜스터디", "새 도서관 문 열어"], [3, 5])
    assert scores[0][0] < scores[1][0]
    assert "one short word set off" in scores[0][1]


def test_a_teaser_of_the_text_above_the_source_lines_is_the_text() -> None:
    teaser = "배우 홍길동이 군 복무를 앞둔 심경을 고백했다. " * 8 + "아름다운 얼굴 뒤에 숨"
    parsed = read(f'홍길동 "쉼표라고 생각"[인터뷰②]\n{teaser}\n- 한빛뉴스\n- 2025-11-28 07:00\n', "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.meta["publication"] == "한빛뉴스"
    assert parsed.body.startswith("배우 홍길동이")


@pytest.mark.parametrize(
    "above",
    [
        "새 도서관 문 열어 - 한빛일보",  # the page's title: the headline and the site's name
        "새 도서관 문 열어 < 사회 < 기사본문 - 한빛일보",
        "새 도서관 문 열어 | 한빛일보",
        "홈 > 뉴스 > 사회",  # a breadcrumb
    ],
)
def test_the_pages_title_or_path_above_the_headline(above: str) -> None:
    text = f"{above}\n새 도서관 문 열어\n  • 홍길동 기자\n  • 승인 2021.01.14 14:49\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"
    assert "summary" not in parsed.meta
    assert parsed.meta["page_lines"] == [above]


def test_the_headline_printed_again_with_the_sites_name_is_no_deck() -> None:
    text = "새 도서관 문 열어\n새 도서관 문 열어 | 한빛일보\n입력 2024.04.05 09:40\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"
    assert "summary" not in parsed.meta
    assert parsed.meta["page_lines"] == ["새 도서관 문 열어 | 한빛일보"]


@pytest.mark.parametrize("kicker", ["[기획] 도서관의 미래 ③", "도서관의 미래 <3>", "[연속기획] 도서관의 미래 (3)"])
def test_a_series_kicker_above_the_headline(kicker: str) -> None:
    parsed = read(f"{kicker}\n새 도서관 문 열어\n입력 2024.04.05 09:40\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"
    assert parsed.meta["page_lines"] == [kicker]


def test_a_row_of_buttons_under_the_date_is_no_deck() -> None:
    parsed = read("새 도서관 문 열어\n\n입력 2024.04.05 09:40\n\n글자크기 + - 인쇄 공유\n\n" + BODY, "a.txt")
    assert "summary" not in parsed.meta


@pytest.mark.parametrize("label", ["사회", "[단독]", "홈 > 뉴스 > 사회"])
def test_a_label_above_the_headline_under_the_date_line(label: str) -> None:
    parsed = read(f"2024-04-05 09:40\n\n{label}\n새 도서관 문 열어\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"
    assert parsed.meta["page_lines"] == [label]


def test_a_short_headline_under_the_date_line_stays_the_title() -> None:
    parsed = read("2024-04-05 09:40\n\n결승\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == "결승"


@pytest.mark.parametrize(
    "text",
    ["2024-04-05 09:40\n[단독]\n새 도서관 문 열어\n", "[단독]\n새 도서관 문 열어\n", "팜스터디\n\n새 도서관 문 열어\n"],
)
def test_a_label_and_a_headline_with_nothing_under_them(text: str) -> None:
    assert not news.detect(text)


def test_a_head_with_nothing_under_its_date_line_is_told_without_a_traceback() -> None:
    text = "\nⓒ 한빛일보\n  • 2019-12-28 06:15:31\n\n\n\n  • 편집국"
    assert news.detect(text) in (True, False)


@pytest.mark.parametrize(
    ("line", "outlet"), [("[한빛일보]", "한빛일보"), ("hanbit.com", None), ("www.hanbit.co.kr", None)]
)
def test_the_outlet_or_the_sites_address_between_headline_and_date(line: str, outlet: str | None) -> None:
    parsed = read(f"새 도서관 문 열어\n{line}\n입력 2024.04.05 09:40\n\n" + BODY, "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.meta.get("publication") == outlet


def test_a_path_of_sections_with_bars_above_the_headline() -> None:
    parsed = read("뉴스 | 사회\n새 도서관 문 열어\n입력 2024.04.05 09:40\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == "새 도서관 문 열어"


# For each row of the headline's table, candidates it decides: without the row, the first line
# would be taken for the headline.
DECIDED_BY = {
    "one short word set off": (["팜스터디", "새 도서관 문 열어 시민 반겨"], [1, 3]),
    "ends in a mark": (["이달의 좋은 보도상_", "새 도서관 문 열어"], [1, 2]),
    "a bracketed label alone": (["[기획연재]", "새 도서관 문 열어"], [1, 2]),
    "a section's name": (["칼럼", "새 도서관 문 열어"], [1, 2]),
    "the page's title": (["새 도서관 문 열어 - 한빛일보", "새 도서관 문 열어"], [1, 2]),
    "a breadcrumb": (["뉴스 > 사회 > 교육", "새 도서관 문 열어"], [1, 2]),
    "a series' episode": (["[기획] 도서관의 미래 ③", "새 도서관 문 열어"], [1, 2]),
    "no word": (["+ A", "새 도서관 문 열어"], [1, 2]),
    "a date alone": (["Dec 28, 2017", "새 도서관 문 열어"], [1, 2]),
    "buttons or skip links": (["본문 바로가기", "새 도서관 문 열어"], [1, 2]),
    "a template's slot": (["default_top_notch", "새 도서관 문 열어"], [1, 2]),
    "led by HOME": (["HOME 오피니언 칼럼", "새 도서관 문 열어"], [1, 2]),
    "under the page's furniture": (["날씨가 궁금하다면?", "홈 >", "새 도서관 문 열어"], [1, 3, 5]),
    "the weather": (["• 서울 13℃", "새 도서관 문 열어"], [1, 2]),
    "the site's clock": (["날짜 : 2024-09-11 16:34:12 회원가입", "새 도서관 문 열어"], [1, 2]),
    "a logo's alt text": (["• 한빛일보 로고", "새 도서관 문 열어"], [1, 2]),
    "the outlet's home link": (["한빛일보 뉴스홈", "새 도서관 문 열어"], [1, 2]),
    "a menu of links": (["신문사소개 | 광고안내 | 기사제휴", "새 도서관 문 열어"], [1, 2]),
    "an English section and its column": (["LifeStyle 편집후기", "새 도서관 문 열어"], [1, 2]),
    "the page's controls": (["배너 닫기", "새 도서관 문 열어"], [1, 2]),
    "the site's menu words": (["뉴스방송", "새 도서관 문 열어"], [1, 2]),
    "a programme's name": (["한빛 8 뉴스", "새 도서관 문 열어"], [1, 2]),
    "a word of two syllables": (["관광", "새 도서관 문 열어"], [1, 2]),
    "the second of two copies": (["정직한 소리, 곧은 소리", "새 도서관 문 열어", "새 도서관 문 열어"], [1, 2, 4]),
    "a page region's name": (["상단영역", "새 도서관 문 열어"], [1, 2]),  # 법보신문, 당진시대 (news11)
    "Latin capitals": (["캠퍼스", "HOT YOUTH", "새 도서관 문 열어"], [1, 2, 4]),  # 씽굿 (news11)
    "the page's name for itself": (["기사상세페이지", "새 도서관 문 열어"], [1, 2]),  # 청송일보 (news13)
    "an outlet's desk": (["한빛일보 편집국", "새 도서관 문 열어"], [1, 2]),  # 단비뉴스 (news13)
}


def test_every_row_of_the_headlines_table_decides_a_case(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(DECIDED_BY) == set(newstitle.TITLE_WEIGHTS)
    for feature, (lines, numbers) in DECIDED_BY.items():
        # the last candidate is the headline; the row is found in a label above it, or in the headline
        assert newstitle.choose_title(lines, numbers) == len(lines) - 1, feature
        assert any(feature in found for _, found in newstitle.title_scores(lines, numbers)), feature
        monkeypatch.setitem(newstitle.TITLE_WEIGHTS, feature, 0)
        assert newstitle.choose_title(lines, numbers) == 0, feature
        monkeypatch.undo()
