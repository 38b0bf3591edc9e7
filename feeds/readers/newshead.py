"""What each line of a news article's head holds: date stamps, writers, the outlet, or text.

``classify`` reads one of the first lines of a text. A line of date stamps (with their labels),
reporters and other writers (``홍길동 기자``, ``홍길동 발행인``, ``• 홍길동 선임연구원``), e-mail
addresses, an outlet's name and page junk is metadata, whatever its order and separators; a line
with any other word is text (None), which ``feeds.readers.news`` places as the title, the deck or
the body. Stamps (``feeds.readers.newsstamps``) and writers are cut out by pattern; what is left
between the separators is decided piece by piece with a table (``feeds.readers.newspieces``):
each piece gets the class its features weigh most for (``PIECE_FEATURES``, ``WEIGHTS``), so that a
new outlet's shape is one feature or one weight, and each row can be measured on the corpus
(tests/test_news_head_table.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from feeds.lazyre import LazyPattern
from feeds.readers.newsbullets import bullet_word, cohort_writer
from feeds.readers.newscaptions import is_caption
from feeds.readers.newsdatewords import ENGLISH_WEEKDAY, LABEL_ONLY, MAYBE_DATE, TITLED_DATE, TITLED_STAMP
from feeds.readers.newspieces import _COUNT_SECTION, _labels_only, _name_and_title, _piece
from feeds.readers.newsstamps import cleaned, stamps
from feeds.readers.newswords import (
    ACCOUNTS,
    ANY_ROLE_WORD,
    BOARD_FIELDS,
    BOARD_LABEL,
    BULLET_OUTLET,
    COMMA_OUTLET,
    CONTRIBUTOR,
    CONTRIBUTORS,
    COUNTER,
    CREDIT_LABEL,
    CREDITS,
    DESK,
    DESK_ACCOUNT,
    EMAIL_RE,
    ENGLISH_SECTION,
    HEAD_REPORTER,
    HEAD_ROLE_WORDS,
    ISSUE,
    JUNK,
    LATIN_BYLINE,
    LATIN_NAME,
    MASTHEAD,
    NAME_OUTLET_ROLE,
    NAME_WORK_POST,
    OUTLET_MAX,
    PIECES,
    PRINT_PAGE,
    PROGRAMME_FIELD,
    PROGRAMME_HOST,
    REPORTER,
    ROLE_ONLY,
    SECTION_PREFIX,
    SENTENCE_END,
    SHARE_LABEL,
    SHARE_ROW,
    SIGNATURE,
    SIGNER,
    WORDS,
    WRITER_BUTTON,
    WRITER_LABEL,
    is_bare_name,
    is_junk_word,
    is_menu_word,
    is_outlet,
    spaced_signer,
    split_authors,
)


class Kind(StrEnum):
    """What one of the first lines of an article is. The body's lines keep their place in the
    text; the page's captions among them are told by ``feeds.markup.news``."""

    TITLE = "title"
    DECK = "deck"
    DATE_LINE = "date line"
    BYLINE = "byline"
    OUTLET = "outlet"
    PAGE_JUNK = "page junk"
    BODY = "body"


METADATA = frozenset({Kind.DATE_LINE, Kind.BYLINE, Kind.OUTLET, Kind.PAGE_JUNK})  # the head's fields


@dataclass
class HeadLine:
    """What one head line holds."""

    stamps: list[tuple[str | None, str]] = field(default_factory=list)  # (label, date as written)
    authors: list[dict[str, str]] = field(default_factory=list)
    outlet: str | None = None
    label_only: str | None = None  # a label whose date is on the next line
    weak: bool = False  # a bare name, which may as well be a photo's subject
    title: str | None = None  # a board's row of fields may hold the headline ("제목 …")
    email: str | None = None  # an address beside the stamp with no name: the one writer's
    kept: bool = False  # words no field carries (a writer's title the role lists lack): a page line too


