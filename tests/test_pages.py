"""Site pages: the discovery page out/index.html and out/feeds.opml, from Jinja2 templates."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import html5lib
import pytest
from lxml import etree

from feeds.build import build
from feeds.config import Site, load_site

from .conftest import tree, write_site_toml

AT = datetime(2026, 11, 1, tzinfo=UTC)
HTML_NS = "{http://www.w3.org/1999/xhtml}"


def post(folder: Path, name: str, title: str, tags: str, date: str = "2025-01-01") -> None:
    (folder / name).write_text(f"---\ntitle: {title}\ndate: {date}\ntags: [{tags}]\n---\n\nBody.\n", encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "one.md", "One", "alpha, 뉴스")
    post(folder, "two.md", "Two", "alpha", "2025-02-01")
    post(folder, "three.md", "Three", 'a<b & "c"', "2025-03-01")
    return folder


def parse_html5(data: bytes) -> etree._Element:
    """Parse as a browser would, failing on any parse error (html5lib's strict mode)."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("lxml"))
    document = parser.parse(data)
    assert not parser.errors
    return document.getroot()


def url_to_path(url: str, out: Path) -> Path:
    assert url.startswith("https://example.com/")
    return out / unquote(url.removeprefix("https://example.com/"))


def test_index_is_valid_html5_and_lists_every_feed(content: Path, tmp_path: Path, site: Site) -> None:
    out = tmp_path / "out"
    assert not build(site, content, out, at=AT).errors
    root = parse_html5((out / "index.html").read_bytes())
    assert root.get("lang") == "en"
    head_links = [(e.get("type"), e.get("href")) for e in root.iter(f"{HTML_NS}link") if e.get("rel") == "alternate"]
    assert head_links == [
        ("application/rss+xml", "https://example.com/rss.xml"),
        ("application/atom+xml", "https://example.com/atom.xml"),
        ("application/feed+json", "https://example.com/feed.json"),
    ]
    hrefs = {a.get("href") for a in root.iter(f"{HTML_NS}a")}
    feeds = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.suffix in (".xml", ".json") and p.name != "sitemap.xml"
    )
    assert len(feeds) == 4 * 3
    for feed in feeds:  # every feed, in every format, is linked from the index
        assert any(h and url_to_path(h, out) == out / feed for h in hrefs if h.startswith("https://")), feed
    text = "".join(root.itertext())
    assert 'a<b & "c"' in text  # the tag name, escaped in the source and shown as written
    assert b"a<b" not in (out / "index.html").read_bytes()
    assert "뉴스" in text
    assert not any(e.get("src") for e in root.iter() if isinstance(e.tag, str))  # no scripts, images or fonts


def test_tag_entry_counts_cover_every_article(tmp_path: Path, site: Site) -> None:
    """A tag feed shows max_items entries; the index and OPML count all of the tag's articles."""
    content = tmp_path / "content"
    content.mkdir()
    for i in range(5):
        post(content, f"p{i}.md", f"P{i}", "many", f"2025-01-0{i + 1}")
    post(content, "q.md", "Q", "few")
    build(Site(**{**site.__dict__, "max_items": 2}), content, tmp_path / "out", at=AT)
    opml = etree.parse(str(tmp_path / "out" / "feeds.opml"))
    counts = {o.get("text"): o.get("description").rsplit("(", 1)[1] for o in opml.iter("outline")}
    assert counts == {"Test site": "6 articles)", "many": "5 articles)", "few": "1 article)"}
    text = "".join(parse_html5((tmp_path / "out" / "index.html").read_bytes()).itertext())
    assert "5 articles" in text and "1 article" in text


def test_opml_lists_every_feed_once(content: Path, tmp_path: Path, site: Site) -> None:
    out = tmp_path / "out"
    build(site, content, out, at=AT)
    root = etree.parse(str(out / "feeds.opml")).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Test site"
    assert root.findtext("head/dateModified") == "Sat, 01 Mar 2025 00:00:00 +0900"
    outlines = root.findall("body/outline")
    assert [o.get("type") for o in outlines] == ["rss"] * 4
    paths = sorted(url_to_path(o.get("xmlUrl"), out).relative_to(out).as_posix() for o in outlines)
    assert paths == sorted(p.relative_to(out).as_posix() for p in out.rglob("rss.xml"))
    assert all(o.get("text") and o.get("title") for o in outlines)
    # Each feed's page: the site for the main feed, the tag's page for a tag's.
    assert all(o.get("htmlUrl") == o.get("xmlUrl").removesuffix("rss.xml") for o in outlines)
    assert all((url_to_path(o.get("htmlUrl"), out) / "index.html").is_file() for o in outlines)


