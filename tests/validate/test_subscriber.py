"""The subscriber's view: feedparser must parse every feed cleanly and see every entry's essentials."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from feeds.validate import validate_paths

from ._cases import DATA, check_case, file_cases


@pytest.mark.parametrize("source", file_cases("subscriber"))
def test_case(source: Path) -> None:
    check_case(source, subscriber_check=True)


def test_feedparser_is_a_runtime_dependency() -> None:
    # Not an extra: after the README's Quick start (`pip install -e .`) the subscriber's view always runs.
    requirements = [Requirement(r) for r in importlib.metadata.requires("feeds") or []]
    assert any(r.name == "feedparser" and r.marker is None for r in requirements)


def test_the_subscriber_check_runs_by_default() -> None:
    findings = validate_paths([DATA / "subscriber" / "item_without_link.xml"])
    assert "ReaderMissingField" in {f.code for f in findings}


def test_subscriber_check_can_be_turned_off() -> None:
    assert validate_paths([DATA / "subscriber" / "item_without_link.xml"], subscriber_check=False) == []


def test_validator_does_not_import_feedparser_eagerly() -> None:
    import subprocess

    code = "import sys, feeds.validate; sys.exit('feedparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
