"""JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.validate import validate_paths

from ..conftest import SEEDS, TEST_SITE
from ._cases import DATA, check_case

AT = datetime(2026, 11, 1, tzinfo=UTC)


def build_site(out: Path) -> None:
    """Our own build of the seed articles: feed.json, tags/ai/feed.json and their RSS/Atom twins."""
    assert not build(site_from_mapping(TEST_SITE), SEEDS, out, at=AT).errors


@pytest.mark.parametrize("source", [pytest.param(p, id=p.stem) for p in sorted((DATA / "jsonfeed").glob("*.json"))])
def test_case(source: Path) -> None:
    check_case(source)


def test_our_json_feeds_are_clean(tmp_path: Path) -> None:
    build_site(tmp_path)
    findings = validate_paths([tmp_path / "feed.json", tmp_path / "tags" / "ai" / "feed.json"])
    assert [f for f in findings if f.level != "info"] == []
    assert len(findings.files) == 2


def test_a_folder_check_includes_json_feeds(tmp_path: Path) -> None:
    build_site(tmp_path)
    findings = validate_paths([tmp_path])
    assert {Path(p).name for p in findings.files} == {"rss.xml", "atom.xml", "feed.json"}
    assert [f for f in findings if f.level != "info"] == []


def test_json_feed_with_another_id_than_atom_is_inconsistent(tmp_path: Path) -> None:
    build_site(tmp_path)
    feed = tmp_path / "feed.json"
    text = feed.read_text(encoding="utf-8")
    first_id = text.split('"id": ', 1)[1].split(",", 1)[0]
    feed.write_text(text.replace(f'"id": {first_id}', '"id": "urn:other"', 1), encoding="utf-8")
    codes = [f.code for f in validate_paths([tmp_path]) if f.path == str(feed)]
    assert codes == ["InconsistentId"]


def test_json_feed_self_url_must_match_its_location(tmp_path: Path) -> None:
    build_site(tmp_path)
    feed = tmp_path / "tags" / "ai" / "feed.json"
    text = feed.read_text(encoding="utf-8").replace("/feed.json", "/elsewhere.json", 1)
    feed.write_text(text, encoding="utf-8")
    codes = [f.code for f in validate_paths([tmp_path], site_url="https://example.com/") if f.path == str(feed)]
    assert codes == ["SelfDoesntMatchLocation"]
