"""Which text line above an article's date line is its headline: a scored choice among candidates.

A page may print a label above the headline (a column's or a programme's name, a section:
``팜스터디``, ``이달의 좋은 보도상_``, ``[기획연재]``) or the headline twice (the page's title and
the article's). Each candidate, a text line before the date line, gets the features of
``TITLE_FEATURES``, weighed by ``TITLE_WEIGHTS``, and loses ``POSITION_WEIGHT`` for each candidate
above it: the first line is the headline unless it looks like a label. The highest score is the
headline (the first on a tie); ``feeds.readers.news`` makes the lines above it page lines, a copy
of it a page line, and what is between it and the date line the deck.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from feeds.readers.newsdatewords import DATE_STAMP
from feeds.readers.newswords import (
    ENGLISH_SECTION,
    PICTURE_ENDING,
    SECTION,
    SENTENCE_END,
    SERIES_LABEL,
    is_bare_name,
    is_junk_word,
    is_outlet,
)

_LINE_CACHE = 512  # pure tests of one line, asked of the same head line by several tables: bounded memory
_LABEL_MAX = 6  # "팜스터디": one short word set off above a headline is a column's or a section's name
_MARKS = frozenset("_:：>|-·")


def _one_word_set_off(lines: list[str], numbers: list[int], i: int) -> bool:
    s = lines[i]
    if len(s) > _LABEL_MAX or " " in s or i + 1 >= len(lines) or numbers[i + 1] == numbers[i] + 1:
        return False
    below = lines[i + 1]  # a headline under it: a longer line of words ("제목" above "요약" are both short)
    return " " in below and len(below) >= 2 * len(s)


def copy_of(line: str, headline: str) -> bool:
    """Whether ``line`` is the headline printed again, alone or as the page's title: with the
    site's name or path after a separator ("새 도서관 문 열어 | 한빛일보")."""
    if line == headline:
        return True
    series = SERIES_LABEL.match(headline) if headline[:1] in "[【〔<〈《" else None
    if series and line == headline[series.end() :].strip():
        return True  # without its series label: "[창사 20주년 메시지] 힘찬 도약" printed again as "힘찬 도약"
    return (
        len(headline) < len(line)
        and line.startswith(headline)
        and _SITE_SUFFIX.fullmatch(line[len(headline) :]) is not None
    )


def _sections(s: str) -> bool:
    """A path of sections with bars: "뉴스 | 사회", "HOME / 오피니언"."""
    parts = [p.strip() for p in re.split(r"[|/>›»]", s)]
    return len(parts) > 1 and all(SECTION.fullmatch(p) or p.upper() in _NAV_WORDS for p in parts)


_NAV_WORDS = frozenset({"뉴스", "홈", "HOME", "전체", "전체기사", "기사본문", "NEWS"})


def _section_and_subsection(s: str) -> bool:
    """A section and its subsection, named after it, the bar between them lost: "국방 국방안보"."""
    words = s.split()
    return len(words) == 2 and len(words[0]) >= 2 and words[1].startswith(words[0]) and words[1] != words[0]


def _pages_title(lines: list[str], numbers: list[int], i: int) -> bool:
    """The page's title: a headline under it, and the site's name or path after a separator."""
    return any(below != lines[i] and copy_of(lines[i], below) for below in lines[i + 1 :])


