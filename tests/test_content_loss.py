"""One file, one failure: whatever a new or broken file does, published articles stay published."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import feeds.build
import feeds.load
import feeds.sources
from feeds.build import BuildResult, build
from feeds.config import Site
from feeds.sources import Found

AT = datetime(2026, 11, 1, tzinfo=UTC)


def post(folder: Path, name: str, title: str, slug: str = "", date: str = "2025-01-01", tags: str = "dup") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"title: {title}", f"date: {date}", f"tags: [{tags}]"] + ([f"slug: {slug}"] if slug else [])
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\nBody of " + title + ".\n", encoding="utf-8")
    return path


def titles(out: Path, folder: str = "") -> list[str]:
    feed = out / folder / "feed.json"
    if not feed.is_file():
        return []
    return [item["title"] for item in json.loads(feed.read_text("utf-8"))["items"]]


@pytest.fixture(params=["cache", "no-cache"])
def builder(request: pytest.FixtureRequest, tmp_path: Path, site: Site) -> object:
    cache = tmp_path / "cache" if request.param == "cache" else None

    def run(content: Path) -> BuildResult:
        return build(site, content, tmp_path / "out", at=AT, cache_dir=cache)

    return run


# --------------------------------------------------------------------------- a slug taken again
@pytest.mark.parametrize("date", ["2025-06-01", "2024-01-01", "2025-01-01"])
def test_a_newcomer_reusing_a_published_slug_is_the_error_not_the_established_article(
    tmp_path: Path, builder: object, date: str
) -> None:
    run = builder  # type: ignore[assignment]
    content = tmp_path / "content"
    post(content, "old.md", "Old", slug="same")
    post(content, "other.md", "Other", tags="misc")
    first = run(content)
    assert not first.errors and titles(tmp_path / "out", "tags/dup") == ["Old"]
    # Sorts first, and is dated later, earlier or the same: the published article keeps its place.
    post(content, "a-new.md", "Old" if date == "2025-01-01" else "New", slug="same", date=date)
    for _ in range(3):  # and keeps it, build after build, changed or not
        result = run(content)
        assert [e.path for e in result.errors] == [str(content / "a-new.md")]
        assert result.errors[0].message == (
            "same slug 'same' and link 'https://example.com/posts/same/' as old.md, which was published "
            "before it; this file is not published"
        )
        assert result.published == 2
        out = tmp_path / "out"
        assert sorted(titles(out)) == ["Old", "Other"] and titles(out, "tags/dup") == ["Old"]
        body = json.loads((out / "feed.json").read_text("utf-8"))["items"]
        assert any(item["content_html"] == "<p>Body of Old.</p>" for item in body)
        os.utime(content / "a-new.md", ns=(1, (content / "a-new.md").stat().st_mtime_ns + 10**9))


def test_the_newcomer_publishes_once_the_established_article_gives_up_the_slug(tmp_path: Path, builder: object) -> None:
    run = builder  # type: ignore[assignment]
    content = tmp_path / "content"
    post(content, "old.md", "Old", slug="same")
    run(content)
    post(content, "a-new.md", "New", slug="same", date="2025-06-01")
    assert len(run(content).errors) == 1
    (content / "old.md").unlink()
    result = run(content)
    assert not result.errors and titles(tmp_path / "out") == ["New"]


def test_an_established_article_that_takes_a_published_slug_is_the_newcomer(tmp_path: Path, builder: object) -> None:
    run = builder  # type: ignore[assignment]
    content = tmp_path / "content"
    post(content, "b.md", "B", slug="bee")
    post(content, "z.md", "Z", slug="zed", tags="zz")
    run(content)
    post(content, "z.md", "Z", slug="bee", tags="zz")  # takes b.md's slug
    result = run(content)
    assert [e.path for e in result.errors] == [str(content / "z.md")]
    assert "same slug 'bee' and link 'https://example.com/posts/bee/' as b.md" in str(result.errors[0])
    assert titles(tmp_path / "out") == ["B"]


def test_two_new_files_with_one_slug_publish_neither(tmp_path: Path, builder: object) -> None:
    run = builder  # type: ignore[assignment]
    content = tmp_path / "content"
    post(content, "keep.md", "Keep", tags="other")
    run(content)
    post(content, "a.md", "A", slug="same")
    post(content, "b.md", "B", slug="same")
    result = run(content)
    assert [e.path for e in result.errors] == [str(content / "a.md"), str(content / "b.md")]
    assert all("neither is published" in str(e) for e in result.errors)
    assert titles(tmp_path / "out") == ["Keep"]


# --------------------------------------------------------------------------- a folder gone bad
def outside_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere"
    post(outside, "a.md", "Planted A")
    return outside


BAD_LINKS = {
    "outside": lambda tmp_path: outside_folder(tmp_path),
    "broken": lambda tmp_path: tmp_path / "nowhere",
}


@pytest.mark.parametrize("how", sorted(BAD_LINKS))
def test_a_folder_swapped_for_a_bad_symlink_keeps_every_file_below_it(tmp_path: Path, site: Site, how: str) -> None:
    content = tmp_path / "content"
    post(content, "news/a.md", "News A")
    post(content, "news/deep/b.md", "News B", tags="deep")
    post(content, "top.md", "Top", tags="top")
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")  # noqa: E731
    assert not run().errors
    before = sorted(titles(tmp_path / "out"))
    shutil.rmtree(content / "news")
    (content / "news").symlink_to(BAD_LINKS[how](tmp_path), target_is_directory=True)
    for _ in range(2):  # and the next build, with nothing changed, says the same
        result = run()
        assert sorted(titles(tmp_path / "out")) == before == ["News A", "News B", "Top"]
        assert titles(tmp_path / "out", "tags/deep") == ["News B"]
        assert result.kept == [str(content / "news/a.md"), str(content / "news/deep/b.md")]
        assert [e.path for e in result.errors] == [str(content / "news")]
        assert "symbolic link" in result.errors[0].message
    (content / "news").unlink()
    post(content, "news/a.md", "News A, fixed")
    result = run()
    assert not result.errors and not result.kept
    assert sorted(titles(tmp_path / "out")) == ["News A, fixed", "Top"]


def test_a_single_file_swapped_for_a_symlink_outside_keeps_its_last_good_version(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    post(content, "news/a.md", "News A")
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")  # noqa: E731
    run()
    (content / "news/a.md").unlink()
    (content / "news/a.md").symlink_to(outside_folder(tmp_path) / "a.md")
    result = run()
    assert result.kept == [str(content / "news/a.md")] and titles(tmp_path / "out") == ["News A"]


# --------------------------------------------------------------------------- edits the stat hides
def old_enough(*paths: Path) -> None:
    """Files last changed well before the build: not racy."""
    for path in paths:
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 5 * 10**9))


def same_stat_edit(path: Path, text: str) -> None:
    """Rewrite ``path`` with bytes of the same size and put its mtime back, as rsync -t or a restore does."""
    st = path.stat()
    data = text.encode()
    assert len(data) == st.st_size
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("cache", [True, False])
def test_an_edit_that_keeps_size_and_mtime_is_rebuilt(tmp_path: Path, site: Site, cache: bool) -> None:
    content = tmp_path / "content"
    one = post(content, "one.md", "Title A", tags="alpha")
    two = post(content, "two.md", "Other", tags="beta")
    old_enough(one, two)
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache" if cache else None)  # noqa: E731
    run()
    assert sorted(titles(tmp_path / "out")) == ["Other", "Title A"]
    same_stat_edit(one, one.read_text("utf-8").replace("Title A", "Title B"))
    result = run()
    assert not result.nothing_changed
    assert sorted(titles(tmp_path / "out")) == ["Other", "Title B"]
    # A body-only edit too (the plan of the last build holds: the edit build).
    same_stat_edit(one, one.read_text("utf-8").replace("Body of Title B", "Body of Title C"))
    run()
    items = json.loads((tmp_path / "out" / "feed.json").read_text("utf-8"))["items"]
    assert [item["content_html"] for item in items if item["title"] == "Title B"] == ["<p>Body of Title C.</p>"], items


def test_a_file_renamed_over_another_with_the_same_stat_is_rebuilt(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    one = post(content, "one.md", "Title A")
    old_enough(one)
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")  # noqa: E731
    run()
    st = one.stat()
    new = post(content, ".one.md.new", "Title B")
    os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
    new.replace(one)  # an atomic save: a new inode, the old size and mtime
    assert (one.stat().st_size, one.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert not run().nothing_changed and titles(tmp_path / "out") == ["Title B"]


def test_racy_files_are_read_again_until_they_settle_then_no_change_reads_nothing(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    one = post(content, "one.md", "Title A")
    two = post(content, "two.md", "Title Two")
    old_enough(two)
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")  # noqa: E731
    run()  # one.md was written in this second: racy
    # Files may be read in the guard's worker processes: each read is logged to a file, which the
    # workers' appends reach, not to a list in this process.
    log = tmp_path / "reads.log"
    log.touch()
    real = feeds.sources.read_bytes

    def reading(path: str | Path, *args: object, **kwargs: object) -> bytes:
        with log.open("a", encoding="utf-8") as f:
            f.write(Path(path).name + "\n")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    def reads() -> list[str]:
        names = log.read_text(encoding="utf-8").split()
        log.write_text("", encoding="utf-8")
        return names

    monkeypatch.setattr(feeds.sources, "read_bytes", reading)
    monkeypatch.setattr(feeds.load, "read_bytes", reading)
    assert run().nothing_changed and reads() == ["one.md"]  # its bytes may have changed unseen: read again
    old_enough(one)  # the second is long past (its times moved, so it is read once more)
    assert not run().nothing_changed and reads() == ["one.md"]
    again = run()
    assert again.nothing_changed and reads() == []


def coarse(real: Callable[..., tuple[list[Found], list[object]]]) -> Callable[..., tuple[list[Found], list[object]]]:
    """``discover`` on a file system that keeps whole seconds, and no change time."""

    def discover(*args: object, **kwargs: object) -> tuple[list[Found], list[object]]:
        stats, refused = real(*args, **kwargs)
        for st in stats:
            st.mtime_ns, st.ctime_ns = st.mtime_ns // 10**9 * 10**9, 0
        return stats, refused

    return discover


@pytest.mark.parametrize("racy_again", [True, False])
def test_an_edit_in_the_second_of_the_last_build_is_seen(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch, racy_again: bool
) -> None:
    content = tmp_path / "content"
    one = post(content, "one.md", "Title A")
    second = one.stat().st_mtime_ns // 10**9 * 10**9
    monkeypatch.setattr(feeds.build, "discover", coarse(feeds.sources.discover))
    monkeypatch.setattr(feeds.build, "racy_since", lambda now: second)  # the build runs in that second
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")  # noqa: E731
    run()
    same_stat_edit(one, one.read_text("utf-8").replace("Title A", "Title B"))  # in the same second
    if not racy_again:
        monkeypatch.setattr(feeds.build, "racy_since", lambda now: second + 10**9)
    assert not run().nothing_changed and titles(tmp_path / "out") == ["Title B"]


def test_a_cache_of_the_last_schema_is_dropped_not_crashed_on(tmp_path: Path, site: Site) -> None:
    import sqlite3

    content = tmp_path / "content"
    post(content, "one.md", "Title A")
    cache = tmp_path / "cache"
    cache.mkdir()
    db = sqlite3.connect(cache / "cache.sqlite")
    db.executescript(
        """
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (source TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
            digest TEXT NOT NULL, doc TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE metas (source TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
            digest TEXT NOT NULL, meta TEXT NOT NULL);
        CREATE TABLE html (key TEXT PRIMARY KEY, html TEXT NOT NULL);
        CREATE TABLE outputs (path TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL);
        INSERT INTO metas VALUES ('one.md', 1, 2, 'x', '[]');
        INSERT INTO documents VALUES ('one.md', 1, 2, 'x', '[]', '');
        """
    )
    from feeds import __version__

    db.execute("INSERT INTO state VALUES ('stamp', ?)", (f"6/{__version__}",))
    db.commit()
    db.close()
    result = build(site, content, tmp_path / "out", at=AT, cache_dir=cache)
    assert not result.errors and titles(tmp_path / "out") == ["Title A"]


def test_with_a_new_cache_the_feeds_in_out_tell_which_article_was_published(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    post(content, "old.md", "Old", slug="same")
    build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")
    post(content, "a-new.md", "New", slug="same", date="2025-06-01")
    result = build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "lost")  # the cache was lost
    assert [e.path for e in result.errors] == [str(content / "a-new.md")]
    assert titles(tmp_path / "out") == ["Old"] and titles(tmp_path / "out", "tags/dup") == ["Old"]


def test_a_folder_that_cannot_be_listed_keeps_every_file_below_it(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    post(content, "news/a.md", "News A")
    post(content, "top.md", "Top", tags="top")
    run = lambda: build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")  # noqa: E731
    run()
    real = os.scandir

    def scandir(folder: str) -> object:
        if Path(folder).name == "news":
            raise PermissionError(13, "Permission denied", folder)
        return real(folder)

    monkeypatch.setattr(feeds.sources.os, "scandir", scandir)
    result = run()
    assert result.kept == [str(content / "news/a.md")] and [e.path for e in result.errors] == [str(content / "news")]
    assert sorted(titles(tmp_path / "out")) == ["News A", "Top"]


def test_a_newcomer_whose_link_is_a_published_articles_is_the_error(tmp_path: Path, builder: object) -> None:
    run = builder  # type: ignore[assignment]
    content = tmp_path / "content"
    post(content, "old.md", "Old")
    run(content)
    (content / "a-new.md").write_text(
        "---\ntitle: New\ndate: 2025-06-01\nlink: https://example.com/posts/old/\n---\nx\n", encoding="utf-8"
    )
    result = run(content)
    assert [(e.path, e.message) for e in result.errors] == [
        (
            str(content / "a-new.md"),
            "same link 'https://example.com/posts/old/' as old.md, which was published before it; "
            "this file is not published",
        )
    ]
    assert titles(tmp_path / "out") == ["Old"]
