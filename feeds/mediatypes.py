"""How pages and servers name each feed file: a label for people and its media type.

A table of its own, below both the output formats and the pages: the feed page (one of the outputs,
``feeds.pages.feedpage``) lists a feed's other files by it, so it must not import the formats'
registry that names the page.
"""

from __future__ import annotations

# Feed file name -> (label, media type).
LABELS: dict[str, tuple[str, str]] = {
    "rss.xml": ("RSS", "application/rss+xml"),
    "atom.xml": ("Atom", "application/atom+xml"),
    "feed.json": ("JSON Feed", "application/feed+json"),
}
