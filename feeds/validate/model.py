"""What the format checks learn about a feed, kept for the cross-feed and reader checks.

``SeenFeed`` and ``SeenEntry`` are a feed as the validator read it from any XML file, ours or not;
not ``feeds.feed.Feed`` and ``Entry``, which are what the publisher builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

FeedKind = Literal["rss", "atom", "json"]


@dataclass(frozen=True)
class SeenEntry:
    """An entry as the validator found it in the file."""

    id: str | None  # Atom id, RSS guid, JSON Feed id
    link: str | None  # Atom alternate link, RSS link, JSON Feed url
    title: str | None
    published: datetime | None  # RSS pubDate fills both dates
    updated: datetime | None
    line: int | None


@dataclass(frozen=True)
class SeenFeed:
    """A feed as the validator found it in the file."""

    kind: FeedKind
    self_href: str | None  # JSON Feed: feed_url
    self_line: int | None
    entries: list[SeenEntry] = field(default_factory=list)


def duplicates(entries: Iterable[SeenEntry]) -> Iterator[tuple[SeenEntry, int | None]]:
    """Each entry whose id an earlier entry already has, with that earlier entry's line."""
    seen: dict[str, int | None] = {}
    for entry in entries:
        if entry.id is None:
            continue
        if entry.id in seen:
            yield entry, seen[entry.id]
        else:
            seen[entry.id] = entry.line
