"""Round 4: the shapes of tests/data/news6 (its outlets were held out until this round) and of the
earlier sets' remaining misses, each written as a general rule of a line's shape and tested here
with a made-up headline or text. Each test's docstring names the real line it came from and its
outlet and set."""

from __future__ import annotations

from feeds.markup.news import to_html
from feeds.readers import read
from feeds.readers.newstitle import choose_title, title_scores

HEADLINE = "새 도서관 문 열어"
DECK = "시립 도서관이 열두 해 만에 새 건물로 옮겨 주말부터 문을 연다"
BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"


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


# --- a broadcast's script ----------------------------------------------------------------------
# Found in tests/data/news6 (채널A's two evening-news pages, 울산BBS): the stamp with the
# programme's name beside it, the anchor handing over ("… 기자가 다녀왔습니다."), a speaker's
# name tag in brackets, and the reporter's sign-off followed by the address and the crew's credits.
SCRIPT = (
    "{headline}\n{stamp}\n\n한빛시의 새 도서관이 오늘 문을 열었습니다.\n\n홍길동 기자가 다녀왔습니다.\n\n[리포트]\n"
    '도서관 앞에 아침부터 줄이 길게 늘어섰습니다.\n\n[김철수 / 한빛시 도서관장]\n"시민 누구나 오실 수 있습니다."\n\n'
    "도서관은 주말에도 문을 엽니다.\n\n{sign_off}\nhong@example.com\n\n영상취재 : 이영희\n영상편집 : 박민수\n"
)


def _script(stamp: str = "2018-04-06 19:53 뉴스A", sign_off: str = "한빛TV 뉴스 홍길동입니다.") -> dict[str, object]:
    return read(SCRIPT.format(headline=HEADLINE, stamp=stamp, sign_off=sign_off), "a.txt").meta


def test_a_stamp_with_the_programmes_name_is_the_date_line() -> None:
    """ "2018-04-06 19:53 뉴스A" (채널A): the evening news' name beside the stamp."""
    meta = _script()
    assert (meta["title"], meta["date"]) == (HEADLINE, "2018-04-06 19:53")


def test_an_outlets_name_beside_the_stamp_stays_the_outlet() -> None:
    assert _script(stamp="2018-04-06 19:53 뉴스1")["publication"] == "뉴스1"


def test_the_sign_off_above_the_crews_credits_names_the_reporter_and_the_station() -> None:
    """ "채널A 뉴스 정지영입니다." / "jjy2011@donga.com" / "영상취재 : 이준희" / "영상편집 : 오훤슬기": the
    station's name is Hangul and a Latin letter; the crew's credits come after the sign-off."""
    meta = _script()
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]
    assert meta["publication"] == "한빛TV"


def test_the_anchor_handing_over_names_the_reporter() -> None:
    """ "정지영 기자가 다녀왔습니다." (채널A): with no sign-off, the anchor's lead names the reporter."""
    meta = _script(sign_off="이상입니다.")
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]
    assert "publication" not in meta


def test_a_speakers_name_tag_is_no_dateline() -> None:
    """ "[김용삼 / 문화체육관광부 1차관]" (채널A): the name and title of the person speaking, in brackets,
    the way a dateline brackets its place and outlet."""
    assert _script(sign_off="이상입니다.").get("publication") != "김철수"


def test_a_news_agency_in_the_bracketed_dateline_is_the_outlet() -> None:
    """ "[경기=아시아뉴스통신] 고상규기자 송고시간 2018-03-19 22:53" (아시아뉴스통신): a news agency's name
    ends in 뉴스통신, as a paper's ends in 일보."""
    meta = read(f"{HEADLINE}\n\n[경기=한빛뉴스통신] 홍길동기자 송고시간 2018-03-19 22:53\n\n{BODY}", "a.txt").meta
    assert meta["publication"] == "한빛뉴스통신"
    assert meta["authors"] == [{"name": "홍길동"}]


def test_a_deck_above_a_photo_signed_after_a_slash() -> None:
    """ "중국, 일본 … 보도길 열려" / "… 서명하고 있다./아시아뉴스통신=고상규 기자" (아시아뉴스통신): a deck glued
    to the photo's caption under it, the caption signed by its photographer after a slash."""
    caption = "시장이 개관식에서 테이프를 자르고 있다./한빛뉴스=홍길동 기자"
    text = f"{HEADLINE}\n\n입력 2018-03-19 22:53\n\n{DECK}\n{caption}\n\n{BODY}"
    meta = read(text, "a.txt").meta
    assert meta["summary"] == DECK
    assert f"<figcaption>{caption}</figcaption>" in to_html(read(text, "a.txt").body)


