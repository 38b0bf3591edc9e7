"""Atom 1.0 (RFC 4287) rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.validate import validate_paths
from feeds.validate.dates import parse_rfc3339

from ._cases import check_case, file_cases
from ._site import build_site


@pytest.mark.parametrize("source", file_cases("atom"))
def test_case(source: Path) -> None:
    check_case(source)


def test_feedgen_atom_is_clean(tmp_path: Path) -> None:
    build_site(tmp_path)
    findings = validate_paths([tmp_path / "atom.xml", tmp_path / "tags" / "뉴스" / "atom.xml"])
    assert [f for f in findings if f.level != "info"] == []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2025-03-10T09:00:00+09:00", True),
        ("2025-03-10T00:00:00Z", True),
        ("2025-03-10t00:00:00.123456789z", True),
        ("2016-12-31T23:59:60Z", True),  # leap second
        ("  2025-03-10T00:00:00Z\n", True),
        ("2025-03-10T00:00:00", False),
        ("2025-03-10", False),
        ("2025-03-10 00:00:00Z", False),
        ("2025-03-10T00:00:00+0900", False),
        ("2025-03-10T00:00:00+24:00", False),
        ("2025-13-10T00:00:00Z", False),
        ("Mon, 10 Mar 2025 09:00:00 +0900", False),
        ("２０２５-03-10T00:00:00Z", False),  # full-width digits
    ],
)
def test_rfc3339(text: str, valid: bool) -> None:
    parsed = parse_rfc3339(text)
    assert (parsed.problem is None) is valid, parsed.problem
    assert (parsed.value is not None) is valid
    if not valid:
        assert parsed.code == "InvalidRFC3339Date"


def test_duplicate_updated_from_date_only_articles_says_why_and_what_to_do(tmp_path: Path) -> None:
    from feeds.build import build
    from feeds.config import site_from_mapping

    content = tmp_path / "content"
    content.mkdir()
    for name, date in (("one", "2025-03-10"), ("two", "2025-03-10"), ("three", "2025-03-10 14:30")):
        text = f"---\ntitle: {name}\ndate: {date}\n---\nBody of {name}.\n"
        (content / f"{name}.md").write_text(text, encoding="utf-8")
    site = site_from_mapping({"title": "T", "url": "https://example.com/", "timezone": "Asia/Seoul"})
    build(site, content, tmp_path / "out", cache_dir=None)
    findings = validate_paths([tmp_path / "out"])
    [finding] = [f for f in findings if f.level != "info"]  # RSS has no such rule; the timed one differs
    assert (finding.level, finding.code, Path(finding.path).name) == ("warning", "DuplicateUpdated", "atom.xml")
    assert "2025-03-10T00:00:00+09:00" in finding.message
    assert "a date without a time" in finding.message and "give them their times" in finding.message
    assert main_exit(["validate", str(tmp_path / "out")]) == 0  # a warning: fails only with --strict
    assert main_exit(["validate", "--strict", str(tmp_path / "out")]) == 1


def test_duplicate_updated_in_another_tools_feed_gives_the_general_advice() -> None:
    from ._cases import DATA

    findings = validate_paths([DATA / "atom" / "duplicate_updated.xml"])
    assert all("nothing needs doing" in f.message for f in findings if f.code == "DuplicateUpdated")


def main_exit(argv: list[str]) -> int:
    from feeds.cli import main

    return main(argv)
