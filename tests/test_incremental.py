"""Cron-safe rebuilds: the cache, last good versions, stable ids, and the no-change path."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import feeds.load
import feeds.sources
from feeds.build import BuildResult, build
from feeds.cache import FILENAME
from feeds.config import Site

from .conftest import content_key, reference_tree, tree
from .corpus import generate

AT = datetime(2026, 11, 1, tzinfo=UTC)


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


def post(folder: Path, name: str, title: str, tags: str = "alpha", date: str = "2025-01-01", **extra: str) -> Path:
    lines = [f"title: {title}", f"date: {date}", f"tags: [{tags}]", *(f"{k}: {v}" for k, v in extra.items())]
    path = folder / name
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\nBody of " + title + ".\n", encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "one.md", "One", "alpha, beta", "2025-01-01")
    post(folder, "two.md", "Two", "beta", "2025-02-01")
    post(folder, "three.md", "Three", "gamma", "2025-03-01")
    return folder


def clean_tree(site: Site, content: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build from scratch makes of ``content`` (made once for each content, conftest.reference_tree)."""

    def make() -> dict[str, bytes]:
        build(site, content, tmp_path / "clean", at=AT)
        return tree(tmp_path / "clean")

    return reference_tree(content_key(content, site, AT, "clean_tree"), make)


def run(site: Site, content: Path, tmp_path: Path, **kwargs: object) -> BuildResult:
    return build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache", **kwargs)  # type: ignore[arg-type]