def test_the_anchor_handing_over_names_the_station_too() -> None:
    """ "울산BBS 박상규 기자가 보도합니다." (울산BBS): the station's name before the reporter's; a
    regional station is a place and a call sign."""
    script = f"{HEADLINE}\n\n기사승인 2018.01.18  13:54:24\n\n< 앵커 >\n\n새 도서관이 문을 열었습니다.\n\n"
    meta = read(script + "대전BBS 홍길동 기자가 보도합니다.\n\n< 기자 >\n\n도서관 앞에 줄이 섰습니다.\n", "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["publication"] == "대전BBS"


def test_a_caption_signed_with_the_stations_name() -> None:
    """ "… 출연했다. BBS불교방송." (울산BBS): two photos' captions, each signed with the station's name
    after its full stop, between the anchor's lead and the report."""
    first = "아나운서와 주지 스님이 특집 공개방송에 출연했다. 한빛방송."
    second = "개국 10주년 기념 특집 공개방송 현장. 한빛방송."
    html = to_html(f"새 도서관이 문을 열었습니다.\n\n{first}\n{second}\n\n< 기자 >\n\n{BODY}")
    assert f"<figcaption>{first}</figcaption>" in html
    assert f"<figcaption>{second}</figcaption>" in html


def test_a_sentence_ending_in_a_station_is_no_caption() -> None:
    html = to_html(f"{BODY}\n이 방송은 지난해부터 한빛방송.\n\n{BODY}")
    assert "<figcaption>" not in html


def test_someones_words_about_copying_are_no_closing() -> None:
    """“… 뉴스 저작물을 무단 전재하는 것은 저작권 침해이기 때문에 매우 주의해야 합니다.” (전북도민일보): a
    lecturer quoted on copyright opens the text; a notice is never a quoted sentence."""
    quote = "“언론사 허락 없이 뉴스 저작물을 무단 전재하는 것은 저작권 침해이기 때문에 매우 주의해야 합니다.”"
    html = to_html(f"{quote}\n\n{BODY}\n무단전재 및 재배포 금지\n")
    assert f"<p>{quote}</p>" in html
    assert "<small>무단전재 및 재배포 금지</small>" in html


def test_writers_on_a_bullet_line_split_by_commas() -> None:
    """ "• 최미애,이지용" (영남일보): the two writers of a piece on the bullet line above the stamps, no role
    word beside them; they are no outlet's name."""
    text = f"{HEADLINE}\n\n  • 홍길동,김철수\n  • |\n  • 입력 2023-06-07  |  수정 2023-06-07 08:39\n\n{BODY}"
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}, {"name": "김철수"}]
    assert "publication" not in meta


