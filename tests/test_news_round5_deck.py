"""Round 5: the title, deck and caption shapes of tests/data/news7 and news9 (held out until this
round) and of the earlier sets' remaining misses, each written as a general rule of a line's shape
and tested here with a made-up headline or text. Each test's docstring names the real line it came
from, its outlet and set."""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers import read
from feeds.readers.newstitle import choose_title, deck_class, title_scores

HEADLINE = "새 도서관 문 열어"
DECK = "시립 도서관이 열두 해 만에 새 건물로 옮겨 주말부터 문을 연다"
BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
STAMP = "  • 승인 2024.04.05 09:40"


def _check(lines: list[str], numbers: list[int], want: int) -> None:
    assert choose_title(lines, numbers) == want, title_scores(lines, numbers)


def _meta(text: str) -> dict[str, object]:
    return read(text, "a.txt").meta


# --- the page's controls above the headline ----------------------------------------------------


def test_the_pages_controls_are_no_headline() -> None:
    """ "기사 메일전송" (경기대신문, news8), "배너 닫기" (신구대학보, news8), "Skip Menu" (거제대학보,
    news8), "글자크기조절" / "글자색상조절" / "배경색상조절" (CTS, news7): a tool's or a banner's
    button, the skip link in English, the font and colour controls."""
    _check(["기사 메일전송", HEADLINE], [0, 1], 1)
    _check(["배너 닫기", HEADLINE], [0, 3], 1)
    _check(["Skip Menu", HEADLINE], [0, 4], 1)
    _check(["글자크기조절", "글자색상조절", "배경색상조절", HEADLINE], [0, 1, 2, 8], 3)


def test_the_sites_menu_words_are_no_headline() -> None:
    """ "뉴스방송" / "현재 뉴스" (CTS, news7), "뉴스 프로그램" (JIBS, news7): the menu's and the
    page's location words, glued or apart, above the headline."""
    _check(["글자크기조절", "뉴스방송", "현재 뉴스", HEADLINE], [0, 4, 6, 8], 3)
    _check(["뉴스 프로그램", HEADLINE], [0, 1], 1)


def test_a_headline_about_the_news_stays_the_headline() -> None:
    _check(["뉴스 보도 끝낸 방송사, 새 프로그램 편성", DECK], [0, 1], 0)
    _check(["메일 보내기 운동 벌인 시민들", DECK], [0, 1], 0)


def test_the_headline_under_a_row_of_controls_and_the_sites_clock() -> None:
    """ "로그인 회원가입 기사제보" / "트위터" / "페이스북" / "유튜브" / "RSS" / "2017.12.15 금 10:21" /
    "제주레저신문" / "관광" / headline / … / "승인 2017.12.07 10:55:22" (제주레저신문, news9): every
    text line above the first date line is the page's; the headline is under it."""
    text = (
        "로그인 회원가입 기사제보\n\n트위터\n\n페이스북\n\n유튜브\n\nRSS\n\n2024.04.07 일 10:21\n"
        f"한빛일보\n사회\n{HEADLINE}\n한빛일보  |  hanbit@hanbit.co.kr\n승인 2024.04.05  09:40:00\n\n{BODY}"
    )
    meta = _meta(text)
    assert meta["title"] == HEADLINE
    assert "summary" not in meta or meta["summary"] != HEADLINE


def test_a_programmes_page_prints_the_headline_under_its_date() -> None:
    """ "[2020-08-02] JIBS 8뉴스" / "뉴스 프로그램" / "JIBS 8 뉴스" / "2020년 08월 02일 (일)" / headline /
    headline (JIBS, news7): the programme's page title, its menu and its name above the air date;
    the headline, printed twice under it, is no caption."""
    text = (
        f"[2024-04-05] 한빛 8뉴스\n뉴스 프로그램\n한빛 8 뉴스\n2024년 04월 05일 (금)\n{HEADLINE}\n{HEADLINE}\n"
        "(앵커)\n한빛시의 새 도서관이 오늘 문을 열었습니다.\n\n홍길동 기잡니다.\n"
    )
    meta = _meta(text)
    assert meta["title"] == HEADLINE
    assert "summary" not in meta


# --- lines the head reader places in the deck that are no deck -----------------------------------


def _deck(line: str) -> str:
    return deck_class(line, HEADLINE)


