"""Round 7: the title, deck and caption shapes of tests/data/news12 and news13 (held out until this
round), each written as a general property of a line (what it is on any page, not on one outlet's)
and tested here with a made-up headline or text. Each test's docstring names the real lines it came
from, their outlets and sets."""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers.newstitle import deck_class, headline_text

from .test_news_round5_deck import BODY, DECK, HEADLINE, _check, _meta

CAPTION = "새 도서관 열람실에서 시민들이 책을 고르는 모습"

# --- captions ------------------------------------------------------------------------------------


def test_a_paragraph_under_a_pictures_file_name_stays_the_text() -> None:
    """ "01010102101.20220516.001334770.02.jpg" / "전남 신안 임자농협(…)이 최근 … 했다." (농민신문,
    news11): a sentence of the text under the file name is no caption."""
    html = to_html(f"0101.20240405.02.jpg\n\n{BODY}")
    assert "figcaption" not in html


def test_a_line_led_by_two_up_arrows_is_a_caption_and_its_credit_under_it() -> None:
    """ "↑↑ 송 준 헌 발행인" / "ⓒ 설악news" (설악뉴스, news11), "↑↑ 웅상농협 … 읽고 있는 모습" /
    "ⓒ 웅상뉴스(웅상신문)" glued to the text (웅상뉴스, news13): an old site builder's caption,
    its arrows pointing at the photo, and the photo's credit under it."""
    html = to_html(f"↑↑ {CAPTION}\nⓒ 한빛뉴스(한빛신문)\n{BODY}")
    assert f"<figcaption>↑↑ {CAPTION}</figcaption>" in html, html
    assert "<figcaption>ⓒ 한빛뉴스(한빛신문)</figcaption>" in html, html
    html = to_html(f"↑↑ 홍 길 동 발행인\n\nⓒ 한빛news\n\n{BODY}")
    assert "<figcaption>↑↑ 홍 길 동 발행인</figcaption>" in html, html


# --- the page's own lines above the headline ---------------------------------------------------


def test_the_pages_name_for_itself_or_its_view_is_no_headline() -> None:
    """ "기사상세페이지" (청송일보, news13), "상세페이지" (news10), "게시판 상세" and "협회보 지면보기"
    (한국편집기자협회, news13), "PDF 지면보기" (news4), "본문 시작" (단비뉴스, news13), "카카오 채널"
    (팸타임즈, news13): the page naming itself, its view, the skip link's target or a channel's
    button, above a headline however short ("취임 인사")."""
    for label in ("기사상세페이지", "상세페이지", "게시판 상세", "협회보 지면보기", "본문 시작", "카카오 채널"):
        _check([label, "취임 인사"], [0, 2], 1)
        _check([label, HEADLINE], [0, 1], 1)


def test_a_boards_fields_each_on_a_line_give_the_headline_and_no_deck() -> None:
    """ "게시판 상세" / "제목 “협회 55주년 이정표 세우자”… 5개 …" / "작성자 대표 관리자 (ip:)" / "• 평점 0점"
    / "• 작성일 2019-04-01 10:15:50" (한국편집기자협회, news13); "제목 새해 이렇게 바뀝니다 게시일 …"
    (경향신문, news2): a board's fields, labelled without a colon, one a line; the title's label
    is no part of the headline, and the writer's, rating's or counter's field no deck."""
    lines = ["협회보 지면보기", "-", "게시판 상세", f"제목 {HEADLINE}", "작성자 대표 관리자 (ip:)", "• 평점 0점"]
    _check(lines, [0, 2, 4, 5, 6, 7], 3)
    assert headline_text(f"제목 {HEADLINE}") == HEADLINE
    assert headline_text("제목 없는 편지") == "제목 없는 편지"
    for field in ("작성자 대표 관리자 (ip:)", "• 평점 0점", "• 추천 추천하기", "글쓴이 홍길동"):
        assert deck_class(field, HEADLINE) == "page", field


