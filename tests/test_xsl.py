"""``xsl = true``: feed.xsl beside the feeds and an <?xml-stylesheet?> in RSS and Atom, still valid."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feeds.build import build
from feeds.config import Site, site_from_mapping
from feeds.validate import validate_paths

from .conftest import SEEDS, TEST_SITE

AT = datetime(2026, 11, 1, tzinfo=UTC)
PI = b'<?xml-stylesheet type="text/xsl" href="https://example.com/feed.xsl"?>'


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    assert not build(site_from_mapping({**TEST_SITE, "xsl": True}), SEEDS, folder, at=AT).errors
    return folder


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml", "tags/ai/rss.xml", "tags/ai/atom.xml"])
def test_feeds_point_at_the_stylesheet_and_stay_valid(out: Path, feed: str) -> None:
    data = (out / feed).read_bytes()
    assert data.split(b"\n")[1] == PI
    parsed = feedparser.parse(data)
    assert not parsed.bozo and len(parsed.entries) >= 1
    findings = validate_paths([out / feed])
    assert [f for f in findings if f.level != "info"] == []


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_stylesheet_shows_the_feed_as_a_page(out: Path, feed: str) -> None:
    transform = etree.XSLT(etree.parse(str(out / "feed.xsl")))
    page = str(transform(etree.parse(str(out / feed))))
    assert "<h1>Test site</h1>" in page
    title = "AI 산업의 성공 속에 OpenAI가 실패한다면"
    assert f'<h3><a href="https://example.com/posts/000_6787f68949e09d7e/">{title}</a></h3>' in page
    assert 'href="https://example.com/posts/000_6787f68949e09d7e/"' in page


def test_without_xsl_nothing_changes_and_turning_it_off_removes_the_stylesheet(tmp_path: Path, site: Site) -> None:
    cache = tmp_path / "cache"
    build(replace(site, xsl=True), SEEDS, tmp_path / "out", at=AT, cache_dir=cache)
    assert (tmp_path / "out" / "feed.xsl").is_file()
    result = build(site, SEEDS, tmp_path / "out", at=AT, cache_dir=cache)
    assert "feed.xsl" in result.removed and not (tmp_path / "out" / "feed.xsl").exists()
    assert b"xml-stylesheet" not in (tmp_path / "out" / "rss.xml").read_bytes()


def test_xsl_must_be_a_boolean() -> None:
    from feeds.errors import ConfigError

    with pytest.raises(ConfigError, match="xsl"):
        site_from_mapping({**TEST_SITE, "xsl": "yes"})