def test_no_change_rebuild_reads_nothing_and_touches_nothing(
    content: Path, tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in content.iterdir():  # saved well before the build: none is racy (feeds.sources.Found)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 5 * 10**9))
    first = run(site, content, tmp_path)
    assert len(first.written) == 17 + 3 + 2 and not first.nothing_changed  # feeds, article pages, sitemap, robots
    before = mtimes(tmp_path / "out")
    reads: list[Path] = []
    real = feeds.load.read_bytes
    monkeypatch.setattr(feeds.load, "read_bytes", lambda p, *a: reads.append(p) or real(p, *a))
    monkeypatch.setattr(feeds.sources, "read_bytes", lambda p, *a, **k: reads.append(p) or real(p, *a, **k))
    again = run(site, content, tmp_path)
    assert again.nothing_changed and reads == [] and again.written == [] and len(again.unchanged) == 22
    assert mtimes(tmp_path / "out") == before
    assert (again.read, again.published) == (first.read, first.published)


def test_incremental_output_equals_a_clean_build(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    post(content, "two.md", "Two, renamed", "beta, delta", "2025-02-01")
    post(content, "four.md", "Four", "alpha", "2025-04-01")
    (content / "three.md").unlink()
    result = run(site, content, tmp_path)
    assert "tags/gamma/atom.xml" in result.removed and "tags/delta/rss.xml" in result.written
    assert tree(tmp_path / "out") == clean_tree(site, content, tmp_path)


def test_only_changed_feeds_are_rewritten(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    before = mtimes(tmp_path / "out")
    post(content, "three.md", "Three, edited", "gamma", "2025-03-01")
    result = run(site, content, tmp_path)
    assert sorted(result.written) == [
        "atom.xml", "feed.json", "index.html",  # the site's page shows the main feed's entries
        "posts/three/index.html",  # the edited article's own page
        "rss.xml",
        "tags/gamma/atom.xml", "tags/gamma/feed.json", "tags/gamma/index.html", "tags/gamma/rss.xml",
    ]  # fmt: skip
    after = mtimes(tmp_path / "out")
    assert {k for k in before if before[k] != after[k]} == set(result.written)


def test_touch_without_change_rewrites_nothing(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    before = mtimes(tmp_path / "out")
    (content / "one.md").touch()
    result = run(site, content, tmp_path)
    assert not result.nothing_changed and result.written == [] and mtimes(tmp_path / "out") == before


def test_edit_keeps_id_and_published(content: Path, tmp_path: Path, site: Site) -> None:
    import feedparser

    run(site, content, tmp_path)
    old = {e.id: e for e in feedparser.parse((tmp_path / "out" / "atom.xml").read_bytes()).entries}
    post(content, "one.md", "One, retitled", "omega", "2025-01-01", updated="2025-06-01T10:00:00+09:00")
    run(site, content, tmp_path)
    new = {e.id: e for e in feedparser.parse((tmp_path / "out" / "atom.xml").read_bytes()).entries}
    assert set(old) == set(new)
    entry_id = "https://example.com/posts/one/"
    assert new[entry_id].title == "One, retitled"
    assert new[entry_id].published == old[entry_id].published
    assert new[entry_id].updated == "2025-06-01T10:00:00+09:00" != old[entry_id].updated


@pytest.mark.parametrize(
    "breakage",
    [
        "---\ntitle: [unclosed\n---\nbody\n",
        "---\ntitle: One\ndate: not a date\n---\nbody\n",
        "---\ntitle: One\ndate: 2025-01-01\n",
        "",
        "\x00\x01binary",
    ],
    ids=["yaml", "date", "truncated", "empty", "binary"],
)
def test_broken_file_keeps_its_last_good_version(breakage: str, content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    good = tree(tmp_path / "out")
    (content / "one.md").write_text(breakage, encoding="utf-8")
    result = run(site, content, tmp_path)
    assert [Path(e.path).name for e in result.errors] == ["one.md"]
    assert result.kept == [str(content / "one.md")] and result.published == 3
    assert tree(tmp_path / "out") == good
    again = run(site, content, tmp_path)  # still reported on the next (no-change) run
    assert again.nothing_changed and [Path(e.path).name for e in again.errors] == ["one.md"]
    (content / "one.md").unlink()
    gone = run(site, content, tmp_path)
    assert gone.published == 2 and b"posts/one/" not in (tmp_path / "out" / "atom.xml").read_bytes()


def test_strict_fails_and_writes_nothing(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    good = mtimes(tmp_path / "out")
    post(content, "two.md", "Two, edited", "beta")
    (content / "one.md").write_text("---\ntitle: x\n", encoding="utf-8")
    result = run(site, content, tmp_path, strict=True)
    assert result.errors and result.written == [] and mtimes(tmp_path / "out") == good
    assert not run(site, content, tmp_path, strict=True).nothing_changed  # a failed strict run is not remembered


@pytest.mark.parametrize("damage", ["garbage", "truncate", "foreign", "old-version", "bad-row"])
def test_bad_cache_is_rebuilt_never_trusted(damage: str, content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    db_path = tmp_path / "cache" / FILENAME
    if damage == "garbage":
        db_path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncate":
        db_path.write_bytes(db_path.read_bytes()[:1500])
    else:
        db = sqlite3.connect(db_path)
        if damage == "foreign":
            db.executescript("DROP TABLE documents; CREATE TABLE documents (x);")
        elif damage == "old-version":
            db.execute("UPDATE state SET value = '0/0.0.0' WHERE key = 'stamp'")
        else:
            db.execute("UPDATE documents SET doc = x'00ff00', size = -1")
        db.commit()
        db.close()
    post(content, "two.md", "Two, edited", "beta")
    run(site, content, tmp_path)
    assert tree(tmp_path / "out") == clean_tree(site, content, tmp_path)


def test_removed_output_is_written_again(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    (tmp_path / "out" / "tags" / "beta" / "rss.xml").unlink()
    result = run(site, content, tmp_path)
    assert result.written == ["tags/beta/rss.xml"]


def test_future_entry_appears_when_due(content: Path, tmp_path: Path, site: Site) -> None:
    post(content, "later.md", "Later", "alpha", "2026-12-01")
    assert run(site, content, tmp_path).published == 3
    due = build(site, content, tmp_path / "out", at=datetime(2026, 12, 2, tzinfo=UTC), cache_dir=tmp_path / "cache")
    assert due.published == 4 and not due.nothing_changed


def test_site_change_rebuilds_everything(content: Path, tmp_path: Path, site: Site) -> None:

    run(site, content, tmp_path)
    result = run(replace(site, title="Renamed site"), content, tmp_path)
    assert len(result.written) == 17 + 3  # the sitemap and robots.txt do not name the site's title
    assert b"Renamed site" in (tmp_path / "out" / "rss.xml").read_bytes()


@pytest.mark.slow  # builds 10,000 documents: a minute or more on a shared machine
def test_no_change_rebuild_of_10k_documents(tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    generate(content, 10_000)
    first = run(site, content, tmp_path, include_future=True)
    assert first.read == 10000 and not first.errors
    before = mtimes(tmp_path / "out")
    reads: list[Path] = []
    real = feeds.load.read_bytes
    monkeypatch.setattr(feeds.load, "read_bytes", lambda p, *a: reads.append(p) or real(p, *a))
    again = run(site, content, tmp_path, include_future=True)
    assert again.nothing_changed and reads == [] and again.written == []
    assert mtimes(tmp_path / "out") == before and len(before) == len(again.unchanged)


def test_renamed_file_gets_html_for_its_new_link(content: Path, tmp_path: Path, site: Site) -> None:
    (content / "one.md").write_text("---\ntitle: One\ndate: 2025-01-01\n---\n![pic](img.png)\n", encoding="utf-8")
    run(site, content, tmp_path)
    (content / "one.md").rename(content / "uno.md")
    run(site, content, tmp_path)
    assert tree(tmp_path / "out") == clean_tree(site, content, tmp_path)
    assert b"https://example.com/posts/uno/img.png" in (tmp_path / "out" / "atom.xml").read_bytes()


def test_html_cache_keeps_only_what_some_feed_shows(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    content.mkdir()
    one_item = replace(site, max_items=1, archives=False)  # with archives, every document is in some feed
    post(content, "old.md", "Old", "alpha", "2025-01-01")
    run(one_item, content, tmp_path)
    post(content, "new.md", "New", "alpha", "2025-06-01")  # "Old" is now in no feed's window
    run(one_item, content, tmp_path)
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        keys = [key for (key,) in db.execute("SELECT key FROM html")]
    assert len(keys) == 1 and keys[0].endswith("/posts/new/")


def test_a_file_dated_beyond_64_bit_nanoseconds_builds_and_rebuilds(content: Path, tmp_path: Path, site: Site) -> None:
    import os

    # 2300: past what SQLite's 64-bit integers hold in nanoseconds (2262); `touch -d 2300-01-01` does it.
    when = int((datetime(2300, 1, 1, tzinfo=UTC) - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds())
    odd = content / "two.md"
    os.utime(odd, (when, when))
    assert abs(odd.stat().st_mtime_ns) > 2**63 - 1  # the file system holds it; a signed 64-bit integer does not
    first = run(site, content, tmp_path)
    assert first.published == 3 and not first.errors
    post(content, "two.md", "Two, edited", "beta", "2025-02-01")
    os.utime(odd, (when, when))
    again = run(site, content, tmp_path)
    assert "Two, edited" in (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build(site, content, clean, at=AT)
    assert tree(tmp_path / "out") == tree(clean) and not again.errors
