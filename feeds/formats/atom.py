"""Atom 1.0 output (RFC 4287), with Media RSS pictures.

A picture is Media RSS, not a rel="enclosure" link: an enclosure should give its length in bytes,
which we would have to download the picture to learn; the W3C validator accepts Media RSS in entries.

An entry's bytes are the same in every feed that shows it, so a build serializes each entry once
(``render_entries``) and splices the bytes into each feed (``assemble``); ``render`` does both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from feeds.config import Site
from feeds.feed import Entry, Feed
from feeds.formats.common import (
    add_history,
    add_media,
    entry_authors,
    feed_updated,
    feedgen_entries,
    feedgen_feed,
    load_extension,
    new_generator,
)

FILENAME = "atom.xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY = re.compile(rb"\n  <entry[ >]")
_END = b"</feed>"
_TYPE = "application/atom+xml"


def render(feed: Feed) -> bytes:
    return assemble(feed, render_entries(feed.entries, feed.site))


def render_entries(entries: Sequence[Entry], site: Site) -> list[bytes]:
    """Each entry as it is written in any Atom feed that shows it."""
    return feedgen_entries(_generator, "atom_str", entries, site, _ENTRY, _END)


def assemble(feed: Feed, parts: Sequence[bytes]) -> bytes:
    """``feed`` with its entries already serialized (``render_entries``), in its order."""
    return feedgen_feed(_generator, "atom_str", feed, parts, _END)


def _generator(feed: Feed, entries: Sequence[Entry], shown: Sequence[Entry]) -> Any:
    """A FeedGenerator for ``feed`` holding ``entries``, with the extensions (namespaces on the
    root element) that the feed's entries, ``shown``, need: the same root whichever entries it holds."""
    from feedgen.ext.base import BaseEntryExtension, BaseExtension

    class EntryLanguage(BaseEntryExtension):  # type: ignore[misc]
        """feedgen has no per-entry xml:lang; this sets it on the <entry> element."""

        lang: str | None = None

        def extend_atom(self, entry: Any) -> Any:
            if self.lang:
                entry.set(_XML_LANG, self.lang)
            return entry

    site = feed.site
    fg = new_generator()
    fg.register_extension("entrylang", BaseExtension, EntryLanguage, atom=True, rss=False)
    if any(entry.image for entry in shown):
        load_extension(fg, "media", atom=True, rss=False)
    self_url = feed.url(FILENAME)
    fg.id(self_url)
    fg.title(feed.title)
    fg.subtitle(feed.description)
    fg.language(site.language)
    fg.updated(feed_updated(feed))
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=site.url, rel="alternate", type="text/html")
    if site.hub:  # WebSub: subscribers' readers may ask the hub to push this feed's changes
        fg.link(href=site.hub, rel="hub")
    if site.icon:
        fg.icon(site.icon)
    if site.logo:
        fg.logo(site.logo)
    fg.author(name=site.author or site.title)
    add_history(fg, feed, FILENAME, _TYPE)
    # A news article's outlet: Atom has no element for it (atom:source is the feed an entry was
    # copied from, not who published it), and the W3C validator accepts dc:publisher in an entry.
    # Loaded only when needed, so feeds without news keep their bytes.
    if any(entry.doc.publication for entry in shown):
        load_extension(fg, "dc", atom=True, rss=False)
    for entry in entries:
        doc = entry.doc
        fe = fg.add_entry(order="append")  # the default prepends, reversing our order
        fe.id(doc.id)
        fe.title(doc.title)
        fe.updated(doc.updated)
        fe.published(doc.published)
        fe.link(href=doc.link, rel="alternate", type="text/html")
        for author in entry_authors(entry, feed.site):
            fe.author({k: v for k, v in (("name", author.name), ("email", author.email), ("uri", author.url)) if v})
        fe.summary(entry.summary, type="text")
        # type="html" escapes the markup; feedgen's type="CDATA" would be invalid Atom.
        if not (site.summary_only or entry.summary_only):
            fe.content(entry.content, type="html")
        for name in entry.categories:
            fe.category(term=name)
        if doc.publication:
            fe.dc.dc_publisher(doc.publication)
        if doc.language != site.language:
            fe.entrylang.lang = doc.language
        add_media(fe, entry.image)
    return fg
