"""Round 6: the title, deck and caption shapes of tests/data/news10 and news11 (held out until this
round), each written as a general property of a line (what it is on any page, not on one outlet's)
and tested here with a made-up headline or text. Each test's docstring names the real lines it came
from, their outlets and sets."""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers import read
from feeds.readers.newstitle import deck_class, printed_twice

from .test_news_round5_deck import BODY, DECK, HEADLINE, _check, _meta

# --- the page's own lines above the headline ---------------------------------------------------


def test_a_page_regions_name_is_no_headline() -> None:
    """ "상단영역" / "본문영역" (법보신문 and 당진시대, news11, one CMS), "상단여백" (부대신문, news11):
    the names of the page's regions, read aloud to a screen reader, above the headline."""
    _check(["상단영역", "본문영역", HEADLINE], [0, 2, 4], 2)
    _check(["상단여백", HEADLINE], [0, 1], 1)


def test_the_headline_under_the_stamp_when_only_region_names_are_above_it() -> None:
    """당진시대 (news11): "상단영역" / "본문영역" / "• 인물" / "• 입력 2008.11.24 00:00" / headline."""
    meta = _meta(f"상단영역\n\n본문영역\n\n  • 인물\n  • 입력 2024.04.05 09:40\n\n{HEADLINE}\n\n{BODY}")
    assert meta["title"] == HEADLINE
    assert "summary" not in meta or meta["summary"] != "본문영역"


def test_a_row_of_glued_tool_buttons_is_no_headline() -> None:
    """ "쪽지신고하기 기사글확대 기사글축소 기사스크랩 이메일문의 프린트하기" (설악신문, news11): the
    article's tools, each label glued to its verb; the headline under them, its deck under it."""
    tools = "쪽지신고하기 기사글확대 기사글축소 기사스크랩 이메일문의 프린트하기"
    lines = ["OFF", "뉴스홈 > 사회", "트위터로 보내기 네이버 밴드 공유", tools]
    _check([*lines, HEADLINE, DECK], [0, 1, 2, 3, 4, 5], 4)


def test_the_weather_glued_into_one_line_is_no_headline() -> None:
    """ "현재기온 0.8°c대기 보통풍속 1.5m/s습도 61%" (호남일보, news11): the weather widget, its
    fields glued, under the site's date."""
    _check(["현재기온 0.8°c대기 보통풍속 1.5m/s습도 61%", HEADLINE], [0, 2], 1)
    _check(["기온 12℃ 습도 40%", HEADLINE], [0, 2], 1)


def test_a_line_of_latin_capitals_is_a_label_above_the_headline() -> None:
    """ "캠퍼스" / "HOT YOUTH" / headline (씽굿, news11): a section's name in Latin capitals, as
    magazines print them ("CLUB DATE" further down the same page)."""
    _check(["캠퍼스", "HOT YOUTH", HEADLINE], [0, 2, 4], 2)


def test_a_headline_in_latin_capitals_alone_stays_the_headline() -> None:
    _check(["BTS WORLD TOUR", DECK], [0, 1], 0)


def test_a_bullet_leading_the_headline_is_no_part_of_it() -> None:
    """ "• [Editor`s Letter] 창간 10주년 맞은 <매경LUXMEN>" (매경럭스멘, news10): the page's list mark."""
    meta = _meta(f"• {HEADLINE}\n\n    입력 : 2024.04.05 09:40:02\n\n{BODY}")
    assert meta["title"] == HEADLINE


# --- lines under the head that are no deck ---------------------------------------------------


def test_a_pictures_file_name_with_spaces_starts_the_text() -> None:
    """ "사진1.임상섭 산림청장이 … 확인하고 있다..jpg" (산림청, news11): an image's file name, made of
    its caption, spaces and all."""
    assert deck_class("사진1.홍길동 시장이 새 도서관을 둘러보고 있다..jpg", HEADLINE) == "text"


def test_a_lone_latin_word_is_an_images_alt_text() -> None:
    """ "image" over "/사진='시동' 포스터" (스타뉴스, news10): a picture's alt text, one Latin word."""
    assert deck_class("image", HEADLINE) == "page"
    assert deck_class("photo", HEADLINE) == "page"


