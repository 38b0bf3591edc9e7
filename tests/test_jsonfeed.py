"""Our JSON Feeds: the JSON Feed 1.1 schema, the same entries as the Atom twin, and stable bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from lxml import etree

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.validate import validate_paths

from .conftest import DATA, SEEDS, TEST_SITE, tree

AT = datetime(2026, 11, 1, tzinfo=UTC)
SCHEMA = json.loads((DATA / "jsonfeed" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
FEEDS = ["feed.json", "tags/ai/feed.json"]
# The item fields in the order the spec lists them, which is the order we write them in.
SPEC_ORDER = [
    "id", "url", "title", "content_html", "summary", "image", "date_published", "date_modified", "authors", "tags",
    "language",
]  # fmt: skip


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    assert not build(site_from_mapping(TEST_SITE), SEEDS, folder, at=AT).errors
    return folder


def load(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8"))


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("feed", FEEDS)
def test_json_feed_matches_the_schema(out: Path, feed: str) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(load(out / feed))


def test_schema_rejects_what_the_spec_forbids() -> None:
    """The schema is only a proof if it can fail: items without content, numeric ids, bad dates."""
    validator = jsonschema.Draft202012Validator(SCHEMA)
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "content_text": "x"}]}
    assert validator.is_valid(good)
    for item in (
        {"id": "1"},
        {"id": 1, "content_text": "x"},
        {"id": "1", "content_text": "x", "date_published": "2025-03-10"},
        {"id": "1", "content_text": "x", "unknown": True},
    ):
        assert not validator.is_valid({**good, "items": [item]}), item


@pytest.mark.parametrize("feed", FEEDS)
def test_json_feed_has_every_field_for_every_entry(out: Path, feed: str) -> None:
    """Each item carries the same entry as the Atom twin, as feedparser reads that one."""
    document = load(out / feed)
    atom = feedparser.parse((out / feed.replace("feed.json", "atom.xml")).read_bytes())
    assert not atom.bozo
    assert document["feed_url"] == f"https://example.com/{feed}"
    assert document["home_page_url"] == "https://example.com/"
    assert document["language"] == "en" and document["authors"] == [{"name": "Test site"}]
    assert document["title"] == atom.feed.title
    assert [i["id"] for i in document["items"]] == [e.id for e in atom.entries]
    for item, entry in zip(document["items"], atom.entries, strict=True):
        assert [key for key in item if key in SPEC_ORDER] == [key for key in SPEC_ORDER if key in item]
        assert {"id", "url", "title", "content_html", "summary", "date_published", "date_modified"} <= set(item)
        assert item["url"] == entry.link and item["title"] == entry.title
        assert item["summary"] == entry.summary
        assert datetime.fromisoformat(item["date_published"]).astimezone(UTC) == datetime(
            *entry.published_parsed[:6], tzinfo=UTC
        )
        assert datetime.fromisoformat(item["date_modified"]).astimezone(UTC) == datetime(
            *entry.updated_parsed[:6], tzinfo=UTC
        )
        assert [a["name"] for a in item["authors"]] == [a.name for a in entry.authors]
        assert item.get("tags", []) == [t.term for t in entry.get("tags", [])]
        assert item["language"] == "ko"  # differs from the site's "en", like the Atom entry's xml:lang
    # feedparser rewrites the HTML it sanitizes (<img /> for <img>): compare content with the raw Atom.
    raw = etree.fromstring((out / feed.replace("feed.json", "atom.xml")).read_bytes())
    contents = [c.text for c in raw.iter("{http://www.w3.org/2005/Atom}content")]
    assert [i["content_html"] for i in document["items"]] == contents


def test_json_feed_bytes_are_utf8_with_a_final_newline(out: Path) -> None:
    data = (out / "feed.json").read_bytes()
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    assert "AI 산업의 성공 속에".encode() in data  # not \\uXXXX escapes
    assert data.startswith(b'{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": ')


def test_json_feeds_validate_clean(out: Path) -> None:
    findings = validate_paths([out])
    feeds = sorted(rel for rel in tree(out) if rel.endswith((".xml", "feed.json")) and rel != "sitemap.xml")
    assert sorted(Path(p).relative_to(out).as_posix() for p in findings.files) == feeds
    assert len(feeds) == 12  # the main feed, tags/ai/ and the seeds' two authors: 3 formats each
    assert [f for f in findings if f.level != "info"] == []


def test_author_email_becomes_a_mailto_url(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(
        "---\ntitle: A\ndate: 2025-01-01\nauthor: {name: Kim, email: kim@example.com}\n---\nbody\n", encoding="utf-8"
    )
    build(site_from_mapping(TEST_SITE), content, tmp_path / "out", at=AT)
    item = load(tmp_path / "out" / "feed.json")["items"][0]
    assert item["authors"] == [{"name": "Kim", "url": "mailto:kim@example.com"}]
    assert "tags" not in item and "language" not in item