_SITE_SUFFIX = re.compile(r"(?:\s*[-|:<>ㅣ–—:]\s*[^\s<>|].{0,30}?)+")  # " < 사회 < 기사본문 - 한빛일보"
# A series' name and its episode, above the headline: "[기획] 도서관의 미래 ③", "… (3)", "… 3회"
_EPISODE = re.compile(r".{2,26}?\s*(?:[①-⑳]|\(\d{1,2}\)|<\d{1,2}>|〈\d{1,2}〉|\d{1,2}\s*(?:회|편|부))")
_WORD = re.compile(r"[가-힣A-Za-z]{2}")
_LATIN_BUTTONS = frozenset(
    {"add", "remove", "print", "link", "url", "x", "share", "email", "mail", "font", "logo", "menu", "search"}
    | {"copy", "clipboard", "kakao", "facebook", "twitter", "telegram", "naver", "band"}
)
# The site's own controls, no news's words: "위로가기 버튼", "로그인 회원가입"
_CONTROLS = re.compile(r"(?:맨)?위로\s*가기|버튼|로그인|로그아웃|회원\s*가입")
# A pop-up's close label: "오늘 하루 이 창 열지 않음닫기", "다시 보지 않기"
_POPUP = re.compile(r"(?:오늘\s*하루|다시|\d+\s*일간?)\s*(?:이\s*창\s*)?(?:열지|보지|뜨지)\s*않(?:음|기)")
# The weather widget: a bullet, a place and its temperature ("• 서울 13℃"), or its fields, glued
# or apart ("현재기온 0.8°c대기 보통풍속 1.5m/s습도 61%")
_WEATHER = re.compile(r"[•·]?\s*[가-힣]{1,6}\s*-?\d{1,2}(?:\.\d)?\s*(?:℃|°C?)")
_WEATHER_FIELDS = re.compile(
    r"(?:[가-힣]{0,4}(?:기온|습도|풍속|강수|미세먼지|대기)\s*[가-힣]{0,2}\s*-?[\d.]*\s*(?:℃|°[CcFf]?|%|m/s|㎍/㎥)?\s*){2,}"
)
# The names of the page's regions, read aloud to a screen reader: "상단영역", "본문영역", "상단여백"
_REGION = re.compile(r"(?:상단|하단|본문|좌측|우측|사이드|메인|헤더|푸터|기사|광고|메뉴|검색)\s?(?:영역|여백)")
# A short line of Latin capitals: a magazine's section or column ("HOT YOUTH", "CLUB DATE")
_LATIN_CAPITALS = re.compile(r"[A-Z][A-Z&'’.]*(?: [A-Z][A-Z&'’.]*){0,3}")
_SLOT = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")
_HOME = re.compile(r"(?:HOME|Home|(?:뉴스\s?)?홈)\s")  # "뉴스홈 사회/사건/사고": the home link leads
# The site's logo, copied as its image's alt text: "• 한빛일보 로고", "한빛일보 logo"
_LOGO = re.compile(r"[•·]?\s*\S.{0,24}\s(?:로고|[Ll]ogo|LOGO)(?:\s*이미지)?")
_MENU_ITEM = re.compile(r"[가-힣A-Za-z]{2,8}")
# The page's own controls, glued or apart, beyond the article's tools: the font and colour
# controls ("글자크기조절", "배경색상조절"), a banner's or a tool's button ("배너 닫기", "기사 메일전송"),
# the site's accounts and feeds ("유튜브", "RSS"), the skip link in English ("Skip Menu").
_CONTROL_WORD = re.compile(
    r"(?:글자|글씨|폰트|크기|색상|배경|조절|메일|전송|배너|닫기|열기|유튜브|인스타그램|블로그|RSS|로그인|회원가입"
    r"|기사|제보|확장|컬럼|게시|순서|skip|menu|navigation|to|content|main|공유|카카오톡|페이스북|트위터|텔레그램"
    r"|스크랩|인쇄|프린트|미투데이|요즘|네이버|구글|msn|밴드|키우기|줄이기|보내기|신고|하기|즐겨찾기|퍼가기"
    r"|쪽지|글|확대|축소|이메일|문의)+",
    re.IGNORECASE,
)
# The site's menu and the page's place in it, glued or apart: "뉴스방송", "현재 뉴스", "뉴스 프로그램".
_MENU_WORD = re.compile(r"(?:뉴스|방송|프로그램|현재|위치|홈|전체|메인|섹션|목록|보도)+")
# A programme's name: the station, the hour and "뉴스" ("한빛 8 뉴스", "KBS 뉴스9"); its page's title
# leads with the air date in brackets ("[2020-08-02] JIBS 8뉴스").
_COPY_MAX = 100  # a headline's length; a paragraph printed twice is the text
_SHORT_WORD = re.compile(r"[가-힣]{1,2}")
_HANGUL = re.compile(r"[가-힣]")
_PROGRAMME = re.compile(r"(?:\[\d{4}[-.]\d{1,2}[-.]\d{1,2}\]\s*)?[A-Za-z가-힣]{1,8}\s?\d{0,2}\s?뉴스\s?\d{0,2}")


