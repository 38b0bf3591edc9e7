"""Bodies stay out of the build's memory: read again from the file or the cache when rendered."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from feeds.build import build
from feeds.cache import FILENAME, Cache, digest
from feeds.config import Site
from feeds.load import BodyRef, load, parse
from feeds.sources import decode, discover

from .conftest import DATA, tree
from .corpus import generate
from .sweeps import exhaustive

AT = datetime(2026, 11, 1, tzinfo=UTC)
READER_CASES = sorted(p for p in (DATA / "readers").iterdir() if not p.name.endswith((".expected.json", ".source")))


@pytest.mark.parametrize("case", READER_CASES, ids=[p.stem for p in READER_CASES])
def test_every_reader_gives_a_body_that_is_the_tail_of_the_text(case: Path, site: Site) -> None:
    data = case.read_bytes()
    doc, offset = parse(data, case.name, site, str(case))
    assert offset is not None
    assert decode(data, str(case)).text[offset:] == doc.body


def page(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: {name}\ndate: 2025-01-01\n---\n{body}", encoding="utf-8")
    return path


def test_body_ref_gives_the_parsed_body(tmp_path: Path, site: Site) -> None:
    path = page(tmp_path, "a.md", "The *body*.\n")
    data = path.read_bytes()
    doc, offset = parse(data, "a.md", site, str(path))
    assert offset is not None
    assert BodyRef(str(path), "a.md", digest(data), offset).read(site) == (doc.body, True)


def test_file_edited_or_deleted_while_building(tmp_path: Path, site: Site, caplog: pytest.LogCaptureFixture) -> None:
    path = page(tmp_path, "a.md", "Old body.\n")
    data = path.read_bytes()
    ref = BodyRef(str(path), "a.md", digest(data), parse(data, "a.md", site, str(path))[1] or 0)
    page(tmp_path, "a.md", "New body, longer than the old one.\n")
    # The new bytes' body, flagged so that its HTML is not cached under the old bytes' digest.
    assert ref.read(site) == ("New body, longer than the old one.\n", False)
    path.unlink()
    with caplog.at_level(logging.WARNING):
        assert ref.read(site) == ("", False)
    assert "changed while the build ran" in caplog.text and str(path) in caplog.text


def test_loading_keeps_no_body_in_memory(tmp_path: Path, site: Site) -> None:
    for i in range(3):
        page(tmp_path, f"p{i}.md", f"Body {i}.\n")
    stats, _ = discover(tmp_path)
    without_cache = load(stats, site, Cache(None))
    assert [d.body for d in without_cache.docs] == [None, None, None] and len(without_cache.refs) == 3
    cache = Cache.open(tmp_path / "cache")
    with_cache = load(stats, site, cache)
    assert [d.body for d in with_cache.docs] == [None, None, None] and not with_cache.refs
    assert cache.bodies(["p0.md", "p2.md", "missing.md"]) == {"p0.md": "Body 0.\n", "p2.md": "Body 2.\n"}
    cache.close()


def _parent_only(method: Callable[..., Any], parent: int) -> Callable[..., Any]:
    def checked(*args: Any, **kwargs: Any) -> Any:
        assert os.getpid() == parent, f"Cache.{method.__name__} called in a forked worker"
        return method(*args, **kwargs)

    return checked


@exhaustive  # a corpus large enough to fork workers, built four ways
def test_parallel_and_in_process_builds_write_the_same_bytes(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    generate(content, 600)
    monkeypatch.setenv("FEEDS_WORKERS", "1")
    build(site, content, tmp_path / "serial", at=AT)
    expected = tree(tmp_path / "serial", "*.xml")
    assert len(expected) > 100
    monkeypatch.setenv("FEEDS_WORKERS", "2")
    # Forked workers (parsing, rendering, serializing) must never touch the SQLite connection.
    parent = os.getpid()
    for name in [n for n, f in vars(Cache).items() if callable(f) and not n.startswith("__")]:
        monkeypatch.setattr(Cache, name, _parent_only(getattr(Cache, name), parent))
    build(site, content, tmp_path / "parallel", at=AT)  # bodies read again from the files
    build(site, content, tmp_path / "cached", at=AT, cache_dir=tmp_path / "cache")
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        db.execute("DELETE FROM html")
    build(site, content, tmp_path / "from-cache", at=AT, cache_dir=tmp_path / "cache")  # bodies from the cache
    for out in ("parallel", "cached", "from-cache"):
        assert tree(tmp_path / out, "*.xml") == expected, out


def test_an_empty_body_is_a_body_not_a_missing_one(tmp_path: Path, site: Site) -> None:
    (tmp_path / "content").mkdir()
    page(tmp_path / "content", "empty.md", "")
    doc, offset = parse((tmp_path / "content" / "empty.md").read_bytes(), "empty.md", site, "empty.md")
    assert doc.body == "" and offset is not None
    stats, _ = discover(tmp_path / "content")
    assert [d.body for d in load(stats, site, Cache(None)).docs] == [None]  # not loaded: None, never ""
    build(site, tmp_path / "content", tmp_path / "plain", at=AT, cache_dir=None)
    build(site, tmp_path / "content", tmp_path / "cached", at=AT, cache_dir=tmp_path / "cache")
    assert tree(tmp_path / "plain", "*.xml") == tree(tmp_path / "cached", "*.xml")
