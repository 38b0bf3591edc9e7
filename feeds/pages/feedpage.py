"""A feed as a page for people (``out/tags/<slug>/index.html``): what the feed is, how to subscribe,
and its latest entries. Browsers are dropping client-side XSLT (whatwg/html#11523), so the human
view of a feed is a page of its own. Written like a format: from the same ``Feed``, beside it."""

from __future__ import annotations

from feeds.feed import Feed
from feeds.mediatypes import LABELS

FILENAME = "index.html"


def whole(feed: Feed) -> bytes:
    """The feed's page: the formats' registry (feeds.formats) calls this as it calls each format
    that does not share entries."""
    from feeds.pages.jinja import fill
    from feeds.pages.view import FeedFile

    # Every feed file is written in every folder (only this page is left out at the top), so the
    # page lists them all, without asking the formats' registry, which names this module.
    files = [FeedFile(label, media_type, feed.url(name)) for name, (label, media_type) in LABELS.items()]
    return fill("feed.html.j2", feed.site.templates, site=feed.site, feed=feed, files=files)
