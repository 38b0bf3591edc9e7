"""One file, one failure: whatever a new or broken file does, published articles stay published."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import BuildResult, build
from feeds.config import Site

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
        message = str(result.errors[0])
        assert "same slug 'same' as old.md" in message and "not published" in message
        assert "neither" not in message
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
    assert "same slug 'bee' as b.md" in str(result.errors[0])
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
