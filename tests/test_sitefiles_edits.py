"""An edit build stores what it changed of the site files' state (``feeds.sitestate.STATE_EDITS_KEY``:
the rows of the articles it rendered) beside the state the last full build stored. Edit after
edit, and whatever is done to that row, the output is a from-scratch build's bytes."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from feeds.cache import FILENAME
from feeds.config import Site
from feeds.incremental import PLAN_REUSED
from feeds.sitestate import STATE_EDITS_KEY, STATE_KEY

from .conftest import tree
from .corpus import generate
from .sweeps import sweep
from .test_light_index import clean_tree, run
from .test_planstore import N, append, shown, unshown
from .test_planstore_edits import set_state, state


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    generate(folder, N)
    return folder


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="feeds.incremental")
    return caplog


def test_edit_after_edit_writes_only_the_edited_articles(
    small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    whole = state(tmp_path, STATE_KEY)
    assert whole is not None and state(tmp_path, STATE_EDITS_KEY) is None
    out = tmp_path / "out"
    for edit in range(3):
        log.clear()
        append(shown(out, content)[0] if edit % 2 else unshown(content, out), f"\n\nEdit number {edit}.\n")
        run(small_windows, content, tmp_path)
        assert PLAN_REUSED in log.text
        assert state(tmp_path, STATE_KEY) == whole
        edits = json.loads(state(tmp_path, STATE_EDITS_KEY) or "")
        assert isinstance(edits, dict) and 1 <= len(edits) <= edit + 1
        assert tree(out) == clean_tree(small_windows, content, tmp_path)


def _damaged(what: str, edits: dict[str, object]) -> object:
    source = next(iter(edits))
    if what == "not json":
        return "{1"
    if what == "a list":
        return [[source, edits[source]]]
    if what == "a row of the wrong shape":
        return {source: [1, 2]}
    if what == "an article gone":
        return {source: None}
    if what == "an article made up":
        return {**edits, "no-such-file.md": ["0" * 64, "posts/made-up/index.html", "https://x/", "2020", [], []]}
    if what == "a fingerprint changed":
        row = edits[source]
        assert isinstance(row, list)
        return {source: ["0" * 64, *row[1:]]}
    raise AssertionError(what)


@pytest.mark.parametrize(
    "what",
    sweep(
        [
            "not json",
            "a list",
            "a row of the wrong shape",
            "an article gone",
            "an article made up",
            "a fingerprint changed",
        ],
        keep=3,
    ),
)
def test_a_damaged_state_edits_row_never_reaches_the_output(
    what: str, small_windows: Site, content: Path, tmp_path: Path
) -> None:
    run(small_windows, content, tmp_path)
    out = tmp_path / "out"
    append(shown(out, content)[0])
    run(small_windows, content, tmp_path)
    edits = json.loads(state(tmp_path, STATE_EDITS_KEY) or "")
    set_state(tmp_path, STATE_EDITS_KEY, _damaged(what, edits))
    append(shown(out, content)[0], "\n\nAnd one more.\n")
    run(small_windows, content, tmp_path)
    assert tree(out) == clean_tree(small_windows, content, tmp_path)
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        assert db.execute("SELECT count(*) FROM state WHERE key = ?", (STATE_EDITS_KEY,)).fetchone()[0] <= 1
