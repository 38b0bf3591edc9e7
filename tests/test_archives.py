"""RFC 5005 archives and the size budget, as a reader sees them: feedparser walks every chain from
its current feed and must find every published document exactly once, newest first."""

from __future__ import annotations

import functools
import json
import logging
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from lxml import etree

from feeds.build import build
from feeds.cli import main
from feeds.config import Site, site_from_mapping
from feeds.incremental import PLAN_REUSED
from feeds.validate import validate_paths

from .conftest import TEST_SITE
from .corpus import generate

AT = datetime(2026, 11, 1, tzinfo=UTC)
FEEDS = ("rss.xml", "atom.xml", "feed.json")
FH_ARCHIVE = "{http://purl.org/syndication/history/1.0}archive"


def archived(data: bytes) -> bool:
    """Whether the feed carries RFC 5005's ``<fh:archive/>`` (in Atom's feed, RSS's channel)."""
    root = etree.fromstring(data)
    head = root[0] if root.tag == "rss" else root
    return head.find(FH_ARCHIVE) is not None


@pytest.fixture
def small(site: Site) -> Site:
    return replace(site, max_items=3)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    generate(tmp_path / "content", 40)
    return tmp_path / "content"


def local(site: Site, out: Path, url: str) -> Path:
    assert url.startswith(site.url), url
    return out / url[len(site.url) :]


def link(parsed: feedparser.FeedParserDict, rel: str) -> str | None:
    return next((item["href"] for item in parsed.feed.get("links", []) if item.get("rel") == rel), None)


@functools.cache
def parsed_feed(data: bytes) -> feedparser.FeedParserDict:
    """What feedparser makes of a feed's bytes. The chains are walked again after each build and
    most of their pages keep their bytes (a full page is never rewritten): each is parsed once.
    The walk reads ids, links and well-formedness alone, none of which feedparser's cleaning of
    the entries' HTML touches: that is left out."""
    return feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)


def walk(site: Site, out: Path, folder: str, filename: str) -> list[list[str]]:
    """The entry ids of each document of the chain of the feed in ``folder``, from its current
    document back along prev-archive (next_url in JSON Feed), as a reader reconstructs it."""
    pages: list[list[str]] = []
    path: Path | None = out / folder / filename
    seen: set[Path] = set()
    while path is not None:
        assert path not in seen, f"a loop at {path}"
        seen.add(path)
        data = path.read_bytes()
        if filename == "feed.json":
            document = json.loads(data)
            pages.append([item["id"] for item in document["items"]])
            older = document.get("next_url")
        else:
            parsed = parsed_feed(data)
            assert not parsed.bozo, (path, parsed.bozo_exception)
            pages.append([entry["id"] for entry in parsed.entries])
            older = link(parsed, "prev-archive")
            if pages[1:]:  # an archive document: marked, and linked to its current feed
                assert archived(data), path
                assert link(parsed, "current") == site.url + folder + filename, path
            else:
                assert not archived(data), path
        path = local(site, out, older) if older else None
    return pages


def chains(out: Path) -> list[str]:
    return ["", *sorted(f"tags/{tag.name}/" for tag in (out / "tags").iterdir())]


def walk_json(out: Path, folder: str) -> list[list[dict[str, Any]]]:
    pages = []
    path: Path | None = out / folder / "feed.json"
    while path is not None:
        document = json.loads(path.read_bytes())
        pages.append(document["items"])
        older = document.get("next_url")
        path = out / older.split("/", 3)[3] if older else None
    return pages


def assert_chains_complete(site: Site, out: Path, count: int) -> None:
    """Every chain, in every format, holds its documents once each, newest first, and the current
    feed its newest ones; the main chain holds all ``count`` published documents."""
    items = [item for page in walk_json(out, "") for item in page]
    assert len(items) == count
    assert len({item["id"] for item in items}) == count
    dates = [datetime.fromisoformat(str(item["date_published"])) for item in items]
    assert dates == sorted(dates, reverse=True)
    for folder in chains(out):
        current = json.loads((out / folder / "feed.json").read_bytes())
        if folder:
            name = current["title"].split(": ", 1)[1]
            expected = [i["id"] for i in items if name in i.get("tags", [])]
        else:
            expected = [i["id"] for i in items]
        for filename in FEEDS:
            pages = walk(site, out, folder, filename)
            found = [entry for page in pages for entry in page]
            assert found == expected, f"{folder}{filename}"
            # The newest page may be empty: it follows a full one, which links to it.
            assert all(0 < len(page) <= site.max_items for page in pages[2:]), f"{folder}{filename}"
            assert all(len(page) <= site.max_items for page in pages[1:2]), f"{folder}{filename}"