def classify(s: str, *, below_date: bool = False, glued: bool = False) -> HeadLine | None:
    """The metadata a head line holds, or None when it is anything else (title, deck, body).

    A line right under a date line (``below_date``) may be a signature ("홍길동 발행인"). With
    ``glued``, short words no field reads are page words glued to the stamp, kept with the line.
    """
    # Cheap tests first: detection runs this on the first lines of every file not claimed before.
    if len(s) > 200 or "다." in s:
        return None  # a sentence
    s = cleaned(s)
    spaced = spaced_signer(s) if s[1:2] == " " or s[-2:-1] == " " else None
    if spaced:  # "박 종 순 한국CM협회 본부장": a signature's name; the post is kept with the line
        return HeadLine(authors=[{"name": spaced}], kept=True)
    board = _board(s) if BOARD_LABEL.match(s) else None
    if board is not None:
        return board
    field = PROGRAMME_FIELD.fullmatch(s) if s[0] in _BOXES else None
    if field:
        return _programme_field(field.group("label"), field.group("value"))
    maybe_date = MAYBE_DATE.search(s)
    maybe_reporter = ANY_ROLE_WORD.search(s) is not None
    # A writer's title other than a reporter's counts beside a date, after a bullet or "|", or signing.
    placed = bool(maybe_date) or s[0] == "•" or "|" in s
    head_role = (placed or len(s) <= _SIGNATURE_MAX) and HEAD_ROLE_WORDS.search(s) is not None
    head_role = head_role and (placed or _is_signature(s, below_date))
    if not maybe_date and not maybe_reporter and not head_role:
        return _classify_wordy(s)
    if maybe_date and len(s) <= 12 and ISSUE.fullmatch(s):
        return HeadLine()  # "2015년 7월호": which issue, page junk
    info = HeadLine()
    rest = s
    if maybe_date:
        info.stamps, rest = stamps(s)
        if _english_words(info.stamps, rest):
            return None  # "Headlines, November 26, 2020", "Friday, April 20, 2018": an English line's words
    # On a line with the date, an address or a credit's label, as a byline; alone, "최영철 KBS 기자" is
    # a photo's subject.
    credited = info.stamps or "@" in s or CREDIT_LABEL.match(s)
    between = NAME_OUTLET_ROLE.search(rest) if maybe_reporter and credited else None
    if between and is_bare_name(between.group("name")) and is_outlet(between.group("outlet")):
        info.outlet = between.group("outlet")
        rest = rest[: between.start("outlet")] + rest[between.end() :]
    work = NAME_WORK_POST.search(rest) if head_role and s[0] == "•" else None
    if work and is_bare_name(work.group("name")) and not is_outlet(place := work.group("work")):
        work = None if HEAD_ROLE_WORDS.search(place) else work  # "정두현 발기인 대표": a title in two words
    if work:
        info.authors.append({"name": work.group("name")})  # "• 공석기 서울대 교수": where they work, kept
        info.kept = True
        rest = rest[: work.start()] + " | " + rest[work.end() :]
    rest = _COHORT.sub(r"\1 ", rest)  # "11기백지수기자": the cohort is no part of the name
    for pattern, on in ((REPORTER, maybe_reporter), (HEAD_REPORTER, head_role)):
        if not on:
            continue
        rest = _cut_writers(info, pattern, rest)
    if is_caption(s):
        return None  # a photo's credit: "(사진=홍길동 기자)"
    if not info.stamps and not info.authors and not info.outlet:
        return None if maybe_date else _classify_wordy(s)  # "• 편집국": a desk's word, not a writer's title
    if not info.stamps and "@" not in s and _pictured(s):
        return None  # "김철수 한빛대 기자" alone: a person pictured, named with where they work
    if info.stamps and not info.authors and len(emails := EMAIL_RE.findall(rest)) == 1:
        info.email = emails[0]  # "hong@example.com | 2018-01-01 12:09:27", the name on a line above
    if info.stamps and rest[:1] in _COUNTER_FIRST and (lead := COUNTER.match(rest)):
        rest = rest[lead.end() :].lstrip(" |")  # "조회수 11610 | 루리웹 | 입력 …": the word before the label leads
    rest = PRINT_PAGE.sub(" | ", COUNTER.sub(" | ", EMAIL_RE.sub(" | ", rest)))
    if info.stamps:
        rest = _VIEWER.sub(" | ", rest)  # "1 / 1 발행일 2018-10-12": the photo viewer's counter
    return info if _read_pieces(info, rest, glued=glued and bool(info.stamps)) else None


