"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

Keys are written in one fixed order, the spec's, so the same feed always gives the same bytes;
non-ASCII text is written as itself (the file is UTF-8), and the file ends with a newline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from json.encoder import encode_basestring as _encode_string  # the C one, as json.dumps uses
from typing import Any

from feeds.config import Site
from feeds.document import Author
from feeds.feed import Entry, Feed
from feeds.formats.common import GENERATOR, entry_authors
from feeds.urls import feed_url

FILENAME = "feed.json"
VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def render(feed: Feed) -> bytes:
    return assemble(feed, render_entries(feed.entries, feed.site))


def render_entries(entries: Sequence[Entry], site: Site) -> list[bytes]:
    """Each entry as the item it is in any JSON Feed that shows it: indented for its depth."""
    return [(_ITEM_INDENT + _pretty(_item(entry, site), "\n" + _ITEM_INDENT)).encode("utf-8") for entry in entries]


def assemble(feed: Feed, parts: Sequence[bytes]) -> bytes:
    """``feed`` with its items already serialized (``render_entries``), in its order: the bytes
    ``json.dumps(..., indent=2)`` gives for the whole feed, whose items are the last key."""
    head = _dumps(head_of(feed))
    if not parts:
        return head + b"\n"
    at = head.rindex(b"[]")
    return b"".join((head[:at], b"[\n", b",\n".join(parts), b"\n  ]", head[at + 2 :], b"\n"))


def head_of(feed: Feed) -> dict[str, Any]:
    """The feed's own keys, and no items yet."""
    site = feed.site
    head: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": site.url,
        "feed_url": feed.url(FILENAME),
        "description": feed.description,
        # JSON Feed's icon is the large one (512 by 512), its favicon the small one.
        **({"icon": site.logo or site.icon} if site.logo or site.icon else {}),
        **({"favicon": site.icon} if site.icon else {}),
        # For people reading the raw file; also how stale-file removal knows feeds wrote it.
        "user_comment": f"Written by {GENERATOR}. Subscribe to this feed in a feed reader.",
    }
    # JSON Feed has no archives, but paging: next_url leads to the older entries, which are the
    # RFC 5005 chain's (feeds.archives), so a page's next_url never changes once it is full.
    older = next((folder for rel, folder in feed.links if rel == "prev-archive"), None)
    if older is not None:
        head["next_url"] = feed_url(site.url, older, FILENAME)
    return head | {
        "language": site.language,
        "authors": [_author(Author(site.author or site.title))],
        **({"hubs": [{"type": "WebSub", "url": site.hub}]} if site.hub else {}),
        "items": [],
    }


def _dumps(value: dict[str, Any]) -> bytes:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, UTF-8 encoded, several times faster:
    with ``indent`` the standard library encodes in Python, one generator per level; this writes
    the same bytes for what a feed holds (strings, lists, dicts) with its C string encoder."""
    return _pretty(value, "\n").encode("utf-8")


def _pretty(value: object, newline: str) -> str:
    if isinstance(value, str):
        return _encode_string(value)
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{_encode_string(key)}: {_pretty(item, inner)}" for key, item in value.items())
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_pretty(item, inner) for item in value) + newline + "]"
    # Anything else (no feed holds one today): exactly as json writes it.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


_ITEM_INDENT = "    "  # items sit two levels deep: {"items": [ {...} ]}


def _item(entry: Entry, site: Site) -> dict[str, Any]:
    doc = entry.doc
    item: dict[str, Any] = {
        "id": doc.id,
        "url": doc.link,
        "title": doc.title,
    }
    # JSON Feed requires content: a summary-only entry's is the summary, as text.
    if site.summary_only or entry.summary_only:
        item["content_text"] = entry.summary
    else:
        item["content_html"] = entry.content
    item["summary"] = entry.summary
    if image := entry.image:
        item["image"] = image.url
    item |= {
        "date_published": _date(doc.published),
        "date_modified": _date(doc.updated),
        "authors": [_author(a) for a in entry_authors(entry, site)],
    }
    if entry.categories:
        item["tags"] = list(entry.categories)
    if doc.language != site.language:
        item["language"] = doc.language
    return item


def _date(value: datetime) -> str:
    # isoformat() of an aware datetime is RFC 3339: "2025-03-10T00:00:00+09:00".
    return value.isoformat()


def _author(author: Author) -> dict[str, str]:
    # A JSON Feed author has a name, url and avatar but no email: a mailto: URL carries it.
    url = author.url or (f"mailto:{author.email}" if author.email else None)
    return {"name": author.name, "url": url} if url else {"name": author.name}
