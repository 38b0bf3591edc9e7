"""What the site pages show of the site: every feed, in every format, and the main feed's entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from feeds.config import Site
from feeds.formats import FORMATS, LABELS
from feeds.urls import feed_url

if TYPE_CHECKING:
    from feeds.feedsets import Entry, FeedPlan
    from feeds.tags import Tag


@dataclass(frozen=True)
class FeedFile:
    label: str  # "RSS"
    type: str  # its media type
    url: str  # absolute


@dataclass(frozen=True)
class FeedLink:
    """One feed as the site pages list it, in every format."""

    folder: str  # "" or "tags/<slug>/"
    title: str
    description: str
    tag: str | None  # the tag's display name; None for the main feed
    articles: int  # every published article it covers, not only the newest max_items it shows
    updated: datetime | None
    files: tuple[FeedFile, ...]
    folder_url: str  # the folder's public URL

    @property
    def rss(self) -> FeedFile:
        """The format OPML subscribes to: RSS, which every reader takes."""
        return next((f for f in self.files if f.type == "application/rss+xml"), self.files[0])

    def key(self) -> tuple[object, ...]:
        return (self.folder, self.title, self.description, self.tag, self.articles, str(self.updated))


@dataclass(frozen=True)
class SiteView:
    site: Site
    main: FeedLink
    tags: tuple[FeedLink, ...]  # most articles first, then by name
    # The main feed's entries, newest first: the site's own page shows them, as a feed page does.
    entries: tuple[Entry, ...] = ()

    @property
    def feeds(self) -> tuple[FeedLink, ...]:
        return (self.main, *self.tags)


def site_view(
    site: Site,
    plans: Sequence[FeedPlan],
    docs: Sequence[Any],
    tags: dict[str, Tag],
    entries: Sequence[Entry] = (),
) -> SiteView:
    """The pages' view of the site; ``docs`` are every published document, ``plans`` every feed,
    ``entries`` the main feed's."""
    from feeds.tags import tag_key

    per_slug = Counter(tags[key].slug for doc in docs for key in {tag_key(t) for t in doc.tags})
    links = []
    for plan in plans:
        slug = plan.folder[len("tags/") : -1] if plan.folder.startswith("tags/") else None
        tag = next((t.name for t in tags.values() if t.slug == slug), None) if slug else None
        updated = max((d.updated for d in plan.docs), default=None)
        count = per_slug[slug] if slug else len(docs)
        links.append(feed_link(site, plan.folder, plan.title, plan.description, tag, count, updated))
    return view_of(site, links, entries)


def feed_link(
    site: Site, folder: str, title: str, description: str, tag: str | None, articles: int, updated: datetime | None
) -> FeedLink:
    """One feed as the pages list it; what is not given follows from the site and the folder."""
    files = tuple(
        FeedFile(LABELS[name][0], LABELS[name][1], feed_url(site.url, folder, name))
        for name in FORMATS
        if name in LABELS
    )
    return FeedLink(folder, title, description, tag, articles, updated, files, feed_url(site.url, folder, ""))


def view_of(site: Site, links: Sequence[FeedLink], entries: Sequence[Entry] = ()) -> SiteView:
    """The pages' view of the site from every feed's link (the main feed's among them)."""
    main = next(link for link in links if link.folder == "")
    rest = sorted((link for link in links if link.folder), key=lambda f: (-f.articles, f.tag or "", f.folder))
    return SiteView(site, main, tuple(rest), tuple(entries))