def printed_stamp(info: HeadLine | None) -> bool:
    """Whether a line's stamp is one a site's software printed: timed, with a news stamp's label
    ("기사입력 …", "… 14:01 입력"), or to the second ("2015-03-13 15:47:51", "…T13:44:46+00:00"). A
    person typing a date (a diary's "2011.08.16 03:35", a note's "메모 작성 …") gives neither."""
    return info is not None and any(
        ":" in date and ((label and _PRINTED_LABEL.fullmatch(label)) or _SECONDS.search(date))
        for label, date in info.stamps
    )


_SECONDS = re.compile(r"\d:\d{2}:\d{2}")
_PRINTED_LABEL = re.compile(
    r"(?:기사\s*)?(?:최초\s*|최종\s*)?(?:입력|승인|송고|게재|출고|등록|수정)(?:\s*(?:일시|일자|시간|시각|날짜|일))?"
)


def _read_pieces(info: HeadLine, rest: str, *, glued: bool = False) -> bool:
    """Each piece of what is left of a metadata line into ``info``; False when one is text."""
    # One word leading the line, right before its first stamp's label, is the outlet or magazine
    # naming itself ("광고계동향 기사입력 2011.08.16 03:35"); before a bare date, or a label any note
    # may print ("메모 작성 2024.01.02"), it stays text.
    label = info.stamps[0][0] if info.stamps else None
    lead = rest.split(" | ", 1)[0].strip() if label and _NEWS_LABEL.fullmatch(label) else ""
    for piece in PIECES.split(rest):
        piece = piece.strip(" ()[]:：|ㅣ.•·-■□◆◇▶▷●○*")
        kind = _piece(piece, rest)
        if kind is None and piece == lead and _LEAD_WORD.fullmatch(piece):
            kind = ("outlet", piece)
        # On a line the page's words are glued to, a bare word is one of them too: "|피플|", no writer
        if (
            glued
            and (kind is None or kind[0] == "author")
            and len(piece) <= OUTLET_MAX
            and not SENTENCE_END.search(piece)
        ):
            kind, info.kept = ("junk", piece), True  # "폰트크기 변경", "스포츠/레저": the page's, kept
        if kind is None:
            # Words that are none of these: a headline, a sentence, a CSV row's values, a diary's
            # weather. The line is text, which must stay in the document, not metadata.
            return False
        if kind[0] == "outlet":
            info.outlet = info.outlet or kind[1]  # "테크데일리, 오세훈 기자, 2025-01-02"
        elif kind[0] == "author":
            info.authors.append({"name": kind[1]})  # a name without a role: "유룡 2023. 9. 9. 07:04"
        if _name_and_title(piece) or _COUNT_SECTION.fullmatch(piece):
            info.kept = True  # a title or a column's name that no field carries: keep the line
    return True


def _cut_writers(info: HeadLine, pattern: LazyPattern, rest: str) -> str:
    """The writers ``pattern`` finds on the line into ``info``; the line without them."""
    kept, prev = [], 0
    for m in pattern.finditer(rest):
        names = m.group("names") or m.group("after")
        email = m.groupdict().get("email") or m.groupdict().get("email_after")
        desk = _desk_of(names)
        before = rest[prev : m.start()]
        if desk is None:
            info.authors.extend(split_authors(names, email))
        elif desk:
            info.outlet = info.outlet or desk  # "경상투데이 기자 / desk@…": the outlet's desk, no one
        elif is_bare_name(name := before.rstrip().rsplit(" ", 1)[-1].lstrip("•")):
            info.authors.append({"name": name})  # "원성연 본지 편집인": the writer, at this paper
            before = before.rstrip()[: -len(name)]
        kept.append(before)
        prev = m.end()
    return " | ".join([*kept, rest[prev:]])


def _desk_of(names: str) -> str | None:
    """The outlet a byline names where the reporter's name goes ("경상투데이 기자", the site's account
    "전라매일관리자 기자", a name too long for a person's: "해피데이고창 기자"), "" for the paper naming
    itself ("본지 편집인"), or None for people's names."""
    if names in _THIS_PAPER:
        return ""
    account = next((a for a in ACCOUNTS if names.endswith(a) and len(names) > len(a) + 1), None)
    if account:
        return names[: -len(account)]
    if len(names) > 3 and is_outlet(names):
        return names
    long = _NO_PERSON.fullmatch(names) and not SECTION_PREFIX.match(names) and not ANY_ROLE_WORD.search(names)
    return names if long else None


# Five syllables or more and no section before a name: too long for a person's name, the site posting
_NO_PERSON = re.compile(r"[가-힣]{5,12}")


