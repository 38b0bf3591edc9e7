"""The sitemap is written again only when what it lists changes: an edit to an article's text
leaves it as it was (its mtime too); a new date rewrites it; either way it is a clean build's."""

from __future__ import annotations

from pathlib import Path

from feeds.build import build
from feeds.config import load_site

from .conftest import write_site_toml


def write_post(content: Path, i: int, date: str = "2025-03-01", extra: str = "") -> None:
    (content / f"post-{i}.md").write_text(
        f"---\ntitle: Post {i}\ndate: {date}T09:00:00+09:00\ntags: [a]\n---\n\nText {i}.{extra}\n", encoding="utf-8"
    )


def test_sitemap_written_only_when_what_it_lists_changes(tmp_path: Path) -> None:
    site = load_site(write_site_toml(tmp_path / "site.toml"))
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache"
    content.mkdir()
    for i in range(4):
        write_post(content, i, f"2025-03-0{i + 1}")
    build(site, content, out, cache_dir=cache)
    sitemap = out / "sitemap.xml"
    before = sitemap.stat().st_mtime_ns, sitemap.read_bytes()

    write_post(content, 0, "2025-03-01", extra=" Edited.")
    build(site, content, out, cache_dir=cache)
    assert (sitemap.stat().st_mtime_ns, sitemap.read_bytes()) == before

    write_post(content, 0, "2025-03-09", extra=" Edited.")
    build(site, content, out, cache_dir=cache)
    build(site, content, tmp_path / "clean")
    assert sitemap.read_bytes() != before[1]
    assert sitemap.read_bytes() == (tmp_path / "clean" / "sitemap.xml").read_bytes()
