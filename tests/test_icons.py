"""``icon`` and ``logo`` settings: the favicon of the pages, the icon and logo of every feed, and the
image files published in out/ when they are local."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feeds.build import build
from feeds.config import load_site
from feeds.errors import ConfigError
from feeds.validate import validate_paths

from .conftest import SEEDS
from .test_pages import parse_html5

AT = datetime(2026, 11, 1, tzinfo=UTC)
URL = "https://example.org/blog/"
ICON = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#246"/></svg>\n'
ATOM = "{http://www.w3.org/2005/Atom}"


def make_site(tmp_path: Path, **settings: str) -> tuple[Path, Path]:
    """A site with the seeds as content and ``settings`` added; returns its settings file and out/."""
    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, content / seed.name)
    lines = [f'title = "Icons"\nurl = "{URL}"\nlanguage = "ko"\npermalink = "{{url}}posts/{{slug}}/"']
    lines += [f'{key} = "{value}"' for key, value in settings.items()]
    config = tmp_path / "site.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config, tmp_path / "out"


def test_local_icon_and_logo_reach_pages_and_feeds(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "icon.svg").write_bytes(ICON)
    (tmp_path / "art" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    config, out = make_site(tmp_path, icon="art/icon.svg", logo="art/logo.png")
    result = build(load_site(config), tmp_path / "content", out, at=AT)
    assert not result.errors
    assert (out / "icon.svg").read_bytes() == ICON
    assert (out / "logo.png").read_bytes() == (tmp_path / "art" / "logo.png").read_bytes()
    for page in ("index.html", "tags/ai/index.html"):
        root = parse_html5((out / page).read_bytes())
        icons = [e.get("href") for e in root.iter("{*}link") if e.get("rel") == "icon"]
        assert icons == [f"{URL}icon.svg"], page
    atom = etree.parse(str(out / "atom.xml")).getroot()
    assert atom.findtext(f"{ATOM}icon") == f"{URL}icon.svg"
    assert atom.findtext(f"{ATOM}logo") == f"{URL}logo.png"
    rss = etree.parse(str(out / "rss.xml")).getroot()
    assert rss.findtext("channel/image/url") == f"{URL}logo.png"
    assert rss.findtext("channel/image/link") == URL
    feed = json.loads((out / "feed.json").read_bytes())
    assert (feed["icon"], feed["favicon"]) == (f"{URL}logo.png", f"{URL}icon.svg")
    # what readers see
    assert feedparser.parse((out / "rss.xml").read_bytes()).feed.image.href == f"{URL}logo.png"
    parsed = feedparser.parse((out / "atom.xml").read_bytes()).feed
    assert (parsed.icon, parsed.logo) == (f"{URL}icon.svg", f"{URL}logo.png")
    findings = validate_paths([out], site_url=URL)
    assert [f for f in findings if f.level in ("error", "warning")] == []


def test_an_edited_icon_is_copied_again_and_a_dropped_one_removed(tmp_path: Path) -> None:
    (tmp_path / "icon.svg").write_bytes(ICON)
    config, out = make_site(tmp_path, icon="icon.svg")
    cache = tmp_path / "cache"
    build(load_site(config), tmp_path / "content", out, at=AT, cache_dir=cache)
    again = build(load_site(config), tmp_path / "content", out, at=AT, cache_dir=cache)
    assert "icon.svg" not in again.written
    (tmp_path / "icon.svg").write_bytes(ICON.replace(b"#246", b"#642"))
    build(load_site(config), tmp_path / "content", out, at=AT, cache_dir=cache)
    assert (out / "icon.svg").read_bytes() == (tmp_path / "icon.svg").read_bytes()
    config.write_text(config.read_text(encoding="utf-8").replace('icon = "icon.svg"\n', ""), encoding="utf-8")
    build(load_site(config), tmp_path / "content", out, at=AT, cache_dir=cache)
    assert not (out / "icon.svg").exists()
    assert b'rel="icon"' not in (out / "index.html").read_bytes()


def test_icon_urls_are_used_as_they_are(tmp_path: Path) -> None:
    config, out = make_site(tmp_path, icon="https://cdn.example.net/i.png")
    build(load_site(config), tmp_path / "content", out, at=AT)
    feed = json.loads((out / "feed.json").read_bytes())
    assert feed["icon"] == feed["favicon"] == "https://cdn.example.net/i.png"
    rss = etree.parse(str(out / "rss.xml")).getroot()
    assert rss.findtext("channel/image/url") == "https://cdn.example.net/i.png"
    assert not (out / "i.png").exists()
    findings = validate_paths([out], site_url=URL)
    assert [f for f in findings if f.level in ("error", "warning")] == []


@pytest.mark.parametrize("value", ["missing.png", "site.toml", "javascript:alert(1)", "https://"])
def test_a_bad_icon_is_a_config_error_naming_the_setting(tmp_path: Path, value: str) -> None:
    config, _ = make_site(tmp_path, icon=value)
    with pytest.raises(ConfigError, match="icon"):
        load_site(config)


def test_pages_show_the_default_feed_icon(tmp_path: Path) -> None:
    config, out = make_site(tmp_path)
    build(load_site(config), tmp_path / "content", out, at=AT)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<svg class="feed-icon" aria-hidden="true"') == 3
    assert '<link rel="icon"' not in index
    assert "<icon>" not in (out / "atom.xml").read_text(encoding="utf-8")