def test_an_address_is_no_deck() -> None:
    """ "• 디지털콘텐츠팀 inews@kookje.co.kr" (국제신문, news9), "제주레저신문  |  leisuretimes@…"
    (제주레저신문, news9), "webmaster@" (한국금융신문, news7, the address cut off): a desk's or the
    outlet's address among the head's lines."""
    assert _deck("• 편집팀 desk@hanbit.co.kr") == "page"
    assert _deck("한빛일보  |  hanbit@hanbit.co.kr") == "page"
    assert _deck("webmaster@") == "page"
    assert _deck(DECK) == "deck"


def test_the_print_page_is_no_deck() -> None:
    """ "•  |  본지 1면" (국제신문, news9): the page of the print edition the article ran on."""
    assert _deck("•  |  본지 1면") == "page"
    assert _deck("A12면") == "page"
    assert _deck("1면 머리기사 바꾼 신문들") == "deck"


def test_a_label_then_the_headline_is_no_deck() -> None:
    """ "Tech Guide-웹 보안에 대한 위협과 대처방안" (데이터넷, news7): the series' name, then the
    headline again, as the page's title prints it."""
    assert _deck(f"Tech Guide-{HEADLINE}") == "page"
    assert _deck(f"[기획] {HEADLINE}") == "page"
    assert _deck(f"시민들 반긴 {HEADLINE}") == "deck"


def test_a_columns_name_is_no_deck() -> None:
    """ "편집인의 편지" (이코노미21, news7), "편집자의 말" (심토, news8): the column the letter runs in."""
    assert _deck("편집인의 편지") == "page"
    assert _deck("편집자의 말") == "page"
    assert _deck("편집자의 말 한마디가 바꾼 신문") == "deck"


def test_a_writers_credit_is_no_deck() -> None:
    """ "[창간축사] 이중재 한국수력원자력(주) 사장" (EPJ, news9), "(사)한국프랜차이즈협회 회장 이병억"
    (식품외식경제, news9): the writer of a congratulatory letter, with where they work and their
    title, between the headline and the date line."""
    assert _deck("[축사] 홍길동 한빛전력(주) 사장") == "page"
    assert _deck("(사)한빛외식협회 회장 홍길동") == "page"
    assert _deck("홍길동 회장, 새 협회 이끈다") == "deck"


def test_a_line_led_by_a_templates_marker_starts_the_text() -> None:
    """ "|contsmark0|3년 순환제 … 조선일보 1년 단기 파견" (PD저널, news7): an old CMS's marker glued
    to the text's first line, as it is to each of its paragraphs."""
    assert _deck("|contsmark0|열두 해 만에 새 건물로") == "text"


def test_the_first_of_the_texts_subheadings_is_no_deck() -> None:
    """ "- 우리 대학 신문사, 경남대학보사" … "- 수습기자는 무슨 일을 하나요?" (경남대학보, news5),
    "영광축협 “화합·단결 필요한 때”" … "인제축협 “조합원 중심으로”" (축산경제신문, news9): the line set off
    under the date line has the shape of a subheading further down: the text's first section."""
    para = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다."
    for first, second in (
        ("- 새 도서관은 어떤 곳인가", "- 누가 쓸 수 있나"),
        ("한빛시 “책 읽는 도시로”", "두리시 “작은 도서관부터”"),
    ):
        text = f"{HEADLINE}\n\n• 홍길동 기자\n• 승인 2024.04.05 09:40\n\n{first}\n\n{para}\n\n{second}\n\n{para}\n"
        assert "summary" not in _meta(text), first


def test_a_deck_in_the_shape_of_no_later_line_stays_the_deck() -> None:
    para = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다."
    text = f"{HEADLINE}\n\n• 홍길동 기자\n• 승인 2024.04.05 09:40\n\n- {DECK}\n\n{para}\n\n소제목 하나\n\n{para}\n"
    assert _meta(text)["summary"] == f"- {DECK}"


def test_a_row_of_share_buttons_is_no_deck() -> None:
    """ "트위터 페이스북 미투데이 요즘 네이버 구글 msn" (제주레저신문, news9): the share buttons of
    services, some long gone, under the stamp."""
    assert _deck("트위터 페이스북 미투데이 요즘 네이버 구글 msn") == "page"


