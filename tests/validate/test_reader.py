"""The reader's view: feedparser must parse every feed cleanly and see every entry's essentials."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from feeds.validate import validate_paths

from ._cases import DATA, check_case, file_cases


@pytest.mark.parametrize("source", file_cases("reader"))
def test_case(source: Path) -> None:
    check_case(source, reader_check=True)


def test_missing_feedparser_gives_one_info(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "feedparser", None)  # makes "import feedparser" raise ImportError
    findings = validate_paths([DATA / "reader" / "item_without_link.xml", DATA / "reader" / "clean_atom.xml"])
    assert [(f.level, f.code) for f in findings] == [("info", "ReaderCheckSkipped")]


def test_reader_check_can_be_turned_off() -> None:
    assert validate_paths([DATA / "reader" / "item_without_link.xml"], reader_check=False) == []


def test_validator_does_not_import_feedparser_eagerly() -> None:
    import subprocess

    code = "import sys, feeds.validate; sys.exit('feedparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