@lru_cache(maxsize=_LINE_CACHE)
def _controls(s: str) -> bool:
    """Every word a control's: "배너 닫기", "Skip Menu"; a headline about mail has other words. The
    article's buttons ("본문 바로가기") are a row of their own."""
    words = s.split()
    return bool(words) and not _buttons(s) and all(is_junk_word(w) or _CONTROL_WORD.fullmatch(w) for w in words)


def _menu_words(s: str) -> bool:
    """Every word the site's menu's or a section's, at least one of them a menu's: "현재 뉴스"."""
    words = s.split()
    return any(_MENU_WORD.fullmatch(w) for w in words) and all(
        _MENU_WORD.fullmatch(w) or SECTION.fullmatch(w) for w in words
    )


def _home_link(s: str) -> bool:
    """The outlet's name and its home link: "경인일보 뉴스홈", "한빛일보 HOME"."""
    name, _, link = s.rpartition(" ")
    return link in _HOME_LINKS and is_outlet(name)


_HOME_LINKS = frozenset({"홈", "뉴스홈", "HOME", "Home", "홈으로"})


def _menu(s: str) -> bool:
    """The site's menu, one word between bars: "신문사소개 | 광고안내 | 기사제휴". A headline's bars part
    phrases ("도서관 | 새 건물로 | 문 열어")."""
    items = [p.strip() for p in s.split("|")]
    return len(items) >= 3 and all(_MENU_ITEM.fullmatch(p) for p in items)


def _english_section_and_column(s: str) -> bool:
    """An English section's name, then its column's in Hangul: "LifeStyle 편집후기"."""
    words = s.split()
    return (
        len(words) == 2
        and ENGLISH_SECTION.fullmatch(words[0].capitalize()) is not None
        and re.fullmatch(r"[가-힣]{2,6}", words[1]) is not None
    )


def is_buttons(s: str) -> bool:
    """Whether a line is the page's buttons or controls: "본문 바로가기", "kakao share", "배너 닫기"."""
    return _buttons(s) or _controls(s)


@lru_cache(maxsize=_LINE_CACHE)  # asked of a line by both tables and the furniture test, again and again
def _buttons(s: str) -> bool:
    """Skip links or a row of buttons: most of its words are a button's ("바로가기", "본문", "메뉴").
    A section's name is page junk too, but no button: "구독 산업 돌입" is a headline."""
    words = s.split()
    buttons = sum((is_junk_word(w) and SECTION.fullmatch(w) is None) or w.lower() in _LATIN_BUTTONS for w in words)
    controls = sum(_CONTROLS.fullmatch(w) is not None for w in words)
    if _POPUP.search(s) or (controls and 2 * (buttons + controls) > len(words)):
        return True
    return "바로가기" in s or 2 * buttons > len(words) > 0


_YEAR = re.compile(r"\d{4}")  # every date DATE_STAMP finds holds its year's four digits


def _date_in(s: str) -> re.Match[str] | None:
    """``DATE_STAMP.search(s)``, told at once for a line without four digits in a row, as most are."""
    return DATE_STAMP.search(s) if _YEAR.search(s) else None


def _clock(s: str) -> bool:
    """A date with its time among other words: the site's clock in a tool bar. A headline may
    name a day, not the minute it is read."""
    m = _date_in(s) if ":" in s else None  # no colon, no time
    return m is not None and ":" in m.group() and m.group() != s


def _furniture(lines: list[str], numbers: list[int], i: int) -> bool:
    return any(
        TITLE_WEIGHTS[name] < 0 and test(lines, numbers, i)
        for name, test in TITLE_FEATURES.items()
        if name != "under the page's furniture"
    )


def _under_furniture(lines: list[str], numbers: list[int], i: int) -> bool:
    """The first line under the last of the labels, links and slot names above the date line; a
    paragraph's sentence there is the text, under its writer's name."""
    if i == 0 or lines[i][-1] in ".!?" or not _furniture(lines, numbers, i - 1):
        return False
    return not any(_furniture(lines, numbers, j) for j in range(i, len(lines)))


_BREADCRUMB = re.compile(r"[^>›»\s\d][^>›»\d]{0,11}(?:\s*[>›»]\s*[^>›»\s\d][^>›»\d]{0,11}){1,5}")  # 홈 > 뉴스 > 사회


