"""Plain-text news articles, as Korean news sites publish them.

    오랜 '동지' MS와 오픈AI, 이젠 '적'으로 돌아서          <- title (line 1)

    지난해 이후 묵은 갈등, 최근 파트너십 붕괴 …             <- deck: the summary

    2025-03-10     전윤미 기자                             <- date line (+ reporter)
    오픈AI의 샘 앨트먼(왼쪽)과 … (사진=마이크로소프트)      <- body starts: a photo caption

    [애플경제 전윤미 기자] 자매회사로 알려질 정도로 …        <- byline names the publication

    MS, 자체 모델 'MAI' 개발, 기술 독립 선언               <- subheading

Title, deck and the date/reporter lines are metadata; everything after them is the body,
rendered by ``feeds.markup.news``: every line of it reaches the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from feeds.readers import Parsed

NAME = "news"

_WS = "[ \t\u00a0\u2002\u2003\u3000]"
_DAY = r"(?:\s*\([월화수목금토일]\))?"
_CLOCK = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)"
_KO_CLOCK = r"(?:\s*(?:오전|오후)?\s*\d{1,2}시(?:\s*\d{1,2}분)?)"
_ZONE = r"(?:\s+(?:KST|UTC|GMT|JST|Z|[+-]\d{2}:?\d{2}))?"
DATE = (
    r"(?:\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?" + _DAY + _CLOCK + "?"
    r"|\d{4}년\s*\d{1,2}월\s*\d{1,2}일" + _DAY + "(?:" + _KO_CLOCK + "|" + _CLOCK + ")?)" + _ZONE
)
_NAME = r"[가-힣]{2,5}"
_ROLE = r"(?:기자|특파원|선임기자|객원기자|전문기자|인턴기자|통신원)"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
REPORTERS = rf"(?P<names>{_NAME}(?:\s*[·,]\s*{_NAME})*)\s*{_ROLE}(?:\s*\(?(?P<email>{_EMAIL})\)?)?"

_DATE_LINE = re.compile(rf"(?P<date>{DATE})(?:\s+{REPORTERS})?")
_STAMP_LINE = re.compile(
    rf"(?:(?:기사)?(?:입력|등록|게재|발행|승인)\s*:?\s*(?P<published>{DATE}))?"
    rf"\s*(?:(?:최종)?(?:수정|업데이트)\s*:?\s*(?P<updated>{DATE}))?"
)
_REPORTER_LINE = re.compile(REPORTERS)
BYLINE = re.compile(
    rf"^\s*(?:\[(?P<pub1>[^\]=]+?)(?:\s*=\s*|\s+)(?:{_NAME}(?:\s*[·,]\s*{_NAME})*\s*{_ROLE})\]"
    rf"|\((?:[^)=]+=)?(?P<pub2>[^)]+?)\)\s*{_NAME}\s*{_ROLE}\s*=)"
)
CAPTION = re.compile(r"(?:사진|자료|그래픽|이미지|출처|영상|제공|캡처|사진제공)\s*[=:]\s*[^()\[\]]{1,40}[)\]]\s*$")
NOTE = re.compile(r"^\s*<.*>\s*$|저작권자|무단\s*전재|ⓒ|©")
CLOSING = tuple(".!?。…:;,)]」』>")
_SCAN_LINES = 12  # the date line must come this early, or the text is not a news article


@dataclass(frozen=True)
class _Head:
    title: str
    title_line: int
    deck: list[str]
    meta: dict[str, Any]
    lines: dict[str, int]
    body_line: int


def detect(text: str) -> bool:
    return _head(text) is not None


def read(text: str, path: str) -> Parsed:
    head = _head(text)
    assert head is not None, "read() called without detect()"
    body = "\n".join(text.split("\n")[head.body_line - 1 :])
    meta = dict(head.meta)
    meta["title"] = head.title
    if head.deck:
        meta["summary"] = " ".join(head.deck)
    publication = _publication(body)
    if publication:
        meta["publication"] = publication
    lines = {"title": head.title_line, **head.lines}
    return Parsed(format=NAME, meta=meta, body=body, markup="news", body_line=head.body_line, lines=lines)


def plain(line: str) -> str:
    return re.sub(_WS + "+", " ", line).strip()


@lru_cache(maxsize=4)  # detect() then read() ask about the same text: work it out once
def _head(text: str) -> _Head | None:
    # Only the head matters: the split's last piece (the rest of the article) is never looked at.
    lines = text.split("\n", _SCAN_LINES * 4)[: _SCAN_LINES * 4]
    nonblank = ((n, s) for n, s in ((n, plain(line)) for n, line in enumerate(lines, start=1)) if s)
    first = next(nonblank, None)
    if first is None:
        return None
    title_line, title = first
    if len(title) > 300 or _meta_line(title):
        return None
    deck: list[str] = []
    meta: dict[str, Any] = {}
    where: dict[str, int] = {}
    last = 0
    for count, (n, s) in enumerate(nonblank, start=1):
        found = _meta_line(s) if count <= _SCAN_LINES or meta else None
        if found is None:
            if meta:
                break  # the first line after the date/reporter lines starts the body
            if count > _SCAN_LINES:
                return None
            deck.append(s)
            continue
        for key, value in found.items():
            if key == "authors":
                meta.setdefault("authors", []).extend(value)
            else:
                meta.setdefault(key, value)
            where.setdefault(key, n)
        last = n
    if "date" not in meta:
        return None  # no date line (a reporter line alone does not make a news article)
    return _Head(title, title_line, deck, meta, where, last + 1)


def _meta_line(s: str) -> dict[str, Any] | None:
    """The metadata a date, stamp or reporter line holds, or None for any other line."""
    m = _DATE_LINE.fullmatch(s)
    if m:
        out: dict[str, Any] = {"date": m.group("date")}
        if m.group("names"):
            out["authors"] = _authors(m.group("names"), m.group("email"))
        return out
    m = _STAMP_LINE.fullmatch(s)
    if m and (m.group("published") or m.group("updated")):
        out = {}
        if m.group("published"):
            out["date"] = m.group("published")
        if m.group("updated"):
            out["updated"] = m.group("updated")
        return out
    m = _REPORTER_LINE.fullmatch(s)
    if m:
        return {"authors": _authors(m.group("names"), m.group("email"))}
    return None


def _authors(names: str, email: str | None) -> list[dict[str, str]]:
    found = [{"name": n} for n in re.split(r"\s*[·,]\s*", names) if n]
    if email and len(found) == 1:
        found[0]["email"] = email
    return found


def _publication(body: str) -> str | None:
    for line in body.split("\n"):
        s = plain(line)
        if not s or CAPTION.search(s):
            continue
        m = BYLINE.match(s)
        return (m.group("pub1") or m.group("pub2")).strip() if m else None
    return None
