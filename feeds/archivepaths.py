"""Where RFC 5005 archive pages live (``feeds.archives`` makes them): a module of its own,
since the output formats need to tell an archive page by its folder and must not import the
planning of archives, which imports them."""

from __future__ import annotations

import re

# Of the main feed, or of a kind's feed in its folder ("tags/<slug>/", and any kind of feed to come).
PAGE = re.compile(r"(?P<base>(?:(?!\.\.?/)[^/]+/(?!\.\.?/)[^/]+/)?)archive/(?P<k>[1-9][0-9]*)/")
# An archive document's files as the build records them, for stale-file removal.
ARCHIVE_FILE = re.compile(PAGE.pattern + r"(?:rss\.xml|atom\.xml|feed\.json)")
ARCHIVE_GLOBS = ("archive/*/", "*/*/archive/*/")  # where pages are, below out/


def is_archive(folder: str) -> bool:
    return PAGE.fullmatch(folder) is not None


def page_folder(base: str, k: int) -> str:
    return f"{base}archive/{k}/"
