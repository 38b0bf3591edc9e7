"""bench/run.py rewrites its report in bench/results.md and keeps the notes written above it."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


@cache
def bench_run() -> ModuleType:
    """bench/run.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_run_keeps_the_notes_above_the_mark(tmp_path: Path) -> None:
    run = bench_run()
    results = tmp_path / "results.md"
    results.write_text(f"# Benchmark\n\nNotes.\n\n{run.REPORT_MARK}\n\n## old report\n", encoding="utf-8")
    text = run.with_notes(results, "## new report\n")
    assert text == f"# Benchmark\n\nNotes.\n\n{run.REPORT_MARK}\n\n## new report\n"


def test_without_a_mark_or_a_file_the_report_is_all(tmp_path: Path) -> None:
    run = bench_run()
    results = tmp_path / "results.md"
    assert run.with_notes(results, "## report\n") == "## report\n"
    results.write_text("## old report\n", encoding="utf-8")
    assert run.with_notes(results, "## report\n") == "## report\n"


def test_the_project_results_have_their_notes_and_a_report() -> None:
    text = (ROOT / "bench" / "results.md").read_text(encoding="utf-8")
    notes, mark, report = text.partition(bench_run().REPORT_MARK)
    assert mark and "## Latest run" in notes and re.search(r"^## Benchmark \(issue \d+\)$", report, re.MULTILINE)
