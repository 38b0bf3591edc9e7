"""One record per feed, whichever build made it: the plan an edit recalls and patches
(``feeds.planstore``, ``feeds.incremental``) is the plan a full build of the same files computes
(``feeds.publish.computed_plan``), record for record."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from feeds.archivepaths import is_archive
from feeds.build import build
from feeds.cache import Cache
from feeds.config import Site
from feeds.incremental import PLAN_REUSED
from feeds.plan import Plan
from feeds.planstore import KEY, recall

from .corpus import generate
from .test_light_index import AT, run
from .test_planstore import N, append, shown


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    generate(folder, N)
    return folder


def kept_plan(cache_dir: Path) -> Plan:
    cache = Cache.open(cache_dir)
    try:
        key = json.loads(cache.get(KEY) or "")[1]
        plan = recall(cache, key)
    finally:
        cache.close()
    assert plan is not None
    return plan


def test_an_edit_keeps_the_plan_a_full_build_computes(
    small_windows: Site, content: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="feeds.incremental")
    run(small_windows, content, tmp_path)
    append(shown(tmp_path / "out", content)[0])
    run(small_windows, content, tmp_path)
    assert PLAN_REUSED in caplog.text
    patched = kept_plan(tmp_path / "cache")
    build(small_windows, content, tmp_path / "full", at=AT, cache_dir=tmp_path / "full-cache", include_future=True)
    computed = kept_plan(tmp_path / "full-cache")
    assert (patched.key, patched.tags) == (computed.key, computed.tags)
    assert patched.feeds == computed.feeds
    main = next(feed for feed in computed.feeds if not feed.folder)
    assert main.files == ["rss.xml", "atom.xml", "feed.json"] and main.articles > len(main.inputs) > 0
    tags = [feed for feed in computed.feeds if feed.folder.startswith("tags/") and not is_archive(feed.folder)]
    assert tags and all(feed.name and feed.articles for feed in tags)