def test_every_chain_holds_every_document_once_in_order(small: Site, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(small, corpus, out, at=AT)
    assert result.errors == [] and result.published == 40
    assert_chains_complete(small, out, 40)
    # 40 documents, 3 in the current feed: 37 archived, oldest first, 12 full pages and one of 1.
    assert sorted(p.name for p in (out / "archive").iterdir()) == sorted(str(k) for k in range(1, 14))
    assert len(json.loads((out / "archive/13/feed.json").read_bytes())["items"]) == 1
    # A full page names the next one; the newest, not full, none; the first no earlier one.
    atom = feedparser.parse((out / "archive/12/atom.xml").read_bytes())
    assert link(atom, "next-archive") == small.url + "archive/13/atom.xml"
    assert link(atom, "prev-archive") == small.url + "archive/11/atom.xml"
    assert link(feedparser.parse((out / "archive/13/atom.xml").read_bytes()), "next-archive") is None
    assert link(feedparser.parse((out / "archive/1/atom.xml").read_bytes()), "prev-archive") is None
    assert not (out / "archive/1/index.html").exists()  # archives are for feed readers: no page
    # The site pages and OPML list the current feeds alone.
    assert b"archive/" not in (out / "index.html").read_bytes()
    findings = validate_paths([out], site_url=small.url)
    assert [f"{f.path}: {f.code}: {f.message}" for f in findings if f.level != "info"] == []


def article(content: Path, name: str, day: int, tags: str, summary: str = "") -> None:
    head = f"title: New {name}\ndate: 2026-10-{day:02d}T12:00:00+09:00\ntags: [{tags}]\n"
    if summary:
        head += f"summary: {summary}\n"
    (content / f"{name}.md").write_text(f"---\n{head}---\n\nBody of {name}.\n", encoding="utf-8")


def mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_adding_a_document_rewrites_the_current_feed_and_at_most_one_page(
    small: Site, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(small, corpus, out, at=AT, cache_dir=tmp_path / "cache")
    # Enough additions to fill the newest page and start the next: a full page is never rewritten.
    for n in range(1, 6):
        before = mtimes(out)
        article(corpus, f"added-{n}", 20 + n, "Python, AI")
        result = build(small, corpus, out, at=AT, cache_dir=tmp_path / "cache")
        assert result.errors == []
        after = mtimes(out)
        changed = sorted(rel for rel in after if before.get(rel) != after[rel])
        assert sorted(result.written) == changed
        pages: dict[str, set[str]] = defaultdict(set)
        for rel in changed:
            if "/archive/" in "/" + rel:
                base, _, rest = ("/" + rel).rpartition("/archive/")
                pages[base].add(rest.split("/")[0])
        # One page takes the entry; when that fills it, the next page starts out empty (new, not
        # rewritten), so the full page's next-archive link leads to a page from the start.
        for base, numbers in pages.items():
            filled, *started = sorted(numbers, key=int)
            assert [int(k) for k in started] in ([], [int(filled) + 1]), pages
            for k in started:
                page = f"{base.lstrip('/')}/archive/{k}/".lstrip("/")
                assert not any(rel.startswith(page) for rel in before), (page, "rewritten")
                assert json.loads((out / page / "feed.json").read_bytes())["items"] == []
                # Dated when the page before it filled, not 1970: the newest date on that page.
                filled_page = f"{base.lstrip('/')}/archive/{filled}/".lstrip("/")
                newest = feedparser.parse((out / filled_page / "atom.xml").read_bytes()).feed.updated
                assert feedparser.parse((out / page / "atom.xml").read_bytes()).feed.updated == newest
                assert "1970" not in (out / page / "rss.xml").read_text(encoding="utf-8")
        assert_chains_complete(small, out, 40 + n)


def test_a_full_page_keeps_its_bytes_when_the_next_one_starts(small: Site, tmp_path: Path) -> None:
    corpus, out = tmp_path / "content", tmp_path / "out"
    generate(corpus, 10)  # 3 in the current feed, 7 archived: pages 1 and 2 full, 3 of one
    build(small, corpus, out, at=AT)
    full = (out / "archive/2").iterdir()
    kept = {p.name: p.read_bytes() for p in full}
    article(corpus, "one", 20, "x")
    article(corpus, "two", 21, "x")  # 9 archived: pages 1-3 full
    build(small, corpus, out, at=AT)
    article(corpus, "three", 22, "x")  # page 4 starts
    build(small, corpus, out, at=AT)
    assert {p.name: p.read_bytes() for p in (out / "archive/2").iterdir()} == kept
    assert (out / "archive/4/atom.xml").is_file()


def test_deleted_documents_and_tags_take_their_pages_with_them(small: Site, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for n in range(1, 8):
        article(corpus, f"lone-{n}", n, "Only Here")
    build(small, corpus, out, at=AT, cache_dir=tmp_path / "cache")
    assert (out / "tags/only-here/archive/2/atom.xml").is_file()
    for path in sorted(corpus.iterdir())[:20]:
        path.unlink()
    for n in range(1, 8):
        (corpus / f"lone-{n}.md").unlink(missing_ok=True)
    result = build(small, corpus, out, at=AT, cache_dir=tmp_path / "cache")
    count = result.published
    assert not (out / "tags/only-here").exists()
    assert_chains_complete(small, out, count)
    pages = -(-(count - 3) // 3)
    assert sorted(int(p.name) for p in (out / "archive").iterdir()) == list(range(1, pages + 1))


def test_archives_false_writes_none_and_removes_them(small: Site, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(small, corpus, out, at=AT)
    assert (out / "archive").is_dir()
    build(replace(small, archives=False), corpus, out, at=AT)
    assert not (out / "archive").exists()
    assert not list(out.glob("tags/*/archive"))
    parsed = feedparser.parse((out / "atom.xml").read_bytes())
    assert len(parsed.entries) == 3 and link(parsed, "prev-archive") is None
    assert "next_url" not in json.loads((out / "feed.json").read_bytes())


def test_settings_are_checked(tmp_path: Path) -> None:
    from feeds.errors import ConfigError

    for bad in ({"archives": "yes"}, {"max_bytes": 100}, {"max_bytes": True}):
        with pytest.raises(ConfigError):
            site_from_mapping({**TEST_SITE, **bad})
    site = site_from_mapping(TEST_SITE)
    assert site.archives is True and site.max_bytes == 1_000_000


BUDGET = 5_000


def test_every_feed_stays_within_max_bytes(small: Site, corpus: Path, tmp_path: Path) -> None:
    site = replace(small, max_items=5, max_bytes=BUDGET)
    out = tmp_path / "out"
    result = build(site, corpus, out, at=AT)
    assert result.errors == []
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*") if p.name in FEEDS}
    assert sizes and max(sizes.values()) <= BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
    # The budget acted: the main feed's oldest entries are cut to their summaries, newest first
    # the full ones; without a budget it would be over.
    whole = build(replace(site, max_bytes=10_000_000), corpus, tmp_path / "whole", at=AT)
    assert whole.errors == [] and (tmp_path / "whole/feed.json").stat().st_size > BUDGET
    current = json.loads((out / "feed.json").read_bytes())["items"]
    cut = ["content_text" in item for item in current]
    assert any(cut) and cut == sorted(cut)
    assert_chains_complete(site, out, 40)
    assert main(["validate", str(out), "--site-url", site.url, "--quiet"]) == 0


def test_a_current_feed_over_budget_by_its_summaries_keeps_fewer_entries(
    site: Site, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for n in range(1, 13):
        article(content, f"small-{n}", n, "x", "Short.")
    for n in (20, 21):  # the two newest: summaries alone take most of the budget
        article(content, f"huge-{n}", n, "x", "lorem ipsum " * 100)
    site = replace(site, max_items=5, max_bytes=6_000)
    out = tmp_path / "out"
    result = build(site, content, out, at=AT, cache_dir=tmp_path / "cache")
    assert result.errors == []
    for folder in ("", "tags/x/"):
        current = json.loads((out / folder / "feed.json").read_bytes())
        assert 0 < len(current["items"]) < 5 and "next_url" in current
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*") if p.name in FEEDS}
    assert max(sizes.values()) <= 6_000, sizes
    assert_chains_complete(site, out, 14)
    caplog.set_level(logging.DEBUG, logger="feeds.incremental")
    # An edit that lets the newest feed keep more plans again (the last plan does not hold).
    article(content, "huge-21", 21, "x", "Short now.")
    build(site, content, out, at=AT, cache_dir=tmp_path / "cache")
    assert PLAN_REUSED not in caplog.text
    assert len(json.loads((out / "feed.json").read_bytes())["items"]) == 5
    assert_chains_complete(site, out, 14)
    # An archived document's edit reuses the plan and rewrites its pages alone.
    (content / "small-1.md").write_text((content / "small-1.md").read_text() + "More.\n", encoding="utf-8")
    result = build(site, content, out, at=AT, cache_dir=tmp_path / "cache")
    assert PLAN_REUSED in caplog.text
    feeds_written = sorted(path for path in result.written if path.rpartition("/")[2] in FEEDS)
    assert feeds_written == [f"{base}archive/1/{name}" for base in ("", "tags/x/") for name in sorted(FEEDS)]
    assert sorted(set(result.written) - set(feeds_written)) == ["posts/small-1/index.html"]  # its own page
    caplog.clear()
    # And one that makes the current feed keep fewer, from a plan that was not cut.
    article(content, "small-12", 12, "x", "lorem ipsum " * 150)
    build(site, content, out, at=AT, cache_dir=tmp_path / "cache")
    assert PLAN_REUSED not in caplog.text
    assert len(json.loads((out / "feed.json").read_bytes())["items"]) < 5
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*") if p.name in FEEDS}
    assert max(sizes.values()) <= 6_000, sizes
    assert_chains_complete(site, out, 14)