def test_a_path_glued_to_the_pages_controls_is_no_headline() -> None:
    """ "뉴스 > 지역·단체 +크기 | -작게 | 이메일 | 프린트" (해피데이고창, news13): the section's path and
    the page's tools after it, parted by bars; the same tools on a line of their own ("+크기 | -작게
    | 이메일 | 프린트", 설악뉴스, news11). A headline's bars part phrases."""
    _check(["뉴스 > 지역·단체 +크기 | -작게 | 이메일 | 프린트", "조합장 신년사", "농협고창군지부장"], [0, 1, 2], 1)
    _check(["+크기 | -작게 | 이메일 | 프린트", HEADLINE], [0, 1], 1)
    _check(["도서관 | 새 건물로 | 문 열어", DECK], [0, 1], 0)


def test_an_outlets_desk_is_no_headline() -> None:
    """ "본문 시작" / "단비뉴스 편집실" / "저는 기자이고요, 뇌성마비 장애인입니다" (단비뉴스, news13): the
    outlet's desk, as the page names the writer of its own pieces, above the headline."""
    _check(["본문 시작", "단비뉴스 편집실", HEADLINE, "- 조회 : 159"], [0, 1, 2, 3], 2)
    _check(["한빛일보 편집국", HEADLINE], [0, 1], 1)


def test_a_page_regions_name_in_brackets_is_no_deck() -> None:
    """ "[기사 제목]" / headline / "조회수 11610 | 루리웹 | 입력 …" / "[기사 본문]" (루리웹, news12): the
    page's regions named for a screen reader, in brackets; and a counter led by a dash ("- 조회 :
    159", 단비뉴스, news13)."""
    assert deck_class("[기사 본문]", HEADLINE) == "page"
    assert deck_class("- 조회 : 159", HEADLINE) == "page"
    assert deck_class("[기획 연재]", HEADLINE) == "deck"


def test_a_row_of_icon_names_is_no_deck() -> None:
    """ "fa tw gp" / "• ba" / "• ka ks url" under "SNS 공유하기" (청송일보, news13): the share buttons'
    icon names (facebook, twitter, google+), letters no deck is written in."""
    assert deck_class("fa tw gp", HEADLINE) == "page"
    assert deck_class("• ka ks url", HEADLINE) == "page"
    assert deck_class("AI 시대 the new deal", HEADLINE) == "deck"


def test_a_note_on_the_photo_in_angle_brackets_is_a_caption() -> None:
    """ "<사진은 지난 2021년 8월, … 연속간담회를 개최하고 있는 모습>" (전남장애인신문, news13), as
    "<사진=백성현 기자>" (법률신문, news2) is: a note on the photo, in angle brackets, led by 사진."""
    note = f"<사진은 지난 5일 {CAPTION}>"
    assert f"<figcaption>{note.replace('<', '&lt;').replace('>', '&gt;')}</figcaption>" in to_html(
        f"{note}\n\n\n{BODY}"
    )
    assert "figcaption" not in to_html(f"<사진으로 보는 한빛시> 전시가 열렸다.\n\n{BODY}")


def test_a_layout_tables_opening_bar_is_no_part_of_the_headline() -> None:
    """ "| 강진군, ‘귀농귀촌 동네작가’ 위촉 …" / "강진=이진묵 기자 sa4332252@gwangnam.co.kr |" (광남일보,
    news13): a layout table's cell running over two lines, its bars at its ends; a cell on one line
    ("| 박성웅, ‘임성근 위증 재판’ 증인 선다 |", 티브이데일리, news) loses both already."""
    assert headline_text(f"| {HEADLINE}") == HEADLINE


