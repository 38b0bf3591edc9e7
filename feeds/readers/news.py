"""Plain-text news articles, as Korean news sites publish them.

    오랜 '동지' MS와 오픈AI, 이젠 '적'으로 돌아서          <- title (line 1)

    지난해 이후 묵은 갈등, 최근 파트너십 붕괴 …             <- deck: the summary

    2025-03-10     전윤미 기자                             <- date line (+ reporter)
    오픈AI의 샘 앨트먼(왼쪽)과 … (사진=마이크로소프트)      <- body starts: a photo caption

    [애플경제 전윤미 기자] 자매회사로 알려질 정도로 …        <- byline names the publication

    MS, 자체 모델 'MAI' 개발, 기술 독립 선언               <- subheading

The head is read by what each line *is*, not by where it stands. Each of the first lines is
read on its own (``feeds.readers.newshead``): a line made only of date stamps (labelled 입력,
수정, … or not), writers, an outlet's name and page junk is metadata, whatever its order and
separators; a line with any other word is text, never metadata (a CSV row, a diary's date and
weather). Then the lines get their class together (``_plan``): the first text line is the
title, one run of metadata lines holding a stamp is the date line, the text lines between them
(or set off right under the date line) are the deck, and the rest is the body, in its place.
Date lines apart with text between are a log's entries, not an article's head; paragraphs above
the date line make it a letter's sign-off. No line of a file is ever dropped. The body is
rendered by ``feeds.markup.news``: every line of it reaches the HTML. The body's dateline or
byline (``(서울=연합뉴스) 홍길동 기자 =``), a closing reporter line and the copyright line name
the outlet and reporters when the head does not. tests/data/news holds real articles of many
outlets, with what each page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from feeds.readers import Parsed, from_line
from feeds.readers.newsbody import from_body, lone_address
from feeds.readers.newscaptions import hashtags
from feeds.readers.newscredit import credited, desk_byline, signed_address
from feeds.readers.newsdatewords import DATE_STAMP
from feeds.readers.newsdeck import first_subheading, headline_below, tool_labels
from feeds.readers.newsdecklines import _deck_after, _lead, _signed_off
from feeds.readers.newshead import METADATA, HeadLine, Kind, classify
from feeds.readers.newslines import classified, is_labelled, names_over_roles, without_lone_names
from feeds.readers.newsmeta import _dated_entries, _meta, _metadata_block, _metadata_class
from feeds.readers.newsoutlet import opening_outlet
from feeds.readers.newspage import between_title_and_copy, button_rows, weigh_deck
from feeds.readers.newstitle import choose_title, copy_of, deck_class, headline_text
from feeds.readers.newswords import (
    BYLINE,
    MARKDOWN,
    SECTION_PREFIX,
    SENTENCE_END,
    SERIES_LABEL,
    TITLE_LABEL,
    TITLE_OUTLET,
    is_bare_name,
    is_outlet,
    plain,
)

NAME = "news"
SCAN_LINES = 15  # the date stamp must be among this many non-empty lines, or the text is not news


@dataclass(frozen=True)
class _Head:
    title: str
    title_line: int
    deck: list[str]  # lines taken out of the text as the deck
    summary: list[str]  # the deck, or a deck left in the body under a photo
    meta: dict[str, Any]
    lines: dict[str, int]
    body_line: int
    classes: tuple[tuple[tuple[int, str], Kind], ...]  # each line of the window, and what it is
    kept: tuple[str, ...] = ()  # metadata lines with words no field carries, kept among the page lines


def detect(text: str) -> bool:
    return _head(text) is not None


def read(text: str, path: str) -> Parsed:
    head = _head(text)
    assert head is not None, "read() called without detect()"
    body = from_line(text, head.body_line)
    meta = dict(head.meta)
    meta["title"] = head.title
    if head.summary:
        meta["summary"] = " ".join(head.summary)
    outlet, reporters = from_body(body)
    suffix = TITLE_OUTLET.search(head.title)
    outlet = outlet or (suffix.group("outlet") if suffix and is_outlet(suffix.group("outlet")) else None)
    outlet = outlet or _outlet_before_title(head)
    outlet = outlet or opening_outlet(body)  # "[비즈한국] 국내 재계 …": the text's first paragraph names it
    # The text's byline naming the outlet ("[가스신문 = 김재형 기자] …") outweighs a word atop the page
    # (a section, "업계뉴스"); that word's line is then one of the page's, kept.
    above = head.lines.get("publication", head.title_line) < head.title_line
    replaced = bool(outlet and "publication" in meta and above and reporters and BYLINE.match(body.lstrip()))
    if outlet and ("publication" not in meta or replaced):
        meta["publication"] = outlet
    if reporters and "authors" not in meta:
        meta["authors"] = reporters
    elif reporters:  # the head named them; the byline or closing line may give their addresses
        emails = {r["name"]: r["email"] for r in reporters if "email" in r}
        meta["authors"] = [a if "email" in a or a["name"] not in emails else {**a, "email": emails[a["name"]]}
                           for a in meta["authors"]]  # fmt: skip
        if BYLINE.match(body.lstrip()):  # the head names who posted it, the text's opening byline who wrote it
            have = {a["name"] for a in meta["authors"]}
            meta["authors"] += [r for r in reporters if r["name"] not in have]
    # Page lines that are none of the head's fields (an issue number, a view counter, a second
    # outlet line naming the desk) are kept in the document's extra metadata: no line of the text
    # is lost, though none of them is published.
    outlet_line = None if replaced else head.lines.get("publication")
    page = [s for (n, s), kind in head.classes
            if kind is Kind.PAGE_JUNK or (kind is Kind.OUTLET and n != outlet_line)]  # fmt: skip
    page += head.kept
    if "authors" not in meta:  # a letter's credit is no deck: the head keeps it among the page's lines
        credited(meta, head.title, [*head.deck, *page], body)
    if "@" in body and any("email" not in a for a in meta.get("authors", [])):
        meta["authors"] = [signed_address(a, body) for a in meta["authors"]]
    authors = meta.get("authors", [])
    address = lone_address(body) if len(authors) == 1 and "email" not in authors[0] else None
    if address:  # "fob140@heraldcorp.com" alone closing the text: the one reporter's
        meta["authors"] = [{**authors[0], "email": address}]
    tags = hashtags(body)
    if tags:
        meta["tags"] = tags
    desk_byline(meta, page)
    if page:
        meta["page_lines"] = page
    lines = {"title": head.title_line, **{k: n for k, n in head.lines.items() if not (replaced and k == "publication")}}
    return Parsed(format=NAME, meta=meta, body=body, markup="news", body_line=head.body_line, lines=lines)


def why_not(text: str) -> str:
    """Why ``text`` is not a news article, for the unknown-format message."""
    window = _window(text)
    if not window:
        return "the file is empty"
    if MARKDOWN.search(window[0][1]):
        return f"line {window[0][0]} is Markdown, not a news title"
    first, last = window[0][0], window[-1][0]
    infos = [classify(s) for _, s in window]
    stamped = [i for i, info in enumerate(infos) if info is not None and info.stamps]
    if len(stamped) > 1 and any(infos[j] is None for j in range(stamped[0] + 1, stamped[1])):
        a, b = window[stamped[0]][0], window[stamped[1]][0]
        return f"lines {a} and {b} are both date lines, with text between: dated entries (a log), not an article"
    dated = next((n for (n, s), info in zip(window, infos, strict=True) if info is None and DATE_STAMP.search(s)), None)
    if not stamped and dated is not None:
        return f"line {dated} holds a date, but also words that are no reporter, outlet or label: text, not a date line"
    looked = f"its first {SCAN_LINES} non-empty lines" if len(window) == SCAN_LINES else "the whole file"
    return f"no date line in lines {first}-{last}, {looked}"


def _window(text: str) -> list[tuple[int, str]]:
    # Only the head matters: the split's last piece (the rest of the article) is never looked at.
    out: list[tuple[int, str]] = []
    for n, line in enumerate(text.split("\n", SCAN_LINES * 4)[: SCAN_LINES * 4], start=1):
        if line and not line.isspace():
            s = plain(line)
            if len(s) > 2 and s[0] == s[-1] == "|":
                s = s[1:-1].strip() or s  # a layout table's cell, flattened: "| 2026. 01.28(수) 14:51 |"
            out.append((n, s))
            if len(out) == SCAN_LINES:
                break
    return out


@lru_cache(maxsize=4)  # detect() then read() ask about the same text: work it out once
def _head(text: str) -> _Head | None:
    window = _window(text)
    infos = button_rows(window, without_lone_names(window, names_over_roles(window, classified(window))))
    tool_labels(window, infos)
    glued = _glued_reporter(window, infos)
    if glued:  # "경제정혜인" above the headline: the section and the reporter, flattened together
        infos[0] = HeadLine(authors=[{"name": glued}])
    classes = _plan(window, infos, ends=_ends_in(text, window))
    if classes is None:
        return None
    title_line, title = _title(window, infos, classes)
    first_text = classes.index(Kind.BODY) if Kind.BODY in classes else len(classes)
    above = classes[first_text - 1] if 0 < first_text < len(classes) else None
    if (above in METADATA or above is Kind.DECK) and copy_of(window[first_text][1], title):
        classes[first_text] = Kind.PAGE_JUNK  # the headline printed again under the head or its deck
    weigh_deck(window, classes, title)
    sections = first_subheading(window, classes)  # the text's first subheading under the head: no deck
    between_title_and_copy(window, classes, title)
    deck = [s for (_, s), kind in zip(window, classes, strict=True) if kind == Kind.DECK]
    if any(MARKDOWN.search(s) for s in deck):
        return None
    head = [i for i, kind in enumerate(classes) if kind in METADATA]
    # A date that is page junk (a magazine's cover date above the headline) dates nothing.
    read = [HeadLine() if classes[i] is Kind.PAGE_JUNK else infos[i] for i in head]
    meta, where = _meta([window[i] for i in head], read)
    if "date" not in meta:
        return None
    body = classes.index(Kind.BODY) if Kind.BODY in classes else len(classes)
    body_line = window[body][0] if body < len(window) else max(window[i][0] for i in head) + 1
    summary = deck or ([] if sections else _lead(window[body:], title))
    kept = tuple(window[i][1] for i, info in zip(head, read, strict=True) if info is not None and info.kept)
    lines = tuple(zip(window, classes, strict=True))
    return _Head(title, title_line, deck, summary, meta, where, body_line, lines, kept)


def _outlet_before_title(head: _Head) -> str | None:
    """The outlet leading the page's title, a page line of the head: "한빛뉴스TV 새 도서관 문 열어"."""
    for (_, s), kind in head.classes:
        if kind is Kind.PAGE_JUNK and len(head.title) < len(s) and s.endswith(head.title):
            name = s[: -len(head.title)].strip()
            if is_outlet(name):
                return name
    return None


