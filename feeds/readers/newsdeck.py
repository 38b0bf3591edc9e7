"""Where a news article's headline and deck are when the page's own lines crowd its head.

A page may print nothing but its own lines above the first date line: its controls, its menu, the
site's clock or a programme's air date (``로그인 회원가입`` / ``유튜브`` / ``2017.12.15 금 10:21``). When
every text line above it is the page's (``feeds.readers.newstitle``'s table finds each one), the
headline is the first text line under it that is not.

The deck is found by the shape of its lines and of those around it: a deck glued to the first
paragraph (a line of words, no sentence, over a paragraph twice as long), a deck's points ending in
a noun and a full stop, a line that is the first of the text's subheadings (no deck), the text's
paragraphs above the stamp (no deck either), and a person with a title (a photo's subject, no
deck). Tool labels beside the share buttons are page junk.
"""

from __future__ import annotations

import re

from feeds.readers.newscaptions import CREDIT_END, CREDIT_ONLY, is_caption
from feeds.readers.newshead import HeadLine, Kind
from feeds.readers.newstitle import TITLE_WORD, all_furniture, is_buttons
from feeds.readers.newswords import BYLINE, CUES, FULL_STOP, ROLE_ONLY, SENTENCE_END, is_bare_name

_LOOK_BELOW = 6  # lines past the candidates: the clock or air date, an outlet's or a section's line


def headline_below(window: list[tuple[int, str]], infos: list[HeadLine | None], t: int, labels: int) -> int:
    """How many lines from ``t`` are the page's before the headline: ``labels`` as chosen among
    the text lines above the first metadata line, or more when all of them are the page's and a
    headline stands under that line, a date stamp among the lines read."""
    above: list[int] = []
    i = t
    while i < len(infos) and (infos[i] is None or infos[i] == HeadLine()):
        if infos[i] is None:
            above.append(i)
        i += 1
    lines, numbers = [window[j][1] for j in above], [window[j][0] for j in above]
    if i == len(infos) or not all_furniture(lines, numbers):
        return labels
    for j in range(i, min(len(window), i + _LOOK_BELOW)):
        if infos[j] is not None:
            continue
        lines, numbers = [*lines, window[j][1]], [*numbers, window[j][0]]
        if not all_furniture(lines, numbers, below=True):
            stamped = any(info is not None and info.stamps for info in infos[t:])
            return j - t if stamped and j + 1 < len(window) else labels
    return labels


_MARKS = frozenset("-–—•·▶▷■□◆◇○●※◎")
_QUOTE_ENDS = frozenset("”\"’'")
_SUBHEADING_MAX = 60


def _shape(s: str) -> tuple[str, str] | None:
    """What a subheading's shape is: its leading list mark, or the quotation closing it."""
    lead = s[0] if s[0] in _MARKS else ""
    end = s[-1] if s[-1] in _QUOTE_ENDS and s[:-1].rstrip() and any(q in s[:-1] for q in "“\"‘'") else ""
    return (lead, end) if lead or end else None


def first_subheading(window: list[tuple[int, str]], classes: list[Kind]) -> bool:
    """Whether the line under the head (a deck line under the date line, or the text's first) has
    the shape of a subheading further down (the same list mark, "- 누가 쓸 수 있나", or a quotation
    closing it, "두리시 “작은 도서관부터”"), both set off: the text's first section, no deck."""
    if Kind.DATE_LINE not in classes:
        return False
    below = [i for i in range(classes.index(Kind.DATE_LINE) + 1, len(classes)) if classes[i] is Kind.DECK]
    if len(below) > 1 or (below and any(k not in (Kind.DECK, Kind.BODY) for k in classes[below[0] :])):
        return False
    i = below[0] if below else next((i for i, k in enumerate(classes) if k is Kind.BODY), len(classes))
    shape = _shape(window[i][1]) if i < len(window) else None
    for j in range(i + 1, len(window) - 1):
        n, s = window[j]
        set_off = n > window[j - 1][0] + 1 and window[j + 1][0] > n + 1
        if shape and set_off and len(s) <= _SUBHEADING_MAX and _shape(s) == shape:
            classes[i] = Kind.BODY
            return True
    return False


_PICTURED = ("있다", "모습")  # what a photo shows: "… 테이프를 자르고 있다", "… 시민들의 모습"


def titled(s: str) -> bool:
    """Whether a line ends in a role ("최영철 KBS 기자") or is a name and a title, in either order
    ("김철수 한빛시장.", "한빛시청 도서관장 홍길동."): a person, the photo's subject or the writer;
    "활기 되찾은 전통시장" is a market."""
    words = s.rstrip(".").split()
    if not words or len(words) > _CREDIT_WORDS:
        return False
    role = ROLE_ONLY.search(words[-1])
    if role is not None and role.end() == len(words[-1]):
        return True
    if len(words) > 1 and is_bare_name(words[-1]) and re.fullmatch(TITLE_WORD, words[-2]):
        return True  # the title first: "한빛시청 도서관장 홍길동."
    return any(is_bare_name(w) for w in words[:-1]) and re.fullmatch(TITLE_WORD, words[-1]) is not None


_CREDIT_WORDS = 4


_GLUED_MAX = 60  # a deck's line; the paragraph under it is longer
_PARAGRAPH = 50
_QUOTATION = re.compile(r"[“\"‘'].+[”\"’']")


