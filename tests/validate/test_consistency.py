"""Cross-feed rules for a published folder: self links, tag feeds against the main feed, RSS vs Atom ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.validate import validate_paths

from ._cases import DATA, check_case, folder_cases
from ._site import SITE, build_site


@pytest.mark.parametrize("source", folder_cases("consistency"))
def test_case(source: Path) -> None:
    check_case(source)


def test_feedgen_site_is_clean(tmp_path: Path) -> None:
    # Main feeds capped at 2 of 4 posts: the tag feeds keep older entries the main feeds dropped.
    build_site(tmp_path, max_items=2)
    assert validate_paths([tmp_path]) == []
    assert validate_paths([tmp_path], site_url=SITE) == []


def test_site_url_without_trailing_slash(tmp_path: Path) -> None:
    build_site(tmp_path)
    assert validate_paths([tmp_path], site_url=SITE.rstrip("/"), subscriber_check=False) == []


def test_feedgen_site_with_wrong_site_url(tmp_path: Path) -> None:
    build_site(tmp_path)
    findings = validate_paths([tmp_path], site_url="https://example.org/", subscriber_check=False)
    assert {f.code for f in findings} == {"SelfDoesntMatchLocation"}
    assert len(findings) == len(list(tmp_path.rglob("*.xml")))


def test_folder_findings_use_the_found_paths() -> None:
    source = DATA / "consistency" / "self_mismatch"
    [finding] = validate_paths([source], subscriber_check=False)
    assert finding.path == str(source / "tags" / "ai" / "atom.xml")


def test_single_files_get_no_cross_feed_checks() -> None:
    folder = DATA / "consistency" / "title_mismatch"
    files = [folder / "atom.xml", folder / "tags" / "ai" / "atom.xml"]
    assert validate_paths(files, subscriber_check=False) == []
