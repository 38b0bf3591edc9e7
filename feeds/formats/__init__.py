"""Output formats: one module per format, each with a ``FILENAME``.

A new format is one module and one entry in ``FORMATS``. Modules are imported
only when a feed is rendered, so a build with nothing to do never loads feedgen or lxml.

An entry is in many feeds (the main feed and one per tag: about five at 10,000 documents), and it
is the same in each. A feed format has ``make_entries(entries, site)``, each entry built once (an
lxml element, a written JSON item), ``serialize(feed, made)``, the feed with those entries, and
``sizes(feed, made)``, the bytes each takes in it (``within_budget``). A build makes each entry
once per format (``entry_jobs``, ``make_job``) and serializes every feed with them
(``serialize_feed``), one format at a time, so that it holds the entries of one format only.
A format that does not share entries (the page beside a feed) has ``whole(feed)``, the feed's bytes.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from feeds.mediatypes import LABELS

if TYPE_CHECKING:  # only named here: a build with nothing to do imports none of the stages
    from feeds.config import Site
    from feeds.feed import Entry, Feed

log = logging.getLogger(__name__)

# Output file name -> the module that renders it, by name: imported only when a feed is rendered.
# tests/test_layering.py reads these names as imports, so a cycle through them is caught too.
FORMATS: dict[str, str] = {
    "rss.xml": "feeds.formats.rss",
    "atom.xml": "feeds.formats.atom",
    "feed.json": "feeds.formats.jsonfeed",
    # The feed as a page for people, beside the feed (feeds.pages.feedpage).
    "index.html": "feeds.pages.feedpage",
}
# Written only in subfolders: at the top of out/, the site's discovery page (feeds.pages) is the page,
# and it shows the main feed's entries with the same template part (entries.html.j2).
NOT_AT_ROOT = frozenset({"index.html"})


# The folders of out/ that hold one feed per name, each in a folder of its slug (feeds.plan).
SUBFOLDERS = ("tags", "authors")


def filenames(folder: str) -> list[str]:
    """The files a feed in ``folder`` ("", "tags/<slug>/" or "authors/<slug>/") is written as. An archive document
    (``feeds.archives``) is for feed readers alone: it has no page."""
    from feeds.archivepaths import is_archive

    if folder and is_archive(folder):
        return list(LABELS)
    return [name for name in FORMATS if folder or name not in NOT_AT_ROOT]


# Each entry of a format that shares them, built once (``make_entries``): the entry's ``part_key``
# -> its lxml element (RSS, Atom) or its written item (JSON Feed).
Parts = Mapping[str, Any]
JOB_SIZE = 128  # entries built in one go: a step of the progress bar


def part_key(entry: Entry) -> str:
    """Which version of ``entry`` a feed shows: the entry's source, and whether it is cut to its summary."""
    return entry.doc.source + "\0summary" if entry.summary_only else entry.doc.source


def module(filename: str) -> ModuleType:
    return importlib.import_module(FORMATS[filename])


def entry_jobs(feeds: Sequence[Feed], filename: str) -> list[tuple[Entry, ...]]:
    """Every entry of ``feeds`` once, in chunks, if the format of ``filename`` shares its entries
    between feeds (none if it renders each feed whole)."""
    if not hasattr(module(filename), "make_entries"):
        return []
    distinct = tuple({part_key(entry): entry for feed in feeds for entry in feed.entries}.values())
    return [distinct[i : i + JOB_SIZE] for i in range(0, len(distinct), JOB_SIZE)]


def make_job(filename: str, entries: Sequence[Entry], site: Site, frames: Frames | None = None) -> list[Any]:
    """``entries`` built in the format of ``filename``. lxml elements live in the process that
    made them: this runs in the one that serializes the feeds, or forks the workers that do.
    With ``frames`` (``entry_frames``), each XML entry is serialized at once into a ``Piece``, and
    its element let go."""
    made: list[Any] = module(filename).make_entries(entries, site)
    if frames is None:
        return made
    from feeds.formats.common import Piece

    pieces = []
    for entry, element in zip(entries, made, strict=True):
        piece = Piece(bytearray())  # one per entry: let go with the last feed showing it
        for frame in frames[part_key(entry)]:
            frame.piece(element, piece)
        pieces.append(piece)
    return pieces


# An entry's part_key -> the feed documents (``common.Frame``) it is serialized in.
Frames = Mapping[str, Sequence[Any]]


def entry_frames(feeds: Sequence[Feed], filename: str) -> Frames | None:
    """For an XML format, the documents each entry of ``feeds`` is serialized in: one per root
    element its feeds may have (the namespaces the feed's entries need), told by the format's
    ``root_key``. A feed whose root is not the one its key promised builds its entries again."""
    form = module(filename)
    if not hasattr(form, "frame"):
        return None
    frames: dict[object, Any] = {}
    needs: dict[str, list[Any]] = {}
    for feed in feeds:
        key = form.root_key(feed)
        frame = frames.get(key)
        if frame is None:
            frame = frames[key] = form.frame(feed)
        for entry in feed.entries:
            found = needs.setdefault(part_key(entry), [])
            if frame not in found:
                found.append(frame)
    return needs


def collect_parts(jobs: Sequence[Sequence[Entry]], results: Sequence[list[Any]]) -> Parts:
    return {
        part_key(entry): part
        for entries, done in zip(jobs, results, strict=True)
        for entry, part in zip(entries, done, strict=True)
    }


def serialize_feed(feed: Feed, filename: str, parts: Parts | None) -> bytes:
    """``feed`` in the format of ``filename``: with its entries from ``parts`` if the format shares
    them between feeds, else rendered whole."""
    form = module(filename)
    data: bytes
    if hasattr(form, "make_entries"):
        # No parts when no feed of the build has an entry: every one of them is empty.
        shared = parts or {}
        data = form.serialize(feed, [shared[part_key(entry)] for entry in feed.entries])
    else:
        data = form.whole(feed)
    if filename in LABELS and len(data) > feed.site.max_bytes:
        return within_budget(feed, filename, data, parts)
    return data


def within_budget(feed: Feed, filename: str, data: bytes, parts: Parts | None) -> bytes:
    """``feed`` in the format of ``filename`` (``data``, over ``max_bytes``) with its oldest entries
    cut to their summaries until it fits."""
    form = module(filename)
    entries = list(feed.entries)
    if parts is None:
        shown = list(form.make_entries(entries, feed.site))
    else:
        shown = [parts[part_key(entry)] for entry in entries]
    short = form.make_entries([replace(entry, summary_only=True) for entry in entries], feed.site)
    shown_sizes, short_sizes = form.sizes(feed, shown), form.sizes(feed, short)
    size, i = len(data), len(entries)
    while size > feed.site.max_bytes and i > 0:
        i -= 1
        size += short_sizes[i] - shown_sizes[i]
        shown[i], entries[i] = short[i], replace(entries[i], summary_only=True)
    data = bytes(form.serialize(replace(feed, entries=tuple(entries)), shown))
    if len(data) > feed.site.max_bytes:
        log.warning(
            "%s is %d bytes, over max_bytes = %d even with every entry cut to its summary",
            feed.folder + filename,
            len(data),
            feed.site.max_bytes,
        )
    return data
