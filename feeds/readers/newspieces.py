"""The pieces of a news head's metadata line, each weighed into text, junk, a writer or the outlet.

Once ``feeds.readers.newshead`` has cut a line's stamps, reporters and e-mail addresses out, what
is left between its separators is decided here, piece by piece, with a table (``PIECE_FEATURES``,
``WEIGHTS``) that tests/test_news_head_table.py measures row by row on the corpus. Apart from the
line's reading so that a new outlet's shape is one feature or one weight, in a module of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from feeds.readers.newswords import (
    DESK_ACCOUNT,
    ENGLISH_SECTION,
    JUNK,
    LATIN_NAME,
    ORGANISATION,
    OUTLET_MAX,
    PIECES,
    SECTION,
    SECTION_PREFIX,
    SENTENCE_END,
    is_bare_name,
    is_junk_word,
    is_outlet,
)

# A view counter printed without its label, then the section or a column's name ("…칼럼", "…기고"),
# after the stamp: "박성아 기자 2022.04.11 23:42 81 학생칼럼".
_COUNT_SECTION = re.compile(
    r"\d[\d,]{0,6}\s+(?:" + SECTION.pattern + r"|[가-힣]{1,4}(?:칼럼|기고|사설|논단|시론|인터뷰|기획|르포|에세이|탐방))"
)


# --- the pieces of a metadata line ------------------------------------------------------------
# Once its stamps, reporters and e-mail addresses are cut out, what is left of a head line between
# its separators are pieces: each gets the class its features weigh most for. "text" is a word of
# a headline, a sentence or a CSV row; one piece of text makes the whole line text, kept in the
# document, never metadata.
# A broadcast's news programme, one word: "뉴스A", "뉴스데스크", "8뉴스" (an outlet's name, 뉴스1, is one too)
_PROGRAMME = re.compile(r"\d{0,2}뉴스[A-Z0-9가-힣]{0,4}")
# A name and its account in brackets, the same word: the site's own account ("디스이즈게임(디스이즈게임)";
# the piece has lost its closing bracket to the strip)
_OWN_ACCOUNT = re.compile(r"(?P<name>[^()\s]{2,12})\((?P=name)\)?")
PIECE_FEATURES: dict[str, Callable[[str, str], object]] = {
    "label or button": lambda piece, line: JUNK.match(piece),  # 입력, 기사원문, 댓글 3, 의견 0, 뉴욕=
    "long": lambda piece, line: len(piece) > OUTLET_MAX,
    "sentence end": lambda piece, line: SENTENCE_END.search(piece),  # …했다, …요.
    "Latin name": lambda piece, line: LATIN_NAME.fullmatch(piece),  # Peter Wayner, JR Raphael
    "outlet word": lambda piece, line: is_outlet(piece) and not SECTION.fullmatch(piece),  # 뉴스1, YTN; not 경제
    "before a comma": lambda piece, line: re.search(re.escape(piece) + r"\s*,", line),  # "테크데일리, 오세훈 기자"
    "Hangul name": lambda piece, line: is_bare_name(piece),  # 유룡: a family name and one to three syllables
    "section prefix": lambda piece, line: SECTION_PREFIX.match(piece),  # 경제…, 정치…
    "section": lambda piece, line: SECTION.fullmatch(piece),  # 정치, 종합, 앵커리포트
    "organisation": lambda piece, line: ORGANISATION.fullmatch(piece),  # 인천경기기자협회
    "desk or account": lambda piece, line: DESK_ACCOUNT.fullmatch(piece),  # 편집국, 협동조합팀1
    "English section": lambda piece, line: ENGLISH_SECTION.fullmatch(piece),  # Travel, Sports
    "bracketed": lambda piece, line: re.search(r"[\[【]\s*" + re.escape(piece) + r"\s*[\]】]", line),  # [기타]
    "outlet and edition": lambda piece, line: _outlet_and_edition(piece, line),  # 머니투데이 더리더
    "a programme's name": lambda piece, line: _PROGRAMME.fullmatch(piece),  # 뉴스A, 뉴스데스크 beside the stamp
    "row of buttons": lambda piece, line: _buttons(piece),  # URL복사 프린트하기 쪽지신고하기
    "name and title": lambda piece, line: _name_and_title(piece),  # 고희정 시민기사, beside the stamp
    "count and section": lambda piece, line: _COUNT_SECTION.fullmatch(piece),  # 81 학생칼럼: views, section
    "its own account": lambda piece, line: _OWN_ACCOUNT.fullmatch(piece),  # 디스이즈게임(디스이즈게임)
}
# (feature, class, weight): the class of a piece is the one whose features add up to most.
WEIGHTS: tuple[tuple[str, str, int], ...] = (
    ("label or button", "junk", 200),  # a label or a button is never a name nor an outlet
    ("long", "text", 100),  # longer than any outlet's name: a headline or a sentence
    ("sentence end", "text", 100),
    ("Latin name", "author", 70),  # before "outlet word", which reads "Peter Wayner" as an outlet
    ("outlet word", "outlet", 30),
    ("before a comma", "outlet", 30),  # the outlet leads a flattened "매체, 기자, 날짜"
    ("Hangul name", "author", 20),  # below "outlet word": "정원뉴스" is no one's name
    ("section prefix", "author", -25),  # "사회", "경제홍길": a section, or one glued to a name
    ("section", "junk", 10),
    ("organisation", "outlet", 30),  # an association's or a foundation's own page
    ("desk or account", "junk", 60),  # a desk or a team's account posting: no outlet, no one's name
    ("English section", "junk", 40),  # a section's English name is no outlet, though capitalised
    ("bracketed", "junk", 25),  # a category in brackets ("[기타]"), no name; an outlet's word outweighs it
    ("outlet and edition", "outlet", 30),  # an outlet's name, then its magazine's or edition's
    ("a programme's name", "junk", 20),  # a broadcast's news programme; an outlet's word outweighs it (뉴스1)
    ("row of buttons", "junk", 200),  # the tools beside the stamp, however many
    ("name and title", "author", 40),  # a title the role lists lack, or misspelt: the name is the writer's
    ("count and section", "junk", 60),  # a view counter without its label, then the section
    ("its own account", "outlet", 40),  # a byline whose account repeats its name: the site posting, no one
)
PIECE_CLASSES = ("text", "junk", "author", "outlet")  # in this order when weights tie
BASE = {"text": 5}  # a piece nothing speaks for is text


def score_piece(piece: str, line: str) -> tuple[str, list[str]]:
    """The class of one piece of a metadata line, and the features that were found in it."""
    found = [name for name, test in PIECE_FEATURES.items() if test(piece, line)]
    totals = dict.fromkeys(PIECE_CLASSES, 0) | BASE
    for feature, kind, weight in WEIGHTS:
        if feature in found:
            totals[kind] += weight
    return max(PIECE_CLASSES, key=lambda kind: totals[kind]), found


def _piece(piece: str, line: str) -> tuple[str, str] | None:
    """What one piece of a metadata line is: ("junk", …), ("outlet", name), ("author", name), or None (text)."""
    # A label kept before the outlet's name ("최종편집 경남우리신문") is page junk, and so is a team's
    # before the writer's ("정책기자단 김소현").
    while " " in piece and not JUNK.match(piece) and _label_or_team(piece.split(" ", 1)[0]):
        piece = piece.split(" ", 1)[1].lstrip(" :：")  # "기자 : 홍길동": the label's colon goes with it
    by = _LATIN_BY.fullmatch(piece) if " " in piece else None
    if by and is_outlet(by.group("outlet")) and by.group("who") in (by.group("outlet"), by.group("outlet").title()):
        return ("outlet", by.group("outlet"))  # "COSMOPOLITAN BY COSMOPOLITAN": the magazine's own desk
    piece = _BY.sub("", piece)
    if not piece or _COHORT_ONLY.fullmatch(piece):
        return ("junk", piece)  # "by 11기": the byline's word and the writer's cohort
    team = _TEAM_OF.fullmatch(piece) if "|" in line else None
    if team and not _TEAM_WORD.search(team.group("outlet")):
        return ("outlet", team.group("outlet"))  # "씨네21 취재팀 2019-01-16": the outlet's own team
    if piece[-1] == "=" and is_outlet(place := piece[:-1].strip()):
        return ("outlet", place)  # "한빛일보 = 홍길동 기자": the dateline's place is the outlet
    place, equals, named = piece.partition("=")
    if equals and place and " " not in place and is_outlet(named := named.strip()):
        return ("outlet", named)  # "[경기=아시아뉴스통신]": a bracketed dateline, its place then the outlet
    first, _, last = piece.rstrip("= ").partition(" ")
    desk = DESK_ACCOUNT.fullmatch(last) or SECTION.fullmatch(last)
    if last and " " not in last and is_outlet(first) and (piece[-1] == "=" or desk):
        return ("outlet", first)  # "한빛일보 베이징=", "한빛일보 이슈팀", "한빛일보 사회부": no one's name
    kind, found = score_piece(piece, line)
    if kind == "outlet" and "its own account" in found:
        return ("outlet", piece.split("(", 1)[0])  # "디스이즈게임(디스이즈게임": the site's name once
    if kind == "author" and "name and title" in found:
        return ("author", piece.split(" ", 1)[0])  # "고희정 시민기사": the name, not the title
    return None if kind == "text" else (kind, piece)


def _buttons(piece: str) -> bool:
    """Two or more words, each a button's or a tool's label ("URL복사 프린트하기 쪽지신고하기")."""
    words = piece.split(" ")
    buttons = len(words) > 1 and all(is_junk_word(w) and not w.isdigit() for w in words)
    return buttons and not all(SECTION.fullmatch(w) for w in words)  # "정치 경제": sections, no tools


# A title after a name, beside the stamp: the Sino-Korean endings of jobs and posts (…사, …원, …장,
# …인, …관), as a title the role lists lack or a misspelt one prints ("고희정 시민기사").
_TITLE_END = re.compile(r"[가-힣]{1,4}(?:사|원|장|인|관)")


def _name_and_title(piece: str) -> bool:
    """A name of three syllables, as most are, and a title ("고희정 시민기사"); "신규 회원" is no one."""
    name, _, title = piece.partition(" ")
    return len(name) == 3 and is_bare_name(name) and bool(_TITLE_END.fullmatch(title)) and not is_outlet(piece)


_COHORT_ONLY = re.compile(r"\d{1,2}기")
_BY = re.compile(r"^(?:[Ww]ritten\s+)?[Bb]y(?:\s+|$)")
_LATIN_BY = re.compile(r"(?P<outlet>[A-Z][A-Za-z0-9.&]*(?: [A-Z][A-Za-z0-9.&]*)?) (?:BY|By|by) (?P<who>.{2,30})")


# A team label after the name of the outlet it belongs to, "씨네21 취재팀", on a stamp's line.
_TEAM_OF = re.compile(r"(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s+(?:취재팀|편집국|편집부|보도국|취재부|뉴스팀|기자단)")
# ... unless that word is the team's own kind: "특별 취재팀", "사회부 편집국"
_TEAM_WORD = re.compile(r"(?:부|팀|국|실|특별|기획|공동|탐사|합동|연합|현장|온라인|디지털)$")


def _outlet_and_edition(piece: str, line: str) -> bool:
    """Two words, the first an outlet's name, beside a stamp or a writer (cut out of the line, a bar
    left in their place): an outlet and its magazine."""
    words = piece.split(" ")
    return len(words) == 2 and is_outlet(words[0]) and "|" in line


def _labels_only(rest: str) -> bool:
    return all(not p or JUNK.match(p) for p in (p.strip(" ()[]:：|.•·-") for p in PIECES.split(rest)))


def _label_or_team(word: str) -> bool:
    return bool(JUNK.match(word) or DESK_ACCOUNT.fullmatch(word))
