"""A feed as a page for people (``out/tags/<slug>/index.html``): what the feed is, how to subscribe,
and its latest entries. Browsers are dropping client-side XSLT (whatwg/html#11523), so the human
view of a feed is a page of its own. Written like a format: from the same ``Feed``, beside it."""

from __future__ import annotations

from feeds.feedsets import Feed
from feeds.formats import LABELS, filenames

FILENAME = "index.html"


def render(feed: Feed) -> bytes:
    from feeds.pages.render import render as render_template
    from feeds.pages.view import FeedFile

    files = [
        FeedFile(LABELS[name][0], LABELS[name][1], feed.url(name)) for name in filenames(feed.folder) if name in LABELS
    ]
    return render_template("feed.html.j2", feed.site.templates, site=feed.site, feed=feed, files=files)
