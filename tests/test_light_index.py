"""Incremental builds plan from the cache's light index (feeds.document.Meta) and read the full
document of only what a changed feed shows: the output must still be a from-scratch build's bytes,
whatever changed and whatever happened to the cache."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import BuildResult, build
from feeds.cache import FILENAME, Cache
from feeds.config import Site

from .conftest import content_key, reference_tree, tree
from .corpus import generate
from .sweeps import sweep

AT = datetime(2026, 11, 1, tzinfo=UTC)
# Enough for most documents to be in no feed's window (three entries a feed), and more than the
# 3 * 8 documents an edit may read in full: every path of the plan a larger corpus takes.
N = 30
NEW = """---
title: Brand new
date: 2026-10-31T12:00:00+09:00
tags: [brand-new-tag, AI]
---

A new document, newest of all.
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    generate(folder, N)
    return folder


def run(site: Site, content: Path, tmp_path: Path) -> BuildResult:
    return build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache", include_future=True)


def clean_tree(site: Site, content: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build from scratch (no cache, an empty output folder) makes of ``content``."""

    def make() -> dict[str, bytes]:
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        build(site, content, tmp_path / "clean", at=AT, include_future=True)
        return tree(tmp_path / "clean")

    files = (site.templates, site.static, site.icon_file, site.logo_file, site.id_ledger)
    return reference_tree(None if any(files) else content_key(content, site), make)


def newest(out: Path, content: Path) -> Path:
    import feedparser

    link = feedparser.parse((out / "atom.xml").read_bytes()).entries[0].link
    return next(p for p in content.iterdir() if p.stem == link.rstrip("/").rsplit("/", 1)[-1])


def change(what: str, out: Path, content: Path) -> None:
    files = sorted(content.iterdir())
    if what == "edit":
        with newest(out, content).open("a", encoding="utf-8") as f:
            f.write("\n\nOne more sentence.\n")
    elif what == "add":
        (content / "brand-new.md").write_text(NEW, encoding="utf-8")
    elif what == "delete":
        newest(out, content).unlink()
    elif what == "retag":  # an old document joins a tag and becomes the newest of all
        old = next(p for p in files if p.read_text(encoding="utf-8").startswith("---\n"))
        old.write_text(NEW.replace("Brand new", "Retagged"), encoding="utf-8")
    else:
        raise AssertionError(what)


@pytest.mark.parametrize("what", sweep(["edit", "add", "delete", "retag"], keep=3))
def test_incremental_build_of_a_generated_corpus_equals_a_clean_build(
    what: str, small_windows: Site, content: Path, tmp_path: Path
) -> None:
    first = run(small_windows, content, tmp_path)
    assert first.published == N and not first.errors
    change(what, tmp_path / "out", content)
    result = run(small_windows, content, tmp_path)
    assert result.written and not result.nothing_changed
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)


def test_an_edit_reads_in_full_only_the_documents_shown(
    small_windows: Site, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(small_windows, content, tmp_path)
    change("edit", tmp_path / "out", content)
    asked: list[str | None] = []
    real = Cache.documents

    def documents(cache: Cache, sources: list[str] | None = None) -> object:
        asked.extend(sources if sources is not None else [None])
        return real(cache, sources)

    monkeypatch.setattr(Cache, "documents", documents)
    run(small_windows, content, tmp_path)
    # The main feed's window, all a cached document's feeds can show: never every document.
    assert None not in asked and 0 < len(asked) <= 3 * 8


@pytest.mark.parametrize(
    "damage",
    sweep(
        [
            "UPDATE metas SET meta = x'00ff00'",  # garbled: not a meta at all
            "UPDATE metas SET meta = '[1, 2]'",  # JSON of another shape
            "UPDATE metas SET meta = replace(meta, '/posts/', '/elsewhere/')",  # every link moved
            "UPDATE documents SET doc = replace(doc, '/posts/', '/elsewhere/')",  # full rows disagree
            "UPDATE documents SET doc = '[]'",
            "DELETE FROM documents",  # the index without its documents
        ],
        keep=3,
    ),
)
def test_a_damaged_index_never_reaches_the_output(
    damage: str, small_windows: Site, content: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)  # whatever level an earlier CLI test left the root logger at
    run(small_windows, content, tmp_path)
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        db.execute(damage)
    change("edit", tmp_path / "out", content)
    run(small_windows, content, tmp_path)
    if "metas SET meta = replace" in damage:
        # A tampered link that agrees with nothing is caught only for what is shown; the rest is
        # trusted, as any cached document was (the cache is ours). The shown entries are right.
        assert b"/elsewhere/" not in (tmp_path / "out" / "atom.xml").read_bytes()
        assert "do not match the index; reading them again" in caplog.text  # planned again
        return
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)


@pytest.mark.parametrize(
    "damage",
    sweep(
        [
            "UPDATE outputs SET path = CAST(path AS BLOB)",  # paths as bytes
            "UPDATE outputs SET size = 'big', mtime_ns = x'00'",  # numbers that are not
            "UPDATE outputs SET fingerprint = x'00ff'",
            "UPDATE outputs SET mtime_ns = 1.5",
            "UPDATE outputs SET path = 'tags/' || hex(randomblob(4)) || '/' || path",  # feeds never written
        ]
    ),
)
def test_a_damaged_output_record_never_breaks_a_build(
    damage: str, small_windows: Site, content: Path, tmp_path: Path
) -> None:
    """The outputs table is never trusted: a row of the wrong types is only a feed to write again."""
    run(small_windows, content, tmp_path)
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        db.execute(damage)
    for _ in range(2):  # the no-change check, then a full build after an edit
        run(small_windows, content, tmp_path)
        assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)
        change("edit", tmp_path / "out", content)
