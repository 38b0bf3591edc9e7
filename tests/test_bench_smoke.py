"""The benchmark (bench/run.py) still runs: one smoke round of every scenario of ours, at N = 200."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# Runs every benchmark scenario at N = 200: CI's (.ci/run), for its length.
@pytest.mark.slow
def test_bench_smoke(tmp_path: Path) -> None:
    # With the tests' own generator: the benchmark's, in ../shared, is not part of the project.
    results = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--work", str(tmp_path / "work")]
    command += ["--generator", str(ROOT / "tests" / "corpus.py")]
    done = subprocess.run([*command, "--out", str(results)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert results.is_file()
    assert "PASS** output identity" in results.read_text(encoding="utf-8")
