"""Each entry built once and shared by every feed that shows it gives the bytes of the feed serialized whole.

RSS and Atom share each entry's lxml element (feedgen's ``rss_entry()``, ``atom_entry()``), JSON
Feed each item's text. The reference is the plain way: one feedgen generator holding all of a
feed's entries (RSS, Atom), one ``json.dumps(..., indent=2)`` of the whole feed (JSON Feed); and an
entry's bytes are the same in every feed that shows it. Sites: the generated corpus (every
Markdown syntax, pictures, tags in many feeds), the seeds and the real Korean news corpus (their
outlets are ``dc:publisher``), documents in another language than the site's (``xml:lang``), and
``xsl = true``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import publish as publish_module
from feeds.build import build
from feeds.config import Site, site_from_mapping
from feeds.feed import Feed
from feeds.formats import atom, jsonfeed, part_key, rss
from feeds.formats.common import with_stylesheet

from .conftest import SEEDS, TEST_SITE
from .corpus import generate
from .sweeps import briefly, exhaustive, sweep

AT = datetime(2026, 11, 1, tzinfo=UTC)
NEWS = Path(__file__).parent / "data" / "news"


def whole(feed: Feed, filename: str) -> bytes:
    """``feed`` serialized the plain way, all entries in one go."""
    if filename in ("rss.xml", "atom.xml"):
        form = rss if filename == "rss.xml" else atom
        fg = form._generator(feed)
        for entry in feed.entries:
            form._fill(fg.add_entry(order="append"), entry, feed.site)  # the default prepends
        text = fg.rss_str(pretty=True) if form is rss else fg.atom_str(pretty=True)
        return with_stylesheet(bytes(text), feed)
    document = jsonfeed.head_of(feed) | {"items": [jsonfeed._item(entry, feed.site) for entry in feed.entries]}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def built_feeds(monkeypatch: pytest.MonkeyPatch, site: Site, content: Path, out: Path) -> list[Feed]:
    """Build ``content`` and keep every feed the build serialized."""
    seen: dict[int, Feed] = {}
    stage = publish_module._stage_file

    def keep(feed: Feed, *args: Any) -> Any:
        seen[id(feed)] = feed  # once per format it is written in
        return stage(feed, *args)

    monkeypatch.setattr(publish_module, "_stage_file", keep)
    monkeypatch.setenv("FEEDS_WORKERS", "1")  # the feeds are seen in this process
    build(site, content, out, at=AT)
    assert seen
    return list(seen.values())


# Where an entry starts and where the last one ends in a written feed, to compare entries' bytes
# between feeds (the build itself never cuts its output).
CUTS = {
    "atom.xml": (re.compile(rb"\n  <entry[ >]"), b"</feed>"),
    "rss.xml": (re.compile(rb"\n    <item>"), b"  </channel>"),
    "feed.json": (re.compile(rb"\n    \{"), b"\n  ]"),
}


def entry_bytes(data: bytes, filename: str) -> list[bytes]:
    start, end = CUTS[filename]
    after = data.find(b'\n  "items": [') if filename == "feed.json" else 0  # the feed's authors are dicts too
    starts = [match.start() + 1 for match in start.finditer(data, after)]
    ends = [*starts[1:], data.rindex(end)] if starts else []
    return [data[a:b].rstrip(b",\n") for a, b in zip(starts, ends, strict=True)]


def assert_shared_equals_whole(feeds: list[Feed], out: Path) -> None:
    """Every feed is written as it is serialized whole, and each entry (in its full or its summary
    version) takes the same bytes in every feed that shows it."""
    for filename in ("rss.xml", "atom.xml", "feed.json"):
        seen: dict[str, set[bytes]] = defaultdict(set)
        for feed in feeds:
            written = (out / feed.folder / filename).read_bytes()
            assert written == whole(feed, filename), f"{feed.folder}{filename}"
            shown = entry_bytes(written, filename)
            assert len(shown) == len(feed.entries), f"{feed.folder}{filename}"
            for entry, data in zip(feed.entries, shown, strict=True):
                seen[part_key(entry)].add(data)
        assert seen
        assert all(len(versions) == 1 for versions in seen.values()), filename


@pytest.mark.parametrize("xsl", sweep([False, True], keep=1))
def test_generated_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xsl: bool) -> None:
    content = tmp_path / "content"
    generate(content, 300)
    # Some entries in another language than the site's: <entry xml:lang> in Atom, "language" in JSON.
    for path in sorted(content.iterdir())[:40:3]:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            path.write_text("---\nlang: ko\n" + text[4:], encoding="utf-8")
    site = site_from_mapping(TEST_SITE | {"xsl": xsl})
    feeds = built_feeds(monkeypatch, site, content, tmp_path / "out")
    assert any(entry.image for feed in feeds for entry in feed.entries)
    assert any(entry.doc.language != site.language for feed in feeds for entry in feed.entries)
    assert any(len(feed.entries) > 1 for feed in feeds if feed.folder)
    assert_shared_equals_whole(feeds, tmp_path / "out")


def test_news_and_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(NEWS, content, ignore=shutil.ignore_patterns("*.json", "*.md", "*.yaml", "*.yml"))
    for seed in SEEDS.iterdir():
        shutil.copy(seed, content)
    feeds = built_feeds(monkeypatch, site_from_mapping(TEST_SITE), content, tmp_path / "out")
    assert any(entry.doc.publication for feed in feeds for entry in feed.entries)
    assert_shared_equals_whole(feeds, tmp_path / "out")


text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=12,
)


@exhaustive
@given(st.dictionaries(text, json_values, max_size=5))
@settings(max_examples=300, deadline=None)
def test_json_writer_equals_json_dumps(value: dict[str, Any]) -> None:
    assert jsonfeed._dumps(value) == json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def test_text_that_looks_like_an_entry_tag_stays_inside_its_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title, a summary or raw HTML holding an entry's opening tag (at the very indentation lxml
    gives a real one) is escaped text, never an entry."""
    content = tmp_path / "content"
    content.mkdir()
    lookalike = "\n  <entry>\n    <item>\n  </entry>\n</feed>\n  </channel>"
    for i, day in enumerate(("2025-01-01", "2025-01-02", "2025-01-03")):
        (content / f"p{i}.md").write_text(
            f'---\ntitle: "<entry> {i} <item>"\ndate: {day}\ntags: [x]\n'
            f'description: "  <entry> and\\n    <item>"\n---\n\n<div>{lookalike}\n</div>\n\nText {i}.\n',
            encoding="utf-8",
        )
    feeds = built_feeds(monkeypatch, site_from_mapping(TEST_SITE), content, tmp_path / "out")
    assert_shared_equals_whole(feeds, tmp_path / "out")
    for name in ("rss.xml", "atom.xml"):
        data = (tmp_path / "out" / "tags" / "x" / name).read_bytes()
        assert data.count(b"<entry") + data.count(b"<item>") == 3, name  # the three real ones


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(test_json_writer_equals_json_dumps)