def _ends_in(text: str, window: list[tuple[int, str]]) -> bool:
    """Whether the window holds the text's last line: its lowest lines may be a letter's sign-off."""
    if not window:
        return True
    below = text.split("\n", window[-1][0])
    return len(below) <= window[-1][0] or not below[-1].strip()


def _title(window: list[tuple[int, str]], infos: list[HeadLine | None], classes: list[Kind]) -> tuple[int, str]:
    """The title's line and text: the title line without a board's label ("[제목] : …"), or the
    headline a board's row of fields holds."""
    for (n, s), kind in zip(window, classes, strict=True):
        if kind == Kind.TITLE:
            return n, headline_text(TITLE_LABEL.sub("", s) or s)
    return next((n, info.title) for (n, _), info in zip(window, infos, strict=True) if info and info.title)


def _plan(window: list[tuple[int, str]], infos: list[HeadLine | None], *, ends: bool = False) -> list[Kind] | None:
    """The class of each line of the window, decided together; None when the text is no article.

    The title is the first line that is not metadata or page junk (a printer-friendly page puts
    its date line before it). One run of metadata lines holding a date stamp is the date line;
    the text lines between the title and it, or set off right under it, are the deck. Date lines
    apart with text between are a log's entries, and paragraphs above the date line make it a
    letter's sign-off, whose head is under the text.
    """
    t = next((i for i, info in enumerate(infos) if info is None), None)
    if t is None or t + 1 >= len(window) or len(window[t][1]) > 300 or MARKDOWN.search(window[t][1]):
        return None
    if any(info and info.title and info.stamps for info in infos[:t]):
        # A board's row of fields holds the headline and the date: the short lines under it are the deck.
        classes = [_metadata_class(info) for info in infos[:t]] + [Kind.BODY] * (len(window) - t)
        end = _deck_after(window[t:], 0)
        headline = next(info.title for info in infos[:t] if info and info.title)
        # The notice's own heading repeats the headline ("[알림] …"): the text starts there.
        end = next((i for i in range(end) if headline in window[t + i][1]), end)
        classes[t : t + end] = [Kind.DECK] * end
        return classes
    labels = _labels_above(window, infos, t)
    labels = headline_below(window, infos, t, labels)
    classes = [_metadata_class(info) if i < t or info else Kind.PAGE_JUNK for i, info in enumerate(infos[: t + labels])]
    t += labels
    if t + 1 >= len(window) or MARKDOWN.search(window[t][1]):
        return None  # nothing under the headline, as for a first line alone
    classes += [Kind.TITLE] + [Kind.BODY] * (len(window) - t - 1)
    rest, after = window[t + 1 :], infos[t + 1 :]
    first, last = _metadata_block(rest, after, window[t][1])
    if first is None and Kind.DATE_LINE not in classes:
        return None
    if first is not None and _dated_entries(rest, after, first, last, ends=ends, title=window[t][1]):
        return None
    if first is not None and any(is_labelled(info) for info in after[first : last + 1]):
        # A date above the headline without a label, when a labelled stamp is under it: the cover
        # date of a magazine's issue, not when the article was published or updated.
        for i, info in enumerate(infos[:t]):
            if info and info.stamps and not is_labelled(info):
                classes[i] = Kind.PAGE_JUNK
    # A bare name right above the text is a photo's subject ("| 박성웅 |"), not the reporter.
    while first is not None and last > first:
        info = after[last]
        if info is None or not info.weak or (last + 1 < len(rest) and rest[last + 1][0] > rest[last][0] + 1):
            break
        last -= 1
    if first is None:  # the date line was above the title; a byline may be under it
        lead = 0
        while lead < len(after) and (info := after[lead]) is not None and not info.weak:
            classes[t + 1 + lead] = _metadata_class(info)
            lead += 1
        end = _deck_after(rest, lead)
        classes[t + 1 + lead : t + 1 + end] = [Kind.DECK] * (end - lead)
        return classes
    for i in range(last + 1):
        info = after[i]
        classes[t + 1 + i] = Kind.DECK if info is None else _metadata_class(info)
        if (info is None or not info.stamps) and copy_of(rest[i][1], window[t][1]):
            # the headline printed twice: the page's title and the article's ("인구감소", no one's name)
            classes[t + 1 + i] = Kind.PAGE_JUNK
        elif after[i] is None and any(rest[i][1] == s for _, s in rest[:i]):
            classes[t + 1 + i] = Kind.PAGE_JUNK  # the deck printed again, with the head's second copy
        if after[i] is None and len(rest[i][1]) <= _PROGRAMME_MAX and SERIES_LABEL.fullmatch(rest[i][1]):
            classes[t + 1 + i] = Kind.PAGE_JUNK  # a programme's label among the head's lines: "[뉴스외전]"
    block = zip(rest[: last + 1], classes[t + 1 : t + 2 + last], strict=True)
    deck = [s for (_, s), kind in block if kind == Kind.DECK]
    if _signed_off(deck):
        # Paragraphs above the date line: it is a letter's sign-off, and the text starts under
        # the title. The date and the signature stay in the text, and are read as its head.
        # A byline above the paragraphs stays in the head.
        classes[t + 1 : t + 2 + last] = [Kind.BODY if k is Kind.DECK else k for k in classes[t + 1 : t + 2 + last]]
        return classes
    if all(deck_class(s, window[t][1]) != "deck" for s in deck):  # none, or only the page's lines
        end = _deck_after(rest, last + 1)
        classes[t + 2 + last : t + 1 + end] = [Kind.DECK] * (end - last - 1)
    return classes


