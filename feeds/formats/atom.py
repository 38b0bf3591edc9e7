"""Atom 1.0 output (RFC 4287), with Media RSS pictures.

A picture is Media RSS, not a rel="enclosure" link: an enclosure should give its length in bytes,
which we would have to download the picture to learn; the W3C validator accepts Media RSS in entries.

An entry is the same in every feed that shows it, so a build makes each entry's element once
(``make_entries``) and serializes each feed with them (``serialize``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from feeds.config import Site
from feeds.feed import Entry, Feed
from feeds.formats.common import (
    Frame,
    add_history,
    add_media,
    categories,
    entry_authors,
    feed_updated,
    load_entry_extension,
    load_extension,
    new_generator,
    xml_feed,
    xml_sizes,
)

FILENAME = "atom.xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TYPE = "application/atom+xml"


def make_entries(entries: Sequence[Entry], site: Site) -> list[Any]:
    """Each entry's ``<entry>`` element, built once for every Atom feed that shows it."""
    from feedgen.entry import FeedEntry

    elements = []
    for entry in entries:
        fe = FeedEntry()
        # The extensions the feed's generator would register on it (_generator), in its order:
        # those this entry does not use add nothing.
        fe.register_extension("entrylang", _entry_language(), atom=True, rss=False)
        if entry.image:
            load_entry_extension(fe, "media", atom=True, rss=False)
        if entry.doc.publication:
            load_entry_extension(fe, "dc", atom=True, rss=False)
        _fill(fe, entry, site)
        elements.append(fe.atom_entry())
    return elements


def serialize(feed: Feed, elements: Sequence[Any]) -> bytes:
    """``feed`` with its entries' elements (``make_entries``) or ``Piece``s, in its order."""
    return xml_feed(_generator(feed), "atom", elements, feed, _rebuild(feed))


def sizes(feed: Feed, elements: Sequence[Any]) -> list[int]:
    """The bytes each of ``elements`` takes in ``feed``."""
    return xml_sizes(_generator(feed), "atom", elements, _rebuild(feed))


def root_key(feed: Feed) -> tuple[bool, ...]:
    """What ``_generator`` declares on the root for ``feed``: feeds alike share their ``frame``."""
    from feeds.archivepaths import is_archive

    entries = feed.entries
    return any(e.image for e in entries), is_archive(feed.folder), any(e.doc.publication for e in entries)


def frame(feed: Feed) -> Frame:
    """``feed``'s document without entries, which serializes entries into ``Piece``s."""
    return Frame(_generator(feed), "atom")


def _rebuild(feed: Feed) -> Callable[[int], Any]:
    return lambda i: make_entries([feed.entries[i]], feed.site)[0]


@cache
def _entry_language() -> type:
    from feedgen.ext.base import BaseEntryExtension

    class EntryLanguage(BaseEntryExtension):  # type: ignore[misc]
        """feedgen has no per-entry xml:lang; this sets it on the <entry> element."""

        lang: str | None = None

        def extend_atom(self, entry: Any) -> Any:
            if self.lang:
                entry.set(_XML_LANG, self.lang)
            return entry

    return EntryLanguage


def _generator(feed: Feed) -> Any:
    """A FeedGenerator for ``feed``, without entries, with the extensions (namespaces on the
    root element) that the feed's entries need: the same root whichever entries it holds."""
    from feedgen.ext.base import BaseExtension

    site = feed.site
    fg = new_generator()
    fg.register_extension("entrylang", BaseExtension, _entry_language(), atom=True, rss=False)
    if any(entry.image for entry in feed.entries):
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
    if any(entry.doc.publication for entry in feed.entries):
        load_extension(fg, "dc", atom=True, rss=False)
    return fg


def _fill(fe: Any, entry: Entry, site: Site) -> None:
    doc = entry.doc
    fe.id(doc.id)
    fe.title(doc.title)
    fe.updated(doc.updated)
    fe.published(doc.published)
    fe.link(href=doc.link, rel="alternate", type="text/html")
    for author in entry_authors(entry, site):
        fe.author({k: v for k, v in (("name", author.name), ("email", author.email), ("uri", author.url)) if v})
    fe.summary(entry.summary, type="text")
    # type="html" escapes the markup; feedgen's type="CDATA" would be invalid Atom.
    if not (site.summary_only or entry.summary_only):
        fe.content(entry.content, type="html")
    if entry.categories:
        fe.category(categories(entry))
    if doc.publication:
        fe.dc.dc_publisher(doc.publication)
    if doc.language != site.language:
        fe.entrylang.lang = doc.language
    add_media(fe, entry.image)
