"""What the format checks learn about a feed, kept for the cross-feed and reader checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

FeedKind = Literal["rss", "atom"]


@dataclass(frozen=True)
class Entry:
    id: str | None  # Atom id, RSS guid
    link: str | None  # Atom alternate link, RSS link
    title: str | None
    published: datetime | None  # RSS pubDate fills both dates
    updated: datetime | None
    line: int | None


@dataclass(frozen=True)
class Feed:
    kind: FeedKind
    self_href: str | None
    self_line: int | None
    entries: list[Entry] = field(default_factory=list)
