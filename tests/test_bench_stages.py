"""bench/stages.py counts each document's work, which the build does in forked workers."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def stages_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_stages", ROOT / "bench" / "stages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stage_runs_in_the_measuring_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A forked worker's CPU time is not the measuring process's: work done there was not counted.
    content = tmp_path / "content"
    corpus = [sys.executable, str(ROOT / "tests" / "corpus.py"), "--n", "12", "--out", str(content)]
    subprocess.run(corpus, check=True, capture_output=True)
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
    found = stages_module().measure(content, config, tmp_path / "out", None)
    assert forks == []
    assert found["published"] == 12
    assert found["cpu"]["read + parse"] > 0 and found["cpu"]["Markdown/HTML"] > 0
    # What it wrapped or switched off for the measurement is as it was.
    assert (feeds.guard.can_fork, feeds.load.load) == (can_fork, load)
