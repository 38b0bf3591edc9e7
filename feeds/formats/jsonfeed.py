"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

Keys are written in one fixed order, the spec's, so the same feed always gives the same bytes;
non-ASCII text is written as itself (the file is UTF-8), and the file ends with a newline.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from feeds.document import Author
from feeds.feedsets import Feed
from feeds.formats.common import GENERATED_BY, entry_authors
from feeds.formats.media import entry_image

FILENAME = "feed.json"
VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def render(feed: Feed) -> bytes:
    site = feed.site
    document: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": site.url,
        "feed_url": feed.url(FILENAME),
        "description": feed.description,
        # For people reading the raw file; also how stale-file removal knows feeds wrote it.
        "user_comment": f"Written by {GENERATED_BY}. Subscribe to this feed in a feed reader.",
        "language": site.language,
        "authors": [_author(Author(site.author or site.title))],
        "items": [],
    }
    for entry in feed.entries:
        doc = entry.doc
        item: dict[str, Any] = {
            "id": doc.id,
            "url": doc.link,
            "title": doc.title,
            "content_html": entry.content,
            "summary": entry.summary,
        }
        if image := entry_image(entry):
            item["image"] = image.url
        item |= {
            "date_published": _date(doc.published),
            "date_modified": _date(doc.updated),
            "authors": [_author(a) for a in entry_authors(entry, feed)],
        }
        if entry.categories:
            item["tags"] = list(entry.categories)
        if doc.language != site.language:
            item["language"] = doc.language
        document["items"].append(item)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _date(value: datetime) -> str:
    # isoformat() of an aware datetime is RFC 3339: "2025-03-10T00:00:00+09:00".
    return value.isoformat()


def _author(author: Author) -> dict[str, str]:
    # A JSON Feed author has a name, url and avatar but no email: a mailto: URL carries it.
    url = author.url or (f"mailto:{author.email}" if author.email else None)
    return {"name": author.name, "url": url} if url else {"name": author.name}
