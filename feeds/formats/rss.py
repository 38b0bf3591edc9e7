"""RSS 2.0 output (content:encoded, dc:creator, dc:publisher, atom:link rel="self", Media RSS pictures)."""

from __future__ import annotations

import html

from feeds.feedsets import Feed
from feeds.formats.common import add_media, entry_authors, entry_images, feed_updated, new_generator, with_stylesheet

FILENAME = "rss.xml"


def render(feed: Feed) -> bytes:
    fg = new_generator()
    fg.load_extension("dc", atom=False, rss=True)
    images = entry_images(feed)
    if any(images):
        fg.load_extension("media", atom=False, rss=True)
    fg.title(feed.title)
    fg.description(feed.description)
    fg.language(feed.site.language)
    # feedgen writes the *last* alternate link as the channel <link>: self first, site last.
    fg.link(href=feed.url(FILENAME), rel="self", type="application/rss+xml")
    fg.link(href=feed.site.url, rel="alternate")
    fg.lastBuildDate(feed_updated(feed))
    for entry, image in zip(feed.entries, images, strict=True):
        doc = entry.doc
        fe = fg.add_entry(order="append")  # the default prepends, reversing our order
        fe.title(doc.title)
        fe.link(href=doc.link)
        fe.guid(doc.id, permalink=doc.id == doc.link)
        fe.pubDate(doc.published)
        # <description> is HTML to RSS readers: escape the plain-text summary so "a < b" stays text.
        # feedgen writes content:encoded only when a description is set too.
        fe.description(html.escape(entry.summary, quote=False))
        fe.content(entry.content)
        for name in entry.categories:
            fe.category(term=name)
        fe.dc.dc_creator([a.name for a in entry_authors(entry, feed)])
        if doc.publication:
            fe.dc.dc_publisher(doc.publication)
        add_media(fe, image)
    return with_stylesheet(bytes(fg.rss_str(pretty=True)), feed)
