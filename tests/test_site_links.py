"""No dead link: every URL under the site's ``url`` that anything in out/ names is a file in out/.

The fixture site (tests/data/site_links) is served under a sub-path, with page bundles holding
pictures, a PDF and audio, a shared ``images/`` folder, a news article and a Jekyll-style post,
and fewer feed entries (``max_items``) than articles: every article still gets its page.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from lxml import etree

from feeds.build import BuildResult, build
from feeds.config import Site, load_site
from feeds.validate import validate_paths

from .conftest import DATA, tree

SOURCE = DATA / "site_links"
URL = "https://example.org/blog/"
AT = datetime(2026, 11, 1, tzinfo=UTC)
HTML_NS = "{http://www.w3.org/1999/xhtml}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# A URL under the site's, as it stands in any of out/'s files once entities are decoded.
_SITE_URL = re.compile(re.escape(URL) + r"""[^\s"'<>)\]\\]*""")
# Each asset the fixture's articles link to by a relative path: out/ path -> content path.
ASSETS = {
    "posts/trip/beach.png": "content/posts/trip/beach.png",
    "posts/trip/beach@2x.png": "content/posts/trip/beach@2x.png",
    "posts/trip/cover.jpg": "content/posts/trip/cover.jpg",  # the front matter's image: Media RSS
    "posts/trip/itinerary.pdf": "content/posts/trip/itinerary.pdf",
    "images/logo.png": "content/images/logo.png",  # ../../images/logo.png from the bundle
    "posts/talk/slides.pdf": "content/posts/talk/slides.pdf",
    "posts/talk/talk.mp3": "content/posts/talk/talk.mp3",
    "images/shared.png": "content/images/shared.png",  # /blog/images/shared.png
    "posts/images/shared.png": "content/images/shared.png",  # ../images/shared.png from _posts/
    "favicon.ico": "static/favicon.ico",  # the static folder
}


def parse_html5(data: bytes) -> etree._Element:
    """Parse as a browser would, failing on any parse error (html5lib's strict mode)."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("lxml"))
    document = parser.parse(data)
    assert not parser.errors
    return document.getroot()


def named_urls(out: Path) -> dict[str, set[str]]:
    """Every URL under the site's that a file of out/ names: URL -> the files naming it."""
    found: dict[str, set[str]] = {}
    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xml", ".json", ".opml", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        for _ in range(2):  # feeds carry HTML escaped once more
            text = html.unescape(text)
        for url in _SITE_URL.findall(text):
            found.setdefault(url, set()).add(path.relative_to(out).as_posix())
    return found


def file_of(url: str, out: Path) -> Path:
    """The file of out/ that serves ``url`` (a folder URL is its index.html)."""
    assert url.startswith(URL), url
    rel = unquote(urlsplit(url).path)[len(urlsplit(URL).path) :]
    return out / (rel + "index.html" if rel.endswith("/") or not rel else rel)


@pytest.fixture
def site() -> Site:
    return load_site(SOURCE / "site.toml")


def build_fixture(site: Site, tmp_path: Path, **kwargs: object) -> tuple[Path, Path, BuildResult]:
    content, out = tmp_path / "content", tmp_path / "out"
    if not content.exists():
        shutil.copytree(SOURCE / "content", content)
    result = build(site, content, out, at=AT, cache_dir=tmp_path / "cache", **kwargs)  # type: ignore[arg-type]
    assert not result.errors
    return content, out, result


def test_no_url_under_the_site_is_dead(site: Site, tmp_path: Path) -> None:
    _, out, result = build_fixture(site, tmp_path)
    assert result.published == 4
    named = named_urls(out)
    assert len(named) > 20
    dead = {url: sorted(where) for url, where in named.items() if not file_of(url, out).is_file()}
    assert dead == {}
    kinds = {Path(f).name for where in named.values() for f in where}
    assert {"rss.xml", "atom.xml", "feed.json", "index.html", "feeds.opml", "sitemap.xml"} <= kinds