def glued_deck(rest: list[tuple[int, str]], start: int) -> int:
    """How many lines from ``start`` under the head are a deck glued to the text (0 when none): one
    to three lines of several words or a quotation, no sentence, right above a paragraph, no blank
    line between. A photo's subject there is a name or a name with a role ("블랙핑크 지수",
    "최영철 KBS 기자"), a caption has its credit, and a script breaks its sentences into short lines.
    A deck broken into lines may have one of two words ("한빛시립도서관 본관")."""
    for k in range(_GLUED_LINES):
        end = start + k + 1
        if end >= len(rest) or rest[end][0] != rest[end - 1][0] + 1 or not _glued_line(rest[end - 1][1]):
            return 0
        short = len(rest[end - 1][1].split()) < 3 and not _QUOTATION.search(rest[end - 1][1])
        if short and k == 0 and not _more_lines(rest, end):
            return 0  # two words alone over the text: the photo's subject
        longest = max(len(s) for _, s in rest[start:end])
        paragraph = rest[end][1]
        if len(paragraph) >= max(_PARAGRAPH, 2 * longest) and SENTENCE_END.search(paragraph) is not None:
            return end - start
    return 0


_GLUED_LINES = 3


def _more_lines(rest: list[tuple[int, str]], i: int) -> bool:
    """Whether line ``i`` goes on a deck glued above it, another line glued under it."""
    return i < len(rest) - 1 and rest[i + 1][0] == rest[i][0] + 1 and _glued_line(rest[i][1])


def _glued_line(s: str) -> bool:
    """A line that may be a deck's, glued to the text: no sentence, no person, no caption."""
    if len(s) > _GLUED_MAX or s[-1] in ".!?" or CUES.fullmatch(s):
        return False
    if titled(s) or s[0] in "<〈[【(" or s.endswith(_PICTURED):
        return False
    return not (is_caption(s) or CREDIT_END.search(s) or BYLINE.match(s))


# A button's label beside the share buttons': "이 기사를 번역합니다", "기사 저장하기"
_TOOL_LABEL = re.compile(r"(?:이\s*)?기사를?\s*(?:번역|인쇄|저장|신고|구독|듣기|요약)(?:합니다|하기)?")


def tool_labels(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> None:
    """The head's lines that are a tool's label ("이 기사를 번역합니다") or a bullet's button ("• kakao
    share") become page junk, as the share buttons' label is."""
    for i, (_, s) in enumerate(window):
        if infos[i] is None and (_TOOL_LABEL.fullmatch(s) or (s[0] == "•" and is_buttons(s[1:]))):
            infos[i] = HeadLine()


def sentences_only(deck: list[str]) -> bool:
    """Whether the lines above the date line are a short text's paragraphs: two or more, each
    ending in a full stop, one of them three sentences ("[만평] …" over its stamp). A deck's points
    are a sentence each, or end in none."""
    return len(deck) >= 2 and all(FULL_STOP.search(s) for s in deck) and any(len(_BREAK.findall(s)) >= 2 for s in deck)


_BREAK = re.compile(r"[.!?][\"'”’]?\s")


_VERB_ENDS = frozenset("다요죠까니네오자라")


def noun_point(s: str) -> bool:
    """A deck's point ending in a noun or a particle and a full stop ("… 도약 기대.", "… 금융세계로!"),
    one sentence: the text's sentences end in a verb ("…다."), a photo's caption in what it shows
    ("… 모습.")."""
    return (
        len(s) > 2
        and s[-1] in ".!"
        and "가" <= s[-2] <= "힣"
        and s[-2] not in _VERB_ENDS
        and not s.endswith("모습.")
        and not titled(s)
        and ". " not in s
    )


_ANGLED = re.compile(r"[.)]\s*<([^<>]{2,12})>$")


def agency_after_stop(s: str) -> bool:
    """Whether a line ends in a photo agency's or an outlet's credit in angle brackets right after
    its full stop ("… 됐다.<뉴시스>"); a sentence naming a paper ("<한빛일보>에 …") is the text."""
    m = _ANGLED.search(s)
    return m is not None and CREDIT_ONLY.fullmatch(m.group(1)) is not None


_SENTENCE_DECK_MAX = 100


def sentence_over_photo(rest: list[tuple[int, str]], start: int) -> bool:
    """Whether line ``start`` under the head is a deck of one sentence with the photo between it and
    the text: the next line is a photo's credit alone ("뉴스1") or a caption with its credit ("…
    됐다.<뉴시스>"); over a caption with no credit ("▲세월호 선조위 …") it is the text's first
    sentence. Two sentences there, or a paragraph's length, are the text's first paragraph,
    and a line led by a mark is a note on the photo ("* 오진욱 독자님이 응원해주셨습니다.")."""
    if start + 1 >= len(rest):
        return False
    s, below = rest[start][1], rest[start + 1][1]
    if s[0] in _MARKS or s[0] in "*※":
        return False
    if len(s) > _SENTENCE_DECK_MAX or not FULL_STOP.search(s) or _BREAK.search(s) or BYLINE.match(s) or is_caption(s):
        return False
    return CREDIT_ONLY.fullmatch(below) is not None or agency_after_stop(below)
