"""Per-author feeds: out/authors/<slug>/ holds each author's feed, as out/tags/<slug>/ a tag's."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from feeds.build import BuildResult, build
from feeds.config import Site
from feeds.slugs import MAX_SLUG_BYTES
from feeds.validate import validate_paths

from .conftest import SEEDS, read_document, tree

AT = datetime(2026, 11, 1, tzinfo=UTC)
FILES = ("atom.xml", "feed.json", "index.html", "rss.xml")


def post(folder: Path, name: str, title: str, authors: list[str] | None, date: str = "2025-01-01") -> None:
    meta: dict[str, object] = {"title": title, "date": date, "tags": ["alpha"]}
    if authors is not None:
        meta["authors"] = authors
    (folder / name).write_text(json.dumps(meta, ensure_ascii=False) + "\n\nBody of " + title + ".\n", encoding="utf-8")


def run(site: Site, content: Path, tmp_path: Path, cache: bool = True) -> BuildResult:
    result = build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache" if cache else None)
    assert not result.errors, result.errors
    return result


def authors(out: Path) -> dict[str, tuple[str, list[str]]]:
    """Each author folder -> (the feed's title, its entries' titles), read back with feedparser."""
    found = {}
    for folder in sorted((out / "authors").iterdir()) if (out / "authors").is_dir() else []:
        parsed = feedparser.parse((folder / "atom.xml").read_bytes())
        found[folder.name] = (parsed.feed.title, [e.title for e in parsed.entries])
    return found


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "one.md", "One", ["Ada Lovelace"], "2025-01-01")
    post(folder, "two.md", "Two", ["ada lovelace", "Grace Hopper"], "2025-02-01")
    post(folder, "three.md", "Three", None, "2025-03-01")  # no author of its own: the site's
    return folder


def test_one_feed_per_author_however_spelled(content: Path, tmp_path: Path, site: Site) -> None:
    site = replace(site, author="Site Editor")
    run(site, content, tmp_path)
    out = tmp_path / "out"
    assert authors(out) == {
        "ada-lovelace": ("Test site: Ada Lovelace", ["Two", "One"]),
        "grace-hopper": ("Test site: Grace Hopper", ["Two"]),
    }  # and no feed of the site's author: "Three" is in the main feed, whose every entry it would repeat
    assert sorted(tree(out / "authors")) == [f"{a}/{f}" for a in ("ada-lovelace", "grace-hopper") for f in FILES]
    entry = feedparser.parse((out / "authors/grace-hopper/rss.xml").read_bytes()).entries[0]
    assert entry.link == "https://example.com/posts/two/"
    three = next(e for e in feedparser.parse((out / "atom.xml").read_bytes()).entries if e.title == "Three")
    assert [a.name for a in three.authors] == ["Site Editor"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="authors">Feeds by author</h2>' in page
    assert '<a href="https://example.com/authors/ada-lovelace/">Ada Lovelace</a>' in page
    opml = (out / "feeds.opml").read_text(encoding="utf-8")
    assert 'text="Grace Hopper" title="Test site: Grace Hopper"' in opml
    assert 'xmlUrl="https://example.com/authors/ada-lovelace/rss.xml"' in opml
    assert 'description="Articles by Ada Lovelace on Test site (2 articles)"' in opml
    assert [f for f in validate_paths([out]) if f.level != "info"] == []


def test_a_document_that_names_the_site_author_puts_them_in_a_feed(tmp_path: Path, site: Site) -> None:
    """Only the fallback makes no feed: an author named by the articles is an author like any other."""
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "one.md", "One", ["Site Editor"])
    post(folder, "two.md", "Two", None, "2025-02-01")
    run(replace(site, author="Site Editor"), folder, tmp_path)
    assert authors(tmp_path / "out") == {"site-editor": ("Test site: Site Editor", ["One"])}


def test_news_reporters_are_authors(tmp_path: Path, site: Site) -> None:
    news = SEEDS / "004_41dab7516fac43bd.txt"
    assert [a.name for a in read_document(news, SEEDS, site).authors] == ["전윤미"]
    run(site, SEEDS, tmp_path)
    found = authors(tmp_path / "out")
    assert found["전윤미"] == ("Test site: 전윤미", ["오랜 '동지' MS와 오픈AI, 이젠 ‘적(敵)’으로 돌아서"])
    assert found["sangyong"][1] == ["AI 산업의 성공 속에 OpenAI가 실패한다면"]


def test_author_feeds_can_be_turned_off(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    with_authors = tree(tmp_path / "out")
    run(replace(site, author_feeds=False), content, tmp_path)
    out = tmp_path / "out"
    assert not (out / "authors").exists()  # the feeds of the last build went, and their folders
    without = tree(out)
    clean = tmp_path / "clean"
    build(replace(site, author_feeds=False), content, clean, at=AT)
    assert without == tree(clean)
    # Nothing else differs but the listings of the author feeds.
    same = {rel for rel in without if rel not in ("index.html", "feeds.opml", "sitemap.xml")}
    assert {rel: with_authors[rel] for rel in same} == {rel: without[rel] for rel in same}
    assert set(with_authors) - set(without) == {
        f"authors/{a}/{f}" for a in ("ada-lovelace", "grace-hopper") for f in FILES
    }
    assert b"authors/" not in without["index.html"] + without["feeds.opml"] + without["sitemap.xml"]


def test_slugs_are_safe_and_never_collide(tmp_path: Path, site: Site) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    long_name = "가" * 60  # 180 bytes in UTF-8
    names = ["../../etc", "..", "/", "Kim-Lee", "Kim Lee", long_name, long_name + "나", "<script>"]
    for i, name in enumerate(names):
        post(folder, f"p{i}.md", f"P{i}", [name], f"2025-01-{i + 1:02d}")
    run(site, folder, tmp_path)
    out = tmp_path / "out"
    found = authors(out)
    assert len(found) == len(names)  # one folder each: no two authors share one
    assert {title.removeprefix("Test site: ") for title, _ in found.values()} == set(names)
    for slug in found:
        assert "/" not in slug and slug not in (".", "..") and len(slug.encode()) <= MAX_SLUG_BYTES + 16
    assert "etc" in found and "kim-lee" in found and "script" in found
    assert all((out / "authors" / slug).resolve().parent == (out / "authors").resolve() for slug in found)
    assert sorted(p.name for p in out.iterdir()) == ["atom.xml", "authors", "feed.json", "feeds.opml", "index.html",
                                                     "posts", "robots.txt", "rss.xml", "sitemap.xml",
                                                     "tags"]  # fmt: skip


@pytest.mark.parametrize("cache", [True, False])
def test_an_author_keeps_their_slug_when_a_newcomer_wants_it(tmp_path: Path, site: Site, cache: bool) -> None:
    """As a tag does: from the cache's memory, or (without one) from out/authors/*/ read back."""
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "one.md", "One", ["Kim Lee"])
    run(site, folder, tmp_path, cache)
    assert list(authors(tmp_path / "out")) == ["kim-lee"]
    post(folder, "two.md", "Two", ["Kim-Lee"], "2025-02-01")  # its name is its slug: it would win a tie
    run(site, folder, tmp_path, cache)
    found = authors(tmp_path / "out")
    assert found["kim-lee"] == ("Test site: Kim Lee", ["One"])
    newcomer = next(slug for slug in found if slug != "kim-lee")
    assert newcomer.startswith("kim-lee-") and found[newcomer] == ("Test site: Kim-Lee", ["Two"])


