"""Output formats: one module per format, each with a ``FILENAME`` and ``render(feed) -> bytes``.

A new format is one module and one entry in ``FORMATS``. Modules are imported
only when a feed is rendered, so a build with nothing to do never loads feedgen or lxml.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from feeds.feedsets import Feed

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
        module = FORMATS[filename]
        render: Callable[[Feed], bytes] = importlib.import_module(module).render
        yield filename, render
