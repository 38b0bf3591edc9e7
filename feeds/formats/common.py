"""What the format modules share: the generator name, fixed dates, and feedgen set-up."""

from __future__ import annotations

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


def categories(entry: Entry) -> list[dict[str, str]]:
    """The entry's tags as ``FeedEntry.category`` takes them, all in one call: feedgen checks the
    list it is given and maps every category it holds to RSS again at each call."""
    return [{"term": name} for name in entry.categories]


def add_media(fe: Any, image: Image | None) -> None:
    """The picture as Media RSS ``media:content`` and ``media:thumbnail``, outside any
    ``media:group`` (a group of one is a W3C warning), on an entry a FeedGenerator made
    (``FeedGenerator.add_entry``, which registers feedgen's "media" extension on it when the
    generator has it: ``load_extension``). The feed's generator loads it only when some entry has
    a picture, so feeds without pictures declare no Media RSS namespace. The entries of a build
    are written by ``media_elements``, as feedgen writes them from these values."""
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


DC_NS = "http://purl.org/dc/elements/1.1/"


MEDIA_NS = "http://search.yahoo.com/mrss/"


def media_elements(parent: Any, image: Image) -> None:
    """The picture's ``media:content`` and ``media:thumbnail`` in ``parent``, as feedgen's Media
    RSS entry extension writes them from ``add_media``'s values: attributes in its order."""
    from lxml.etree import SubElement

    content = SubElement(parent, f"{{{MEDIA_NS}}}content", url=image.url)
    if image.type:
        content.set("type", image.type)
    content.set("medium", "image")
    SubElement(parent, f"{{{MEDIA_NS}}}thumbnail", url=image.url)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc2822(when: datetime) -> str:
    """``when`` as feedgen's ``formatRFC2822`` writes it (``%a, %d %b %Y %H:%M:%S %z`` in the C
    locale), the names in English whatever the process's locale, without switching it."""
    return f"{_DAYS[when.weekday()]}, " + when.strftime(f"%d {_MONTHS[when.month - 1]} %Y %H:%M:%S %z")


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


class Piece:
    """An entry (``make_entries``'s element) serialized once: where its bytes lie in ``arena``
    in a feed whose root element starts as each key of ``spans`` does (the namespaces it declares
    decide the entry's prefixes). Its element is let go once it is serialized, rather than held
    until the last feed showing it is written.
    """

    __slots__ = ("arena", "spans")

    def __init__(self, arena: bytearray) -> None:
        self.arena = arena  # its bytes under each root, those alike once
        self.spans: dict[bytes, tuple[int, int]] = {}

    def get(self, root: bytes) -> memoryview | None:
        span = self.spans.get(root)
        return None if span is None else memoryview(self.arena)[span[0] : span[1]]


class Frame:
    """A feed's document without entries, as ``_feed_tree`` builds it: serialized, cut where its
    entries go (``head``, ``tail``), and the start of its root element (``root``), which is all an
    entry's bytes depend on: pretty printing writes each entry by its depth alone."""

    def __init__(self, fg: Any, method: str) -> None:
        self.method = method
        self.doc, self.parent = _feed_tree(fg, method)
        empty = _serialized(self.doc)
        at = empty.rindex(b"</channel>" if method == "rss" else b"</feed>")
        at = empty.rindex(b"\n", 0, at) + 1
        self.head, self.tail = empty[:at], empty[at:]
        opening = empty.index(b"<rss" if method == "rss" else b"<feed")
        self.root = empty[opening : empty.index(b">", empty.index(b"<channel" if method == "rss" else b">", opening))]

    def entry(self, element: Any) -> bytes:
        """``element``'s bytes in this feed."""
        self.parent.append(element)
        try:
            data = _serialized(self.doc)
        finally:
            self.parent.remove(element)
        if not (data.startswith(self.head) and data.endswith(self.tail)):
            raise AssertionError(f"an entry changed the {self.method} feed around it")
        return data[len(self.head) : len(data) - len(self.tail)]

    def piece(self, element: Any, piece: Piece) -> None:
        """Add to ``piece`` (and its arena) ``element``'s bytes in this feed."""
        if self.root not in piece.spans:
            data, arena = self.entry(element), piece.arena
            # Most entries read the same under every root they are written in (the namespaces
            # that differ are ones they do not use): those bytes are kept once.
            for start, end in piece.spans.values():
                if end - start == len(data) and arena.startswith(data, start):
                    piece.spans[self.root] = (start, end)
                    return
            start = len(arena)
            arena += data
            piece.spans[self.root] = (start, len(arena))


def xml_feed(fg: Any, method: str, parts: Sequence[Any], feed: Feed, rebuild: Rebuild | None = None) -> bytes:
    """``feed`` as feedgen's ``atom_str``/``rss_str(pretty=True)`` (``method``: "atom" or "rss")
    writes it, with ``parts``, its entries built once (``FeedEntry.atom_entry``/``rss_entry``, or
    those as ``Piece``s) and shared by every feed that shows them, in place of feedgen's own.

    feedgen builds the root (``fg``, holding no entries, with the namespaces the feed's entries
    need), appends each entry's element and serializes the tree; this writes the tree without
    entries and each entry's bytes in it, in their place. An element is appended to the tree to
    be serialized, where lxml gives it the root's namespace prefixes as it gives feedgen's new ones,
    and removed again, so the next feed that shows it can take it. A piece serialized under
    another root is built again by ``rebuild`` (the feed's entries, its parts' index).
    """
    return with_stylesheet(b"".join(_feed_parts(Frame(fg, method), parts, rebuild)), feed)


def xml_sizes(fg: Any, method: str, parts: Sequence[Any], rebuild: Rebuild | None = None) -> list[int]:
    """The bytes each of ``parts`` takes in the feed ``xml_feed`` writes from ``fg``."""
    return [len(data) for data in _feed_parts(Frame(fg, method), parts, rebuild)[1:-1]]


Rebuild = Callable[[int], Any]  # index of a feed's part -> its element, made again


def _feed_parts(frame: Frame, parts: Sequence[Any], rebuild: Rebuild | None) -> list[bytes | memoryview]:
    pieces: list[bytes | memoryview] = [frame.head]
    for i, part in enumerate(parts):
        if not isinstance(part, Piece):
            pieces.append(frame.entry(part))
        elif (data := part.get(frame.root)) is not None:
            pieces.append(data)
        elif rebuild is not None:
            pieces.append(frame.entry(rebuild(i)))
        else:
            raise AssertionError(f"an entry serialized under another {frame.method} root, and no element")
    pieces.append(frame.tail)
    return pieces


def _feed_tree(fg: Any, method: str) -> tuple[Any, Any]:
    """The feed's document as feedgen builds it, and the element its entries go in."""
    root, doc = getattr(fg, f"_create_{method}")()
    return doc, root if method == "atom" else root[0]  # RSS items go in the channel


def _serialized(doc: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(doc, pretty_print=True, encoding="UTF-8", xml_declaration=True))


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
