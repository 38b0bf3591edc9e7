"""The headline and the deck among the page's furniture (shapes of tests/data/news4): skip links,
template slot names, a breadcrumb led by HOME and sidebar labels above the headline are page
lines, the headline being the first line under the last of them; furniture between the headline
and the date line is no deck, nor is the headline printed again; a name alone above the date line
is its reporter, and an anchor's lead handing over to a reporter names them."""

from __future__ import annotations

import pytest

from feeds.readers import newstitle, read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
HEADLINE = "새 도서관 문 열어 시민 반겨"


@pytest.mark.parametrize(
    "above",
    [
        "서비스 메뉴 바로가기 본문 바로가기 아티클 바로가기",  # skip links
        "default_top_notch\n\ndefault_setNet1_2",  # a template's slot names
        "HOME 신년특집호 2017 창간호",  # a breadcrumb led by HOME, its bars lost
        "칼럼\n\n날씨가 궁금하다면?\n\n정보광장\n\n\n홈 >",  # a sidebar's labels, then the breadcrumb
        "국방 국방안보",  # a section and its subsection, the bar between them lost
    ],
)
def test_page_furniture_above_the_headline(above: str) -> None:
    parsed = read(f"{above}\n\n{HEADLINE}\n\n입력 2022-04-15 20:55\n\n" + BODY, "a.txt")
    assert parsed.meta["title"] == HEADLINE
    assert "summary" not in parsed.meta


def test_the_deck_under_the_headline_after_the_furniture() -> None:
    text = f"HOME 신년특집호 2017 창간호\n\n{HEADLINE}\n\n시민의 휴식 공간이 된다\n\n입력 2022-04-15 20:55\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["title"] == HEADLINE
    assert parsed.meta["summary"] == "시민의 휴식 공간이 된다"


def test_the_headline_printed_again_under_the_date_line_is_no_deck() -> None:
    text = f"[포토] {HEADLINE}\n홍길동기자 | 입력 : 2022/12/15 [13:11]\n[포토]  {HEADLINE}\n" + BODY
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.meta["authors"] == [{"name": "홍길동"}]


def test_a_name_alone_above_the_date_line_is_its_reporter() -> None:
    text = f"[포토 캘린더] {HEADLINE}\n\n홍길동\n\n입력 2020. 07. 30   17:29\n업데이트 2020. 07. 30   17:32\n\n" + BODY
    parsed = read(text, "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
    assert "summary" not in parsed.meta


def test_an_anchors_lead_names_the_reporter() -> None:
    text = (
        f"{HEADLINE}\n입력 2022-04-15 20:55 수정 2022-04-15 22:27\n\n[앵커]\n"
        "도서관이 문을 열었습니다.\n\n시민들의 반응, 홍길동 기자가 미리 알려드리겠습니다.\n\n[기자]\n"
        "한빛시는 10일 새 도서관을 열었습니다.\n"
    )
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동"}]


def test_the_furniture_rows_of_the_headlines_table() -> None:
    for lines in (
        ["default_top_notch", HEADLINE],
        ["본문 바로가기 메뉴 바로가기", HEADLINE],
        ["HOME 오피니언", HEADLINE],
    ):
        assert newstitle.choose_title(lines, [1, 3]) == 1, lines
