"""The date stamps of a news head line, cut out as written: where each starts and ends, its label,
and the forms feeds.dates reads ("[13:46]" as "(13:46)", "15: 36", the American order, the Juche
year). ``feeds.readers.newshead`` reads the rest of the line.
"""

from __future__ import annotations

import re

from feeds.readers.newsdatewords import DATE_STAMP, JUCHE, LABEL_AFTER, LABEL_BEFORE, SHORT_YEAR, SPACED_STAMP
from feeds.readers.newswords import ROLE_AT_END


def cleaned(s: str) -> str:
    """The line without a template's empty slot ("• 편집국 ()", its address left out), a labelled
    stamp's two-digit year written out ("작성일 : 20-02-25 09:45", a board's stamp)."""
    if "()" in s or "[]" in s:
        s = s.replace("()", "").replace("[]", "").strip() or s
    if "l" in s:  # "홍길동 기자l승인2020.01.27", "소개 l 공지사항": a Latin l typed for the bar
        s = _L_BAR.sub(" | ", s)
    if "null" in s or "undefined" in s:  # "null ㅣ 기사 승인 …": the writer's slot the template left unfilled
        s = _UNFILLED.sub("", s)
    if "-" in s:  # "2024-02-05 14  |  685호": the clock cut to its hour
        s = _HOUR_ONLY.sub(r"\g<0>:00", s)
    if s.count(" ") >= 3 and SPACED_STAMP.search(s):  # "입력 2022 11 20 20:28", each stamp of the line
        s = SPACED_STAMP.sub(lambda m: m.group("label") + s[m.end("label") : m.start("date")]
                             + m.group("date").replace(" ", "."), s)  # fmt: skip
    return SHORT_YEAR.sub(_full_year, s) if "-" in s or "." in s or "/" in s else s


# An l between Hangul syllables or standing alone: no Korean word holds a Latin l glued inside it
_L_BAR = re.compile(r"(?<=[가-힣])l(?=[가-힣])|(?<=[가-힣] )l(?= [가-힣])")
_UNFILLED = re.compile(r"^(?:null|undefined)\s*[|ㅣ]\s*")
# An ISO date and an hour, then a bar or the line's end: a stamp whose minutes the template cut off
_HOUR_ONLY = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2} (?:[01]?\d|2[0-3])(?=\s*\||\s*$)")


def _full_year(m: re.Match[str]) -> str:
    """A labelled stamp's two-digit year written out: 20 is 2020, 98 is 1998."""
    year = int(m.group("year"))
    century = "20" if year < 70 else "19"
    return m.group()[: m.start("year") - m.start()] + century + m.group()[m.start("year") - m.start() :]


_CLOCK_GAP = re.compile(r"(\d):\s+(\d)|(?<=\d),\s*(?=\d{1,2}:)")  # "15: 36", "2013-01-19, 16:09"


def _closed(m: re.Match[str]) -> str:
    return f"{m.group(1)}:{m.group(2)}" if m.group(1) else " "


def _as_written(date: str) -> str:
    """A stamp as feeds.dates reads it: "[13:46]", "15: 36", "Dec 28,2017", "주체107(2018)년 …"."""
    date = _CLOCK_GAP.sub(_closed, date.replace("[", "(").replace("]", ")"))
    date = _AMERICAN.sub(_iso_order, date)
    return _JUCHE.sub(r"\1", _COMMA_YEAR.sub(", ", date))


def _iso_order(m: re.Match[str]) -> str:
    first, second, year = m.group(1), m.group(2), m.group(3)
    month, day = (second, first) if int(first) > 12 else (first, second)  # "15.02.2025": the day first
    return f"{year}.{month}.{day}"


_JUCHE = re.compile(JUCHE)
_AMERICAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})")
_COMMA_YEAR = re.compile(r",(?=\d{4})")


def stamps(s: str) -> tuple[list[tuple[str | None, str]], str]:
    """The (label, date) stamps of a line, and the line without them.

    A label comes before its date ("입력 2024.04.05", "입력 | 2024.04.05", "…20:11수정 2024…"),
    or, on a line that starts with an unlabelled date, after it ("2024.04.05 09:40 입력 | …").
    """
    dates = list(DATE_STAMP.finditer(s))
    if not dates:
        return [], s
    ends = [m.start() for m in dates[1:]] + [len(s)]
    # The lookahead past the label must see the next date: "14:17 수정 : 2022.08.19 14:44" is the
    # next stamp's label, not this one's.
    after_first = LABEL_AFTER.match(s, dates[0].end())
    postfix = not LABEL_BEFORE.search(s, 0, dates[0].start()) and after_first and after_first.end() <= ends[0]
    stamps: list[tuple[str | None, str]] = []
    rest: list[str] = []
    prev = 0
    for m, end in zip(dates, ends, strict=True):
        start, stop = m.start(), m.end()
        label = None
        if postfix:
            after = LABEL_AFTER.match(s, stop, end)
            if after:
                label, stop = after.group("label"), after.end()
        else:
            before = LABEL_BEFORE.search(s, prev, start)
            if before:
                label, start = before.group("label"), before.start()
                # A section glued to the label ("일반입력 :2011/…") goes with it; a role
                # ("기자입력 : …") stays for the reporter pattern.
                word = start
                while word > prev and "가" <= s[word - 1] <= "힣":
                    word -= 1
                if word < start and not ROLE_AT_END.search(s[word:start]):
                    start = word
        # "[13:46]" and "15: 36" as feeds.dates reads them
        stamps.append((label, _as_written(m.group())))
        rest.append(s[prev:start])
        prev = stop
    rest.append(s[prev:])
    return stamps, " | ".join(rest)
