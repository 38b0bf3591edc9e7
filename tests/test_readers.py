"""Data-driven reader tests: tests/data/readers/<case>.* beside <case>.expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from feeds.config import Site
from feeds.document import Document
from feeds.errors import ContentError
from feeds.fragments import content_html

from .conftest import DATA, read_document

READERS = DATA / "readers"
# <case>.source says where a real sample was taken from.
CASES = sorted(p for p in READERS.iterdir() if not p.name.endswith((".expected.json", ".source")))
ERRORS = DATA / "errors"
ERROR_CASES = sorted(p for p in ERRORS.iterdir() if not p.name.endswith(".expected.txt"))


def as_json(doc: Document) -> dict[str, Any]:
    """The normalized metadata, as the expected files spell it (the body is checked elsewhere)."""
    return {
        "format": doc.format,
        "title": doc.title,
        "published": doc.published.isoformat(),
        "updated": doc.updated.isoformat(),
        "authors": [{k: v for k, v in vars(a).items() if v} for a in doc.authors],
        "tags": list(doc.tags),
        "summary": doc.summary,
        "language": doc.language,
        "slug": doc.slug,
        "link": doc.link,
        "id": doc.id,
        "markup": doc.markup,
        "publication": doc.publication,
        "draft": doc.draft,
        "extra": json.loads(json.dumps(doc.extra, default=str)),
    }


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_reader_normalizes_metadata(case: Path, site: Site, update_golden: bool) -> None:
    got = as_json(read_document(case, READERS, site))
    expected_file = case.with_name(case.stem + ".expected.json")
    if update_golden:
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ERROR_CASES, ids=[p.stem for p in ERROR_CASES])
def test_bad_file_gets_clear_error(case: Path, site: Site, update_golden: bool) -> None:
    with pytest.raises(ContentError) as info:
        read_document(case, ERRORS, site)
    got = str(info.value).replace(str(ERRORS) + "/", "")
    expected_file = case.with_name(case.stem + ".expected.txt")
    if update_golden:
        expected_file.write_text(got + "\n", encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8").strip()


def test_every_case_has_expectations() -> None:
    for case in CASES:
        assert case.with_name(case.stem + ".expected.json").is_file(), case
    for case in ERROR_CASES:
        assert case.with_name(case.stem + ".expected.txt").is_file(), case


def test_content_renders_relative_urls_absolute(site: Site) -> None:
    html = content_html(read_document(READERS / "yaml_full.md", READERS, site))
    assert 'href="https://example.com/posts/other/"' in html
    assert 'src="https://example.com/img/a.png"' in html


def test_control_characters_never_reach_content(site: Site) -> None:
    doc = read_document(READERS / "control_chars.md", READERS, site)
    html = content_html(doc)
    assert "\x07" not in html and "\x0c" not in html and "\x07" not in doc.title