def test_a_channels_label_under_the_stamp_is_no_deck() -> None:
    """ "[헬스조선 유튜브 '동영상 질병백과']" over the deck (헬스조선, news10): the outlet's channel
    and its programme, in brackets, the deck under it. A series' label over its episode is the
    deck's ("[인천문화 40년을 듣는다]" / "(5) …", 인천in, news2)."""
    assert deck_class("[한빛일보 유튜브 '동영상 도서관']", HEADLINE) == "page"
    text = f"{HEADLINE}\n\n입력 2024.04.05 09:40\n\n[한빛일보 유튜브 '동영상 도서관']\n{DECK}\n\n{BODY}"
    assert _meta(text)["summary"] == DECK
    text = f"{HEADLINE}\n\n입력 2024.04.05 09:40\n\n[도서관 40년을 듣는다]\n(5) {DECK}\n{BODY}"
    assert _meta(text)["summary"] == f"[도서관 40년을 듣는다] (5) {DECK}"


def test_a_caption_printed_twice_on_one_line_under_the_stamp() -> None:
    """ "그룹 방탄소년단 /AFPBBNews=뉴스1 그룹 방탄소년단 /AFPBBNews=뉴스1" under the stamp (스타뉴스,
    news10): a photo's alt text and its caption, the very same words twice on one line."""
    twice = "새 도서관 전경 /한빛일보 새 도서관 전경 /한빛일보"
    assert deck_class(twice, HEADLINE) == "text"
    doc = read(f"{HEADLINE}\n\n홍길동 기자  |  2024.04.05 09:40\n{twice}\n\n\n{BODY}", "a.txt")
    assert "summary" not in doc.meta or doc.meta["summary"] != twice
    assert f"<figcaption>{twice}</figcaption>" in to_html(doc.body)


def test_a_paragraph_printed_twice_on_one_line_is_no_caption() -> None:
    """ "… 유서깊은 고장입니다. … 유서깊은 고장입니다." (옥천신문, news2): the text, printed twice."""
    twice = "우리 고장엔 수많은 인재가 배출되었습니다. 우리 고장엔 수많은 인재가 배출되었습니다."
    assert not printed_twice(twice)
    assert "figcaption" not in to_html(f"{BODY}\n{twice}\n\n{BODY}")


# --- a deck of one sentence over the photo ----------------------------------------------------

CAPTION = "새 도서관 열람실에서 시민들이 책을 고르고 있다."


def test_a_caption_ending_in_an_agencys_credit_in_angle_brackets() -> None:
    """ "… 3관왕의 주인공이 됐다.<뉴시스>" (인사이트코리아, news10): the photo's caption, credited to
    the agency after its full stop, as "(사진=뉴시스)" is."""
    html = to_html(f"{CAPTION}<뉴시스>\n\n{BODY}")
    assert f"<figcaption>{CAPTION}&lt;뉴시스&gt;</figcaption>" in html
    assert "figcaption" not in to_html(f"{BODY}\n그는 <한빛일보>에 이렇게 말했다.\n")


def test_one_sentence_over_the_photo_under_the_stamp_is_the_deck() -> None:
    """ "한국 여자 양궁대표팀의 안산(…)이 … 주인공이 됐다." over "… 됐다.<뉴시스>" (인사이트코리아,
    news10); "50분이 지나서야 교체됐다." set off over "뉴스1" / its caption (허프포스트코리아, news3):
    the deck is one sentence, the photo between it and the text."""
    deck = "시립 도서관이 열두 해 만에 새 건물로 옮겨 주말부터 문을 열었다."
    text = f"{HEADLINE}\n  • 홍길동 기자\n  • 승인 2024.04.05 09:40\n\n{deck}\n{CAPTION}<뉴시스>\n\n{BODY}"
    assert _meta(text)["summary"] == deck
    text = f"2024.04.05 09:40\n\n{HEADLINE}\n\n{deck}\n\n뉴스1\n{CAPTION}\n\n{BODY}"
    assert _meta(text)["summary"] == deck