def test_each_entry_is_built_once_per_format_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many feeds show an entry, a build makes it once per format; serializing a feed
    leaves the shared entries as they were, so every other feed gets them the same."""
    made: dict[str, list[str]] = defaultdict(list)
    for form in (atom, rss, jsonfeed):

        def counted(entries: Any, site: Site, form: Any = form, make: Any = form.make_entries) -> Any:
            made[form.FILENAME].extend(part_key(entry) for entry in entries)
            return make(entries, site)

        monkeypatch.setattr(form, "make_entries", counted)
    content = tmp_path / "content"
    generate(content, 60)
    site = site_from_mapping(TEST_SITE)
    feeds = built_feeds(monkeypatch, site, content, tmp_path / "out")
    shown = [part_key(entry) for feed in feeds for entry in feed.entries]
    assert len(shown) > len(set(shown))  # entries in several feeds
    for filename in ("rss.xml", "atom.xml", "feed.json"):
        assert sorted(made[filename]) == sorted(set(shown)), filename

    # Serialized in turn, again in the other order: the same bytes, the plain way's.
    main = next(feed for feed in feeds if not feed.folder)
    tag = max((feed for feed in feeds if feed.folder), key=lambda feed: len(feed.entries))
    assert set(map(part_key, tag.entries)) & set(map(part_key, main.entries))
    for form in (atom, rss, jsonfeed):
        both = {part_key(entry): entry for entry in (*main.entries, *tag.entries)}
        parts = dict(zip(both, form.make_entries(list(both.values()), site), strict=True))

        def serialized(feed: Feed, form: Any = form, parts: dict[str, Any] = parts) -> bytes:
            return bytes(form.serialize(feed, [parts[part_key(entry)] for entry in feed.entries]))

        expected = [whole(main, form.FILENAME), whole(tag, form.FILENAME)]
        assert [serialized(main), serialized(tag)] == expected
        assert [serialized(tag), serialized(main)] == expected[::-1]


def test_a_feed_over_budget_has_its_oldest_entries_cut_as_if_serialized_whole_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``within_budget`` adds up the sizes of the shared entries: the feed it writes is the one
    cutting the oldest entry, one at a time, and serializing the whole feed each time gives."""
    content = tmp_path / "content"
    generate(content, 120)
    site = site_from_mapping(TEST_SITE | {"max_items": 20, "max_bytes": 40_000})
    feeds = built_feeds(monkeypatch, site, content, tmp_path / "out")
    cut = 0
    for feed in feeds:
        for filename in ("rss.xml", "atom.xml", "feed.json"):
            entries = list(feed.entries)
            i = len(entries)
            while len(whole(replace(feed, entries=tuple(entries)), filename)) > site.max_bytes and i > 0:
                i -= 1
                entries[i] = replace(entries[i], summary_only=True)
            cut += len(entries) - i
            expected = whole(replace(feed, entries=tuple(entries)), filename)
            assert (tmp_path / "out" / feed.folder / filename).read_bytes() == expected, f"{feed.folder}{filename}"
    assert cut > 0