# --- a deck glued to the text ------------------------------------------------------------------
LONG = (
    "한빛시는 10일 시청 옆에 새 도서관을 열었다고 밝혔다. 도서관은 주말에도 문을 열고 밤 열 시까지 책을 빌려준다. "
    "시는 내년까지 작은 도서관 열 곳을 더 연다."
)


def test_a_deck_glued_under_the_date_line_above_the_first_paragraph() -> None:
    """ "2025-09-21 15:00:04 게재" / "10월 13일부터 서대문FM 통해 주요 프로그램 송출" / paragraph (내일신문,
    news7), "• 조회수 : 1091" / "주민 생활의 길잡이 되는 신문으로" / paragraph (북구신문, news9): a line of
    several words, no sentence, between the head and a paragraph, no blank line around it."""
    meta = _meta(f"{HEADLINE}\n2024-04-05 15:00:04 게재\n{DECK}\n{LONG}\n\n{BODY}")
    assert meta["summary"] == DECK
    parsed = read(f"{HEADLINE}\n2024-04-05 15:00:04 게재\n{DECK}\n{LONG}\n\n{BODY}", "a.txt")
    assert DECK not in parsed.body


def test_a_quotation_glued_under_the_buttons_is_the_deck() -> None:
    """ "입력 2009-03-22 00:00:00" / "카카오톡 공유하기" / "프린트" / "공유하기 닫기" / "이다해“이치로정체를
    파헤치고싶다”" / paragraph (스포츠동아, news7): someone's words, their spaces lost."""
    quote = "홍길동“새도서관에서책읽고싶다”"
    meta = _meta(
        f"{HEADLINE}\n\n입력 2024-04-05 00:00:00\n카카오톡 공유하기\n프린트\n공유하기 닫기\n\n\n{quote}\n{LONG}\n"
    )
    assert meta["summary"] == quote


def test_a_photos_subject_glued_above_the_text_is_no_deck() -> None:
    for line in ("박성웅", "블랙핑크 지수", "최영철 한빛방송 기자", "한빛시 도서관장 홍길동 관장", "<앵커 멘트>"):
        meta = _meta(f"{HEADLINE}\n2024-04-05 15:00:04 게재\n{line}\n{LONG}\n\n{BODY}")
        assert "summary" not in meta, line


def test_a_short_line_above_a_short_one_is_no_deck() -> None:
    """ "‘개콘’의 ‘아무 말 대잔치’ 코너에 이어" / "‘버스킹 어게인’에서 …" (여수MBC, news3): a broadcast's
    script breaks its sentences into short lines."""
    meta = _meta(f"{HEADLINE}\n2024-04-05 15:00:04 게재\n새 도서관이 문을 연 첫날\n시민들이 줄을 섰습니다.\n\n{BODY}")
    assert "summary" not in meta


def test_the_translate_buttons_label_is_page_junk() -> None:
    """ "이 기사를 공유합니다" / "이 기사를 번역합니다" / (blank) / three deck lines led by "-" / (blank) /
    "[팍스경제TV 배태호 기자]" (팍스경제TV, news7): the label of a button beside the share buttons'."""
    deck = ["- 열두 해 만에 새 건물로", "- 주말에도 밤 열 시까지", "- 작은 도서관 열 곳 더"]
    lines = "\n".join(deck)
    head = f"{HEADLINE}\n  • 홍길동\n{STAMP}\n이 기사를 공유합니다\n이 기사를 번역합니다"
    text = f"{head}\n\n{lines}\n\n[한빛일보 홍길동 기자]\n\n{BODY}"
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"] == " ".join(deck)
    assert "이 기사를 번역합니다" in parsed.meta["page_lines"]


def test_deck_lines_ending_in_a_noun_and_a_full_stop() -> None:
    """ "… 전문기자 제도를 도입." / "… 새로운 경제 전문지로 도약 기대." (내외경제TV, news7): a deck's
    points end in a noun, full stop or not; the text's sentences end in a verb ("…다.")."""
    deck = ["한빛시, 열두 해 만에 새 도서관 개관.", "주말에도 밤 열 시까지 문 열어 시민 호응 기대."]
    text = f"{HEADLINE}\n\n홍길동 기자\n기사승인 : 2024-04-05 01:43\n\n{deck[0]}\n{deck[1]}\n\n\n{BODY}"
    assert _meta(text)["summary"] == " ".join(deck)


