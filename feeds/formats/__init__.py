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
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named here: a build with nothing to do imports none of the stages
    from feeds.config import Site
    from feeds.feedsets import Entry, Feed

# Output file name -> the module that renders it.
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

# How pages and servers name each format: a label for people and the media type.
LABELS: dict[str, tuple[str, str]] = {
    "rss.xml": ("RSS", "application/rss+xml"),
    "atom.xml": ("Atom", "application/atom+xml"),
    "feed.json": ("JSON Feed", "application/feed+json"),
}


def filenames(folder: str) -> list[str]:
    """The files a feed in ``folder`` ("" or "tags/<slug>/") is written as."""
    return [name for name in FORMATS if folder or name not in NOT_AT_ROOT]


def renderers(folder: str) -> Iterator[tuple[str, Callable[[Feed], bytes]]]:
    """(file name, render function) for every format of a feed in ``folder``."""
    for filename in filenames(folder):
        render: Callable[[Feed], bytes] = module(filename).render
        yield filename, render


# An entry's bytes in each format that splices: file name -> the entry's source -> its bytes.
Parts = Mapping[str, Mapping[str, bytes]]
JOB_SIZE = 128  # entries serialized in one go: large enough to amortize a generator, small enough to share out


def module(filename: str) -> ModuleType:
    return importlib.import_module(FORMATS[filename])


def entry_jobs(feeds: Sequence[Feed], filename: str) -> list[tuple[str, tuple[Entry, ...]]]:
    """(file name, entries): every entry of ``feeds`` once, in chunks, if the format of
    ``filename`` splices (none if it renders each feed whole)."""
    if not hasattr(module(filename), "render_entries"):
        return []
    distinct = tuple({entry.doc.source: entry for feed in feeds for entry in feed.entries}.values())
    return [(filename, distinct[i : i + JOB_SIZE]) for i in range(0, len(distinct), JOB_SIZE)]


def render_job(job: tuple[str, tuple[Entry, ...]], site: Site) -> list[bytes]:
    name, entries = job
    render_entries: Callable[[Sequence[Entry], Site], list[bytes]] = module(name).render_entries
    return render_entries(entries, site)


def collect_parts(jobs: Sequence[tuple[str, tuple[Entry, ...]]], results: Sequence[list[bytes]]) -> Parts:
    parts: dict[str, dict[str, bytes]] = {}
    for (name, entries), done in zip(jobs, results, strict=True):
        parts.setdefault(name, {}).update(zip((entry.doc.source for entry in entries), done, strict=True))
    return parts


def render_feed(feed: Feed, filename: str, parts: Parts) -> bytes:
    """``feed`` in the format of ``filename``, its entries spliced from ``parts`` where that format has them."""
    found = parts.get(filename)
    if found is None:
        render: Callable[[Feed], bytes] = module(filename).render
        return render(feed)
    assemble: Callable[[Feed, list[bytes]], bytes] = module(filename).assemble
    return assemble(feed, [found[entry.doc.source] for entry in feed.entries])
