"""A real feed reader follows one author: Debian's newsboat reloads author feeds from ``feeds serve``."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.serve import make_server

from .conftest import SEEDS, TEST_SITE
from .test_real_reader import EXTRA, newsboat

AT = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("authors")
    content = root / "content"
    content.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (content / seed.name).write_bytes(seed.read_bytes())
    for name, text in EXTRA.items():
        (content / name).write_text(text, encoding="utf-8")
    (content / "kim2.md").write_text(
        "---\ntitle: 김 기자의 세 번째 글\ndate: 2025-07-01\nauthor: 김철수\n---\n\n본문.\n", encoding="utf-8"
    )
    out = root / "out"
    assert not build(site_from_mapping(TEST_SITE), content, out, at=AT).errors
    httpd = make_server(out, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_newsboat_reads_an_authors_feed(served: str, tmp_path: Path, name: str) -> None:
    kim, lee, reporter = (served + quote(f"authors/{slug}/{name}") for slug in ("김철수", "lee", "전윤미"))
    (tmp_path / "urls").write_text(f"{kim}\n{lee}\n{reporter}\n", encoding="utf-8")
    newsboat(tmp_path, "-u", str(tmp_path / "urls"), "-x", "reload")
    with sqlite3.connect(tmp_path / "cache.db") as db:
        titles = dict(db.execute("SELECT rssurl, title FROM rss_feed"))
        rows = db.execute("SELECT feedurl, title, author, url FROM rss_item ORDER BY feedurl, pubDate DESC").fetchall()
    assert titles == {kim: "Test site: 김철수", lee: "Test site: Lee", reporter: "Test site: 전윤미"}
    shown = {url: [row[1:] for row in rows if row[0] == url] for url in (kim, lee, reporter)}
    assert shown[kim] == [
        ("김 기자의 세 번째 글", "김철수", "https://example.com/posts/kim2/"),
        ("김 기자의 두 번째 글", "김철수", "https://example.com/posts/kim/"),
    ]
    # Two authors: newsboat keeps one of them (the last dc:creator in RSS), both in Atom.
    assert [(title, url) for title, _, url in shown[lee]] == [("Third, in English", "https://example.com/posts/lee/")]
    assert shown[lee][0][1] in ("Lee", "Park", "Lee, Park")
    # The news reader's reporter, found in the article's byline.
    assert [(title, author) for title, author, _ in shown[reporter]] == [
        ("오랜 '동지' MS와 오픈AI, 이젠 ‘적(敵)’으로 돌아서", "전윤미")
    ]
