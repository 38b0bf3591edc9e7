"""``feeds.parallel.beside``: the worker a build forks to stage some of its feed files dies with the
build. A worker left running after a kill -9 would hold the build's lock (inherited at the fork)
and write temporary files into out/ behind the next build's back: tests/test_faults.py's kill -9
run once found the next build waiting 60 s for its lock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = """
import os, sys, time
from feeds.parallel import beside

def task():
    with open(sys.argv[1], "w") as f:
        f.write(str(os.getpid()))
    time.sleep(60)

with beside(task) as result:
    result()
"""


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for whoever adopted it to reap it has stopped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_the_worker_beside_a_build_dies_with_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "worker.pid"
    build = subprocess.Popen([sys.executable, "-c", SCRIPT, str(pid_file)], env=os.environ | {"FEEDS_WORKERS": "2"})
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline, "the worker never started"
            assert build.poll() is None, "the build ended before its worker started"
            time.sleep(0.02)
        worker = int(pid_file.read_text())
        assert worker != build.pid and alive(worker)
    finally:
        build.kill()
        build.wait()
    deadline = time.monotonic() + 5
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(worker), "the worker outlived the build it was forked by"
