"""bench/stages.py counts each document's work, which the build does in forked workers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .benchscripts import bench_module, small_corpus


def test_every_stage_runs_in_the_measuring_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A forked worker's CPU time is not the measuring process's: work done there was not counted.
    content = tmp_path / "content"
    small_corpus(content)
    config = tmp_path / "feeds.toml"
    config.write_text('title = "T"\nurl = "https://example.org/"\nmax_items = 5\n', encoding="utf-8")
    monkeypatch.setenv("FEEDS_WORKERS", "1")
    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counted_fork)
    import feeds.guard
    import feeds.load

    can_fork, load = feeds.guard.can_fork, feeds.load.load
    found = bench_module("stages").measure(content, config, tmp_path / "out", None)
    assert forks == []
    assert found["published"] == 12
    assert found["cpu"]["read + parse"] > 0 and found["cpu"]["Markdown/HTML"] > 0
    # What it wrapped or switched off for the measurement is as it was.
    assert (feeds.guard.can_fork, feeds.load.load) == (can_fork, load)
