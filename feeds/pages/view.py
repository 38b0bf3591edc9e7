"""What the site pages show of the site: every feed, in every format, and the main feed's entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from feeds.config import Site
from feeds.mediatypes import LABELS
from feeds.urls import feed_url

if TYPE_CHECKING:
    from feeds.feed import Entry


@dataclass(frozen=True)
class FeedFile:
    label: str  # "RSS"
    type: str  # its media type
    url: str  # absolute


@dataclass(frozen=True)
class FeedLink:
    """One feed as the site pages list it, in every format."""

    folder: str  # "", "tags/<slug>/" or "authors/<slug>/"
    title: str
    description: str
    tag: str | None  # the tag's display name; None for the main feed and author feeds
    articles: int  # every published article it covers, not only the newest max_items it shows
    updated: datetime | None
    files: tuple[FeedFile, ...]
    folder_url: str  # the folder's public URL
    author: str | None = None  # the author's display name, for an author feed

    @property
    def name(self) -> str | None:
        """What the feed is of: its tag or author (None for the main feed)."""
        return self.tag or self.author

    @property
    def rss(self) -> FeedFile:
        """The format OPML subscribes to: RSS, which every reader takes."""
        return next((f for f in self.files if f.type == "application/rss+xml"), self.files[0])

    def key(self) -> tuple[object, ...]:
        return (self.folder, self.title, self.description, self.name, self.articles, str(self.updated))


@dataclass(frozen=True)
class SiteView:
    site: Site
    main: FeedLink
    tags: tuple[FeedLink, ...]  # most articles first, then by name
    # The main feed's entries, newest first: the site's own page shows them, as a feed page does.
    entries: tuple[Entry, ...] = ()
    authors: tuple[FeedLink, ...] = ()  # as tags

    @property
    def feeds(self) -> tuple[FeedLink, ...]:
        return (self.main, *self.tags, *self.authors)


def feed_link(
    site: Site, folder: str, title: str, description: str, name: str | None, articles: int, updated: datetime | None
) -> FeedLink:
    """One feed as the pages list it; what is not given follows from the site and the folder.
    ``name``: the feed's tag or author (``FeedLink.name``), which the folder tells apart."""
    # The folder's URL quoted once (a site lists every tag's feed), each file's name after it:
    # ``feed_url`` quotes character by character, so the parts give what the whole would.
    folder_url = feed_url(site.url, folder, "")
    files = tuple(
        FeedFile(label, media_type, folder_url + _QUOTED[file]) for file, (label, media_type) in LABELS.items()
    )
    author = folder.startswith("authors/")
    tag, by = (None, name) if author else (name, None)
    return FeedLink(folder, title, description, tag, articles, updated, files, folder_url, by)


_QUOTED = {file: feed_url("", "", file) for file in LABELS}


def view_of(site: Site, links: Sequence[FeedLink], entries: Sequence[Entry] = ()) -> SiteView:
    """The pages' view of the site from every feed's link (the main feed's among them)."""
    main = next(link for link in links if link.folder == "")
    rest = sorted((link for link in links if link.folder), key=lambda f: (-f.articles, f.name or "", f.folder))
    tags = tuple(link for link in rest if link.author is None)
    return SiteView(site, main, tags, tuple(entries), tuple(link for link in rest if link.author is not None))
