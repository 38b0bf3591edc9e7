"""The guard over the bodies only the site files' pass converts: those of articles in no feed.

With one entry a feed, the oldest article is shown by no feed; its body is converted by the site
files' pass alone (for its page, or to find its assets), in the workers that stream every such
chunk. A hang, a crash or an exception there is still that file's error alone.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import feeds.fragments
from feeds.cli import main

from .conftest import write_site_toml
from .test_guard import FAULTS, FRONT, HANG, TIMEOUT, content, errors_of, hang, put  # noqa: F401


@pytest.fixture
def hostile_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """test_guard's, but a hanging body sleeps: the deadline kills it as it kills the spin in C
    that tests/test_guard.py keeps (hang()), and the wait costs the suite no CPU."""
    real = feeds.fragments.clean_xml_chars

    def clean(text: str) -> str:
        if HANG in text:
            time.sleep(600)
        hang(text)
        return real(text)

    monkeypatch.setattr(feeds.fragments, "clean_xml_chars", clean)


@pytest.mark.parametrize("pages", [True, False], ids=["pages", "feeds-only"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_in_a_body_no_feed_shows_is_the_files_error(
    fault: str, pages: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: Any
) -> None:
    request.getfixturevalue("hostile_render")
    folder: Path = request.getfixturevalue("content")  # test_guard's: two good articles
    path = put(folder, "old.md", FRONT.replace("2025-03-01", "2024-01-01") + fault + "\n")
    config = write_site_toml(tmp_path / "site.toml", document_timeout=TIMEOUT, max_items=1)
    switches = f"archives = false\nauthor_feeds = false\narticle_pages = {str(pages).lower()}\n"
    config.write_text(switches + config.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["build", "--content", str(folder), "--out", str(tmp_path / "out"), "--config", str(config)]
    started = time.monotonic()
    status = main(argv)
    stderr = capsys.readouterr().err
    assert time.monotonic() - started < TIMEOUT + 20
    assert status == 1, stderr
    assert errors_of(stderr, folder) == [f"{path}: {FAULTS[fault]}"]
    out = tmp_path / "out"
    assert "Good two" in (out / "atom.xml").read_text(encoding="utf-8")
    assert (out / "tags" / "beta" / "rss.xml").is_file()
    assert not (out / "posts" / "old" / "index.html").exists()
    assert (out / "posts" / "good-1" / "index.html").is_file() == pages  # in no feed either, and fine