_COUNTER_FIRST = frozenset("의댓조공추좋싫VvHh")  # the first letters of COUNTER's labels
_THIS_PAPER = frozenset({"본지", "당사", "자사", "본사"})


def _english_words(stamps: list[tuple[str | None, str]], rest: str) -> bool:
    """Whether an unlabelled English date is one of an English line's words. Labelled ("posted Aug
    05, 2019"), or with only a byline beside it, it is a stamp; led by its weekday, it needs its
    time or a byline beside it ("Friday, January 09, 2015, 10:01:35", "Monday, Nov. 29, 2021 |
    홍길동 기자"): alone, "Friday, April 20, 2018" is a headline."""
    english = [(label, date) for label, date in stamps if date[0].isalpha()]
    if not english or all(label for label, _ in english):
        return False
    byline = REPORTER.search(rest) is not None
    if not _labels_only(EMAIL_RE.sub(" | ", REPORTER.sub(" | ", rest))):
        return True
    return any(ENGLISH_WEEKDAY.match(date) and ":" not in date and not byline for _, date in english)


_NEWS_LABEL = re.compile(r"(?:기사\s*)?(?:최초\s*)?(?:입력|승인|송고|게재|출고)(?:\s*(?:일시|일자|시간|시각|날짜|일))?")
_LEAD_WORD = re.compile(r"[가-힣A-Za-z][가-힣A-Za-z0-9]{1,11}")


def _pictured(s: str) -> bool:
    """A name, where they work and their role alone on a line ("한선정 팜블리 기자"): the person a
    photo shows; a byline prints the outlet first ("한빛뉴스 홍길동 기자")."""
    m = NAME_OUTLET_ROLE.match(s) if s[0] != "•" else None  # a bullet line is one of the head's fields
    if m is None or ROLE_ONLY.fullmatch(s[m.end() :].strip()) is None:
        return False
    # "홍길동 기자홍길동 기자": a byline printed twice, glued, names no workplace
    workplace = m.group("outlet")
    return (
        is_bare_name(m.group("name"))
        and not is_outlet(workplace)
        and not ROLE_ONLY.match(workplace)
        and workplace not in _THIS_PAPER  # "홍길동 본지 기자": the paper's own reporter
    )


def titled_stamp(s: str) -> HeadLine | None:
    """A first line holding the headline and its labelled stamp after it ("전통 문화의 향기 등록일 :
    2018-03-15 12:00"), or the site's name and the date after a slash, ending the line ("… 친목모임 /
    在日中国朝鮮族 2021.11.08"): the stamp, with the headline as a board's row holds it."""
    m = TITLED_STAMP.match(s) if MAYBE_DATE.search(s) else None
    slashed = TITLED_DATE.match(s) if m is None and " / " in s and MAYBE_DATE.search(s) else None
    m = m or slashed
    info = classify(s[m.end() :]) if m else None
    if m is None or info is None or not info.stamps or (info.stamps[0][0] is None and not slashed):
        return None
    info.title = m.group("title")
    return info


# The outlet's label and its name on a line of their own: "매체명 : KFM경기방송", "출처 | 한빛일보"
_OUTLET_LABEL = re.compile(r"(?:출처|매체명?|언론사)\s*[:：|]\s*(?P<outlet>[^\s:：|][^:：|]{1,19})")
# A bulleted word of two syllables above or beside the stamp: the CMS's section or place ("• 인물",
# "• 교계", "• 대전"); a writer's name on a bullet has three ("• 홍길동"), as most Korean names do.
_SECTION_FIELD = re.compile(r"[가-힣]{2}")
_BOXES = frozenset("■□◆◇●○▶▷*-")


def _programme_field(label: str, value: str) -> HeadLine:
    """A programme page's field: its host is the writer, its channel the outlet; the others (the
    air date, the guest) are page junk, and no date stamp."""
    hosts = [PROGRAMME_HOST.fullmatch(part) for part in re.split(r"\s*[,·/]\s*", value)] if label == "진행" else []
    if hosts and all(h and is_bare_name(h.group("name")) for h in hosts):  # "김영수 앵커, 강려원 앵커"
        return HeadLine(authors=[{"name": h.group("name")} for h in hosts if h])
    channel = value.split(" ", 1)[0]
    return HeadLine(outlet=channel) if label in ("방송", "채널") and is_outlet(channel) else HeadLine()


