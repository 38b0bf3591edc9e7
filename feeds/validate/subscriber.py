"""A subscriber's view: parse the feed with feedparser (what many feed readers and services build
on) and check that every entry comes out with a title, link, id, date and content.

feedparser is imported only here, when a feed is checked: it is slow to import, and a build that
does not validate never needs it.
"""

from __future__ import annotations

import io
from types import ModuleType
from typing import Any

from feeds.validate.findings import Collector
from feeds.validate.model import SeenFeed


def load_feedparser() -> ModuleType:
    import feedparser  # a dependency of feeds: validating is one of the three things users do

    module: ModuleType = feedparser
    return module


def check_subscriber_view(feedparser: ModuleType, data: bytes, feed: SeenFeed | None, out: Collector) -> None:
    # A stream, not bytes: feedparser.parse() tries to open a bytes argument as a file name.
    result: Any = feedparser.parse(io.BytesIO(data))
    if result.get("bozo"):
        exc = result.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        out.error(
            "ReaderBozo",
            line,
            f"feedparser had to work around a problem ({type(exc).__name__}: {exc}); "
            "stricter readers may reject the feed, so fix what it points at",
        )
    lines = [e.line for e in feed.entries] if feed is not None else []
    for index, entry in enumerate(result.get("entries", [])):
        missing = [
            name
            for name, present in (
                ("title", entry.get("title")),
                ("link", entry.get("link")),
                ("id", entry.get("id")),
                ("date", entry.get("published_parsed") or entry.get("updated_parsed")),
                ("content", entry.get("content") or entry.get("summary")),
            )
            if not present
        ]
        if missing:
            label = entry.get("title") or entry.get("link") or f"entry {index + 1}"
            out.warning(
                "ReaderMissingField",
                lines[index] if index < len(lines) else None,
                f"a reader sees no {', '.join(missing)} for {label!r}; add "
                f"{'them' if len(missing) > 1 else 'it'} so readers can show and track the entry",
            )