TITLE_FEATURES: dict[str, Callable[[list[str], list[int], int], bool]] = {
    "one short word set off": _one_word_set_off,  # 팜스터디 / (blank) / headline
    "ends in a mark": lambda lines, numbers, i: lines[i][-1] in _MARKS,  # 이달의 좋은 보도상_
    "a bracketed label alone": lambda lines, numbers, i: SERIES_LABEL.fullmatch(lines[i]) is not None,  # [기획연재]
    "a section's name": lambda lines, numbers, i: (  # 오피니언, Editorial
        SECTION.fullmatch(lines[i]) is not None or ENGLISH_SECTION.fullmatch(lines[i]) is not None
    ),
    "the page's title": _pages_title,  # "새 도서관 문 열어 - 한빛일보" above "새 도서관 문 열어"
    "a breadcrumb": lambda lines, numbers, i: (
        _BREADCRUMB.fullmatch(lines[i].lstrip(">›» ")) is not None  # "> 뉴스 > 기획": its first bar leads
        or _sections(lines[i])
        or _section_and_subsection(lines[i])
    ),
    "a series' episode": lambda lines, numbers, i: _EPISODE.fullmatch(lines[i]) is not None,  # [기획] 도서관의 미래 ③
    "no word": lambda lines, numbers, i: _WORD.search(lines[i]) is None,  # "+ A", "가 가": the font buttons
    "buttons or skip links": lambda lines, numbers, i: _buttons(lines[i]),  # 본문 바로가기 메뉴 바로가기
    "a template's slot": lambda lines, numbers, i: _SLOT.fullmatch(lines[i]) is not None,  # default_top_notch
    "led by HOME": lambda lines, numbers, i: _HOME.match(lines[i]) is not None,  # HOME 오피니언, its bars lost
    "under the page's furniture": _under_furniture,
    "a date alone": lambda lines, numbers, i: DATE_STAMP.fullmatch(lines[i]) is not None,  # the site's date bar
    "the weather": lambda lines, numbers, i: (  # • 서울 13℃, 현재기온 0.8°c대기 보통풍속 1.5m/s습도 61%
        _WEATHER.fullmatch(lines[i]) is not None or _WEATHER_FIELDS.fullmatch(lines[i]) is not None
    ),
    "the site's clock": lambda lines, numbers, i: _clock(lines[i]),  # 날짜 : 2024-09-11 16:34:12 회원가입
    "a logo's alt text": lambda lines, numbers, i: _LOGO.fullmatch(lines[i]) is not None,  # • 한빛일보 로고
    "the outlet's home link": lambda lines, numbers, i: _home_link(lines[i]),  # 경인일보 뉴스홈
    "a menu of links": lambda lines, numbers, i: _menu(lines[i]),  # 신문사소개 | 광고안내 | 기사제휴
    "an English section and its column": lambda lines, numbers, i: _english_section_and_column(lines[i]),
    "the page's controls": lambda lines, numbers, i: _controls(lines[i]),  # 배너 닫기, 글자크기조절, Skip Menu
    "the site's menu words": lambda lines, numbers, i: _menu_words(lines[i]),  # 현재 뉴스, 뉴스 프로그램
    "a programme's name": lambda lines, numbers, i: _PROGRAMME.fullmatch(lines[i]) is not None,  # 한빛 8 뉴스
    "the second of two copies": lambda lines, numbers, i: (  # the page's title, then the article's; no paragraph
        lines[i] in lines[:i] and len(lines[i]) <= _COPY_MAX and lines[i][-1] != "."
    ),
    "a word of two syllables": lambda lines, numbers, i: (  # 관광, a section's the section table lacks
        _SHORT_WORD.fullmatch(lines[i]) is not None and SECTION.fullmatch(lines[i]) is None
    ),
    "a page region's name": lambda lines, numbers, i: _REGION.fullmatch(lines[i]) is not None,  # 상단영역
    "Latin capitals": lambda lines, numbers, i: (  # 캠퍼스 / HOT YOUTH / a headline in Hangul
        i > 0 and _LATIN_CAPITALS.fullmatch(lines[i]) is not None and any(_HANGUL.search(s) for s in lines[i + 1 :])
    ),
}
TITLE_WEIGHTS: dict[str, int] = {
    "one short word set off": -5,
    "ends in a mark": -5,
    "a bracketed label alone": -5,
    "a section's name": -5,
    "the page's title": -10,
    "a breadcrumb": -5,
    "a series' episode": -5,
    "no word": -10,
    "buttons or skip links": -10,
    "a template's slot": -10,
    "led by HOME": -5,
    "under the page's furniture": 10,  # the first line under the last label or link is the headline
    "a date alone": -10,
    "the weather": -10,
    "the site's clock": -10,
    "a logo's alt text": -10,
    "the outlet's home link": -10,
    "a menu of links": -10,
    "an English section and its column": -5,  # LifeStyle 편집후기
    "the page's controls": -10,
    "the site's menu words": -5,
    "a programme's name": -5,
    "a word of two syllables": -5,  # a section's, glued above the headline
    "the second of two copies": 5,  # the headline, printed twice; a motto above it is printed once
    "a page region's name": -10,
    "Latin capitals": -5,  # a section's name under another label; a headline in capitals comes first
}
POSITION_WEIGHT = -2  # per candidate above: the first line is the headline unless it is a label
CANDIDATES = 6


