"""``feeds serve`` previews the site on its own address: the served pages, feeds, sitemap and
OPML name the preview (http://127.0.0.1:<port>/), never the production ``url``, and every
article page and asset is there. A real ``feeds serve --watch`` process on port 0, crawled."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import quote, urljoin, urlsplit

import html5lib
import pytest
from lxml import etree

from .conftest import DATA

SOURCE = DATA / "site_links"
SITE_URL = "https://example.org/blog/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TEXT = ("text/", "application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml",
        "application/json", "application/xslt+xml", "image/svg+xml")  # fmt: skip


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``feeds serve --watch --port 0`` on the sub-path fixture site; its address."""
    folder = tmp_path_factory.mktemp("preview")
    for name in ("content", "static"):
        shutil.copytree(SOURCE / name, folder / name)
    shutil.copy(SOURCE / "site.toml", folder / "site.toml")
    command = [sys.executable, "-m", "feeds", "serve", "--watch", "--port", "0", "--config", str(folder / "site.toml")]
    command += ["--content", str(folder / "content"), "--out", str(folder / "out"), "--cache", str(folder / "cache")]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1793491200"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            line = ""
            while not line.startswith("serving ") and proc.poll() is None:
                line = proc.stdout.readline()
            assert line.startswith("serving "), line + (proc.stderr.read() if proc.stderr else "")
            yield line.split(" at ", 1)[1].split()[0]
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def get(url: str) -> tuple[int, str, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request("GET", quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~"))
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def links(url: str, media_type: str, body: bytes) -> set[str]:
    """Every URL a served file names, made absolute against it."""
    found: set[str] = set()
    if media_type == "text/html":
        parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("lxml"))
        root = parser.parse(body).getroot()
        assert not parser.errors, url
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for attr in ("href", "src"):
                if element.get(attr):
                    found.add(element.get(attr))
            for candidate in (element.get("srcset") or "").split(","):
                if candidate.strip():
                    found.add(candidate.split()[0])
            if element.tag.endswith("meta") and (element.get("property") or "").startswith("og:") and "url" in (
                element.get("property") or "") + "image":  # fmt: skip
                found.add(element.get("content") or "")
            if element.tag.endswith("input") and element.get("value"):
                found.add(element.get("value") or "")
    elif media_type == "application/feed+json":

        def walk(value: object, key: str = "") -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, k)
            elif isinstance(value, list):
                for v in value:
                    walk(v, key)
            elif isinstance(value, str) and key in ("home_page_url", "feed_url", "url", "external_url", "image",
                                                     "banner_image", "icon", "favicon", "next_url"):  # fmt: skip
                found.add(value)

        walk(json.loads(body))
    elif media_type.endswith("xml") or media_type == "text/x-opml":
        for element in etree.fromstring(body).iter():
            for attr in ("href", "url", "xmlUrl", "htmlUrl"):
                if element.get(attr):
                    found.add(element.get(attr) or "")
            name = etree.QName(element).localname if isinstance(element.tag, str) else ""
            if name in ("link", "loc", "guid", "id") and element.text and "://" in element.text:
                found.add(element.text.strip())
    return {urljoin(url, link) for link in found if link and not link.startswith(("mailto:", "#", "data:"))}


def test_every_link_of_the_preview_stays_on_it(preview: str) -> None:
    seen: dict[str, tuple[int, str]] = {}
    queue = [preview]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, content_type, body = get(url)
        media_type = content_type.split(";")[0]
        seen[url] = (status, media_type)
        assert status == 200, url
        if not media_type.startswith(TEXT):
            continue
        assert SITE_URL.encode() not in body and SITE_URL.replace("/", "\\/").encode() not in body, url
        for link in links(url, media_type, body):
            assert link.startswith(preview), f"{url} names {link}"
            queue.append(urljoin(link, quote(urlsplit(link).path, safe="/%:@!$&'()*+,;=-._~")).split("#", 1)[0])
    assert urlsplit(preview).hostname == "127.0.0.1"
    # the crawl reached every kind of file: pages, feeds, article pages, pictures, PDFs
    paths = {urlsplit(url).path for url in seen}
    assert {"/", "/rss.xml", "/atom.xml", "/feed.json", "/feeds.opml", "/posts/trip/beach.png"} <= paths
    assert {"/posts/trip/itinerary.pdf", "/images/logo.png"} <= paths


def test_every_article_page_is_served(preview: str) -> None:
    status, _, body = get(urljoin(preview, "sitemap.xml"))
    assert status == 200
    pages = [loc.text or "" for loc in etree.fromstring(body).iter(f"{SITEMAP_NS}loc")]
    articles = [page for page in pages if "/tags/" not in page and "/authors/" not in page and page != preview]
    assert len(articles) >= 4
    for page in [*pages, *articles]:
        assert page.startswith(preview), page
        status, content_type, body = get(page)
        assert status == 200 and content_type.startswith("text/html"), page
    status, _, body = get(urljoin(preview, "rss.xml"))
    for link in etree.fromstring(body).iter("link"):
        assert link.text is not None and link.text.startswith(preview)
        assert get(link.text)[0] == 200
