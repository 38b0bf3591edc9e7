"""Discovery from the site URL, done the way a feed reader's autodiscovery does it (feedparser and
newsboat do not discover): GET the site URL from ``feeds serve``, read the HTML, take the
``<link rel="alternate">`` tags with a feed media type, subscribe to the first one (the convention
readers follow), and check that every advertised feed is there and reads as that feed."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import html5lib
import jsonschema
import pytest

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.plan import newest_first
from feeds.validate import validate_paths

from .conftest import DATA, SEEDS, TEST_SITE, read_document

AT = datetime(2026, 11, 1, tzinfo=UTC)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
SCHEMA = json.loads((DATA / "jsonfeed" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
HTML_NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """``feeds serve --port 0`` on the seeds' build, as a process of its own; stopped at the end."""
    out = tmp_path_factory.mktemp("discovery") / "out"
    assert not build(site_from_mapping(TEST_SITE), SEEDS, out, at=AT).errors
    command = [sys.executable, "-m", "feeds", "serve", "--port", "0", "--out", str(out)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()  # "serving <out> at http://127.0.0.1:<port>/", or EOF if it died
            assert line.startswith("serving "), line + (proc.stderr.read() if proc.poll() is not None else "")
            yield int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept": "text/html"})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def local_path(href: str) -> str:
    """The served path of an advertised URL: the site is configured at https://example.com/,
    which the local server stands in for; run where settings with that url are found (the
    repository's pyproject.toml), it names itself instead (the path stays percent-encoded, as a
    reader sends it)."""
    url = urljoin(TEST_SITE["url"], href)
    home = re.match(r"http://127\.0\.0\.1:\d+/", url)
    assert url.startswith(TEST_SITE["url"]) or home, url  # every feed lives under the site
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def discovered(port: int) -> list[tuple[str, str, str]]:
    """(type, title, href) of each feed the site URL advertises, in document order."""
    status, media_type, body = get(port, "/")
    assert status == 200 and media_type.split(";")[0] == "text/html"
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("lxml"))
    root = parser.parse(body).getroot()
    assert not parser.errors
    head = root.find(f"{HTML_NS}head")
    assert head is not None
    return [
        (link.get("type", "").strip().lower(), link.get("title", ""), link.get("href", ""))
        for link in head.iter(f"{HTML_NS}link")
        if "alternate" in link.get("rel", "").lower().split() and link.get("type", "").strip().lower() in FEED_TYPES
    ]


def document_titles() -> list[str]:
    """The titles of the build's documents, newest first: what the main feed must carry."""
    site = site_from_mapping(TEST_SITE)
    return [d.title for d in newest_first(read_document(p, SEEDS, site) for p in sorted(SEEDS.iterdir()))]


def test_first_alternate_is_the_main_rss_feed(served: int) -> None:
    feeds = discovered(served)
    assert feeds, "the site URL advertises no feed"
    kind, title, href = feeds[0]  # readers subscribe to the first alternate
    assert kind == "application/rss+xml" and local_path(href) == "/rss.xml"
    assert title.startswith(TEST_SITE["title"])


def test_every_discovered_feed_reads_as_the_main_feed(served: int, tmp_path: Path) -> None:
    titles = document_titles()
    assert len(titles) == 2
    feeds = discovered(served)
    assert sorted(kind for kind, _, _ in feeds) == sorted(FEED_TYPES)  # each format once
    for kind, _, href in feeds:
        status, media_type, body = get(served, local_path(href))
        assert status == 200 and media_type.split(";")[0] == kind, href
        if kind == "application/feed+json":
            document = json.loads(body.decode("utf-8"))
            jsonschema.Draft202012Validator(SCHEMA).validate(document)
            assert document["feed_url"] == urljoin(TEST_SITE["url"], href)
            assert [item["title"] for item in document["items"]] == titles
            saved = tmp_path / "feed.json"  # feeds validate reads files: the bytes as served
            saved.write_bytes(body)
            assert [f for f in validate_paths([saved]) if f.level != "info"] == []
        else:
            parsed = feedparser.parse(body)
            assert not parsed.bozo, (href, parsed.get("bozo_exception"))
            assert parsed.version == ("rss20" if kind == "application/rss+xml" else "atom10")
            assert [entry.title for entry in parsed.entries] == titles
