"""What the format modules share: the generator name, fixed dates, and feedgen set-up."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feeds import __version__
from feeds.config import Site
from feeds.document import Author
from feeds.feed import Entry, Feed

if TYPE_CHECKING:
    from feeds.pictures import Image

GENERATOR = "feeds"
# What every output says wrote it: feeds (Atom adds the version), and no web page: the project
# owns none to name. How a file says feeds wrote it; nothing else under out/ is ever removed.
# Each sits in the file's head, before the first entry. The first is Atom's
# `<generator version="…">feeds</generator>` and RSS's `<generator>feeds</generator>`.
GENERATED_MARKERS = (
    f">{GENERATOR}</generator>".encode(),
    f'"user_comment": "Written by {GENERATOR}. '.encode(),
    f'<meta name="generator" content="{GENERATOR}">'.encode(),
    # Earlier versions named a web page: an upgrade must still remove the feeds of a tag that went away.
    f'"user_comment": "Written by {GENERATOR} (https://pypi.org/project/feeds/)'.encode(),
    f'<meta name="generator" content="{GENERATOR} (https://pypi.org/project/feeds/)">'.encode(),
)
# An empty Atom feed still needs an "updated" date (RSS leaves its optional one out), and the
# wall clock would make builds differ.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def feed_updated(feed: Feed) -> datetime:
    return feed.updated or EMPTY_FEED_DATE


def entry_authors(entry: Entry, site: Site) -> tuple[Author, ...]:
    """The entry's authors, else the site's author, else the site title (Atom requires one)."""
    return entry.doc.authors or (Author(site.author or site.title),)


def add_media(fe: Any, image: Image | None) -> None:
    """The picture as Media RSS ``media:content`` and ``media:thumbnail``, outside any
    ``media:group`` (a group of one is a W3C warning). The generator must have loaded the "media"
    extension; formats load it only when some entry has a picture, so feeds without pictures
    declare no Media RSS namespace."""
    if image is None:
        return
    content = {"url": image.url, "medium": "image"}
    if image.type:
        content["type"] = image.type
    fe.media.content(content, group=None)
    fe.media.thumbnail({"url": image.url}, group=None)


def with_stylesheet(data: bytes, feed: Feed) -> bytes:
    """With ``xsl = true``: an ``<?xml-stylesheet?>`` after the XML declaration, so a browser that
    still does XSLT shows the feed as a page. A processing instruction is valid XML, RSS and Atom."""
    if not feed.site.xsl:
        return data
    declaration, newline, rest = data.partition(b"\n")
    href = feed.site.url + "feed.xsl"
    return declaration + newline + f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'.encode() + rest


def new_generator() -> Any:
    """A FeedGenerator with our generator string and no wall-clock defaults left to leak."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.generator(GENERATOR, version=__version__)
    return fg


def load_extension(fg: Any, name: str, *, atom: bool, rss: bool) -> None:
    """``fg.load_extension(name, atom=atom, rss=rss)`` for feedgen's "dc" and "media", the same
    extension registered the same way. feedgen's own first tries to import a module
    ``feedgen.ext.<name>_entry``, which neither has: a failed import searches ``sys.path`` afresh
    each time, and a build makes hundreds of generators."""
    feed_class, entry_class = _extension_classes(name)
    fg.register_extension(name, feed_class, entry_class, atom, rss)


@cache
def _extension_classes(name: str) -> tuple[type, type]:
    from importlib import import_module

    module = import_module(f"feedgen.ext.{name}")
    prefix = name[0].upper() + name[1:]  # as feedgen names them: DcExtension, MediaEntryExtension
    return getattr(module, prefix + "Extension"), getattr(module, prefix + "EntryExtension")


