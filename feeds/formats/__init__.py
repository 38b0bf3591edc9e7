"""Output formats: one module per format, each with a ``FILENAME`` and ``render(feed) -> bytes``.

A new format is one module and one entry in ``FORMATS``. Modules are imported
only when a feed is rendered, so a build with nothing to do never loads feedgen or lxml.

An entry is in many feeds (the main feed and one per tag: about five at 10,000 documents), and its
bytes are the same in each. A format that can splice also has ``render_entries(entries, site)``,
each entry's bytes, and ``assemble(feed, parts)``, the feed around them: a build serializes each
entry once per format (``entry_jobs``, ``render_job``) and splices (``render_feed``), one format
at a time, so that it holds the bytes of one format only.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING

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


# An entry's bytes in one format that splices: the entry's ``part_key`` -> its bytes.
Parts = Mapping[str, bytes]
JOB_SIZE = 128  # entries serialized in one go: large enough to amortize a generator, small enough to share out


def part_key(entry: Entry) -> str:
    """Which bytes of ``entry`` a feed shows: the entry's source, and whether it is cut to its summary."""
    return entry.doc.source + "\0summary" if entry.summary_only else entry.doc.source


def module(filename: str) -> ModuleType:
    return importlib.import_module(FORMATS[filename])


def entry_jobs(feeds: Sequence[Feed], filename: str) -> list[tuple[Entry, ...]]:
    """Every entry of ``feeds`` once, in chunks, if the format of ``filename`` splices (none if
    it renders each feed whole)."""
    if not hasattr(module(filename), "render_entries"):
        return []
    distinct = tuple({part_key(entry): entry for feed in feeds for entry in feed.entries}.values())
    return [distinct[i : i + JOB_SIZE] for i in range(0, len(distinct), JOB_SIZE)]


def render_job(filename: str, entries: Sequence[Entry], site: Site) -> list[bytes]:
    render_entries: Callable[[Sequence[Entry], Site], list[bytes]] = module(filename).render_entries
    return render_entries(entries, site)


def collect_parts(jobs: Sequence[Sequence[Entry]], results: Sequence[list[bytes]]) -> Parts:
    return {
        part_key(entry): part
        for entries, done in zip(jobs, results, strict=True)
        for entry, part in zip(entries, done, strict=True)
    }


def render_feed(feed: Feed, filename: str, parts: Parts | None) -> bytes:
    """``feed`` in the format of ``filename``: its entries spliced from ``parts``, or (None) the feed
    rendered whole, by a format that does not splice."""
    if parts is None:
        render: Callable[[Feed], bytes] = module(filename).render
        data = render(feed)
    else:
        assemble: Callable[[Feed, list[bytes]], bytes] = module(filename).assemble
        data = assemble(feed, [parts[part_key(entry)] for entry in feed.entries])
    if filename in LABELS and len(data) > feed.site.max_bytes:
        return within_budget(feed, filename, data, parts)
    return data


def within_budget(feed: Feed, filename: str, data: bytes, parts: Parts | None) -> bytes:
    """``feed`` in the format of ``filename`` (``data``, over ``max_bytes``) with its oldest entries
    cut to their summaries until it fits."""
    form = module(filename)
    entries = list(feed.entries)
    if parts is None:
        shown = list(form.render_entries(entries, feed.site))
    else:
        shown = [parts[part_key(entry)] for entry in entries]
    short = form.render_entries([replace(entry, summary_only=True) for entry in entries], feed.site)
    size, i = len(data), len(entries)
    while size > feed.site.max_bytes and i > 0:
        i -= 1
        size += len(short[i]) - len(shown[i])
        shown[i], entries[i] = short[i], replace(entries[i], summary_only=True)
    data = bytes(form.assemble(replace(feed, entries=tuple(entries)), shown))
    if len(data) > feed.site.max_bytes:
        log.warning(
            "%s is %d bytes, over max_bytes = %d even with every entry cut to its summary",
            feed.folder + filename,
            len(data),
            feed.site.max_bytes,
        )
    return data
