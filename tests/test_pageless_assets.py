"""Without article pages, an article outside every feed still has its assets published.

The site files' pass finds the assets of an article nothing else shows from its body alone
(feeds only, one entry a feed: two of the fixture's articles are in none), rendered by the
workers of the site files' pass: the same files as when every body was rendered in
the parent, with a cache and without, with workers and in one process.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from feeds import guard
from feeds.build import build
from feeds.config import load_site

from .conftest import tree
from .test_site_links import AT, SOURCE


def _build(tmp_path: Path, name: str, cached: bool = True) -> dict[str, bytes]:
    site = replace(
        load_site(SOURCE / "site.toml"), article_pages=False, archives=False, author_feeds=False, max_items=1
    )
    content, out = tmp_path / "content", tmp_path / name
    if not content.exists():
        shutil.copytree(SOURCE / "content", content)
    result = build(site, content, out, at=AT, cache_dir=tmp_path / f"{name}-cache" if cached else None)
    assert not result.errors
    return tree(out)


@pytest.mark.parametrize("cached", [True, False])
def test_assets_of_articles_in_no_feed_are_published(tmp_path: Path, cached: bool) -> None:
    got = _build(tmp_path, "out", cached)
    for rel in ("posts/trip/beach.png", "posts/talk/slides.pdf", "posts/talk/talk.mp3", "images/shared.png"):
        assert rel in got, rel


def test_workers_find_the_assets_the_parent_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked = _build(tmp_path, "forked")
    monkeypatch.setattr(guard, "can_fork", lambda: False)
    assert _build(tmp_path, "inline") == forked