def title_scores(lines: list[str], numbers: list[int]) -> list[tuple[int, list[str]]]:
    """Each candidate's score as the headline, and the features found in it. ``lines`` are the
    text lines above the date line, in order; ``numbers`` their line numbers."""
    scores = []
    for i in range(len(lines)):
        found = [name for name, test in TITLE_FEATURES.items() if test(lines, numbers, i)]
        scores.append((POSITION_WEIGHT * i + sum(TITLE_WEIGHTS[name] for name in found), found))
    return scores


def all_furniture(lines: list[str], numbers: list[int], *, below: bool = False) -> bool:
    """Whether every candidate is the page's (controls, menus, the site's clock): the headline is
    under them. Labels a headline may carry itself are no proof; a word of two syllables is, under
    the date line (a section's, "관광"), not above it, where a short headline may stand ("제목")."""
    own = _HEADLINES_OWN if below else _HEADLINES_OWN | {"a word of two syllables"}
    return bool(lines) and all(
        any(
            TITLE_WEIGHTS[name] < 0 and name not in own and test(lines, numbers, i)
            for name, test in TITLE_FEATURES.items()
        )
        for i in range(len(lines))
    )


# Labels a headline may carry itself ("[특집]학우들 대표자는 나야 나~①"): no proof that a line is the page's.
_HEADLINES_OWN = frozenset({"a series' episode", "a bracketed label alone", "ends in a mark", "one short word set off"})


def headline_text(s: str) -> str:
    """The headline without the page's list mark before it ("• [Editor`s Letter] …")."""
    return s[1:].lstrip() if s[0] in "•·" and len(s) > 2 and s[1] == " " else s


def choose_title(lines: list[str], numbers: list[int]) -> int:
    """The index of the headline among the candidates (0 when there is one)."""
    lines, numbers = lines[:CANDIDATES], numbers[:CANDIDATES]
    if len(lines) < 2:
        return 0
    scores = [score for score, _ in title_scores(lines, numbers)]
    return scores.index(max(scores))


