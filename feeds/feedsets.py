"""Which feeds a site has: the main feed and one per tag. A new kind of feed is one more function here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

from feeds.config import Site
from feeds.document import Document, Planned
from feeds.tags import Tag, tag_key
from feeds.urls import feed_url

if TYPE_CHECKING:
    from feeds.pictures import Image

P = TypeVar("P", bound=Planned)


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
class FeedPlan:
    """One feed before rendering: where it lives and which documents it shows, newest first."""

    folder: str  # under out/: "" or "tags/<slug>/"
    title: str
    description: str
    docs: tuple[Planned, ...]  # their planning fields: feeds.entries.Entries gives the full documents
    # (rel, folder) of the RFC 5005 archive links it carries (feeds.archives): none without archives.
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Feed:
    """One feed, ready for any output format."""

    folder: str
    title: str
    description: str
    site: Site
    entries: tuple[Entry, ...]
    links: tuple[tuple[str, str], ...] = ()  # FeedPlan.links

    @property
    def updated(self) -> datetime | None:
        return max((e.doc.updated for e in self.entries), default=None)

    def url(self, filename: str) -> str:
        return feed_url(self.site.url, self.folder, filename)

    def url_of(self, folder: str, filename: str) -> str:
        """The URL of another feed of the site (one its links name)."""
        return feed_url(self.site.url, folder, filename)


def newest_first(docs: Iterable[P]) -> list[P]:
    """Newest published first; ties broken by id, so the order never depends on file order."""
    # Two stable sorts on plain keys, not one on tuples: faster at 100,000 documents. Timestamps,
    # not datetimes: two datetimes with distinct tzinfo objects compare through utcoffset().
    by_id = sorted(docs, key=attrgetter("id"))
    return sorted(by_id, key=lambda d: d.published.timestamp(), reverse=True)


def shown(site: Site) -> int | None:
    """How many documents a kind of feed plans: all of them when older ones go into archives
    (``feeds.archives.arrange`` cuts each feed), else the newest ``max_items``."""
    return None if site.archives else site.max_items


def main_feed(docs: Sequence[Planned], site: Site, tags: dict[str, Tag]) -> list[FeedPlan]:
    return [FeedPlan("", site.title, site.description, tuple(docs[: shown(site)]))]


def tag_feeds(docs: Sequence[Planned], site: Site, tags: dict[str, Tag]) -> list[FeedPlan]:
    # By slug, which is one tag's alone: a Tag's own hash is computed in Python, 100,000s of times.
    by_slug: dict[str, list[Planned]] = defaultdict(list)
    limit = shown(site)
    for doc in docs:  # one pass over documents, never tags x documents
        for slug in {tags[tag_key(t)].slug for t in doc.tags}:
            tagged = by_slug[slug]
            if limit is None or len(tagged) < limit:
                tagged.append(doc)
    tag_of = {tag.slug: tag for tag in tags.values()}
    by_tag = {tag_of[slug]: tagged for slug, tagged in by_slug.items()}
    return [
        FeedPlan(
            f"tags/{tag.slug}/",
            f"{site.title}: {tag.name}",
            f"Articles tagged “{tag.name}” on {site.title}",
            tuple(tagged),
        )
        for tag, tagged in sorted(by_tag.items(), key=lambda item: item[0].slug)
    ]


KINDS: tuple[Callable[[Sequence[Planned], Site, dict[str, Tag]], list[FeedPlan]], ...] = (main_feed, tag_feeds)


def plan_feeds(docs: Sequence[Planned], site: Site, tags: dict[str, Tag]) -> list[FeedPlan]:
    """Every feed of the site; ``docs`` must already be ``newest_first``."""
    return [plan for kind in KINDS for plan in kind(docs, site, tags)]
