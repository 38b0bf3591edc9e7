"""The budget's bound on a feed without entries (``feeds.archives._head_bound``) is never below
the feed's real bytes in any format: a feed it spares serializing must be one that fits."""

from __future__ import annotations

from typing import Any

import pytest

from feeds.archives import _head_bound, links
from feeds.config import site_from_mapping
from feeds.feed import Feed
from feeds.formats import module
from feeds.mediatypes import LABELS
from feeds.plan import PlannedFeed

from .conftest import TEST_SITE

# Texts that take the most bytes once written: XML escapes, four-byte UTF-8,
# percent-encoded folders.
WORST = "&<>\"'😀한"
SETTINGS: list[dict[str, Any]] = [
    {},
    {"title": WORST * 40, "author": WORST * 30, "language": "ko"},
    {
        "url": "https://example.com/" + "경로/" * 20,
        "hub": "https://hub.example.com/?a=1&b=2&c=" + "&" * 50,
        "logo": "https://example.com/logo.png?x=" + "&" * 40,
        "icon": "https://example.com/icon.png?y=" + "&" * 40,
        "xsl": True,
    },
]
FOLDERS = ["", "tags/" + "태그&" * 30 + "/", "authors/a/", "tags/x/archive/3/"]


@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("pages", [0, 4])
def test_the_bound_is_above_every_empty_feed(settings: dict[str, Any], folder: str, pages: int) -> None:
    site = site_from_mapping({**TEST_SITE, **settings})
    plan = PlannedFeed(folder, WORST * 50, WORST * 80)
    found = links(folder, site.max_items, pages, site)
    feed = Feed(plan.folder, plan.title, plan.description, site, (), found)
    largest = max(len(module(name).serialize(feed, [])) for name in LABELS)
    assert largest <= _head_bound(plan, found, site)
