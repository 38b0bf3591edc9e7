"""Property-based tests: whatever the input, no crash, and the output is valid XML that validates."""

from __future__ import annotations

import contextlib
import json
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.document import Document
from feeds.errors import ContentError
from feeds.load import parse_document
from feeds.render import content_html
from feeds.validate import validate_paths

from .conftest import TEST_SITE

SITE = site_from_mapping(TEST_SITE)
AT = datetime(2026, 11, 1, tzinfo=UTC)
PREFIXES = ["", "---\n", "+++\n", "{", "Title: x\nDate: 2025-01-01\n\n", "제목\n\n요약\n\n2025-03-10 홍길동 기자\n"]


@given(st.sampled_from(PREFIXES), st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_parses_or_gets_a_content_error(prefix: str, text: str) -> None:
    try:
        doc = parse_document((prefix + text).encode("utf-8", "surrogatepass"), "x.md", SITE, "x.md")
    except ContentError as exc:
        assert str(exc).startswith("x.md")
        return
    assert isinstance(doc, Document) and doc.title and doc.published.tzinfo is not None
    content_html(doc)


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_any_bytes_parse_or_get_a_content_error(data: bytes) -> None:
    with contextlib.suppress(ContentError):
        parse_document(data, "x.md", SITE, "x.md")


documents = st.fixed_dictionaries(
    {
        "title": st.text(min_size=1, max_size=40).filter(str.strip),
        "date": st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2026, 1, 1)).map(
            lambda d: d.isoformat()
        ),
        "tags": st.lists(st.text(max_size=12), max_size=4),
        "author": st.text(max_size=20),
        "summary": st.text(max_size=60),
    }
)


@given(st.lists(st.tuples(documents, st.text(max_size=300)), min_size=1, max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_documents_build_feeds_that_validate(posts: list[tuple[dict[str, object], str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp, "content"), Path(tmp, "out")
        content.mkdir()
        for i, (meta, body) in enumerate(posts):
            # JSON front matter: any string survives, escapes and all.
            (content / f"post-{i}.md").write_text(json.dumps(meta) + "\n\n" + body, encoding="utf-8")
        result = build(SITE, content, out, at=AT)
        for path in out.rglob("*.xml"):
            ET.fromstring(path.read_bytes())
        errors = [f for f in validate_paths([out], site_url=SITE.url) if f.level == "error"]
        assert errors == [], (errors, result.errors)