def test_an_editors_notes_page_signed_by_each_writer() -> None:
    """ "단판 승부의 달인 外" (여성동아's 편집후기): each reporter's note ends with their name alone
    ("신연실 기자"), the next note under it; all of them wrote the page, in their order."""
    names = ("홍길동", "김철수", "이영희")
    notes = "".join(f"{name}의 짧은 글입니다. 봄이 왔습니다.\n\n{name} 기자\n\n" for name in names)
    meta = read(f"{HEADLINE} 外\n\n입력 2014.03.03 17:59:00\n\n{notes}", "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}, {"name": "김철수"}, {"name": "이영희"}]


def test_one_signature_under_a_text_is_its_one_writer() -> None:
    meta = read(f"{HEADLINE}\n\n입력 2014.03.03 17:59:00\n\n{BODY}\n홍길동 기자\n", "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]


def test_the_headlines_first_words_under_the_stamp_start_the_text() -> None:
    """ "단판 승부의 달인 外" / stamp / "단판 승부의 달인" (여성동아): the headline names the first of
    several pieces "and others" (外); that piece's title under the stamp starts the text, no deck."""
    text = (
        f"{HEADLINE} 外\n\n입력 2014.03.03 17:59:00\n\n{HEADLINE}\n\n취재기자는 활자로, 사진기자는 사진으로\n\n{BODY}"
    )
    meta = read(text, "a.txt").meta
    assert "summary" not in meta


def test_page_junk_among_the_lines_above_the_headline_hides_no_candidate() -> None:
    """ "즐겨찾기+ 날짜 : … PDF원격" / "검색" / "PDF 면보기" / "속보" / "뉴스 > 독자기고" / headline (전라매일,
    news5): "검색" and "속보" are page junk, no text line; the headline is chosen among the text lines
    on both sides of them, not among those above the first."""
    bar = "즐겨찾기+  날짜 : 2024-09-11 16:34:12 회원가입기사쓰기전체기사보기 PDF원격"
    text = (
        f"{bar}\n검색\nPDF 면보기\n속보\n뉴스 > 독자기고\n\n{HEADLINE}\n\n홍길동 기자 입력 : 2024년 08월 13일\n{BODY}"
    )
    meta = read(text, "a.txt").meta
    assert meta["title"] == HEADLINE
    assert "summary" not in meta


def test_the_outlets_home_link_is_no_headline() -> None:
    """ "경인일보 뉴스홈" (경인일보, news5): the outlet's name and its home link, above the headline."""
    _check(["한빛일보 뉴스홈", HEADLINE], [0, 2], 1)
    _check(["한빛일보 HOME", HEADLINE], [0, 2], 1)


def test_a_headline_about_a_home_stays_the_headline() -> None:
    _check(["한빛마을 새 보금자리 홈", DECK], [0, 2], 0)


def test_a_short_headline_printed_twice_is_no_name() -> None:
    """ "인구감소" / "인구감소" / "• 경남일보" / "• 승인 …" (경남일보, news5): a column's one-word headline,
    printed twice, has a name's shape (인 is a family name); the second copy is the page's, no writer."""
    text = f"인구감소\n인구감소\n• 한빛일보\n• 승인 2020.01.15 17:24\n• 댓글 0\n\n{BODY}"
    meta = read(text, "a.txt").meta
    assert meta["title"] == "인구감소"
    assert "authors" not in meta


def test_a_writers_name_and_role_glued_to_the_last_paragraph() -> None:
    """ "… 일자리창출의 지방 집중도 당면과제이다. 변옥윤·객원논설위원" (경남일보, news5): a column signed at
    the end of its last paragraph, the name and the role joined by a middle dot."""
    text = f"{HEADLINE}\n• 승인 2020.01.15 17:24\n\n{BODY}\n셋째 문단이 끝난다. 홍길동·객원논설위원\n"
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동"}]


def test_the_anchor_calling_the_reporter_names_them() -> None:
    """ "시험장에 나가 있는 취재기자 연결합니다." / "김수강 기자." / "[기자]" (연합뉴스TV, news5): the anchor
    calls the reporter by name, the cue of the reporter's part under it."""
    lead = "시험장에 나가 있는 취재기자 연결합니다.\n\n홍길동 기자.\n\n[기자]\n\n네. 시험장에 나와 있습니다.\n"
    text = f"{HEADLINE}\n  • 송고시간 2018-11-15 07:09:27\n\n[앵커]\n\n수능이 오늘 치러집니다.\n\n{lead}"
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동"}]


def test_the_headlines_first_words_after_its_label_start_the_text() -> None:
    """ "[조선일보를 읽고] 도 넘은 내부 고발자 인격 살인 외" / stamp / "도 넘은 내부 고발자 인격 살인" (조선일보,
    news3): a letters page's headline behind its label names the first letter "and others" (외)."""
    text = f"[독자 편지] {HEADLINE} 외\n\n발행일 : 2019.01.11\n\n{HEADLINE}\n\n{BODY}"
    assert "summary" not in read(text, "a.txt").meta


def test_a_section_on_the_date_line_is_no_outlet() -> None:
    """ "- 경제/산업 / 백재욱 / 2015-03-06 20:20:49" (이슈타임, news5): the section's path split by the
    line's slashes leaves "경제", which ends as an outlet's name does (…경제) but is a section's."""
    lead = "(한빛타임)김철수 기자=지난 5일 새 도서관이 문을 열었다."
    text = f"{HEADLINE}\n- 경제/산업 / 홍길동 / 2015-03-06 20:20:49\n\n{lead}\n"
    meta = read(text, "a.txt").meta
    assert meta.get("publication") != "경제"


def test_a_radio_programmes_frequencies_are_no_deck() -> None:
    """ "제주시 FM 97.9 서귀포시 FM 97.1 서부지역 FM 106.5 (18:05~19:00)" (제주MBC, news3): under the
    programme's field, where and when it airs: page junk, no deck."""
    fields = "■ 방송 : 한빛MBC 라디오 <라디오한빛>\n\n   한빛시 FM 97.9 서부지역 FM 106.5 (18:05~19:00)\n\n"
    text = f"{HEADLINE}\n\n2019년 10월 16일 12시 57분 55초\n\n{fields}■ 진행 : 홍길동 아나운서\n\n{BODY}"
    assert "summary" not in read(text, "a.txt").meta


def test_a_caption_printed_twice_on_one_line() -> None:
    """ "인민왕 한국어판이 27일 정식 오픈했다. … 회장(왼쪽부터).인민왕 한국어판이 27일 정식 오픈했다. …"
    (머니투데이, news5), "… 조우영(우) 감독(조성호 기자) … 조우영 감독.(조성호 기자)" (한스타, news5): a
    photo's alt text and its caption glued on one line, the second maybe worded a little apart."""
    caption = "시민들이 새 도서관 개관식에서 테이프를 자르고 있다(왼쪽부터)."
    for line in (caption + caption, f"{caption[:-1]} (홍길동 기자) {caption} (홍길동 기자)"):
        html = to_html(f"{line}\n\n{BODY}")
        assert f"<figcaption>{line}</figcaption>" in html, line


def test_a_paragraph_that_repeats_its_opening_words_is_no_caption() -> None:
    line = "새 도서관이 문을 열었다. 새 도서관이 문을 연 것은 열두 해 만이다. 시민들은 반겼다."
    assert "<figcaption>" not in to_html(f"{BODY}\n{line}\n\n{BODY}")


def test_a_paragraph_printed_twice_on_one_line_stays_text() -> None:
    """ "뿌리가 없는 나무가 없고 … 고장입니다. 뿌리가 없는 나무가 없고 …" (옥천신문, news2): a paragraph the
    page printed twice ends in no credit, as a caption does."""
    line = "시민들이 새 도서관을 반겼다. 주말에도 문을 연다. " * 2
    assert "<figcaption>" not in to_html(f"{line.strip()}\n\n{BODY}")


def test_a_photos_title_and_caption_then_both_as_its_alt_text() -> None:
    """ "코로나 현장에서" / "국군의무사령부 의료지원팀이 … 있다.  이경원 기자" / "코로나 현장에서 국군의무사령부 …
    이경원 기자" (국방일보's photo calendar, news4): a photo's title, its caption, and the two glued as
    its alt text; the three lines are the caption."""
    title, caption = "새 도서관에서", "시민들이 개관식에서 테이프를 자르고 있다.  홍길동 기자"
    html = to_html(f"{BODY}\n{title}  \n{caption}\n{title} {caption.replace('  ', ' ')}\n\n{BODY}")
    assert html.count("<figcaption>") == 3, html


def test_a_widgets_name_between_the_headline_and_its_copy_is_page_junk() -> None:
    """ "[포토] …" / "상태바" / "[포토] …" / "• 김항룡 기자" (정관타임스, news5): the page's status bar,
    named between the page's title and the headline; the deck under the stamps is then found, glued
    to the photo's caption signed after a slash."""
    deck, caption = "휴일 맞아 막바지 준비...청년 20여명 함께 해", "청년들이 구슬땀을 흘리고 있다. /홍길동 기자"
    head = f"{HEADLINE}\n상태바\n{HEADLINE}\n• 홍길동 기자\n• 송고시각 2019.02.17 14:33\n• 댓글 0\n\n"
    text = f"{head}{deck}\n{caption}\n\n{BODY}"
    meta = read(text, "a.txt").meta
    assert meta["summary"] == deck


def test_a_dateline_with_the_outlet_and_reporter_split_by_a_slash() -> None:
    """ "<정관타임스/김항룡 기자>=정월대보름이 …" (정관타임스, news5): the outlet and the reporter in angle
    brackets, a slash between them, open the text."""
    text = f"{HEADLINE}\n• 송고시각 2019.02.17 14:33\n\n<한빛타임스/홍길동 기자>=정월대보름이 이틀 앞으로 다가왔다.\n"
    meta = read(text, "a.txt").meta
    assert meta["publication"] == "한빛타임스"
    assert meta["authors"] == [{"name": "홍길동"}]