# --- the deck ----------------------------------------------------------------------------------
# Each line the head reader takes for the deck (between the headline and the date line, or set
# off under it) gets the class its features weigh most for: the deck, a page line (the headline
# printed again, buttons, a template's slot) or the text, which starts there (a broadcast's cue,
# a picture's file name, a letter's date in words).
_CUE = re.compile(r"[◀\[<【]\s*(?:앵\s*커|기\s*자|리\s*포\s*트)[^▶\]>】]{0,6}[▶\]>】]")
_PHOTO_ALT = re.compile(r"\s*(?:기사의?\s*)?(?:사진|이미지)")  # "<headline> 기사의 사진": the photo's alt text
_AD_SLOT = re.compile(r"(?:ad|ads|banner)[-_]?\d+", re.IGNORECASE)  # ad40: an ad's slot, its number kept
_LEADING_LABEL = re.compile(r"^[\[【<〈][^\]】>〉]{1,20}[\]】>〉]\s*")  # "[조선일보를 읽고] …"
_FREQUENCY = re.compile(r"\b(?:FM|AM)\s?\d{2,4}(?:\.\d)?(?:\s?(?:MHz|kHz))?(?!\S)")
# A picture's file name, its caption's words and spaces kept in it ("사진1.홍길동 시장이 … 있다..jpg")
_FILE_NAME = re.compile(rf"\S.{{0,200}}?{PICTURE_ENDING}")
# A field's label and its one-word value: "매체명 : 한빛방송"; "인터뷰: 도서관은 시민의 것" is a deck's point
_FIELD = re.compile(r"[가-힣]{2,5}\s*[:：]\s*[^\s:：]{1,30}")
_CHANNEL = re.compile(r"유튜브|YouTube|팟캐스트|라디오|TV|채널")  # the outlet's channel a series airs on
_LATIN_WORD = re.compile(r"[A-Za-z][a-z]{1,11}")  # "image": a picture's alt text
_ADDRESS = re.compile(r"[\w.+-]+@[\w.-]*")  # "desk@hanbit.co.kr", or cut off: "webmaster@"
_PRINT_PAGE = re.compile(r"[•·|\s]*(?:본지\s*)?[A-Z]?\d{1,3}\s*면")  # "•  |  본지 1면": the print edition's page
_LABEL_END = tuple("-–—:|>]】)〉》")
# The column a letter runs in: "편집인의 편지", "편집자의 말", "발행인의 글"
_COLUMN = re.compile(r"(?:편집인|편집자|편집장|편집국장|발행인|독자|기자)의?\s*(?:편지|말|글|한마디|창|노트|수첩)")
# A writer's credit: a label, the name, where they work and the title, in either order
# ("[창간축사] 이중재 한빛전력(주) 사장", "(사)한빛외식협회 회장 홍길동")
TITLE_WORD = (
    r"[가-힣]{0,6}(?:회장|사장|원장|총장|청장|장관|시장|군수|지사|교수"
    r"|대표(?:이사)?|위원장|본부장|국장|소장|관장|센터장|의장|팀장|실장|단장|과장)"
)
_CREDIT = re.compile(
    r"(?:[\[<〈(][^\]>〉)]{1,12}[\]>〉)]\s*|[가-힣]{2,4}\s*[:：]\s*)?"  # "[창간축사] ", "인터뷰: "
    rf"(?:[가-힣]{{2,4}}\s+(?:\S+\s+){{0,3}}{TITLE_WORD}|(?:\S+\s+){{0,3}}{TITLE_WORD}\s+[가-힣]{{2,4}})"
)
_MARKER = re.compile(r"\|[A-Za-z]+\d*\|")  # "|contsmark0|": an old CMS's marker, on each paragraph


def printed_twice(s: str) -> bool:
    """Whether a line is the same words twice, glued or a space between: a photo's alt text and
    its caption ("그룹 방탄소년단 /AFPBBNews=뉴스1 그룹 방탄소년단 /AFPBBNews=뉴스1"). A paragraph
    printed twice ("… 고장입니다. … 고장입니다.") is the text."""
    half = len(s) // 2
    if half < _TWICE_MIN or SENTENCE_END.search(s[:half].rstrip()):
        return False
    return s[:half] == s[half:] or (len(s) % 2 == 1 and s[half] == " " and s[:half] == s[half + 1 :])


_TWICE_MIN = 4


def _label_then_headline(line: str, headline: str) -> bool:
    """The headline again after a label and a separator: "Tech Guide-<headline>", "[기획] <headline>"."""
    label = line[: -len(headline)].rstrip() if len(headline) < len(line) and line.endswith(headline) else ""
    return 0 < len(label) <= _LABEL_MAX * 4 and label.endswith(_LABEL_END)


