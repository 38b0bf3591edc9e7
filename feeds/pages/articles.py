"""Article pages: each published entry at its own link, for people who follow one from a feed.

A page shows the whole entry (title, date, authors, tags, content), subscribe links to the
site's feeds, and the meta tags a shared link previews with (OpenGraph, Twitter). Made from
``article.html.j2`` (a site may override it, as the other pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from feeds.config import Site

if TYPE_CHECKING:
    from feeds.feed import Entry
    from feeds.pages.view import FeedLink

TEMPLATE = "article.html.j2"
DESCRIPTION_CHARS = 300  # what link previews show of the summary, and a little more


def page_path(site: Site, link: str) -> str | None:
    """Where under out/ the page of the entry at ``link`` goes (a folder URL is its index.html),
    or None when the link is not under the site's ``url``: out/ is not served there."""
    if not link.startswith(site.url):
        return None
    parts = urlsplit(link)
    if parts.query or parts.fragment:
        return None  # one file cannot be two URLs' pages
    rel = unquote(link[len(site.url) :].split("?", 1)[0])
    if rel.endswith("/") or rel == "":
        rel += "index.html"
    segments = rel.split("/")
    if any(s in ("", ".", "..") or s.startswith(".") for s in segments) or "\\" in rel or "\0" in rel:
        return None  # no hidden files, no climbing out of out/
    return rel


def article_page(site: Site, entry: Entry, main: FeedLink, tags: Sequence[FeedLink]) -> bytes:
    """The page of ``entry``; ``main`` is the site's feed, ``tags`` the feeds of its tags."""
    from feeds.pages.jinja import fill

    summary = " ".join(entry.summary.split())
    if len(summary) > DESCRIPTION_CHARS:
        summary = summary[: DESCRIPTION_CHARS - 1].rstrip() + "…"
    return fill(TEMPLATE, site.templates, site=site, entry=entry, main=main, tags=tuple(tags), description=summary)