def generated_head(path: str | Path) -> bytes | None:
    """The head of the feed at ``path`` (what precedes its first entry) if feeds wrote it, else None."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return None
    head = head.split(b"<entry", 1)[0].split(b"<item", 1)[0]
    return head if any(marker in head for marker in GENERATED_MARKERS) else None


def generated_by_us(path: str | Path) -> bool:
    """Whether the file at ``path`` is a feed that feeds wrote, judged by its head alone."""
    return generated_head(path) is not None


def split_entries(data: bytes, start: re.Pattern[bytes], end: bytes) -> list[bytes]:
    """The entries of a pretty-printed feed, each as the bytes it takes in the file (its indent
    and its closing newline included), in order.

    ``start`` matches a newline and the opening tag of an entry at its depth; ``end`` is the line
    after the last entry. Text and attribute values never hold a raw ``<``, so an opening tag found
    in the bytes is an element's, never text that looks like one.
    """
    starts = [match.start() + 1 for match in start.finditer(data)]
    ends = [*starts[1:], data.rindex(end)] if starts else []
    return [data[a:b] for a, b in zip(starts, ends, strict=True)]


def splice_entries(head: bytes, parts: Sequence[bytes], end: bytes) -> bytes:
    """A pretty-printed feed without entries (``head``), with the entries' bytes put where lxml
    writes them: after the feed's own elements, before ``end``. Pretty printing indents each
    element by its depth alone, so an entry's bytes are the same in every feed of a format."""
    at = head.rindex(end)
    return b"".join((head[:at], *parts, head[at:]))


# A format module's FeedGenerator maker: (feed, entries it holds, entries whose namespaces it declares).
Generator = Callable[[Feed, Sequence[Entry], Sequence[Entry]], Any]


def feedgen_entries(
    generator: Generator, method: str, entries: Sequence[Entry], site: Site, start: re.Pattern[bytes], end: bytes
) -> list[bytes]:
    """Each entry as feedgen writes it (``method``: "rss_str" or "atom_str") in any feed of that format."""
    holder = Feed("", site.title, site.description, site, ())
    return split_entries(bytes(getattr(generator(holder, entries, entries), method)(pretty=True)), start, end)


def feedgen_feed(generator: Generator, method: str, feed: Feed, parts: Sequence[bytes], end: bytes) -> bytes:
    """``feed`` as feedgen writes it, its entries' bytes (``feedgen_entries``) spliced in."""
    head = bytes(getattr(generator(feed, (), feed.entries), method)(pretty=True))
    return with_stylesheet(splice_entries(head, parts, end), feed)


HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005's fh: namespace
ATOM_NS = "http://www.w3.org/2005/Atom"


def add_history(fg: Any, feed: Feed, filename: str, media_type: str) -> None:
    """The RFC 5005 elements of ``feed`` (``feeds.archives``): its archive links and, in an archive
    document, ``<fh:archive/>``; nothing for a feed without archives. Links are Atom's, in RSS
    too (RFC 5005, Appendix B): feedgen's RSS writes no link but the self one, neither knows fh:.
    Feedgen writes extensions after the feed's own elements, before the entries."""
    from feedgen.ext.base import BaseEntryExtension, BaseExtension

    from feeds.archivepaths import is_archive

    archived = is_archive(feed.folder)
    if not (feed.links or archived):
        return
    hrefs = [(rel, feed.url_of(folder, filename)) for rel, folder in feed.links]

    def add(parent: Any) -> None:
        from lxml import etree

        for rel, href in hrefs:
            etree.SubElement(parent, f"{{{ATOM_NS}}}link", href=href, rel=rel, type=media_type)
        if archived:
            etree.SubElement(parent, f"{{{HISTORY_NS}}}archive")

    class History(BaseExtension):  # type: ignore[misc]
        def extend_ns(self) -> dict[str, str]:
            return {"fh": HISTORY_NS} if archived else {}

        def extend_atom(self, root: Any) -> Any:
            add(root)
            return root

        def extend_rss(self, root: Any) -> Any:
            add(root[0])  # the channel
            return root

    fg.register_extension("history", History, BaseEntryExtension, atom=True, rss=True)
