"""The generator marker names feeds and its version, never a web page the project does not own; and
feeds written by earlier versions, whose marker named one, are still recognised as ours."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from feeds import __version__
from feeds.build import build
from feeds.config import load_site
from feeds.formats.common import generated_by_us

from .conftest import DATA

SEEDS = DATA / "sites" / "seeds"
AT = datetime(2026, 11, 1, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


def built(tmp_path: Path, *, xsl: bool = False) -> Path:
    site = load_site(SEEDS / "site.toml")
    if xsl:
        site = replace(site, xsl=True)
    out = tmp_path / "out"
    assert not build(site, SEEDS / "content", out, at=AT).errors
    return out


def test_no_output_names_a_web_page_for_feeds(tmp_path: Path) -> None:
    out = built(tmp_path, xsl=True)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"atom.xml", "rss.xml", "feed.json", "index.html", "feeds.opml", "feed.xsl"}
    for path in files:
        assert b"pypi.org" not in path.read_bytes(), path


def test_atom_generator_is_feeds_and_its_version(tmp_path: Path) -> None:
    generator = etree.parse(built(tmp_path) / "atom.xml").getroot().find(f"{ATOM}generator")
    assert generator is not None
    assert generator.text == "feeds"
    assert dict(generator.attrib) == {"version": __version__}


def test_rss_generator_is_feeds(tmp_path: Path) -> None:
    generator = etree.parse(built(tmp_path) / "rss.xml").getroot().find("channel/generator")
    assert generator is not None and generator.text == "feeds"


def test_our_outputs_are_recognised_as_ours(tmp_path: Path) -> None:
    out = built(tmp_path, xsl=True)
    for name in ("atom.xml", "rss.xml", "feed.json", "index.html", "tags/ai/index.html", "feed.xsl"):
        assert generated_by_us(out / name), name


def test_feeds_of_earlier_versions_are_still_ours(tmp_path: Path) -> None:
    """A tag feed left by an earlier version must still be removed when its tag goes away."""
    old = {
        "atom.xml": '<feed xmlns="http://www.w3.org/2005/Atom">\n  <generator uri="https://pypi.org/project/feeds/"'
        ' version="0.1.0">feeds</generator>\n  <entry/>\n</feed>\n',
        "feed.json": '{\n  "version": "https://jsonfeed.org/version/1.1",\n  "user_comment": "Written by feeds'
        ' (https://pypi.org/project/feeds/). Subscribe to this feed in a feed reader.",\n  "items": []\n}\n',
        "index.html": '<!doctype html>\n<meta name="generator" content="feeds (https://pypi.org/project/feeds/)">\n',
    }
    for name, text in old.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert generated_by_us(tmp_path / name), name


def test_a_hand_made_feed_is_not_ours(tmp_path: Path) -> None:
    for name, text in {
        "atom.xml": '<feed xmlns="http://www.w3.org/2005/Atom">\n  <generator>Hugo</generator>\n</feed>\n',
        "rss.xml": "<rss version='2.0'><channel><generator>feedsmith</generator></channel></rss>\n",
        "feed.json": '{"version": "https://jsonfeed.org/version/1.1", "title": "feeds", "items": []}\n',
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert not generated_by_us(tmp_path / name), name
