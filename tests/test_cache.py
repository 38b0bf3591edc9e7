"""The cache keeps every field of a document: a field added to Document and not to the cache
would come back as its default on every incremental build, silently."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from feeds.cache import Cache
from feeds.document import Author, Document, Meta, meta

# A value unlike the default for every field, so a field the cache drops cannot pass unnoticed.
FULL = Document(
    source="news/a.txt",
    format="news",
    title="제목 <b>",
    published=datetime(2025, 3, 10, 14, 30, tzinfo=timezone(timedelta(hours=9))),
    updated=datetime(2025, 3, 11, 9, 0, tzinfo=UTC),
    authors=(Author("전윤미", "yun@example.com", "https://example.com/yun"), Author("Kim")),
    tags=("AI", "뉴스"),
    summary="요약",
    language="ko",
    slug="a",
    link="https://example.com/posts/a/",
    id="https://example.com/posts/a/",
    body=None,  # as the cache gives a document back: its body is stored apart
    markup="news",
    publication="애플경제",
    draft=True,
    extra={"cover": "a.png", "when": date(2025, 1, 2), "nested": {"list": [1, 2.5, None]}},
    body_line=7,
    references=("b.md", "c/index.md"),
)


def test_every_document_field_survives_the_cache(tmp_path: Path) -> None:
    defaults = {f.name: f.default for f in dataclasses.fields(Document) if f.default is not dataclasses.MISSING}
    assert all(getattr(FULL, name) != default for name, default in defaults.items()), "FULL must set every field"
    cache = Cache.open(tmp_path / "cache")
    try:
        cache.put_document(10, 20, "digest", dataclasses.replace(FULL, body="본문"))
        assert cache.documents()["news/a.txt"].doc == FULL
    finally:
        cache.close()


def test_the_light_index_holds_every_planning_field(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    try:
        cache.put_document(10, 20, "digest", dataclasses.replace(FULL, body="본문"))
        assert cache.index()["news/a.txt"] == (10, 20, "digest", meta(FULL), 0, 0)
        assert all(getattr(meta(FULL), name) == getattr(FULL, name) for name in Meta._fields)
    finally:
        cache.close()


def test_deleting_documents_named_by_a_generator_forgets_them_everywhere(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache")
    try:
        cache.put_document(10, 20, "digest", dataclasses.replace(FULL, body="본문"))
        cache.delete_documents(source for source in ["news/a.txt"])  # read once, for both tables
        assert cache.documents() == {} and cache.index() == {}
    finally:
        cache.close()
