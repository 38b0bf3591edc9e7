"""The head's metadata lines of a news article: where their run is, and the fields they give.

``feeds.readers.news`` classifies each head line (``feeds.readers.newshead``); here the run of
metadata lines holding a stamp is found (date lines apart are a log's entries, no head), and its
lines give the published and updated dates, the authors and the outlet, each with the line it
came from. Apart from the head's planning because it turns classified lines into fields.
"""

from __future__ import annotations

import itertools
from typing import Any

from feeds.readers.newsdatewords import IS_UPDATE
from feeds.readers.newsdecklines import _deck_like
from feeds.readers.newshead import HeadLine, Kind
from feeds.readers.newswords import SENTENCE_END


def _metadata_class(info: HeadLine | None) -> Kind:
    if info is None:
        return Kind.BODY
    if info.stamps:
        return Kind.DATE_LINE
    if info.authors:
        return Kind.BYLINE
    return Kind.OUTLET if info.outlet else Kind.PAGE_JUNK


def _dated_entries(
    rest: list[tuple[int, str]], infos: list[HeadLine | None], first: int, last: int, *, ends: bool, title: str = ""
) -> bool:
    """Whether date lines come apart, text between or after them: a log's or a changelog's entries.

    An article's head has its stamps together (입력 and 수정 on a line each, or on one line); a
    short article may close with its date line again, with nothing after it, or with a letter's
    sign-off: a date and a signature of a few short lines ending the text. A page may print the
    whole head twice: text between two date lines that repeats the head above is no entry.
    """
    stamped = [i for i, info in enumerate(infos) if info is not None and info.stamps]

    def signed(i: int) -> bool:
        below = [s for _, s in rest[i + 1 :]]
        return ends and len(below) <= 3 and all(len(s) <= 30 and not SENTENCE_END.search(s) for s in below)

    def repeated(j: int, a: int) -> bool:
        return rest[j][1] == title or any(rest[j][1] == s for _, s in rest[:a])

    return any(i > last and None in infos[i + 1 :] and not signed(i) for i in stamped) or any(
        infos[j] is None and not repeated(j, a)
        for a, b in itertools.pairwise(i for i in stamped if first <= i <= last)
        for j in range(a + 1, b)
    )


def _metadata_block(
    rest: list[tuple[int, str]], infos: list[HeadLine | None], title: str = ""
) -> tuple[int | None, int]:
    """The first and last index of the run of metadata lines that holds a date stamp, if any.

    The head printed twice (the headline, the deck and the date line again) is one run.
    """
    start = 0
    while start < len(rest):
        first = next((i for i in range(start, len(rest)) if infos[i] is not None), None)
        if first is None:
            break
        # The run goes on while metadata lines follow each other, with at most two deck lines
        # between them (a deck printed after the date line, then the reporter's line).
        last = i = first
        while i + 1 < len(rest):
            i += 1
            if infos[i] is not None:
                last = i
            elif not (
                (_deck_like(rest[i][1]) or rest[i][1] in (title, *(s for _, s in rest[:first])))
                and any(info is not None for info in infos[i + 1 : i + 3])
            ):
                break
        if any(info and info.stamps for info in infos[first : last + 1]):
            return first, last
        start = last + 1
    return None, -1


def _meta(lines: list[tuple[int, str]], infos: list[HeadLine | None]) -> tuple[dict[str, Any], dict[str, int]]:
    """Published, updated, authors and outlet from the head's metadata lines."""
    published: tuple[str, int] | None = None
    updated: tuple[str, int] | None = None
    unlabelled: list[tuple[str, int]] = []
    authors: list[dict[str, str]] = []
    emails: list[str] = []
    outlet: tuple[str, int] | None = None
    pending: str | None = None
    for (n, _), info in zip(lines, infos, strict=True):
        if info is None:
            continue
        for label, date in info.stamps:
            label = label or pending
            pending = None
            if label is None:
                unlabelled.append((date, n))
            elif IS_UPDATE.search(label):
                updated = updated or (date, n)
            else:
                published = published or (date, n)
        pending = info.label_only or pending
        for author in info.authors:
            if all(a["name"] != author["name"] for a in authors):
                authors.append(author)
        if info.outlet and outlet is None:
            outlet = (info.outlet, n)
        if info.email:
            emails.append(info.email)
    # Without labels, the first date is when it was published and a second one its update.
    if published is None and unlabelled:
        published = unlabelled.pop(0)
    if updated is None and unlabelled:
        updated = unlabelled.pop(0)
    meta: dict[str, Any] = {}
    where: dict[str, int] = {}
    for key, found in (("date", published), ("updated", updated), ("publication", outlet)):
        if found:
            meta[key], where[key] = found
    if len(authors) == 1 and "email" not in authors[0] and len(emails) == 1:
        authors = [{**authors[0], "email": emails[0]}]  # the address on the date line, the name above it
    if authors:
        meta["authors"] = authors
        where["authors"] = next(n for (n, _), info in zip(lines, infos, strict=True) if info and info.authors)
    return meta, where