def test_pages_are_incremental_and_removed_tags_leave_them(content: Path, tmp_path: Path, site: Site) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    site = Site(**{**site.__dict__, "max_items": 2})  # "One", the oldest, is in tag feeds only
    build(site, content, out, at=AT, cache_dir=cache)
    index = (out / "index.html").stat().st_mtime_ns
    post(content, "one.md", "One, retitled", "alpha, 뉴스")
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert "tags/alpha/index.html" in result.written  # its tag's page shows it...
    assert "index.html" in result.unchanged and (out / "index.html").stat().st_mtime_ns == index  # ...not the site's
    (content / "three.md").unlink()
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert {"index.html", "feeds.opml"} <= set(result.written)
    assert b"a&lt;b" not in (out / "index.html").read_bytes() and b"a&lt;b" not in (out / "feeds.opml").read_bytes()


def test_index_shows_the_main_feeds_latest_entries(content: Path, tmp_path: Path, site: Site) -> None:
    out = tmp_path / "out"
    build(site, content, out, at=AT)
    index = parse_html5((out / "index.html").read_bytes())
    rss = etree.parse(str(out / "rss.xml")).getroot()
    items = [(i.findtext("title"), i.findtext("link")) for i in rss.iter("item")]
    entries = index.findall(f".//{HTML_NS}ol[@class='entries']/{HTML_NS}li")
    assert [
        (e.findtext(f"{HTML_NS}h3/{HTML_NS}a"), e.find(f"{HTML_NS}h3/{HTML_NS}a").get("href")) for e in entries
    ] == items
    for entry in entries:  # each with its date and summary, as on a tag's page
        assert entry.find(f".//{HTML_NS}time").get("datetime")
        assert "".join(entry.findall(f"{HTML_NS}p")[-1].itertext()) == "Body."


def test_index_follows_the_main_feeds_entries(content: Path, tmp_path: Path, site: Site) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, content, out, at=AT, cache_dir=cache)
    before = (out / "index.html").stat().st_mtime_ns
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert result.nothing_changed and (out / "index.html").stat().st_mtime_ns == before
    post(content, "two.md", "Two, retitled", "alpha", "2025-02-01")  # same tags: only the entry's title changes
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert "index.html" in result.written and b"Two, retitled" in (out / "index.html").read_bytes()
    written = (out / "index.html").stat().st_mtime_ns
    os.utime(content / "one.md", ns=(0, 10**18))  # touched, not changed: a rebuild with nothing new to show
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert not result.nothing_changed and "index.html" in result.unchanged
    assert (out / "index.html").stat().st_mtime_ns == written


def test_site_templates_override_the_built_in_ones(content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "site" / "my-templates"
    templates.mkdir(parents=True)
    config = write_site_toml(tmp_path / "site" / "site.toml", templates="my-templates")
    site = load_site(config)
    assert site.templates == templates
    (templates / "index.html.j2").write_text(
        "<!DOCTYPE html><html lang=en><title>{{ site.title }}</title><p>{{ view.tags | length }} tags</p>\n",
        encoding="utf-8",
    )
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, content, out, at=AT, cache_dir=cache)
    assert (out / "index.html").read_text(encoding="utf-8").endswith("<p>3 tags</p>\n")
    assert b'<opml version="2.0">' in (out / "feeds.opml").read_bytes()  # not overridden: built-in
    assert build(site, content, out, at=AT, cache_dir=cache).nothing_changed
    (templates / "index.html.j2").write_text("<!DOCTYPE html><html lang=en><title>changed</title>\n", encoding="utf-8")
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert result.written == ["index.html"]
    assert "changed" in (out / "index.html").read_text(encoding="utf-8")


def test_a_changed_feed_page_template_rewrites_the_feed_pages(content: Path, tmp_path: Path) -> None:
    from feeds.pages import BUILTIN_TEMPLATES

    templates = tmp_path / "site" / "t"
    templates.mkdir(parents=True)
    page = templates / "feed.html.j2"
    page.write_bytes((BUILTIN_TEMPLATES / "feed.html.j2").read_bytes())
    site = load_site(write_site_toml(tmp_path / "site" / "site.toml", templates="t"))
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, content, out, at=AT, cache_dir=cache)
    pages = sorted(out.glob("tags/*/index.html"))
    assert len(pages) == 3
    page.write_text(page.read_text(encoding="utf-8").replace("<body", '<body data-edited="yes"', 1), encoding="utf-8")
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert all(b'data-edited="yes"' in p.read_bytes() for p in pages)  # none left stale
    assert sorted(result.written) == sorted(p.relative_to(out).as_posix() for p in pages)
    clean = tmp_path / "clean"
    build(site, content, clean, at=AT)
    assert tree(out) == tree(clean)


