"""Links and markup a site's own words must not break: the XSL comment, path placeholders, author URLs."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feeds.build import build
from feeds.config import site_from_mapping

from .conftest import TEST_SITE

AT = datetime(2026, 11, 1, tzinfo=UTC)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(title: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: 2025-01-01\n{extra}---\n\nBody of {title}.\n"


@pytest.mark.parametrize("title", ["A -- B", "Ends with -", "---", "<Tom & Jerry> -->"])
def test_xsl_stays_well_formed_whatever_the_site_title(tmp_path: Path, title: str) -> None:
    content = tmp_path / "content"
    write(content, "a.md", article("A"))
    site = site_from_mapping({**TEST_SITE, "title": title, "xsl": True})
    assert not build(site, content, tmp_path / "out", at=AT).errors
    stylesheet = etree.parse(str(tmp_path / "out" / "feed.xsl"))  # raises if not well-formed
    page = str(etree.XSLT(stylesheet)(etree.parse(str(tmp_path / "out" / "atom.xml"))))
    assert "<h3>" in page


@pytest.mark.parametrize(
    ("pattern", "path", "link"),
    [
        ("{url}{section}/{slug}/", "C#/intro.md", "https://example.com/C%23/intro/"),
        ("{url}{section}/{slug}/", "why?/intro.md", "https://example.com/why%3F/intro/"),
        ("{url}{section}/{slug}/", "100%/intro.md", "https://example.com/100%25/intro/"),
        ("{url}{section}/{slug}/", "%41/intro.md", "https://example.com/%2541/intro/"),
        ("{url}{filename}/{slug}/", "C# tips?.md", "https://example.com/C%23%20tips%3F/C-tips/"),
        ("{url}{filename}/{slug}/", "50%-off.md", "https://example.com/50%25-off/50-off/"),
        ("{url}{filename}/{slug}/", "posts/a#b/index.md", "https://example.com/a%23b/ab/"),
    ],
)
def test_path_placeholders_are_percent_encoded(tmp_path: Path, pattern: str, path: str, link: str) -> None:
    content = tmp_path / "content"
    write(content, path, article("A"))
    site = site_from_mapping({**TEST_SITE, "permalink": pattern})
    result = build(site, content, tmp_path / "out", at=AT)
    assert not result.errors and result.published == 1
    item = json.loads((tmp_path / "out" / "feed.json").read_text("utf-8"))["items"][0]
    assert item["url"] == link
    parsed = feedparser.parse((tmp_path / "out" / "atom.xml").read_bytes())
    assert parsed.entries[0].link == link


def test_path_placeholders_keep_non_ascii_links_as_they_were(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content, "경제 (news)/a.md", article("A"))
    site = site_from_mapping({**TEST_SITE, "permalink": "{url}{section}/{slug}/"})
    assert not build(site, content, tmp_path / "out", at=AT).errors
    item = json.loads((tmp_path / "out" / "feed.json").read_text("utf-8"))["items"][0]
    assert item["url"] == "https://example.com/%EA%B2%BD%EC%A0%9C%20(news)/a/"


BAD_URLS = ["javascript:alert(1)", " JavaScript:alert(1)", "/about/", "about.html", "data:text/html,x", "https:x"]
GOOD_URLS = ["https://example.org/me", "http://example.org/", "mailto:me@example.org", "HTTPS://example.org/x"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_author_url_that_is_not_absolute_http_or_mailto_is_dropped_with_a_warning(
    tmp_path: Path, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    content = tmp_path / "content"
    extra = f"author:\n  name: Jane\n  url: {json.dumps(url)}\n"
    write(content, "a.md", article("A", extra))
    site = site_from_mapping(TEST_SITE)
    with caplog.at_level(logging.WARNING):
        result = build(site, content, tmp_path / "out", at=AT)
    assert not result.errors and result.published == 1
    out = tmp_path / "out"
    item = json.loads((out / "feed.json").read_text("utf-8"))["items"][0]
    assert item["authors"] == [{"name": "Jane"}]
    atom = (out / "atom.xml").read_text("utf-8")
    assert "<uri>" not in atom and "javascript" not in atom.lower()
    assert "a.md" in caplog.text and "author url" in caplog.text and repr(url.strip()) in caplog.text


@pytest.mark.parametrize("url", GOOD_URLS)
def test_author_url_that_is_absolute_http_or_mailto_is_published(
    tmp_path: Path, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    content = tmp_path / "content"
    write(content, "a.md", article("A", f"author:\n  name: Jane\n  url: {json.dumps(url)}\n"))
    with caplog.at_level(logging.WARNING):
        assert not build(site_from_mapping(TEST_SITE), content, tmp_path / "out", at=AT).errors
    item = json.loads((tmp_path / "out" / "feed.json").read_text("utf-8"))["items"][0]
    assert item["authors"] == [{"name": "Jane", "url": url}]
    assert "author url" not in caplog.text
