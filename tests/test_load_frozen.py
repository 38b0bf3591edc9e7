"""Loading freezes the documents it has taken for the garbage collector, and thaws what it froze."""

from __future__ import annotations

import gc
from pathlib import Path

from feeds.cache import Cache
from feeds.config import Site
from feeds.load import FREEZE_EVERY, load
from feeds.sources import discover

from .corpus import generate


def test_load_thaws_what_it_froze(tmp_path: Path, site: Site) -> None:
    generate(tmp_path / "content", FREEZE_EVERY + 6)
    stats, _ = discover(tmp_path / "content")
    assert gc.get_freeze_count() == 0
    loaded = load(stats, site, Cache(None))
    assert len(loaded.docs) + len(loaded.errors) + len(loaded.pages) == FREEZE_EVERY + 6
    assert gc.get_freeze_count() == 0  # nothing left frozen: the rest of the process collects as before


def test_load_keeps_a_callers_freeze(tmp_path: Path, site: Site) -> None:
    generate(tmp_path / "content", FREEZE_EVERY + 1)
    stats, _ = discover(tmp_path / "content")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        load(stats, site, Cache(None))
        assert gc.get_freeze_count() >= frozen  # the caller thaws its own
    finally:
        gc.unfreeze()