def test_assets_are_published_byte_for_byte(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(site, tmp_path)
    for rel, source in ASSETS.items():
        assert (out / rel).read_bytes() == (SOURCE / source).read_bytes(), rel
    published = set(tree(out))
    assert not any("unused" in rel for rel in published)  # a file no article links to stays out
    assert not any(rel.endswith((".md", ".txt")) for rel in published)  # nor are article sources copied


def test_every_entry_link_is_an_article_page(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(site, tmp_path)
    # max_items = 2: the main feed shows two of the four articles; every one has its page.
    pages = sorted(p.relative_to(out).as_posix() for p in (out / "posts").rglob("index.html"))
    assert pages == [
        "posts/004_41dab7516fac43bd/index.html", "posts/hello-jekyll/index.html",
        "posts/talk/index.html", "posts/trip/index.html",
    ]  # fmt: skip
    items = {}
    for feed in sorted(out.rglob("feed.json")):
        items.update({item["url"]: item for item in json.loads(feed.read_bytes())["items"]})
    assert len(items) == 4
    for url, item in items.items():
        page = parse_html5(file_of(url, out).read_bytes())
        assert page.get("lang") == "ko"
        h1 = page.find(f".//{HTML_NS}h1")
        assert h1 is not None and "".join(h1.itertext()) == item["title"]
        text = " ".join("".join(page.find(f".//{HTML_NS}article").itertext()).split())
        first_words = " ".join(re.sub(r"<[^>]+>", " ", item["content_html"]).split()[:4])
        assert html.unescape(first_words) in text, url
        head = {(m.get("property") or m.get("name")): m.get("content") for m in page.iter(f"{HTML_NS}meta")}
        assert head["og:title"] == item["title"] and head["og:url"] == url and head["og:description"]
        canonical = [e.get("href") for e in page.iter(f"{HTML_NS}link") if e.get("rel") == "canonical"]
        assert canonical == [url]
        alternates = [e.get("href") for e in page.iter(f"{HTML_NS}link") if e.get("rel") == "alternate"]
        assert alternates == [URL + "rss.xml", URL + "atom.xml", URL + "feed.json"]
        tag_links = {a.get("href") for a in page.iter(f"{HTML_NS}a") if a.get("rel") == "tag"}
        assert len(tag_links) == len(item.get("tags", []))
        assert all(file_of(link, out).is_file() and "/tags/" in link for link in tag_links)
    trip = parse_html5((out / "posts" / "trip" / "index.html").read_bytes())
    head = {(m.get("property") or m.get("name")): m.get("content") for m in trip.iter(f"{HTML_NS}meta")}
    assert head["og:image"] == URL + "posts/trip/cover.jpg" and head["twitter:card"] == "summary_large_image"
    assert head["og:description"] == "바다와 오름, 사진 몇 장."


def test_sitemap_lists_every_page(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(site, tmp_path)
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    listed = {u.findtext(f"{SITEMAP_NS}loc"): u.findtext(f"{SITEMAP_NS}lastmod") for u in root}
    pages = {p for p in out.rglob("index.html")}
    assert {file_of(url, out) for url in listed} == pages
    assert all(lastmod and datetime.fromisoformat(lastmod) < AT for lastmod in listed.values())
    assert listed[URL + "posts/trip/"] == "2025-04-01T09:00:00+09:00"  # the article's date, not the build's
    assert not (out / "robots.txt").exists()  # under a sub-path: crawlers never read it there


def test_output_validates_and_html_parses(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(site, tmp_path)
    findings = validate_paths([out], site_url=URL)
    assert [f for f in findings if f.level in ("error", "warning")] == []
    for page in out.rglob("*.html"):
        parse_html5(page.read_bytes())


def test_rebuild_is_byte_identical_and_incremental(site: Site, tmp_path: Path) -> None:
    _, out, first = build_fixture(site, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    _, _, again = build_fixture(site, tmp_path)
    assert again.nothing_changed and again.written == []
    clean = tmp_path / "clean"
    clean.mkdir()
    _, clean_out, _ = build_fixture(site, clean)
    assert tree(clean_out) == tree(out)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    assert len(first.written) == len(tree(out))


def test_edited_asset_is_copied_again(site: Site, tmp_path: Path) -> None:
    content, out, _ = build_fixture(site, tmp_path)
    (content / "posts" / "trip" / "beach.png").write_bytes(b"a new picture")
    _, _, result = build_fixture(site, tmp_path)
    assert result.written == ["posts/trip/beach.png"]
    assert (out / "posts" / "trip" / "beach.png").read_bytes() == b"a new picture"
    (content / "posts" / "trip" / "itinerary.pdf").unlink()  # now a dead link: nothing to copy
    _, _, result = build_fixture(site, tmp_path)
    assert "posts/trip/itinerary.pdf" in result.removed and not (out / "posts" / "trip" / "itinerary.pdf").exists()
    (content / "posts" / "trip" / "itinerary.pdf").write_bytes(b"%PDF back")  # and it comes back
    _, _, result = build_fixture(site, tmp_path)
    assert result.written == ["posts/trip/itinerary.pdf"]


def test_removed_article_takes_its_page_and_assets(site: Site, tmp_path: Path) -> None:
    content, out, _ = build_fixture(site, tmp_path)
    (out / "posts" / "trip" / "notes.txt").write_text("mine\n")  # a file feeds did not write stays
    shutil.rmtree(content / "posts" / "trip")
    _, _, result = build_fixture(site, tmp_path)
    gone = {"posts/trip/index.html", "posts/trip/beach.png", "posts/trip/beach@2x.png", "posts/trip/cover.jpg"}
    assert gone | {"posts/trip/itinerary.pdf", "images/logo.png", "tags/여행/rss.xml"} <= set(result.removed)
    assert sorted(p.name for p in (out / "posts" / "trip").iterdir()) == ["notes.txt"]
    assert (out / "images" / "shared.png").is_file()  # still linked to by another article
    assert named_urls(out).keys() == {u for u in named_urls(out) if file_of(u, out).is_file()}


def test_a_changed_copy_is_not_removed(site: Site, tmp_path: Path) -> None:
    """Only what feeds wrote goes: a published asset someone replaced by hand stays."""
    content, out, _ = build_fixture(site, tmp_path)
    (out / "posts" / "talk" / "slides.pdf").write_bytes(b"edited by hand")
    os.utime(out / "posts" / "talk" / "slides.pdf", ns=(1, 1))
    shutil.rmtree(content / "posts" / "talk")
    _, _, result = build_fixture(site, tmp_path)
    assert "posts/talk/slides.pdf" not in result.removed and "posts/talk/index.html" in result.removed
    assert (out / "posts" / "talk" / "slides.pdf").read_bytes() == b"edited by hand"


def test_links_out_of_the_content_folder_are_never_copied(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the web")
    content = tmp_path / "content"
    shutil.copytree(SOURCE / "content", content)
    (content / "posts" / "trip" / "beach.png").unlink()
    (content / "posts" / "trip" / "beach.png").symlink_to(secret)
    (content / "posts" / "trip" / "index.md").write_text(
        (SOURCE / "content" / "posts" / "trip" / "index.md").read_text(encoding="utf-8")
        + "\n![up](../../../secret.png) ![root](/secret.png)\n",
        encoding="utf-8",
    )
    _, out, _ = build_fixture(site, tmp_path)
    published = tree(out)
    assert b"not for the web" not in published.values()
    assert not (out / "secret.png").exists() and not (out / "posts" / "trip" / "beach.png").exists()
    assert all(Path(os.path.realpath(out / rel)).is_relative_to(out.resolve()) for rel in published)


def test_article_pages_off_writes_no_page(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(replace(site, article_pages=False), tmp_path)
    assert not any(p.name == "index.html" for p in (out / "posts").rglob("*"))
    assert (out / "posts" / "trip" / "beach.png").is_file()  # the feeds still show its pictures
    assert "posts/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_turning_article_pages_off_removes_them(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(site, tmp_path)
    _, _, result = build_fixture(replace(site, article_pages=False), tmp_path)
    assert "posts/trip/index.html" in result.removed and not (out / "posts" / "trip" / "index.html").exists()


def test_robots_names_the_sitemap_at_a_host_root(site: Site, tmp_path: Path) -> None:
    root_site = replace(site, url="https://example.org/", permalink="{url}posts/{slug}/")
    _, out, _ = build_fixture(root_site, tmp_path)
    assert (out / "robots.txt").read_text().endswith("Sitemap: https://example.org/sitemap.xml\n")
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")  # the site's own
    (tmp_path / "content" / "posts" / "trip" / "index.md").write_text("---\ntitle: T\ndate: 2025-05-01\n---\n\nNew.\n")
    build_fixture(root_site, tmp_path)
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /private/\n"


def test_an_empty_feed_claims_no_date(site: Site, tmp_path: Path) -> None:
    """A site with nothing published yet: RSS leaves its optional date out rather than say 1970."""
    content, out = tmp_path / "content", tmp_path / "out"
    content.mkdir()
    assert not build(site, content, out, at=AT).errors
    rss = (out / "rss.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>" not in rss and "1970" not in rss
    assert "1970" not in (out / "feeds.opml").read_text(encoding="utf-8")
    assert "lastmod" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    findings = validate_paths([out], site_url=URL)
    assert [f for f in findings if f.level == "error"] == []


def test_the_sites_own_robots_and_sitemap_win(site: Site, tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(SOURCE / "static", static)
    (static / "robots.txt").write_text("User-agent: *\n")
    (static / "sitemap.xml").write_text("<urlset/>\n")
    root_site = replace(site, url="https://example.org/", static=static)
    _, out, _ = build_fixture(root_site, tmp_path)
    assert (out / "robots.txt").read_text() == "User-agent: *\n"
    assert (out / "sitemap.xml").read_text() == "<urlset/>\n"
    (static / "robots.txt").unlink()  # the static file goes: its copy goes, and feeds' own comes
    _, _, result = build_fixture(root_site, tmp_path)
    assert (out / "robots.txt").read_text().startswith("# Written by feeds")
    assert "robots.txt" in result.written


def test_a_removed_page_or_copy_comes_back(site: Site, tmp_path: Path) -> None:
    _, out, _ = build_fixture(site, tmp_path)
    want = tree(out)
    (out / "posts" / "talk" / "index.html").unlink()
    (out / "images" / "shared.png").write_bytes(b"damaged")
    _, _, result = build_fixture(site, tmp_path)
    assert sorted(result.written) == ["images/shared.png", "posts/talk/index.html"]
    assert tree(out) == want


def test_a_large_site_gets_a_sitemap_index(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The protocol allows 50,000 URLs to a sitemap: more, and sitemap.xml is an index of parts."""
    from feeds import sitemap

    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    _, out, _ = build_fixture(site, tmp_path)
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    assert root.tag == f"{SITEMAP_NS}sitemapindex"
    parts = [s.findtext(f"{SITEMAP_NS}loc") for s in root]
    assert parts == [URL + "sitemap-1.xml", URL + "sitemap-2.xml", URL + "sitemap-3.xml"]
    listed = [u.findtext(f"{SITEMAP_NS}loc") for p in parts for u in etree.parse(str(file_of(p, out))).getroot()]
    # The site's page, three tag pages, an author's page and four article pages.
    assert {file_of(url, out) for url in listed} == set(out.rglob("index.html")) and len(listed) == 9
    assert all(file_of(url, out).is_file() for url in named_urls(out))
    assert [f for f in validate_paths([out], site_url=URL) if f.level == "error"] == []
    monkeypatch.setattr(sitemap, "MAX_URLS", 50_000)  # as if the site shrank to fit one sitemap again
    shutil.rmtree(tmp_path / "content" / "posts" / "talk")
    _, _, result = build_fixture(site, tmp_path)
    assert sorted(r for r in result.removed if r.startswith("sitemap")) == [f"sitemap-{n}.xml" for n in (1, 2, 3)]


def test_an_output_folder_inside_static_or_content_is_never_copied(site: Site, tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(SOURCE / "static", static)
    content = tmp_path / "content"
    shutil.copytree(SOURCE / "content", content)
    out = static / "out"
    for _ in range(2):
        assert not build(replace(site, static=static), content, out, at=AT).errors
    assert not (out / "out").exists() and (out / "favicon.ico").is_file()
    (content / "posts" / "trip" / "index.md").write_text(
        "---\ntitle: T\ndate: 2025-05-01\n---\n\n![](../../out/rss.xml)\n"
    )
    assert not build(site, content, content / "out", at=AT).errors
    assert not (content / "out" / "out").exists()


def test_an_edit_build_with_a_damaged_state_removes_no_page(site: Site, tmp_path: Path) -> None:
    import sqlite3

    content, out, _ = build_fixture(site, tmp_path)
    want = tree(out)
    db = next(p for p in (tmp_path / "cache").iterdir() if p.suffix in (".db", ".sqlite", ".sqlite3"))
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE state SET value = 'not json' WHERE key = 'site_files'")
    (content / "posts" / "talk" / "index.md").touch()
    _, _, result = build_fixture(site, tmp_path)
    assert result.removed == [] and tree(out) == want
