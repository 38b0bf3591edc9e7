"""The guard's workers across a build's stages: the session's worker measures its memory bound
again at each stage, and no worker outlives a build killed while a stage of several is at work
(another child forked meanwhile, as ``beside``'s, holds none of their pipes)."""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from feeds import guard
from tests.test_guard_session import gone

pytestmark = pytest.mark.skipif(not guard.can_fork(), reason="the session's workers are forked")

_held: list[mmap.mmap] = []  # in a worker: address space a stage leaves behind for the next


def scaled(factor: int, i: int, sent: int) -> tuple[int, int]:
    return os.getpid(), sent * factor


def reserve(size: int, i: int, sent: int) -> tuple[int, int]:
    _held.append(mmap.mmap(-1, size))  # address space, not memory: never touched
    return os.getpid(), 0


def headroom(i: int, sent: int) -> tuple[int, int]:
    """How far this worker's address space may grow from its size now."""
    import resource

    with open("/proc/self/statm") as f:
        size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    return os.getpid(), resource.getrlimit(resource.RLIMIT_AS)[0] - size


def stage(task: partial[tuple[int, int]], count: int, procs: int, timeout: float = 30.0) -> list[object]:
    return list(guard.guarded_imap(task, count, lambda i: f"doc{i}.md", timeout, procs, lambda i: i, shared=True))


def pids(outcomes: list[object]) -> set[int]:
    return {o[0] for o in outcomes if isinstance(o, tuple)}


def no_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.skipif(not Path("/proc/self/statm").is_file(), reason="the bound is set on Linux")
def test_the_memory_bound_is_measured_at_each_stage() -> None:
    grown = 1024**3
    with guard.session():
        before = stage(partial(headroom), 1, 1)
        stage(partial(reserve, grown), 1, 1)
        after = stage(partial(headroom), 1, 1)
    assert pids(before) == pids(after)
    # From its size at the stage: DOCUMENT_MEMORY again, not what the first stage left of it.
    for outcome in before + after:
        assert isinstance(outcome, tuple)
        assert abs(outcome[1] - guard.DOCUMENT_MEMORY) < 64 * 1024**2
    assert no_children()


KILLED_MID_STAGE = """
import os, signal, sys, time
from functools import partial
from feeds import guard
from tests.test_guard_stages import scaled

with guard.session():
    working = guard.guarded_imap(partial(scaled, 2), 40, str, 30.0, 2, lambda i: i, shared=True)
    next(working)  # both workers at work for the stage, none idle in the session
    me = os.getpid()
    print(open(f"/proc/{me}/task/{me}/children").read().strip(), flush=True)
    pid = os.fork()
    if pid == 0:  # another child of the build's, as beside's worker: it must not hold their pipes
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        time.sleep(30)
        os._exit(0)
    print(pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the children from /proc (Linux)")
def test_a_build_killed_mid_stage_leaves_no_worker(tmp_path: Path) -> None:
    root = Path(__file__).parent.parent
    with open(tmp_path / "out", "w") as out:  # a file, not a pipe the workers would hold open too
        killed = subprocess.run([sys.executable, "-c", KILLED_MID_STAGE], cwd=root, stdout=out, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    lines = (tmp_path / "out").read_text().splitlines()
    workers, sleeper = [int(pid) for pid in lines[0].split()], int(lines[1])
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) for pid in workers)
    with contextlib.suppress(ProcessLookupError):
        os.kill(sleeper, signal.SIGKILL)
