"""Which feeds a site has: the main feed, one per tag and one per author. A new kind of feed is one
more function here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

from feeds.config import Site
from feeds.document import Document, Planned
from feeds.i18n import words
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

    folder: str  # under out/: "", "tags/<slug>/" or "authors/<slug>/"
    title: str
    description: str
    docs: tuple[Planned, ...]  # their planning fields: feeds.entries.Entries gives the full documents
    # (rel, folder) of the RFC 5005 archive links it carries (feeds.archives): none without archives.
    links: tuple[tuple[str, str], ...] = ()
    # The date of a feed with no entries to date it: an empty archive page's is the newest of the
    # page before it, which filled as it started (feeds.archives).
    since: datetime | None = None


@dataclass(frozen=True)
class Feed:
    """One feed, ready for any output format."""

    folder: str
    title: str
    description: str
    site: Site
    entries: tuple[Entry, ...]
    links: tuple[tuple[str, str], ...] = ()  # FeedPlan.links
    since: datetime | None = None  # FeedPlan.since

    @property
    def updated(self) -> datetime | None:
        return max((e.doc.updated for e in self.entries), default=self.since)

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


def main_feed(docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag]) -> list[FeedPlan]:
    return [FeedPlan("", site.title, site.description, tuple(docs[: shown(site)]))]


def tag_feeds(docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag]) -> list[FeedPlan]:
    return [
        FeedPlan(
            f"tags/{tag.slug}/",
            f"{site.title}: {tag.name}",
            words(site.language, "Articles tagged “%(tag)s” on %(site)s", tag=tag.name, site=site.title),
            picked,
        )
        for tag, picked in _by_name(docs, site, tags, attrgetter("tags"))
    ]


def author_feeds(docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag]) -> list[FeedPlan]:
    """One feed per author the documents name. A document that names none is shown as by the
    site's author, but makes no feed of the site's author: that would be the main feed again."""
    if not site.author_feeds:
        return []
    return [
        FeedPlan(
            f"authors/{a.slug}/",
            f"{site.title}: {a.name}",
            words(site.language, "Articles by %(author)s on %(site)s", author=a.name, site=site.title),
            picked,
        )
        for a, picked in _by_name(docs, site, authors, attrgetter("author_names"))
    ]


def _by_name(
    docs: Sequence[Planned], site: Site, index: dict[str, Tag], names: Callable[[Planned], tuple[str, ...]]
) -> list[tuple[Tag, tuple[Planned, ...]]]:
    """Each name of ``index`` the documents have, by slug, with the documents that have it, as many
    as a feed plans (``shown``)."""
    # By slug, which is one name's alone: a Tag's own hash is computed in Python, for every name of every document.
    by_slug: dict[str, list[Planned]] = defaultdict(list)
    limit = shown(site)
    for doc in docs:  # one pass over documents, never names x documents
        for slug in {tag.slug for t in names(doc) if (tag := index.get(tag_key(t)))}:
            picked = by_slug[slug]
            if limit is None or len(picked) < limit:
                picked.append(doc)
    tag_of = {tag.slug: tag for tag in index.values()}
    return sorted(((tag_of[slug], tuple(picked)) for slug, picked in by_slug.items()), key=lambda item: item[0].slug)


Kind = Callable[[Sequence[Planned], Site, dict[str, Tag], dict[str, Tag]], list[FeedPlan]]
KINDS: tuple[Kind, ...] = (main_feed, tag_feeds, author_feeds)


def plan_feeds(
    docs: Sequence[Planned], site: Site, tags: dict[str, Tag], authors: dict[str, Tag] | None = None
) -> list[FeedPlan]:
    """Every feed of the site; ``docs`` must already be ``newest_first``. ``authors``: the
    documents' authors (``feeds.tags.index_authors``)."""
    return [plan for kind in KINDS for plan in kind(docs, site, tags, authors or {})]
