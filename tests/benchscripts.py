"""What the tests of the scripts under bench/ share: a script loaded as a module (bench/ is no
package), and a small generated corpus to run it on."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def bench_module(name: str) -> ModuleType:
    """bench/NAME.py, loaded as the module ``bench_NAME``."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def small_corpus(content: Path, n: int = 12) -> None:
    """tests/corpus.py's mixed documents, ``n`` of them, written into ``content``."""
    corpus = [sys.executable, str(ROOT / "tests" / "corpus.py"), "--n", str(n), "--out", str(content)]
    subprocess.run(corpus, check=True, capture_output=True)