_SIGNATURE_MAX = 30  # "한빛신문 발행인 홍길동": longer lines are never a signature alone


def _is_signature(s: str, below_date: bool) -> bool:
    """A letter's signature: the writer's title and name, after the outlet ("한빛신문 발행인 홍길동")
    or under the date; alone, "홍길동 대표" is whom a headline is about."""
    m = SIGNATURE.fullmatch(s)
    if m is not None and m.group("outlet") and is_outlet(m.group("outlet")):
        return True
    return below_date and m is not None and (not m.group("outlet") or SIGNER.fullmatch(s) is not None)


# A reporters' club's cohort glued before the name: "11기백지수기자" (대한민국청소년기자단 11기)
_COHORT = re.compile(r"(?<![\w])(\d{1,2}기)(?=[가-힣]{2,4}\s*기자)")
# A photo viewer's counter left on the date line, "3 / 12": no date (those are cut out first) and no fraction.
_VIEWER = re.compile(r"(?<![\w./:-])\d{1,3}\s*/\s*\d{1,3}(?![\w./:-])")


def _board(s: str) -> HeadLine | None:
    """A board's row of labelled fields: its date, writer and headline; counters and numbers are
    page junk. None when it is no such row (one label, or a date field holding no date)."""
    fields = list(BOARD_LABEL.finditer(s))
    if len(fields) < 2:
        return None
    info = HeadLine()
    for m, end in zip(fields, [f.start() for f in fields[1:]] + [len(s)], strict=True):
        kind = BOARD_FIELDS["".join(m.group("label").split())]
        value = s[m.end() : end].strip(" :：|")
        if kind == "date":
            found, rest = stamps(value)
            if not found or rest.strip(" |"):
                return None
            info.stamps.extend(found)
        elif kind == "writer":
            name = value.split("(", 1)[0].strip()  # "장주희(cbspr)": the name and the account
            if is_bare_name(name):
                info.authors.append({"name": name})
        elif kind == "title":
            info.title = value or None
    return info


