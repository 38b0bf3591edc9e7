"""WebSub: feeds name the hub, and ``feeds build`` pings it for exactly the feeds whose bytes changed.

The hub is a small HTTP server on 127.0.0.1 started by each test: no test contacts anything else.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote

import feedparser
import pytest

from feeds.cli import main
from feeds.config import site_from_mapping
from feeds.errors import ConfigError
from feeds.validate import validate_paths
from feeds.websub import publish

from .conftest import TEST_SITE, tree, write_site_toml

FEED_FILES = ("rss.xml", "atom.xml", "feed.json")
PROXIES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


class Hub:
    """A hub endpoint: records each ping's form, and answers ``status`` (after ``delay`` seconds)."""

    def __init__(self, status: int = 204, delay: float = 0.0) -> None:
        self.status, self.delay = status, delay
        self.pings: list[dict[str, list[str]]] = []
        self.released = threading.Event()  # ends a hanging answer at teardown
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode())
                hub.pings.append({**form, "content-type": [self.headers.get("Content-Type", "")]})
                if hub.delay:
                    hub.released.wait(hub.delay)
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def topics(self) -> list[str]:
        return sorted(url for ping in self.pings for url in ping["hub.url"])

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib honours proxy variables: a ping must go straight to 127.0.0.1, never to a proxy."""
    for name in PROXIES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def hub() -> Iterator[Hub]:
    server = Hub()
    yield server
    server.close()


def feed_bytes(out: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in tree(out).items() if rel.rsplit("/", 1)[-1] in FEED_FILES}


def urls(rels: object) -> list[str]:
    return sorted("https://example.com/" + quote(rel) for rel in rels)  # type: ignore[attr-defined]


def build(tmp_path: Path, content: Path, hub_url: str, *extra: str, **settings: object) -> int:
    config = write_site_toml(tmp_path / "site.toml", hub=hub_url, **settings)
    args = ["build", "--content", str(content), "--out", str(tmp_path / "out"), "--config", str(config), *extra]
    return main([*args, "--cache", str(tmp_path / "cache")])


def test_feeds_name_the_hub_in_every_format(tmp_path: Path, seed_content: Path, hub: Hub) -> None:
    assert build(tmp_path, seed_content, hub.url) == 0
    out = tmp_path / "out"
    for rel in ("rss.xml", "atom.xml", "tags/ai/rss.xml", "authors/sangyong/atom.xml"):
        links = feedparser.parse((out / rel).read_bytes()).feed.links
        assert [link.href for link in links if link.rel == "hub"] == [hub.url], rel
    for rel in ("feed.json", "authors/sangyong/feed.json"):
        assert json.loads((out / rel).read_bytes())["hubs"] == [{"type": "WebSub", "url": hub.url}]
    findings = validate_paths([out])
    assert [f for f in findings if f.level != "info"] == []


def test_the_hub_hears_exactly_the_feeds_whose_bytes_changed(tmp_path: Path, seed_content: Path, hub: Hub) -> None:
    out = tmp_path / "out"
    assert build(tmp_path, seed_content, hub.url) == 0
    first = feed_bytes(out)
    assert hub.topics() == urls(first) and len(first) == 12  # main, tags/ai/ and two authors, 3 formats each
    assert all(ping["hub.mode"] == ["publish"] and len(ping["hub.url"]) == 1 for ping in hub.pings)
    assert {ping["content-type"][0] for ping in hub.pings} == {"application/x-www-form-urlencoded"}

    hub.pings.clear()
    assert build(tmp_path, seed_content, hub.url) == 0  # nothing changed: nothing to tell
    assert hub.pings == []

    # An edit to Sangyong's article (tagged AI): its feeds change, the reporter's do not.
    path = next(p for p in seed_content.iterdir() if "Sangyong" in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    assert build(tmp_path, seed_content, hub.url) == 0
    now = feed_bytes(out)
    changed = [rel for rel in now if first.get(rel) != now[rel]]
    assert hub.topics() == urls(changed)
    assert sorted(changed) == sorted(f"{folder}{name}" for folder in ("", "tags/ai/", "authors/sangyong/")
                                     for name in FEED_FILES)  # fmt: skip


@pytest.mark.parametrize("status", [500, 404, 301])
def test_a_hub_that_refuses_is_a_warning_not_a_failure(
    tmp_path: Path, seed_content: Path, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    refusing = Hub(status=status)
    try:
        assert build(tmp_path, seed_content, refusing.url, "--summary-json") == 0
    finally:
        refusing.close()
    captured = capsys.readouterr()
    assert f"WARNING: WebSub hub {refusing.url} was not told of 12 of 12 changed feed(s): HTTP {status}" in captured.err
    assert json.loads(captured.out)["websub"] == {"told": 0, "not_told": 12}
    assert len(refusing.pings) == 12  # each feed was offered: a refusal of one says nothing of the next


def test_a_hub_that_hangs_costs_at_most_its_timeout(
    tmp_path: Path, seed_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hanging = Hub(delay=30)
    try:
        started = time.monotonic()
        assert build(tmp_path, seed_content, hanging.url, hub_timeout=0.4) == 0
        took = time.monotonic() - started
        assert (tmp_path / "out" / "authors" / "sangyong" / "rss.xml").is_file()
        site = site_from_mapping({**TEST_SITE, "hub": hanging.url, "hub_timeout": 0.3})
        started = time.monotonic()
        pinged = publish(site, ["rss.xml", "atom.xml", "index.html"])
        alone = time.monotonic() - started
    finally:
        hanging.close()
    assert took < 0.4 + 8  # the build itself takes about a second; the hub at most its 0.4 s
    assert alone < 0.3 + 0.3
    assert pinged is not None and pinged.accepted == [] and len(pinged.not_told) == 2
    assert "was not told of 12 of 12 changed feed(s): no answer within 0.4 s (hub_timeout)" in capsys.readouterr().err


def test_a_hub_that_is_down_is_a_warning(
    tmp_path: Path, seed_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert build(tmp_path, seed_content, f"http://127.0.0.1:{port}/") == 0
    err = capsys.readouterr().err
    assert "was not told of 12 of 12 changed feed(s): cannot reach it (" in err
    assert err.count("WARNING") == 1


def test_a_hub_that_answers_garbage_is_a_warning(
    tmp_path: Path, seed_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]

        def answer() -> None:
            for _ in range(12):
                conn, _ = listener.accept()
                with conn:
                    conn.recv(65536)
                    conn.sendall(b"not HTTP at all\r\n\r\n")

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        assert build(tmp_path, seed_content, f"http://127.0.0.1:{port}/") == 0
        thread.join(timeout=10)
    err = capsys.readouterr().err
    assert "was not told of 12 of 12 changed feed(s): a malformed answer (BadStatusLine)" in err
    assert "Traceback" not in err and "Exception in thread" not in err


def test_drafts_previews_ping_nothing(tmp_path: Path, seed_content: Path, hub: Hub) -> None:
    assert build(tmp_path, seed_content, hub.url, "--drafts") == 0
    assert hub.pings == [] and (tmp_path / "out" / "rss.xml").is_file()


def test_without_a_hub_nothing_is_pinged_or_named(tmp_path: Path, seed_content: Path) -> None:
    site = site_from_mapping(TEST_SITE)
    assert publish(site, ["rss.xml"]) is None
    config = write_site_toml(tmp_path / "site.toml")
    assert main(["build", "--content", str(seed_content), "--out", str(tmp_path / "out"), "--config", str(config)]) == 0
    for rel, data in tree(tmp_path / "out").items():
        assert b"hub" not in data.replace(b"github", b""), rel


def test_an_iri_hub_is_written_as_a_uri() -> None:
    site = site_from_mapping({**TEST_SITE, "hub": "https://허브.example/구독"})
    assert site.hub == "https://xn--ov3b174b.example/%EA%B5%AC%EB%8F%85"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"hub": "ftp://hub.example.net/"}, "must be an absolute http:// or https:// URL"),
        ({"hub": "/hub"}, "must be an absolute http:// or https:// URL"),
        ({"hub": "https://hub example/"}, "must be an absolute http:// or https:// URL"),
        ({"hub": "https://hub.example.net/", "hub_timeout": 0}, "must be a number of seconds above 0"),
        ({"hub": "https://hub.example.net/", "hub_timeout": True}, "must be a number of seconds above 0"),
        ({"hub": "https://hub.example.net/", "hub_timeout": 10_000}, "at most 600"),
    ],
)
def test_bad_hub_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        site_from_mapping({**TEST_SITE, **settings})
