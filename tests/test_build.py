"""End-to-end builds: golden feeds, determinism, drafts and future entries, bad files, path safety."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import build, lock_path
from feeds.config import Site, load_site

from .conftest import DATA, tree

SITES = DATA / "sites"
AT = datetime(2026, 11, 1, tzinfo=UTC)


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", sorted(p.name for p in SITES.iterdir()))
def test_golden_site(name: str, tmp_path: Path, update_golden: bool) -> None:
    source = SITES / name
    site = load_site(source / "site.toml")
    result = build(site, source / "content", tmp_path / "out", at=AT)
    assert not result.errors
    expected = source / "expected"
    if update_golden:
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(tmp_path / "out", expected)
    got, want = tree(tmp_path / "out"), tree(expected)
    assert sorted(got) == sorted(want)
    for rel in want:
        assert got[rel].decode() == want[rel].decode(), rel


def test_seed_site_layout(tmp_path: Path) -> None:
    site = load_site(SITES / "seeds" / "site.toml")
    build(site, SITES / "seeds" / "content", tmp_path, at=AT)
    assert sorted(tree(tmp_path)) == [
        "atom.xml",
        "authors/sangyong/atom.xml", "authors/sangyong/feed.json", "authors/sangyong/index.html",
        "authors/sangyong/rss.xml",
        "authors/전윤미/atom.xml", "authors/전윤미/feed.json", "authors/전윤미/index.html", "authors/전윤미/rss.xml",
        "feed.json", "feeds.opml", "index.html",
        "posts/000_6787f68949e09d7e/index.html", "posts/004_41dab7516fac43bd/index.html", "rss.xml", "sitemap.xml",
        "tags/ai/atom.xml", "tags/ai/feed.json", "tags/ai/index.html", "tags/ai/rss.xml",
    ]  # fmt: skip


def test_build_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Same input, same bytes: two processes with different hash seeds and an unpinned clock."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "feeds",
                "build",
                "-q",
                "--config",
                str(SITES / "seeds" / "site.toml"),
                "--content",
                str(SITES / "seeds" / "content"),
                "--out",
                str(out),
            ],
            check=True,
            env=env,
        )
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]
    assert outputs[0] == tree(SITES / "seeds" / "expected")


def test_rebuild_leaves_unchanged_files_alone(tmp_path: Path, seed_content: Path, site: Site) -> None:
    out = tmp_path / "out"
    build(site, seed_content, out, at=AT)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.xml")}
    result = build(site, seed_content, out, at=AT)
    # 5 top files, 4 of tags/ai/, 8 of the seeds' two authors, 2 article pages, sitemap, robots.txt
    assert result.written == [] and len(result.unchanged) == 17 + 2 + 2
    assert mtimes == {p: p.stat().st_mtime_ns for p in out.rglob("*.xml")}


def test_drafts_and_future_entries_are_skipped(tmp_path: Path, seed_content: Path, site: Site) -> None:
    write(seed_content, "draft.md", "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\ntags: [secret]\n---\nx\n")
    write(seed_content, "future.md", "---\ntitle: Future\ndate: 2026-12-01\ntags: [later]\n---\nx\n")
    out = tmp_path / "out"
    result = build(site, seed_content, out, at=AT)
    assert not result.errors and result.published == 2
    assert sorted(reason.split(" ")[0] for _, reason in result.skipped) == ["dated", "draft"]
    assert not (out / "tags" / "secret").exists() and not (out / "tags" / "later").exists()
    assert b"Future" not in (out / "atom.xml").read_bytes()
    result = build(site, seed_content, out, at=AT, include_future=True)
    assert result.published == 3 and (out / "tags" / "later" / "atom.xml").is_file()


def test_source_date_epoch_is_now(
    tmp_path: Path, seed_content: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(seed_content, "future.md", "---\ntitle: Future\ndate: 2030-01-01\n---\nx\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2031, 1, 1, tzinfo=UTC).timestamp())))
    assert build(site, seed_content, tmp_path / "out").published == 3
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2029, 1, 1, tzinfo=UTC).timestamp())))
    assert build(site, seed_content, tmp_path / "out").published == 2


def test_bad_file_does_not_break_other_feeds(tmp_path: Path, seed_content: Path, site: Site) -> None:
    write(seed_content, "broken.md", "---\ntitle: Broken\ndate: someday\n---\nx\n")
    out = tmp_path / "out"
    result = build(site, seed_content, out, at=AT)
    assert [str(e) for e in result.errors] == [
        f"{seed_content}/broken.md:3: field 'date': unrecognised date 'someday' (expected e.g. 2025-03-10, "
        "2025-03-10T14:30:00+09:00, RFC 2822, 'March 10, 2025', '2025년 3월 10일')"
    ]
    assert result.published == 2 and (out / "tags" / "ai" / "rss.xml").is_file()


def test_strict_writes_nothing_on_error(tmp_path: Path, seed_content: Path, site: Site) -> None:
    write(seed_content, "broken.md", "no metadata at all\n")
    result = build(site, seed_content, tmp_path / "out", at=AT, strict=True)
    assert len(result.errors) == 1 and not (tmp_path / "out").exists()


def test_duplicate_slugs_publish_neither(tmp_path: Path, seed_content: Path, site: Site) -> None:
    for name in ("a.md", "b.md"):
        write(seed_content, name, f"---\ntitle: {name}\ndate: 2025-01-01\nslug: same\ntags: [dup]\n---\nx\n")
    result = build(site, seed_content, tmp_path / "out", at=AT)
    messages = sorted(str(e) for e in result.errors)
    assert len(messages) == 2
    assert "same slug 'same' as b.md" in messages[0] and "same slug 'same' as a.md" in messages[1]
    assert all("neither is published" in m for m in messages)
    assert result.published == 2 and not (tmp_path / "out" / "tags" / "dup").exists()


HOSTILE_TAGS = ["../x", "a/b", ".", "..", "", " ", "/etc/passwd", "..\\..\\win", "%2e%2e", "C:", "~", "\0x", "a\nb"]


def test_hostile_tags_stay_inside_out_tags(tmp_path: Path, seed_content: Path, site: Site) -> None:
    meta = {"title": "Hostile", "date": "2025-01-01", "tags": HOSTILE_TAGS, "slug": "../../x"}
    write(seed_content, "hostile.md", json.dumps(meta) + "\nbody\n")
    out = tmp_path / "site" / "out"
    result = build(site, seed_content, out, at=AT)
    assert not result.errors
    cache = tmp_path / "site" / ".feeds-cache"
    written = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and seed_content not in p.parents and cache not in p.parents and p != lock_path(out)
    ]
    assert written and all(out in p.parents for p in written)
    for p in written:
        rel = p.relative_to(out)
        top = {("rss.xml",), ("atom.xml",), ("feed.json",), ("index.html",), ("feeds.opml",)}
        top |= {("sitemap.xml",), ("robots.txt",)}
        assert rel.parts in top or (len(rel.parts) == 3 and rel.parts[0] in ("tags", "authors", "posts")), rel
        assert rel.parts[1] not in (".", "..") if len(rel.parts) == 3 else True


def test_tag_feed_of_removed_tag_is_deleted(tmp_path: Path, seed_content: Path, site: Site) -> None:
    write(seed_content, "tagged.md", "---\ntitle: T\ndate: 2025-01-01\ntags: [gone]\n---\nx\n")
    out = tmp_path / "out"
    build(site, seed_content, out, at=AT)
    assert (out / "tags" / "gone" / "atom.xml").is_file()
    (seed_content / "tagged.md").unlink()
    result = build(site, seed_content, out, at=AT)
    assert sorted(result.removed) == [
        "tags/gone/atom.xml",
        "tags/gone/feed.json",
        "tags/gone/index.html",
        "tags/gone/rss.xml",
    ]
    assert not (out / "tags" / "gone").exists()


def test_korean_tag_feed_urls_are_percent_encoded(tmp_path: Path, seed_content: Path, site: Site) -> None:
    write(seed_content, "news.md", "---\ntitle: 뉴스 글\ndate: 2025-01-01\ntags: [뉴스]\n---\n[rel](../a b/)\n")
    out = tmp_path / "out"
    build(site, seed_content, out, at=AT)
    atom = (out / "tags" / "뉴스" / "atom.xml").read_text(encoding="utf-8")
    assert '<link href="https://example.com/tags/%EB%89%B4%EC%8A%A4/atom.xml" rel="self"' in atom
    assert "https://example.com/posts/a%20b/" in atom
    rss = (out / "tags" / "뉴스" / "rss.xml").read_text(encoding="utf-8")
    assert '<atom:link href="https://example.com/tags/%EB%89%B4%EC%8A%A4/rss.xml" rel="self"' in rss