def test_a_sentence_under_the_date_line_is_no_deck() -> None:
    text = f"{HEADLINE}\n\n홍길동 기자\n기사승인 : 2024-04-05 01:43\n\n한빛시가 새 도서관을 열었다.\n\n{BODY}"
    assert "summary" not in _meta(text)


def test_the_line_printed_again_under_it_is_the_headline() -> None:
    """ "건강을 위한 바른 소리, 의료를 위한 곧은 소리" / "의협신문 창간 37주년을 맞으며" / (blank) / the same
    (의협신문, news7): the site's motto above the headline, which the page prints twice (its title
    and the article's)."""
    _check(["정직한 소리, 곧은 소리", HEADLINE, HEADLINE], [0, 1, 3], 2)
    _check([HEADLINE, DECK], [0, 2], 0)


def test_the_deck_under_the_date_line_when_the_lines_above_it_are_no_deck() -> None:
    """ "[1000호 특집] …" / "한창호" / "webmaster@" / "기사입력 : 2002-07-14 19:43" / (blank) / "더 높은
    정확성, 심층성…또 다른 금융세계로!" (한국금융신문, news7): a name alone and an address cut off
    between the headline and the date line are no deck; the deck is under the date line."""
    deck = "더 넓은 서가, 더 긴 시간…또 다른 도서관으로!"
    text = f"{HEADLINE}\n\n홍길동\n\nwebmaster@\n\n기사입력 : 2024-04-05 19:43\n\n{deck}\n\n{BODY}"
    assert _meta(text)["summary"] == deck


def test_share_buttons_in_english_under_the_deck_are_no_deck() -> None:
    """ "• kakao share" / "• facebook share" / "• telegram share" / "• twitter share" / "• clipboard
    copy" (한국금융신문, news7): the share buttons' labels in English, after bullets, under the deck."""
    deck = "더 넓은 서가, 더 긴 시간…또 다른 도서관으로!"
    buttons = "• kakao share\n• facebook share\n• twitter share\n• clipboard copy"
    text = f"{HEADLINE}\n\n기사입력 : 2024-04-05 19:43\n\n{deck}\n\n{buttons}\n{BODY}"
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"] == deck
    assert "• kakao share" in parsed.body  # kept, as the text's


# --- captions --------------------------------------------------------------------------------


def test_a_pictures_file_name_and_a_control_above_the_byline_are_no_caption() -> None:
    """ "게시순서" / (blank) / "image0114.png" / (blank) / "[거제대학교=박성아 기자]…" (거제대학보, news8),
    "093ce0bbd38b…_0337.jpg" / (blank) / "[NPO센터=환경일보] 김봉운 기자 = …" (에코맘코리아, news8): the
    picture's file name, which no reader sees as a caption, and a control of the page."""
    body = "게시순서\n\n   image0114.png\n\n[한빛일보=홍길동 기자]한빛시는 10일 새 도서관을 열었다.\n\n둘째 문단이다.\n"
    html = to_html(body)
    assert "<figcaption>" not in html, html


def test_an_interviews_credit_among_the_deck_is_no_deck() -> None:
    """ "인터뷰: 박걸순 충북대 사학과교수" among the deck's lines (충북일보, news5): who was interviewed,
    their label before them."""
    assert _deck("인터뷰: 홍길동 한빛대 사학과교수") == "page"
    assert _deck("인터뷰: 도서관은 시민의 것") == "deck"


def test_paragraphs_of_sentences_above_the_date_line_are_the_text() -> None:
    """ "[촌철만평] …" / (blank) / a paragraph of three sentences / (blank) / one sentence / (blank) /
    "작성 2024.04.15 02:35 …" (코스미안뉴스, news5): a cartoon's short text above its stamp, each line
    ending in a full stop, one of them three sentences: the text, no deck."""
    para = "도서관이 문을 연 지 열두 해가 지났다. 책은 늘었지만 자리는 그대로다. 시민들은 더 넓은 곳을 바랐다."
    text = f"[만평] {HEADLINE}\n\n{para}\n\n이제 새 건물에서 다시 시작할 때다.\n\n작성 2024.04.15 02:35\n"
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert para in parsed.body


def test_what_a_photo_shows_glued_above_the_text_is_no_deck() -> None:
    for line in ("개관식에서 테이프를 자르고 있다", "새 도서관을 둘러보는 시민들의 모습"):
        meta = _meta(f"{HEADLINE}\n2024-04-05 15:00:04 게재\n{line}\n{LONG}\n\n{BODY}")
        assert "summary" not in meta, line