_PROGRAMME_MAX = 14


def _labels_above(window: list[tuple[int, str]], infos: list[HeadLine | None], t: int) -> int:
    """How many text lines from ``t`` are labels above the headline, the headline being the
    candidate scored highest among the text lines above the date line (or under it, when it is
    above the title)."""
    end = t
    while end < len(infos) and infos[end] is None:
        end += 1
    # Page junk between text lines above the date line ("검색", "속보" under the site's tool bar)
    # is none of the article's: the text lines past it are candidates too.
    texts, scan = list(range(t, end)), end
    while scan < len(infos) and infos[scan] == HeadLine():
        scan += 1
        while scan < len(infos) and infos[scan] is None:
            texts.append(scan)
            scan += 1
    if scan < len(infos) and len(texts) > end - t:
        lines = [window[i] for i in texts]
        return texts[choose_title([s for _, s in lines], [n for n, _ in lines])] - t
    if end == len(infos):
        # No metadata line under them: the date line was above the title, and the text follows
        # it. Only the headline-like lines before the first paragraph are candidates.
        end = t
        while end < len(infos) and len(window[end][1]) <= _HEADLINE_MAX and not SENTENCE_END.search(window[end][1]):
            end += 1
    return choose_title([s for _, s in window[t:end]], [n for n, _ in window[t:end]])


_HEADLINE_MAX = 100


def _glued_reporter(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> str | None:
    """The reporter of a first line above the title: a section and a name glued ("경제정혜인"), or
    a name alone ("박윤수") with the headline and the date line under it, no line apart."""
    if len(window) < 3 or infos[0] is not None or infos[1] is not None:
        return None
    m = SECTION_PREFIX.match(window[0][1])
    name = window[0][1][m.end() :] if m else ""
    if not name and infos[2] is not None and window[1][0] == window[0][0] + 1:
        name = window[0][1]  # a name alone right above the headline, the date line right under it
    return name if len(name) == 3 and is_bare_name(name) and not is_outlet(name) else None
