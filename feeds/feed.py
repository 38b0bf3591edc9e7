"""A feed as the output formats take it (``Feed``): its entries built (``Entry``: the full document,
its HTML and summary), made from the plan's record of the feed (``feeds.plan.PlannedFeed``) just
before it is serialized. A thing of its own: it holds every entry's HTML, which the plan never
does, and it is what the forked serializers close over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from feeds.config import Site
from feeds.document import Document
from feeds.urls import feed_url

if TYPE_CHECKING:
    from feeds.pictures import Image


@dataclass(frozen=True)
class Entry:
    """A document as feeds show it: tags by display name, summary and full HTML content."""

    doc: Document
    categories: tuple[str, ...]
    summary: str  # plain text
    content: str  # HTML
    image: Image | None = None  # its picture (feeds.pictures), found once for every feed and format
    summary_only: bool = False  # shown by its summary alone: a feed over its size budget (feeds.archives)


@dataclass(frozen=True)
class Feed:
    """One feed, ready for any output format."""

    folder: str
    title: str
    description: str
    site: Site
    entries: tuple[Entry, ...]
    links: tuple[tuple[str, str], ...] = ()  # PlannedFeed.links
    since: datetime | None = None  # PlannedFeed.since

    @property
    def updated(self) -> datetime | None:
        return max((e.doc.updated for e in self.entries), default=self.since)

    def url(self, filename: str) -> str:
        return feed_url(self.site.url, self.folder, filename)

    def url_of(self, folder: str, filename: str) -> str:
        """The URL of another feed of the site (one its links name)."""
        return feed_url(self.site.url, folder, filename)
