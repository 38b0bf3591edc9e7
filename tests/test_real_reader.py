"""A real feed reader: Debian's newsboat reloads every RSS and Atom feed from ``feeds serve`` and
imports our OPML. (newsboat 2.21 reads no JSON Feed, so the JSON twins are checked elsewhere.)"""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import feedparser
import pytest

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.serve import make_server

from .conftest import SEEDS, TEST_SITE, require_binary

AT = datetime(2026, 11, 1, tzinfo=UTC)
# Korean articles with tags, authors and dates: the seeds plus two written for this test.
EXTRA = {
    "kim.md": "---\ntitle: 김 기자의 두 번째 글\ndate: 2025-06-01 09:30\nauthor: 김철수\ntags: [AI, 뉴스]\n---\n\n본문.\n",  # noqa: E501
    "lee.md": "---\ntitle: Third, in English\ndate: 2024-12-31\nauthors: [Lee, Park]\ntags: [뉴스]\n---\n\nBody.\n",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("reader")
    content = root / "content"
    content.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (content / seed.name).write_bytes(seed.read_bytes())
    for name, text in EXTRA.items():
        (content / name).write_text(text, encoding="utf-8")
    out = root / "out"
    assert not build(site_from_mapping(TEST_SITE), content, out, at=AT).errors
    httpd = make_server(out, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", out
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def newsboat(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = require_binary("newsboat")
    (tmp_path / "config").touch()
    return subprocess.run(
        [binary, "-C", str(tmp_path / "config"), "-c", str(tmp_path / "cache.db"), *args],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_newsboat_reloads_every_feed_with_every_entry(served: tuple[str, Path], tmp_path: Path) -> None:
    base, out = served
    feeds = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml") if p.name != "sitemap.xml")
    assert len(feeds) == 2 * 8  # main, AI, 뉴스 and five authors: RSS and Atom each
    urls = [base + quote(f) for f in feeds]
    (tmp_path / "urls").write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
    newsboat(tmp_path, "-u", str(tmp_path / "urls"), "-x", "reload")
    with sqlite3.connect(tmp_path / "cache.db") as db:
        loaded = {row[0] for row in db.execute("SELECT rssurl FROM rss_feed WHERE title != ''")}
        items = {row[0]: row[1:] for row in db.execute("SELECT guid, title, author, pubDate, url FROM rss_item")}
    assert loaded == set(urls)
    # newsboat keeps one item per guid however many feeds carry it: every entry of every feed is there.
    expected = {}
    for feed in feeds:
        for entry in feedparser.parse((out / feed).read_bytes()).entries:
            published = int(datetime(*entry.published_parsed[:6], tzinfo=UTC).timestamp())
            expected[entry.id] = (entry.title, ", ".join(a.name for a in entry.authors), published, entry.link)
    assert len(expected) == 4
    assert set(items) == set(expected)
    for guid, (title, author, published, link) in items.items():
        want_title, want_authors, want_published, want_link = expected[guid]
        assert (title, published, link) == (want_title, want_published, want_link), guid
        # With several authors newsboat keeps one of them (the last dc:creator), else all.
        assert author == want_authors or author in want_authors.split(", "), guid
    assert items["https://example.com/posts/kim/"] == (
        "김 기자의 두 번째 글", "김철수", int(datetime(2025, 6, 1, 0, 30, tzinfo=UTC).timestamp()),
        "https://example.com/posts/kim/",
    )  # fmt: skip


def test_newsboat_imports_our_opml(served: tuple[str, Path], tmp_path: Path) -> None:
    _, out = served
    (tmp_path / "urls").touch()
    newsboat(tmp_path, "-u", str(tmp_path / "urls"), "-i", str(out / "feeds.opml"))
    imported = (tmp_path / "urls").read_text(encoding="utf-8").split()
    assert sorted(imported) == sorted(
        "https://example.com/" + quote(p.relative_to(out).as_posix()) for p in out.rglob("rss.xml")
    )
    assert len(imported) == 8
