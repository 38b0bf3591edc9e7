"""A reader's view: parse the feed with feedparser (what many readers and services build on) and
check that every entry comes out with a title, link, id, date and content.

feedparser is optional (a test dependency of the project), so it is imported only here, lazily.
"""

from __future__ import annotations

import io
from types import ModuleType
from typing import Any

from feeds.validate.findings import Collector, Finding
from feeds.validate.model import Feed


def load_feedparser() -> ModuleType | None:
    try:
        import feedparser
    except ImportError:
        return None
    module: ModuleType = feedparser
    return module


def skipped(path: str) -> Finding:
    return Finding(
        "info",
        "ReaderCheckSkipped",
        path,
        None,
        "feedparser is not installed, so the reader's-view check was skipped; pip install feedparser to run it",
    )


def check_reader_view(feedparser: ModuleType, data: bytes, feed: Feed | None, out: Collector) -> None:
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