def _classify_wordy(s: str) -> HeadLine | None:
    """A head line with no date and no role: a label, page junk, an outlet, a name, or text (None)."""
    if len(s) <= 12 and LABEL_ONLY.fullmatch(s):
        return HeadLine(label_only=s)
    if len(s) <= 60 and all(is_junk_word(word) for word in WORDS.split(s) if word):
        return HeadLine()
    if CREDITS.fullmatch(s):
        return HeadLine()  # "출연: 정철진 경제평론가": a programme's credits, page junk
    if SHARE_LABEL.fullmatch(s) or SHARE_ROW.fullmatch(s):
        return HeadLine()  # "이 기사를 공유합니다", "트위터로 기사전송 …": the share buttons
    if COUNTER.fullmatch(s.lstrip("• ")):
        return HeadLine()  # "• 조회수 512", "조회수 : 13552"
    contributors = CONTRIBUTORS.fullmatch(s) if "·" in s else None
    if contributors:  # a letters page's row: "기고자 : 홍길동·대전 서구 김철수·경북 상주시"
        return HeadLine(authors=[{"name": m.group("name")} for m in CONTRIBUTOR.finditer(contributors.group("list"))])
    button = WRITER_BUTTON.fullmatch(s) if "보기" in s or "페이지" in s else None
    if button:  # "趙甲濟 필자의 다른 기사보기": the writer, beside the button to their other articles
        return HeadLine(authors=[{"name": button.group("name")}])
    field = s.lstrip("• ") if s[0] == "•" else s  # "• 작성자 : 에코맘코리아", one of a board's fields
    writer = WRITER_LABEL.fullmatch(field) if field[:1] in ("작", "글", "기", "필") else None
    if writer:  # "작성자 ○○신문편집국": a desk is its outlet, not a person
        who = writer.group("who")
        if is_bare_name(who):
            return HeadLine(authors=[{"name": who}])
        desk = DESK.sub("", who)
        # A board's bulleted field naming no one and no outlet is the account that posted: page junk.
        return HeadLine(outlet=desk) if is_outlet(desk) else HeadLine() if field != s else None
    pieces = [p for p in PIECES.split(EMAIL_RE.sub(" | ", s).strip(" |")) if p] if "@" in s else []
    if len(pieces) == 1 and len(pieces[0]) <= OUTLET_MAX and is_outlet(pieces[0]):
        return HeadLine(outlet=pieces[0])  # "한빛레저신문 | desk@example.com": the outlet's desk and address
    latin = LATIN_BYLINE.fullmatch(s) if "|" in s or "/" in s else None
    if latin:  # "JR Raphael | Computerworld": the Korean edition of a foreign outlet
        return HeadLine(authors=[{"name": latin.group("name")}], outlet=latin.group("outlet"))
    # A line that is only an outlet's name ("• 문화일보", "뉴스1,") or a reporter's ("최유진")
    cohort = cohort_writer(s) if s[0] in "•-" and "기" in s else None
    if cohort:  # "- 17기 주희": a student reporter, by their club's cohort
        return HeadLine(authors=[{"name": cohort}])
    alone = BULLET_OUTLET.fullmatch(s) if s[0] in "•-" else COMMA_OUTLET.fullmatch(s) if s[-1] == "," else None
    if alone:
        name = alone.group("outlet")
        if s[0] == "-" and not is_outlet(name):
            return None  # a dash leads a list's item: only an outlet's name on it is the head's
        if JUNK.match(name) or (s[0] == "•" and _SECTION_FIELD.fullmatch(name) and not is_outlet(name)):
            return HeadLine()  # "• 관리자": the site's account; "• 인물", "• 대전": its section field
        desk = DESK.sub("", name) if s[0] == "•" else name
        if desk != name:  # "• 엔사이드편집국": the outlet's desk; "• 편집국" names no outlet
            return HeadLine(outlet=desk or None)
        if (DESK_ACCOUNT.fullmatch(name) and not is_outlet(name)) or ANY_ROLE_WORD.search(name):
            return HeadLine()  # "• 해운산업팀", "• 기자수첩": a team, a column's name; no one and no outlet
        named = bullet_word(name) if s[0] == "•" else None
        if named is not None:  # "• Editor. 홍길동" credits the writer; "• 논설주간", "• ba" name no one
            return HeadLine(authors=[{"name": named}]) if named else HeadLine()
        names = [n.strip() for n in name.split(",")]
        if s[0] == "•" and len(names) > 1 and all(is_bare_name(n) and not is_outlet(n) for n in names):
            return HeadLine(authors=[{"name": n} for n in names])  # "• 최미애,이지용": the writers, no role
        if s[0] == "•" and ((is_bare_name(name) and not is_outlet(name)) or LATIN_NAME.fullmatch(name)):
            return HeadLine(authors=[{"name": name}])  # "• 홍길동", "• Lee Kyung-sik": the writer, on a bullet line
        # Two words, or a name with a number, are an outlet only beside the head's other bullet lines.
        return HeadLine(outlet=name, weak=not is_outlet(name) and (" " in name or any(c.isdigit() for c in name)))
    labelled = _OUTLET_LABEL.fullmatch(s) if s[:1] in "출매언" else None
    if labelled and is_outlet(labelled.group("outlet")):
        return HeadLine(outlet=labelled.group("outlet"))  # "매체명 : KFM경기방송": the outlet, as beside the date
    if len(s) <= 12 and is_menu_word(s):
        return HeadLine()  # "뉴스", "NEWS", "LIFESTYLE" alone: the menu's word, page junk
    bracketed = s[1:-1].strip() if len(s) <= 22 and s[0] in "[【" and s[-1] in "]】" else ""
    if bracketed and is_outlet(bracketed):
        return HeadLine(outlet=bracketed)  # "[한빛일보]" alone between the headline and the date
    if len(s) <= 12 and " " not in s and is_outlet(s) and not is_caption(s) and not ENGLISH_SECTION.fullmatch(s):
        return HeadLine(outlet=s)  # "뉴스1" alone above the date line; "사진ㅣ한빛방송" is a photo's credit
    masthead = MASTHEAD.fullmatch(s) if len(s) <= 24 and (s[-1].isdigit() or s[-1] == "호") else None
    if masthead and is_outlet(masthead.group("outlet")):
        return HeadLine(outlet=masthead.group("outlet"))  # "주간동아 685": the magazine and its issue
    if len(s) <= 4 and is_bare_name(s):
        return HeadLine(outlet=s) if is_outlet(s) else HeadLine(authors=[{"name": s}], weak=True)
    return None
