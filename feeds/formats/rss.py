"""RSS 2.0 output (content:encoded, dc:creator, dc:publisher, atom:link rel="self", Media RSS pictures).

An item's bytes are the same in every feed that shows it, so a build serializes each entry once
(``render_entries``) and splices the bytes into each feed (``assemble``); ``render`` does both.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from feeds.config import Site
from feeds.feed import Entry, Feed
from feeds.formats.common import (
    add_history,
    add_media,
    entry_authors,
    feedgen_entries,
    feedgen_feed,
    load_extension,
    new_generator,
)

FILENAME = "rss.xml"
_ITEM = re.compile(rb"\n    <item>")
_END = b"  </channel>"
_TYPE = "application/rss+xml"


def render(feed: Feed) -> bytes:
    return assemble(feed, render_entries(feed.entries, feed.site))


def render_entries(entries: Sequence[Entry], site: Site) -> list[bytes]:
    """Each entry as it is written in any RSS feed that shows it."""
    return feedgen_entries(_generator, "rss_str", entries, site, _ITEM, _END)


def assemble(feed: Feed, parts: Sequence[bytes]) -> bytes:
    """``feed`` with its entries already serialized (``render_entries``), in its order."""
    return feedgen_feed(_generator, "rss_str", feed, parts, _END)


def _add_hub(fg: Any, hub: str) -> None:
    """WebSub's ``<atom:link rel="hub">`` after the self link: feedgen writes only the self link in RSS."""
    from feedgen.ext.base import BaseEntryExtension, BaseExtension

    class Hub(BaseExtension):  # type: ignore[misc]
        def extend_rss(self, rss: Any) -> Any:
            channel = rss[0]
            link = channel.makeelement(_ATOM_LINK, {"href": hub, "rel": "hub"})
            at = next((i for i, el in enumerate(channel) if el.tag == _ATOM_LINK), len(channel) - 1)
            channel.insert(at + 1, link)
            return rss

    fg.register_extension("websubhub", Hub, BaseEntryExtension, atom=False, rss=True)


_ATOM_LINK = "{http://www.w3.org/2005/Atom}link"


def _generator(feed: Feed, entries: Sequence[Entry], shown: Sequence[Entry]) -> Any:
    """A FeedGenerator for ``feed`` holding ``entries``, with the extensions (namespaces on the
    root element) that the feed's entries, ``shown``, need: the same root whichever entries it holds."""
    fg = new_generator()
    load_extension(fg, "dc", atom=False, rss=True)
    if any(entry.image for entry in shown):
        load_extension(fg, "media", atom=False, rss=True)
    fg.title(feed.title)
    fg.description(feed.description)
    fg.language(feed.site.language)
    # feedgen writes the *last* alternate link as the channel <link>: self first, site last.
    fg.link(href=feed.url(FILENAME), rel="self", type="application/rss+xml")
    fg.link(href=feed.site.url, rel="alternate")
    if feed.site.hub:
        _add_hub(fg, feed.site.hub)
    if feed.site.logo or feed.site.icon:  # RSS has one image: the logo, else the icon
        fg.image(url=feed.site.logo or feed.site.icon, title=feed.title, link=feed.site.url)
    if feed.updated is not None:
        fg.lastBuildDate(feed.updated)
    else:  # an empty feed: the element is optional, and a date of ours would be made up
        fg._FeedGenerator__rss_lastBuildDate = None  # feedgen's default is the clock; its setter takes no None
    add_history(fg, feed, FILENAME, _TYPE)
    for entry in entries:
        doc = entry.doc
        fe = fg.add_entry(order="append")  # the default prepends, reversing our order
        fe.title(doc.title)
        fe.link(href=doc.link)
        fe.guid(doc.id, permalink=doc.id == doc.link)
        fe.pubDate(doc.published)
        # <description> is HTML to RSS readers: escape the plain-text summary so "a < b" stays text.
        # feedgen writes content:encoded only when a description is set too.
        fe.description(html.escape(entry.summary, quote=False))
        if not (feed.site.summary_only or entry.summary_only):
            fe.content(entry.content)
        for name in entry.categories:
            fe.category(term=name)
        fe.dc.dc_creator([a.name for a in entry_authors(entry, feed.site)])
        if doc.publication:
            fe.dc.dc_publisher(doc.publication)
        add_media(fe, entry.image)
    return fg