def test_a_first_paragraph_over_the_photo_stays_the_text() -> None:
    """Two sentences, or a paragraph's length, over the photo are the text's first paragraph; a
    note led by a mark is the text ("* <한겨레21> … 독자님이 응원해주셨습니다." over "오진욱 제공",
    한겨레21, news2)."""
    para = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다."
    text = f"{HEADLINE}\n  • 홍길동 기자\n  • 승인 2024.04.05 09:40\n\n{para}\n{CAPTION}<뉴시스>\n\n{BODY}"
    assert _meta(text).get("summary") != para
    note = "* 페이스북 독자 모임으로 홍길동 독자님이 응원해주셨습니다."
    text = f"{HEADLINE}\n\n등록 : 2024-04-05 09:40\n\n{note}\n\n홍길동 제공\n\n{BODY}"
    assert _meta(text).get("summary") != note
    text = f"{HEADLINE}\n\n2024년 04월 05일 09시 40분\n\n{DECK}했다.\n\n▲{CAPTION}\n\n{BODY}"
    assert _meta(text).get("summary") != f"{DECK}했다."  # 뉴스타파 (tests/data/news)


def test_a_deck_of_four_short_lines_set_off_under_the_stamps() -> None:
    """ "4월3일 현응 스님 이어" / "4일 지홍 스님도 법보시" / "“신문은 못가는 곳 없어" / "24시간 함께하는
    포교사”" (법보신문, news11): a deck broken into four short lines, as a headline's are."""
    lines = ["열두 해 만에 새 건물로", "시립 도서관 문 열어", "“책 읽는 도시로", "한 걸음 더 나아가”"]
    deck = "\n".join(lines)
    text = f"{HEADLINE}\n\n  • 교계\n  • 입력 2024.04.05 09:40\n  • 댓글 0\n\n{deck}\n\n{BODY}"
    assert _meta(text)["summary"] == " ".join(lines)


def test_a_deck_of_several_lines_glued_between_the_stamp_and_the_text() -> None:
    """ "한국전력공사 본사" / "첨단 시스템으로 지하 송전선 관리" / "전기세·전자파 오해·표현 바뀌어야"
    glued under the stamp and over the first paragraph (호남일보, news11): a deck broken into
    lines, one of them of two words; two words alone over the text are the photo's subject."""
    lines = ["한빛시립도서관 본관", "열두 해 만에 새 건물로 옮겨", "주말부터 시민에게 문 열어"]
    para = "한빛시는 10일 시립 도서관이 열두 해 만에 새 건물로 옮겨 주말부터 문을 연다고 밝혔다."
    text = f"{HEADLINE}\n\n입력 2024.04.05. 09:40\n" + "\n".join(lines) + f"\n{para}\n\n{BODY}"
    assert _meta(text)["summary"] == " ".join(lines)
    text = f"{HEADLINE}\n\n입력 2024.04.05. 09:40\n블랙핑크 지수\n{para}\n\n{BODY}"
    assert "summary" not in _meta(text) or _meta(text)["summary"] != "블랙핑크 지수"


# --- captions ----------------------------------------------------------------------------------


def test_a_byline_closing_a_short_article_makes_no_caption_zone() -> None:
    """ "신안=이상희 기자" over the copyright, closing six short paragraphs (농민신문, news11): the
    paragraphs above it are the text, not what photos showed above an opening byline."""
    body = (
        "한빛시 도서관이 새 건물로 옮겼다.\n\n"
        "홍길동 관장은 “시민과 함께하는 도서관이 되겠다”고 말했다.\n\n"
        "김철수 시장은 “책 읽는 도시를 만들자”고 다짐했다.\n\n"
        "한빛=홍길동 기자\n\nⓒ 한빛일보, 무단 전재 및 재배포 금지\n"
    )
    assert "figcaption" not in to_html(body)


def test_a_clipping_pages_fields_are_no_deck_and_its_signature_no_caption() -> None:
    """ "매체명 : KFM경기방송" / "보도일 : 2019.12.09" under the headline, the text signed "/엄인용
    기자" twice at its end (작은도서관 뉴스, news11): a labelled field, and the writer's signature
    printed twice; between paragraphs, a signature printed twice is a photo's alt text and caption."""
    text = f"{HEADLINE}\n매체명 : 한빛방송\n보도일 : 2024.04.05\n{BODY}\n/홍길동 기자\n/홍길동 기자\n"
    doc = read(text, "a.txt")
    assert doc.meta.get("summary") != "매체명 : 한빛방송"
    assert "figcaption" not in to_html(doc.body)
    assert "figcaption" in to_html(f"{BODY}\n/홍길동 기자\n/홍길동 기자\n\n{BODY}")
