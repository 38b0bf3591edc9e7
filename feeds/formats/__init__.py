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
}

# How pages and servers name each format: a label for people and the media type.
LABELS: dict[str, tuple[str, str]] = {
    "rss.xml": ("RSS", "application/rss+xml"),
    "atom.xml": ("Atom", "application/atom+xml"),
    "feed.json": ("JSON Feed", "application/feed+json"),
}


def renderers() -> Iterator[tuple[str, Callable[[Feed], bytes]]]:
    """(file name, render function) for every format."""
    for filename, module in FORMATS.items():
        render: Callable[[Feed], bytes] = importlib.import_module(module).render
        yield filename, render
