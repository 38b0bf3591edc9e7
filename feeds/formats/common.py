"""What the format modules share: the generator name, fixed dates, and feedgen set-up."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from feeds import __version__
from feeds.document import Author
from feeds.feedsets import Entry, Feed

GENERATOR = "feeds"
GENERATOR_URI = "https://pypi.org/project/feeds/"
# An empty feed still needs an "updated" date, and the wall clock would make builds differ.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def feed_updated(feed: Feed) -> datetime:
    return feed.updated or EMPTY_FEED_DATE


def entry_authors(entry: Entry, feed: Feed) -> tuple[Author, ...]:
    """The entry's authors, else the site's author, else the site title (Atom requires one)."""
    return entry.doc.authors or (Author(feed.site.author or feed.site.title),)


def new_generator() -> Any:
    """A FeedGenerator with our generator string and no wall-clock defaults left to leak."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.generator(GENERATOR, version=__version__, uri=GENERATOR_URI)
    return fg