def test_the_headline_under_a_long_menu_and_the_sections_path() -> None:
    """ "커뮤니티" / "병무상담 코너" / "독자투고" / "직거래장터" / "자유게시판" / "편집회의실" / "뉴스 > 특집" /
    headline (설악뉴스, news11; the same site builder as 해피데이고창, news13): the site's menu, an
    item a line, more lines than the headline is looked for in, and the section's path closing it."""
    menu = ["커뮤니티", "병무상담 코너", "독자투고", "직거래장터", "자유게시판", "편집회의실", "뉴스 > 특집"]
    _check([*menu, HEADLINE, DECK], list(range(0, 18, 2)), 7)
    meta = _meta(
        "\n\n".join(["최종편집 : 2024-04-05 오전 10:06:32", *menu, HEADLINE, DECK, "2024년 04월 05일(금) 11:26"])
        + f"\n\n{BODY}"
    )
    assert meta["title"] == HEADLINE
    assert meta["summary"] == DECK


# --- a photo credit closing the text ----------------------------------------------------------


def test_a_photo_credit_among_the_closing_lines_is_no_caption() -> None:
    """ "[스타서울TV 이현지 기자/사진=SBS 중계 캡처]" closing the text (뉴스인사이드, news10), "[사진 = ⓒ
    KBS 방송화면]" and "yyoung@xportsnews.com/사진=메가박스(주)플러스엠, …" between the desk's address,
    the writer's signature and the copyright (엑스포츠뉴스, news12): the credit of the photos at the
    top of the page, among the closing lines, under no photo. Between paragraphs it is a photo's."""
    for credit in (
        "[한빛일보 홍길동 기자/사진=KBS 중계 캡처]",
        "[사진 = ⓒ KBS 방송화면]",
        "hong@hanbit.co.kr/사진=한빛시",
    ):
        html = to_html(f"{BODY}\n{credit}\n\n홍길동 기자 hong@hanbit.co.kr\n\nⓒ 한빛일보 / 무단전재 및 재배포 금지\n")
        assert "figcaption" not in html, html
        assert "figcaption" not in to_html(f"{BODY}\n{credit}\n"), credit
    assert "<figcaption>[사진 = ⓒ KBS 방송화면]</figcaption>" in to_html(f"{BODY}\n[사진 = ⓒ KBS 방송화면]\n\n{BODY}")
    described = "홍길동 시장이 사는 새 도서관 옆 집. 사진=한빛일보"  # 비즈한국 (news10): a caption closing the text
    assert f"<figcaption>{described}</figcaption>" in to_html(f"{BODY}\n\n{described}\n")


def test_the_pages_furniture_under_the_stamp_is_no_deck() -> None:
    """What the headline's table knows for the page's above the headline is the page's under the
    date line too: its path ("뉴스 > 사회"), its clock, its menu, its name for itself or its desk
    ("기사상세페이지", "한빛일보 편집국" under the stamp). A deck is none of these."""
    for line in (
        "뉴스 > 사회 > 교육",
        "한빛일보 뉴스홈",
        "신문사소개 | 광고안내 | 기사제휴",
        "기사상세페이지",
        "한빛일보 편집국",
    ):
        assert deck_class(line, HEADLINE) == "page", line
    assert deck_class(DECK, HEADLINE) == "deck"


def test_a_call_to_subscribe_or_give_is_no_deck() -> None:
    """ "항상 시민과 함께하겠습니다. 한겨레 구독신청 하기" between headline and stamp (한겨레, news10),
    "메뉴 후원하기" (news11), "[채널A 뉴스] 구독하기" (news6): the site's call to subscribe or give,
    ending in its button."""
    for line in ("항상 시민과 함께하겠습니다. 한빛일보 구독신청 하기", "한빛일보 후원하기", "[한빛뉴스] 구독하기"):
        assert deck_class(line, HEADLINE) == "page", line
    assert deck_class("시민 후원으로 새 도서관 짓기", HEADLINE) == "deck"


def test_a_cohort_and_a_name_is_the_writers_line_no_deck() -> None:
    """ "- 17기 주희" between headline and stamp (단비뉴스, news13); "11기 백지수기자" (대한민국청소년기자단,
    news5): a student reporter's cohort and name, the writer's line."""
    assert deck_class("- 17기 주희", HEADLINE) == "page"
    assert deck_class("3기 홍길동 기자", HEADLINE) == "page"
    assert deck_class("1기 신도시 재건축 속도", HEADLINE) == "deck"