def test_no_change_rebuild_does_not_import_jinja2(content: Path, tmp_path: Path) -> None:
    config = write_site_toml(tmp_path / "site.toml")
    script = (
        "import sys; from pathlib import Path; from feeds.build import build; from feeds.config import load_site\n"
        f"r = build(load_site(Path({str(config)!r})), Path({str(content)!r}), Path({str(tmp_path / 'out')!r}),"
        f" cache_dir=Path({str(tmp_path / 'cache')!r}))\n"
        "print(r.nothing_changed, 'jinja2' in sys.modules)\n"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000"}
    runs = [
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        for _ in "12"
    ]
    assert [r.stdout.split() for r in runs] == [["False", "True"], ["True", "False"]]


def test_bad_templates_setting_is_a_config_error(tmp_path: Path) -> None:
    from feeds.errors import ConfigError

    with pytest.raises(ConfigError, match="templates"):
        load_site(write_site_toml(tmp_path / "site.toml", templates="missing"))


def test_broken_site_template_is_a_one_line_error(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from feeds.cli import main

    templates = tmp_path / "t"
    templates.mkdir()
    (templates / "index.html.j2").write_text("<!DOCTYPE html>\n<p>{% for x in %}</p>\n", encoding="utf-8")
    config = write_site_toml(tmp_path / "site.toml", templates="t")
    status = main(["build", "--config", str(config), "--content", str(content), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "index.html.j2:2: template error" in err and "Traceback" not in err


def test_every_tag_feed_has_a_page_beside_it(content: Path, tmp_path: Path, site: Site) -> None:
    out = tmp_path / "out"
    build(site, content, out, at=AT)
    folders = sorted(p.parent for p in (out / "tags").rglob("rss.xml"))
    assert len(folders) == 3
    for folder in folders:
        page = parse_html5((folder / "index.html").read_bytes())
        atom = etree.parse(str(folder / "atom.xml")).getroot()
        ns = "{http://www.w3.org/2005/Atom}"
        titles = [t.text for t in atom.iter(f"{ns}title")]
        text = "".join(page.itertext())
        assert titles[0] in text  # the feed's title
        for title in titles[1:]:  # every entry's title, linked to the entry
            assert title in text
        entry_links = {e.get("href") for e in atom.iter(f"{ns}link") if e.get("rel") == "alternate"}
        hrefs = {a.get("href") for a in page.iter(f"{HTML_NS}a")}
        assert entry_links - {"https://example.com/"} <= hrefs
        values = {i.get("value") for i in page.iter(f"{HTML_NS}input")}
        for name in ("rss.xml", "atom.xml", "feed.json"):  # subscribe links: copyable and followable
            url = next(u for u in values if u.endswith(name))
            assert "%" not in url  # shown readable (an IRI); the link keeps it percent-encoded
            href = next(h for h in hrefs if h and h.endswith(name) and unquote(h) == url)
            assert url_to_path(href, out) == folder / name
        assert page.find(f".//{HTML_NS}time") is not None
    index = parse_html5((out / "index.html").read_bytes())
    tag_list = index.find(f".//{HTML_NS}ul[@class='tags']")  # the entries' links end in / too
    tag_pages = {url_to_path(a.get("href"), out) for a in tag_list.iter(f"{HTML_NS}a") if a.get("href").endswith("/")}
    assert {f / "index.html" for f in folders} == {p / "index.html" for p in tag_pages if p != out}


def test_tag_page_goes_with_its_tag(content: Path, tmp_path: Path, site: Site) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, content, out, at=AT, cache_dir=cache)
    (content / "three.md").unlink()
    result = build(site, content, out, at=AT, cache_dir=cache)
    gone = [r for r in result.removed if r.endswith("index.html") and r.startswith("tags/")]
    assert len(gone) == 1 and not (out / gone[0]).parent.exists()
    assert "posts/three/index.html" in result.removed and not (out / "posts" / "three").exists()
