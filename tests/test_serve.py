"""``feeds serve`` against a real HTTP client on 127.0.0.1: media types, validators, 304s, gzip,
and ``--watch`` picking up a new article. Every server here stops by itself."""

from __future__ import annotations

import gzip
import http.client
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path

import pytest

from feeds.build import build
from feeds.config import Site
from feeds.serve import make_server

from .conftest import SEEDS, write_site_toml

AT = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    from feeds.config import site_from_mapping

    from .conftest import TEST_SITE

    out = tmp_path_factory.mktemp("out")
    assert not build(site_from_mapping(TEST_SITE), SEEDS, out, at=AT).errors
    httpd = make_server(out, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], out
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def get(port: int, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/feed.json", "application/feed+json; charset=utf-8"),
        ("/tags/ai/feed.json", "application/feed+json; charset=utf-8"),
        ("/feeds.opml", "text/x-opml; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/tags/ai/", "text/html; charset=utf-8"),
    ],
)
def test_content_types_and_bodies(server: tuple[int, Path], path: str, media_type: str) -> None:
    port, out = server
    status, headers, body = get(port, path)
    assert status == 200 and headers["content-type"] == media_type
    file = out / path.lstrip("/") / "index.html" if path.endswith("/") else out / path.lstrip("/")
    assert body == file.read_bytes() and headers["content-length"] == str(len(body))
    assert "content-encoding" not in headers  # the client did not ask for gzip


def test_conditional_get_answers_304(server: tuple[int, Path]) -> None:
    port, out = server
    status, headers, _ = get(port, "/atom.xml")
    etag, last_modified = headers["etag"], headers["last-modified"]
    assert status == 200 and etag.startswith('"')
    assert last_modified == formatdate(int((out / "atom.xml").stat().st_mtime), usegmt=True)
    for conditions in (
        {"If-None-Match": etag},
        {"If-Modified-Since": last_modified},
        {"If-None-Match": f'"x", {etag}'},
    ):
        status, again, body = get(port, "/atom.xml", **conditions)
        assert (status, body) == (304, b""), conditions
        assert again["etag"] == etag and again["last-modified"] == last_modified
    # If-None-Match decides when present, even with a matching date (RFC 9110).
    assert get(port, "/atom.xml", **{"If-None-Match": '"other"', "If-Modified-Since": last_modified})[0] == 200
    assert get(port, "/atom.xml", **{"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"})[0] == 200


def test_gzip(server: tuple[int, Path]) -> None:
    port, out = server
    status, headers, body = get(port, "/feed.json", **{"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == (out / "feed.json").read_bytes()
    assert len(body) < (out / "feed.json").stat().st_size
    plain_etag = get(port, "/feed.json")[1]["etag"]
    assert headers["etag"] != plain_etag  # two representations, two tags
    assert get(port, "/feed.json", **{"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})[0] == 304
    assert "content-encoding" not in get(port, "/feed.json", **{"Accept-Encoding": "gzip;q=0"})[1]


def test_head_missing_redirect_and_escape(server: tuple[int, Path]) -> None:
    port, out = server
    status, headers, body = get(port, "/rss.xml", method="HEAD")
    assert status == 200 and body == b"" and headers["content-length"] == str((out / "rss.xml").stat().st_size)
    assert get(port, "/nope.xml")[0] == 404
    status, headers, _ = get(port, "/tags/ai")
    assert status == 301 and headers["location"] == "/tags/ai/"
    assert get(port, "/../../etc/passwd")[0] == 404
    assert get(port, "/%2e%2e/%2e%2e/etc/passwd")[0] == 404


def test_watch_rebuilds_a_new_article_into_the_served_feed(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: First\ndate: 2025-01-01\n---\nBody.\n", encoding="utf-8")
    config = write_site_toml(tmp_path / "site.toml")
    command = [sys.executable, "-m", "feeds", "serve", "--port", "0", "--watch", "--interval", "0.2",
               "--config", str(config), "--content", str(content), "--out", str(tmp_path / "out")]  # fmt: skip
    env = {**os.environ, "FEEDS_WORKERS": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()  # the first build's report, then where it serves
            for _ in range(5):
                if line.startswith("serving ") or not line:
                    break
                line = proc.stdout.readline()
            assert line.startswith("serving "), line + (proc.stderr.read() if proc.poll() is not None else "")
            port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
            assert b"First" in get(port, "/feed.json")[2]
            etag = get(port, "/feed.json")[1]["etag"]
            (content / "b.md").write_text("---\ntitle: Second\ndate: 2025-01-02\n---\nBody.\n", encoding="utf-8")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                status, _, body = get(port, "/feed.json", **{"If-None-Match": etag})
                if status == 200 and b"Second" in body:
                    break
                time.sleep(0.2)
            else:
                pytest.fail("the new article did not reach the served feed within 30 s")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