def test_an_edit_that_changes_an_author_rewrites_their_feeds(content: Path, tmp_path: Path, site: Site) -> None:
    for path in content.iterdir():  # saved well before the build: none is racy (feeds.sources.Found)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 5 * 10**9))
    run(site, content, tmp_path)
    out = tmp_path / "out"
    before = mtimes(out)
    post(content, "two.md", "Two", ["Grace Hopper", "Alan Turing"], "2025-02-01")  # Ada leaves, Alan comes
    result = run(site, content, tmp_path)
    assert authors(out) == {
        "ada-lovelace": ("Test site: Ada Lovelace", ["One"]),
        "alan-turing": ("Test site: Alan Turing", ["Two"]),
        "grace-hopper": ("Test site: Grace Hopper", ["Two"]),
    }
    assert {f"authors/{a}/{f}" for a in ("ada-lovelace", "alan-turing") for f in FILES} <= set(result.written)
    # Grace's feed shows the same entry with other authors: it is written too; nothing else of hers moves.
    assert "authors/grace-hopper/atom.xml" in result.written
    post(content, "one.md", "One", ["Alan Turing"])  # Ada's last article: her feed goes
    result = run(site, content, tmp_path)
    assert {f"authors/ada-lovelace/{f}" for f in FILES} <= set(result.removed)
    assert not (out / "authors" / "ada-lovelace").exists()
    assert authors(out)["alan-turing"][1] == ["Two", "One"]
    clean = tmp_path / "clean"
    build(site, content, clean, at=AT)
    assert tree(out) == tree(clean)
    assert before  # the first build wrote them all


def test_a_body_edit_rewrites_only_that_authors_feeds(content: Path, tmp_path: Path, site: Site) -> None:
    for path in content.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 5 * 10**9))
    run(site, content, tmp_path)
    out = tmp_path / "out"
    before = mtimes(out)
    text = (content / "one.md").read_text(encoding="utf-8")
    (content / "one.md").write_text(text + "\nAnother paragraph.\n", encoding="utf-8")
    result = run(site, content, tmp_path)
    after = mtimes(out)
    moved = {rel for rel in after if after[rel] != before.get(rel)}
    assert {rel for rel in moved if rel.startswith("authors/")} == {f"authors/ada-lovelace/{f}" for f in FILES}
    assert not any(rel.startswith("authors/grace-hopper/") for rel in result.written)
    clean = tmp_path / "clean"
    build(site, content, clean, at=AT)
    assert tree(out) == tree(clean)


def test_a_lost_cache_leaves_no_dead_author_behind(content: Path, tmp_path: Path, site: Site) -> None:
    run(site, content, tmp_path)
    shutil.rmtree(tmp_path / "cache")
    post(content, "two.md", "Two", ["Ada Lovelace"], "2025-02-01")  # Grace's only article
    result = run(site, content, tmp_path)
    assert not (tmp_path / "out" / "authors" / "grace-hopper").exists()
    assert "authors/grace-hopper/rss.xml" in result.removed
    assert list(authors(tmp_path / "out")) == ["ada-lovelace"]
