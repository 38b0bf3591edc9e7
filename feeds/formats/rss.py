"""RSS 2.0 output (content:encoded, dc:creator, dc:publisher, atom:link rel="self", Media RSS pictures).

An item is the same in every feed that shows it, so a build makes each entry's element once
(``make_entries``) and serializes each feed with them (``serialize``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
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
    load_extension,
    media_elements,
    new_generator,
    rfc2822,
    xml_feed,
    xml_sizes,
)

FILENAME = "rss.xml"
_TYPE = "application/rss+xml"


def make_entries(entries: Sequence[Entry], site: Site) -> list[Any]:
    """Each entry's ``<item>`` element, built once for every RSS feed that shows it."""
    return [_item(entry, site) for entry in entries]


_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR, _DC_PUBLISHER = f"{{{DC_NS}}}creator", f"{{{DC_NS}}}publisher"


def _item(entry: Entry, site: Site) -> Any:
    """The ``<item>`` feedgen's ``FeedEntry.rss_entry()`` builds once ``_fill`` has set it up (its
    "dc" and "media" extensions loaded as ``_generator`` loads them), element for element, without
    the FeedEntry: feedgen checks and maps each value it is given, and writes the date with two
    ``locale.setlocale`` calls, for each entry. tests/test_shared_entries.py compares the two."""
    from lxml.etree import Element, SubElement

    doc = entry.doc
    if doc.published.tzinfo is None:
        raise ValueError("Datetime object has no timezone info")  # feedgen's check, in its words
    title, link, guid = doc.title, doc.link, doc.id
    description = html.escape(entry.summary, quote=False)
    content = None if site.summary_only or entry.summary_only else entry.content
    if not (title or description or content is not None):
        raise ValueError("Required fields not set")
    item = Element("item")
    if title:
        SubElement(item, "title").text = title
    if link:
        SubElement(item, "link").text = link
    if description:
        SubElement(item, "description").text = description
        if content is not None:
            SubElement(item, _CONTENT_ENCODED).text = content
    elif content is not None:
        SubElement(item, "description").text = content
    if guid:
        SubElement(item, "guid", isPermaLink="true" if guid == link else "false").text = guid
    for name in entry.categories:
        SubElement(item, "category").text = name
    SubElement(item, "pubDate").text = rfc2822(doc.published)
    for author in entry_authors(entry, site):
        SubElement(item, _DC_CREATOR).text = author.name
    if doc.publication:
        SubElement(item, _DC_PUBLISHER).text = doc.publication
    if entry.image is not None:
        media_elements(item, entry.image)
    return item


def serialize(feed: Feed, elements: Sequence[Any]) -> bytes:
    """``feed`` with its entries' elements (``make_entries``) or ``Piece``s, in its order."""
    return xml_feed(_generator(feed), "rss", elements, feed, _rebuild(feed))


def sizes(feed: Feed, elements: Sequence[Any]) -> list[int]:
    """The bytes each of ``elements`` takes in ``feed``."""
    return xml_sizes(_generator(feed), "rss", elements, _rebuild(feed))


def root_key(feed: Feed) -> tuple[bool, ...]:
    """What ``_generator`` declares on the root for ``feed``: feeds alike share their ``frame``."""
    from feeds.archivepaths import is_archive

    return any(entry.image for entry in feed.entries), is_archive(feed.folder)


def frame(feed: Feed) -> Frame:
    """``feed``'s document without entries, which serializes entries into ``Piece``s."""
    return Frame(_generator(feed), "rss")


def _rebuild(feed: Feed) -> Callable[[int], Any]:
    return lambda i: make_entries([feed.entries[i]], feed.site)[0]


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


def _generator(feed: Feed) -> Any:
    """A FeedGenerator for ``feed``, without entries, with the extensions (namespaces on the
    root element) that the feed's entries need: the same root whichever entries it holds."""
    fg = new_generator()
    load_extension(fg, "dc", atom=False, rss=True)
    if any(entry.image for entry in feed.entries):
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
    return fg


def _fill(fe: Any, entry: Entry, site: Site) -> None:
    """``entry``'s values given to feedgen's FeedEntry: what ``_item`` writes, the way feedgen
    would write them. tests/test_shared_entries.py builds whole feeds with it to compare."""
    doc = entry.doc
    fe.title(doc.title)
    fe.link(href=doc.link)
    fe.guid(doc.id, permalink=doc.id == doc.link)
    fe.pubDate(doc.published)
    # <description> is HTML to RSS readers: escape the plain-text summary so "a < b" stays text.
    # feedgen writes content:encoded only when a description is set too.
    fe.description(html.escape(entry.summary, quote=False))
    if not (site.summary_only or entry.summary_only):
        fe.content(entry.content)
    if entry.categories:
        fe.category(categories(entry))
    fe.dc.dc_creator([a.name for a in entry_authors(entry, site)])
    if doc.publication:
        fe.dc.dc_publisher(doc.publication)
    add_media(fe, entry.image)