DECK_FEATURES: dict[str, Callable[[str, str], bool]] = {
    "the headline again": lambda line, headline: copy_of(" ".join(line.split()), headline),
    "buttons": lambda line, headline: _buttons(line) or is_junk_word(line) or _controls(line),
    "no word": lambda line, headline: _WORD.search(line) is None,
    "a template's slot": lambda line, headline: _SLOT.fullmatch(line) is not None,
    "a broadcast's cue": lambda line, headline: _CUE.match(line) is not None,  # ◀ 앵 커 ▶, the script starts
    "a picture's file name": lambda line, headline: _FILE_NAME.fullmatch(line) is not None,  # 201705-11a.jpg
    "a date in words": lambda line, headline: (  # Friday, April 20, 2018; no episode's day after a series' label
        _date_in(line) is not None and _LEADING_LABEL.match(line) is None
    ),
    "the photo's alt text": lambda line, headline: (
        line.startswith(headline) and _PHOTO_ALT.fullmatch(line[len(headline) :]) is not None
    ),
    "an ad's slot": lambda line, headline: _AD_SLOT.fullmatch(line) is not None,
    "the outlet, then the headline": lambda line, headline: (  # 한빛뉴스TV 새 도서관 문 열어: the page's title
        len(headline) < len(line) and line.endswith(headline) and is_outlet(line[: -len(headline)].strip())
    ),
    "led by an arrow": lambda line, headline: line[0] in "▶▷►",  # ▶ 새 도서관이 궁금해: the text's subheading
    "a radio's frequency": lambda line, headline: _FREQUENCY.search(line) is not None,  # 제주시 FM 97.9 …
    "the headline's first words": lambda line, headline: (  # "단판 승부의 달인" under "단판 승부의 달인 外"
        len(line) >= _LABEL_MAX and _LEADING_LABEL.sub("", headline).startswith(line + " ")
    ),
    "an address": lambda line, headline: _ADDRESS.search(line) is not None,  # • 편집팀 desk@hanbit.co.kr
    "the print page": lambda line, headline: _PRINT_PAGE.fullmatch(line) is not None,  # •  |  본지 1면
    "a label, then the headline": _label_then_headline,  # Tech Guide-<headline>
    "a column's name": lambda line, headline: _COLUMN.fullmatch(line) is not None,  # 편집인의 편지
    "a writer's credit": lambda line, headline: _CREDIT.fullmatch(line) is not None,  # (사)한빛외식협회 회장 홍길동
    "led by a template's marker": lambda line, headline: _MARKER.match(line) is not None,  # |contsmark0|…
    "a name alone": lambda line, headline: is_bare_name(line),  # 한창호: the writer's, between headline and stamp
    "a lone Latin word": lambda line, headline: _LATIN_WORD.fullmatch(line) is not None,  # image
    "a labelled field": lambda line, headline: (  # 매체명 : 한빛방송, a board's field
        _FIELD.fullmatch(line) is not None and SENTENCE_END.search(line) is None
    ),
    "printed twice on one line": lambda line, headline: printed_twice(line),  # a photo's alt text and caption
    "a channel's label": lambda line, headline: (  # [한빛일보 유튜브 '…']; "[인천문화 40년을 듣는다]" is the series'
        SERIES_LABEL.fullmatch(line) is not None and _CHANNEL.search(line) is not None
    ),
}
DECK_WEIGHTS: tuple[tuple[str, str, int], ...] = (
    ("the headline again", "page", 10),
    ("buttons", "page", 10),
    ("no word", "page", 10),
    ("a template's slot", "page", 10),
    ("a broadcast's cue", "text", 20),  # above "no word": its letters may be spaced out
    ("a picture's file name", "text", 10),
    ("a date in words", "text", 10),
    ("the photo's alt text", "text", 20),  # above "the headline again": it starts with the headline
    ("an ad's slot", "page", 10),
    ("the outlet, then the headline", "page", 10),
    ("led by an arrow", "text", 10),
    ("the headline's first words", "text", 10),  # the first piece's title, of a headline naming several
    ("a radio's frequency", "page", 10),  # where and when a programme airs, under its fields
    ("an address", "page", 10),  # a desk's or the outlet's, among the head's lines
    ("the print page", "page", 10),
    ("a label, then the headline", "page", 10),  # the page's title, a series' name before the headline
    ("a column's name", "page", 10),
    ("a writer's credit", "page", 10),  # the writer of a letter, where they work and their title
    ("led by a template's marker", "text", 10),
    ("a name alone", "page", 10),
    ("a lone Latin word", "page", 10),  # a picture's alt text ("image"), no deck's words
    ("a labelled field", "page", 10),  # a board's or a clipping service's field, its label and value
    ("printed twice on one line", "text", 10),  # the photo's caption, the text's first block
    ("a channel's label", "page", 10),  # the outlet's video or radio channel, in brackets over the deck
)
DECK_BASE = {"deck": 5, "page": 0, "text": 0}


def deck_class(line: str, headline: str) -> str:
    """What a line the head reader placed in the deck is: "deck", "page" or "text"."""
    totals = dict(DECK_BASE)
    for feature, kind, weight in DECK_WEIGHTS:
        if DECK_FEATURES[feature](line, headline):
            totals[kind] += weight
    return max(totals, key=lambda kind: totals[kind])
