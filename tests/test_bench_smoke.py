"""The benchmark (bench/run.py) still runs: one smoke round of every scenario of ours, at N = 200."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GEN_CORPUS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not GEN_CORPUS.is_file(), reason="needs ../shared/bench/gen_corpus.py")
def test_bench_smoke(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--work", str(tmp_path / "work")]
    done = subprocess.run([*command, "--out", str(results)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert results.is_file()
    assert "PASS** output identity" in results.read_text(encoding="utf-8")
