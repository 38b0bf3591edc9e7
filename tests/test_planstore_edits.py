"""An edit build stores what it changed of the plan (``feeds.planstore.EDITS_KEY``: the files, the
feeds it wrote, their new entries) beside the plan the last full build stored. Edit after edit,
and whatever is done to that row, the output is a from-scratch build's bytes."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from feeds.cache import FILENAME
from feeds.config import Site
from feeds.incremental import PLAN_REUSED
from feeds.planstore import EDITS_KEY, KEY

from .conftest import tree
from .corpus import generate
from .sweeps import sweep
from .test_light_index import clean_tree, run
from .test_planstore import N, append, shown, unshown


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    generate(folder, N)
    return folder


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="feeds.incremental")
    return caplog


def state(tmp_path: Path, key: str) -> str | None:
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(tmp_path: Path, key: str, value: object) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, text))


def test_edit_after_edit_writes_only_the_edits_and_builds_a_clean_tree(
    small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    plan = state(tmp_path, KEY)
    assert plan is not None and state(tmp_path, EDITS_KEY) is None
    out = tmp_path / "out"
    for edit in range(4):
        log.clear()
        append(shown(out, content)[0] if edit % 2 else unshown(content, out), f"\n\nEdit number {edit}.\n")
        run(small_windows, content, tmp_path)
        assert PLAN_REUSED in log.text
        assert state(tmp_path, KEY) == plan  # the full build's row, as it wrote it
        assert state(tmp_path, EDITS_KEY) is not None
        assert tree(out) == clean_tree(small_windows, content, tmp_path)


def _damaged(what: str, row: list[object]) -> object:
    files, changed, more = row
    assert isinstance(files, str) and isinstance(changed, list) and isinstance(more, list) and changed
    if what == "not json":
        return "[1, 2"
    if what == "another shape":
        return {"files": files}
    if what == "files of a number":
        return [7, changed, more]
    if what == "a feed's position past the end":
        return [files, [[10_000, changed[0][1]]], more]
    if what == "a negative position":
        return [files, [[-1, changed[0][1]]], more]
    if what == "a position of text":
        return [files, [["0", changed[0][1]]], more]
    if what == "an entry named past the end":
        changed[0][1][3] = [10_000_000]
        return row
    if what == "a number for a title":
        changed[0][1][1] = 7
        return row
    if what == "an entry's digest changed":
        for entry in more:
            entry[1] = "0" * 64
        return row
    if what == "the edits forgotten":
        return None
    raise AssertionError(what)


@pytest.mark.parametrize(
    "what",
    sweep(
        [
            "not json",
            "another shape",
            "files of a number",
            "a feed's position past the end",
            "a negative position",
            "a position of text",
            "an entry named past the end",
            "a number for a title",
            "an entry's digest changed",
            "the edits forgotten",
        ],
        keep=3,
    ),
)
def test_a_damaged_edits_row_never_reaches_the_output(
    what: str, small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    out = tmp_path / "out"
    append(shown(out, content)[0])
    run(small_windows, content, tmp_path)
    row = json.loads(state(tmp_path, EDITS_KEY) or "")
    damaged = _damaged(what, row)
    if damaged is None:
        with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
            db.execute("DELETE FROM state WHERE key = ?", (EDITS_KEY,))
    else:
        set_state(tmp_path, EDITS_KEY, damaged)
    append(shown(out, content)[0], "\n\nAnd one more.\n")
    run(small_windows, content, tmp_path)
    assert tree(out) == clean_tree(small_windows, content, tmp_path)