def test_a_name_and_title_ending_in_a_full_stop_under_the_stamp_is_no_deck() -> None:
    """ "박병석 국회의장." (아시아투데이, news6): a photo's subject, set off under the stamp."""
    text = f"{HEADLINE}\n\n홍길동 기자\n기사승인 : 2024-04-05 01:43\n\n김철수 한빛시장.\n\n{BODY}"
    assert "summary" not in _meta(text)


def test_a_deck_about_a_market_is_a_deck() -> None:
    meta = _meta(f"{HEADLINE}\n2024-04-05 15:00:04 게재\n설 앞두고 활기 되찾은 전통시장\n{LONG}\n\n{BODY}")
    assert meta["summary"] == "설 앞두고 활기 되찾은 전통시장"


def test_a_row_of_font_controls_is_no_deck() -> None:
    """ "폰트키우기 폰트줄이기 프린트하기 메일보내기 신고하기" (제주레저신문, news9), "즐겨찾기 퍼가기": the
    font, print, mail and bookmark buttons, glued to their verbs."""
    assert _deck("폰트키우기 폰트줄이기 프린트하기 메일보내기 신고하기") == "page"
    assert _deck("즐겨찾기 퍼가기") == "page"


def test_a_person_and_their_title_glued_above_the_text_is_a_caption() -> None:
    """ "인천중부소방서 소방홍보팀장 이원호." / "[여성종합뉴스/…]올해도 겨울은 …" (여성종합뉴스, news3): the
    writer's photo, its caption their workplace, title and name, glued above the text."""
    text = "[한빛일보/홍길동]올해도 새 책이 들어왔다. 도서관은 주말에도 연다."
    html = to_html(f"한빛시청 도서관장 홍길동.\n{text}\n\n둘째 문단.\n")
    assert html.startswith("<figure><figcaption>한빛시청 도서관장 홍길동.</figcaption></figure>"), html


def test_captions_glued_under_a_signed_caption() -> None:
    """ "철마면 달집의 모습. /김항룡 기자" / "소원지 모습." / "행사프로그램. 출처=철마면청년회" (정관타임스,
    news5): a photo's caption ending in what it shows, and one with its source, glued under a
    caption signed by its photographer."""
    body = (
        "한빛시는 10일 새 도서관을 열었다. 도서관은 주말에도 연다.\n\n"
        "도서관 입구의 모습. /홍길동 기자\n열람실 모습.\n행사 안내문. 출처=한빛시청\n\n둘째 문단이다. 끝이다.\n"
    )
    html = to_html(body)
    for caption in ("열람실 모습.", "행사 안내문. 출처=한빛시청"):
        assert f"<figcaption>{caption}</figcaption>" in html, html


def test_a_line_ending_in_where_people_stand_in_the_photo_is_a_caption() -> None:
    """ "친목모임에 참석한 기자들과 허영수 회장, 마홍철 부회장(뒷줄 왼쪽으로부터 세 번째, 네 번쨰)" (재일본조선족
    신문, news8): who the photo shows, and where they stand in it."""
    body = (
        "한빛시는 10일 새 도서관을 열었다. 도서관은 주말에도 연다.\n\n"
        "개관식에 참석한 시민들과 홍길동 시장(앞줄 왼쪽에서 세 번째)\n\n둘째 문단이다. 끝이다.\n"
    )
    assert "<figcaption>개관식에 참석한 시민들과 홍길동 시장(앞줄 왼쪽에서 세 번째)</figcaption>" in to_html(body)
    text = "홍길동 시장(왼쪽)이 테이프를 자르고 있다고 한빛시는 밝혔다.\n\n둘째 문단이다.\n"
    assert "<figcaption>" not in to_html("첫 문단이다.\n\n" + text)


def test_a_series_label_and_its_episodes_date_is_the_deck() -> None:
    """ "[강자영의 보험기자 日記] 첫번째 이야기_2015년 1월 9일" (인더뉴스, news7): a column's label, then the
    episode and its day; a date in words alone (a letter's) starts the text."""
    assert _deck("[홍길동의 도서관 일기] 첫번째 이야기_2024년 4월 5일") == "deck"
    assert _deck("2024년 4월 5일 금요일") == "text"
