"""Each entry serialized once and spliced into every feed gives the bytes of the feed serialized whole.

The reference is the plain way: one feedgen generator holding all of a feed's entries (RSS, Atom),
one ``json.dumps(..., indent=2)`` of the whole feed (JSON Feed). Sites: the generated corpus (every
Markdown syntax, pictures, tags in many feeds), the seeds and the real Korean news corpus (their
outlets are ``dc:publisher``), documents in another language than the site's (``xml:lang``), and
``xsl = true``.
"""

from __future__ import annotations

import json
import shutil
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
from feeds.formats import atom, jsonfeed, rss
from feeds.formats.common import with_stylesheet

from .conftest import SEEDS, TEST_SITE
from .corpus import generate
from .sweeps import briefly, exhaustive, sweep

AT = datetime(2026, 11, 1, tzinfo=UTC)
NEWS = Path(__file__).parent / "data" / "news"


def whole(feed: Feed, filename: str) -> bytes:
    """``feed`` serialized the plain way, all entries in one go."""
    if filename == "rss.xml":
        return with_stylesheet(bytes(rss._generator(feed, feed.entries, feed.entries).rss_str(pretty=True)), feed)
    if filename == "atom.xml":
        return with_stylesheet(bytes(atom._generator(feed, feed.entries, feed.entries).atom_str(pretty=True)), feed)
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


def assert_spliced_equals_whole(feeds: list[Feed], out: Path) -> None:
    for feed in feeds:
        for filename in ("rss.xml", "atom.xml", "feed.json"):
            written = (out / feed.folder / filename).read_bytes()
            assert written == whole(feed, filename), f"{feed.folder}{filename}"


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
    assert_spliced_equals_whole(feeds, tmp_path / "out")


def test_news_and_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(NEWS, content, ignore=shutil.ignore_patterns("*.json", "*.md", "*.yaml", "*.yml"))
    for seed in SEEDS.iterdir():
        shutil.copy(seed, content)
    feeds = built_feeds(monkeypatch, site_from_mapping(TEST_SITE), content, tmp_path / "out")
    assert any(entry.doc.publication for feed in feeds for entry in feed.entries)
    assert_spliced_equals_whole(feeds, tmp_path / "out")


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
    """The bytes are cut at the entries' opening tags: a title, a summary or raw HTML holding one
    (at the very indentation lxml gives a real one) is escaped text, never a cut."""
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
    assert_spliced_equals_whole(feeds, tmp_path / "out")
    for name in ("rss.xml", "atom.xml"):
        data = (tmp_path / "out" / "tags" / "x" / name).read_bytes()
        assert data.count(b"<entry") + data.count(b"<item>") == 3, name  # the three real ones


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(test_json_writer_equals_json_dumps)
