"""The real-article corpus (tests/data/news): each article parses to what its page shows.

Every article is compared field by field with ``<case>.expected.json``: title, published,
updated, authors, outlet, captions (the page's photo captions, as ``<figcaption>`` text) and
tags (from hashtag lines); an undated page must be rejected. tests/data/news/README.md says
where the articles come from and what the expected files hold.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from feeds.config import Site
from feeds.document import Document
from feeds.errors import ContentError
from feeds.fragments import content_html

from .conftest import DATA, read_document

# "case:field" pairs the news reader gets wrong (strict xfail fails the run on an unexpected
# pass, so this set cannot go stale). Empty: every check of every article passes.
XFAIL: set[str] = set()

NEWS = DATA / "news"
CASES = sorted(NEWS.glob("*.txt"))
FIELDS = ("title", "published", "updated", "authors", "outlet", "captions", "tags")
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)


def expected_of(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(case.with_name(case.stem + ".expected.json").read_text(encoding="utf-8"))
    return data


def _checks() -> list[Any]:
    params = []
    for case in CASES:
        fields = ("rejected",) if expected_of(case).get("rejected") else FIELDS
        for field in fields:
            name = f"{case.stem}:{field}"
            marks = [pytest.mark.xfail(reason="see XFAIL", strict=True)] if name in XFAIL else []
            params.append(pytest.param(case, field, id=name, marks=marks))
    return params


def actual(doc: Document, field: str) -> Any:
    """A document's value for one expected-file field, spelled as the expected files spell it."""
    if field == "title":
        return doc.title
    if field == "published":
        return doc.published.isoformat()
    if field == "updated":  # null: the page shows no separate update stamp
        return None if doc.updated == doc.published else doc.updated.isoformat()
    if field == "authors":
        return [{k: v for k, v in (("name", a.name), ("email", a.email)) if v} for a in doc.authors]
    if field == "outlet":
        return doc.publication
    if field == "captions":
        return [html.unescape(c) for c in _FIGCAPTION.findall(content_html(doc))]
    if field == "tags":
        return list(doc.tags)
    raise AssertionError(f"unknown field {field}")


@pytest.mark.parametrize(("case", "field"), _checks())
def test_article_matches_its_page(case: Path, field: str, site: Site) -> None:
    expected = expected_of(case)
    if field == "rejected":
        with pytest.raises(ContentError):
            read_document(case, NEWS, site)
        return
    want = expected[field]
    if field == "updated" and want == expected["published"]:
        want = None  # the page shows an update stamp equal to the first one
    assert actual(read_document(case, NEWS, site), field) == want


def test_xfail_names_are_real_checks() -> None:
    names = {p.id for p in _checks()}
    assert names >= XFAIL, sorted(XFAIL - names)


def test_corpus_is_large_and_varied_enough() -> None:
    # The bar: at least 30 real articles from at least 15 outlets, one or two undated.
    sources = [json.loads(c.with_name(c.stem + ".source.json").read_text(encoding="utf-8")) for c in CASES]
    outlets = {s["outlet"].split(" (")[0] for s in sources}
    rejected = [c for c in CASES if expected_of(c).get("rejected")]
    assert len(CASES) >= 30
    assert len(outlets) >= 15, sorted(outlets)
    assert 1 <= len(rejected) <= 3


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_article_has_its_source_and_expectations(case: Path) -> None:
    source = json.loads(case.with_name(case.stem + ".source.json").read_text(encoding="utf-8"))
    assert source["url"].startswith(("http://", "https://"))
    assert source["outlet"] and source["notes"]
    assert source["retrieved_via"] == "search tool pages corpus"
    expected = expected_of(case)
    if expected.get("rejected"):
        assert set(expected) == {"rejected", "reason"}
        return
    assert set(expected) == set(FIELDS)
    for key in ("published", "updated"):
        assert expected[key] is None or expected[key].endswith("+09:00"), key
    assert all(set(a) <= {"name", "email"} and a["name"] for a in expected["authors"])
