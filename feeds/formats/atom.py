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
    DC_NS,
    Frame,
    add_history,
    add_media,
    categories,
    entry_authors,
    feed_updated,
    load_extension,
    media_elements,
    new_generator,
    xml_feed,
    xml_sizes,
)

FILENAME = "atom.xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TYPE = "application/atom+xml"


def make_entries(entries: Sequence[Entry], site: Site) -> list[Any]:
    """Each entry's ``<entry>`` element, built once for every Atom feed that shows it."""
    return [_entry(entry, site) for entry in entries]


_DC_PUBLISHER = f"{{{DC_NS}}}publisher"


def _entry(entry: Entry, site: Site) -> Any:
    """The ``<entry>`` feedgen's ``FeedEntry.atom_entry()`` builds once ``_fill`` has set it up
    (its extensions registered as ``_generator`` registers them), element for element, without
    the FeedEntry, which checks and copies each value it is given for every entry.
    tests/test_shared_entries.py compares the two."""
    from lxml.etree import Element, SubElement

    doc = entry.doc
    if doc.updated.tzinfo is None or doc.published.tzinfo is None:
        raise ValueError("Datetime object has no timezone info")  # feedgen's check, in its words
    if not (doc.id and doc.title):
        raise ValueError("Required fields not set")
    element = Element("entry")
    SubElement(element, "id").text = doc.id
    SubElement(element, "title").text = doc.title
    SubElement(element, "updated").text = doc.updated.isoformat()
    for author in entry_authors(entry, site):
        if author.name:
            person = SubElement(element, "author")
            SubElement(person, "name").text = author.name
            if author.email:
                SubElement(person, "email").text = author.email
            if author.url:
                SubElement(person, "uri").text = author.url
    if not (site.summary_only or entry.summary_only):
        content = SubElement(element, "content")
        if entry.content:
            content.text = entry.content
        content.set("type", "html")  # escaped markup; feedgen's type="CDATA" would be invalid Atom
    # feedgen's atom_entry() writes a link's href alone (it reads rel and type back from the new
    # element, which has none): rel="alternate" is Atom's default.
    SubElement(element, "link", href=doc.link)
    summary = SubElement(element, "summary")
    if entry.summary:
        summary.text = entry.summary
    summary.set("type", "text")
    for name in entry.categories:
        SubElement(element, "category", term=name)
    SubElement(element, "published").text = doc.published.isoformat()
    if doc.language != site.language:
        element.set(_XML_LANG, doc.language)
    if entry.image is not None:
        media_elements(element, entry.image)
    if doc.publication:
        SubElement(element, _DC_PUBLISHER).text = doc.publication
    return element


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
    """``entry``'s values given to feedgen's FeedEntry: what ``_entry`` writes, the way feedgen
    would write them. tests/test_shared_entries.py builds whole feeds with it to compare."""
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
