"""Shortcuts an edit build takes give what the long way gives: a racy file's record patched into the
listing made already (``Run.recorded_files``), a feed's addresses from its folder's quoted once
(``feeds.pages.view.feed_link``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.cache import Cache
from feeds.config import Site
from feeds.mediatypes import LABELS
from feeds.pages.view import feed_link
from feeds.progress import NO_PROGRESS
from feeds.run import Run
from feeds.sources import Found, listing
from feeds.urls import feed_url


def found(source: str, racy: bool = False) -> Found:
    return Found(f"/content/{source}", source, 120, 1_700_000_000_000_000_000, 1_700_000_000_000_000_001, 42, racy)


@pytest.mark.parametrize("racy", [(), (0,), (2,), (0, 1, 3), (0, 1, 2, 3)])
def test_recorded_files_are_the_recorded_listing(site: Site, racy: tuple[int, ...]) -> None:
    stats = [found(name, i in racy) for i, name in enumerate(["a.md", "b b.md", "여행/c.md", "d.txt"])]
    run = Run(
        site, Path("/content"), Path("/out"), False, False, datetime(2026, 1, 1, tzinfo=UTC), Cache(None), stats,
        listing(stats), "/content", NO_PROGRESS, "", [],
    )  # fmt: skip
    assert run.recorded_files() == listing(stats, recorded=True)
    assert (run.recorded_files() == run.files) == (not racy)


@pytest.mark.parametrize("folder", ["", "tags/travel/", "tags/여행 일기/", "authors/%25 50?/", "tags/a#b/"])
def test_a_feeds_addresses_are_its_files_urls(site: Site, folder: str) -> None:
    for url in ("https://example.org/", "https://example.org/blog/"):
        link = feed_link(replace(site, url=url), folder, "T", "D", "name", 3, None)
        assert link.folder_url == feed_url(url, folder, "")
        assert [f.url for f in link.files] == [feed_url(url, folder, name) for name in LABELS]
