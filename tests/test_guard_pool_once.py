"""A build of any size forks its guard workers once: its stages of several workers share them
too, a killed worker's replacement runs the current stage, each stage measures the memory bound
again, and no worker outlives the build, killed or not."""

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

import feeds
from feeds import guard
from feeds.guard import GuardError
from tests.test_guard_session import SEEDS, gone

pytestmark = pytest.mark.skipif(not guard.can_fork(), reason="the session's workers are forked")

_held: list[mmap.mmap] = []  # in a worker: address space a stage leaves behind for the next


def scaled(factor: int, i: int, sent: int) -> tuple[int, int]:
    return os.getpid(), sent * factor


def slow_at(stuck: int, i: int, sent: int) -> tuple[int, int]:
    if sent == stuck:
        time.sleep(60)
    return os.getpid(), -sent


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


def values(outcomes: list[object]) -> list[object]:
    return [o.message if isinstance(o, GuardError) else o[1] for o in outcomes if isinstance(o, GuardError | tuple)]


def no_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_stages_of_two_workers_share_them_and_a_replacement_runs_the_current_stage() -> None:
    with guard.session():
        first = stage(partial(scaled, 10), 40, 2)
        second = stage(partial(scaled, 100), 40, 2)
        one = stage(partial(scaled, 1), 3, 1)  # a stage of one takes one of them
        third = stage(partial(slow_at, 5), 40, 2, timeout=0.5)
        fourth = stage(partial(scaled, 1000), 40, 2)
    assert values(first) == [10 * i for i in range(40)]
    assert values(second) == [100 * i for i in range(40)]
    assert len(pids(first)) == 2 and pids(second) == pids(first) and pids(one) < pids(first)
    assert os.getpid() not in pids(first)
    assert values(third) == [0, -1, -2, -3, -4, guard.timed_out(0.5), *(-i for i in range(6, 40))]
    assert values(fourth) == [1000 * i for i in range(40)]  # the replacement, given this stage's task
    assert len(pids(fourth)) == 2 and len(pids(fourth) & pids(first)) == 1  # one replaced, none other
    assert no_children()


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


def test_a_build_of_many_documents_forks_its_workers_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    fork = guard._Pool._fork

    def counted(pool: guard._Pool) -> guard._Worker:
        worker = fork(pool)
        forked.append(worker.pid)
        return worker

    content = tmp_path / "content"
    content.mkdir()
    for n in range(12):
        text = f"---\ntitle: Post {n}\ndate: 2024-01-{n + 1:02d}\ntags: [notes]\n---\n\nThe *{n}th* note.\n"
        (content / f"post-{n:02d}.md").write_text(text, encoding="utf-8")
    site = SEEDS / "site.toml"
    single = tmp_path / "single"
    monkeypatch.setenv("FEEDS_WORKERS", "1")
    feeds.build(content, single, cache=False, include_future=True, config=site)
    monkeypatch.setenv("FEEDS_WORKERS", "2")
    monkeypatch.setattr("feeds.parallel.MIN_ITEMS", 4)  # every stage of two workers
    monkeypatch.setattr(guard._Pool, "_fork", counted)
    result = feeds.build(content, tmp_path / "out", cache=False, include_future=True, config=site)
    assert result.published == 12 and not result.errors
    assert len(forked) == 2  # reading's, and rendering reuses them
    assert no_children()
    made = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(single) for p in single.rglob("*") if p.is_file())
    for path in made:
        assert (tmp_path / "out" / path).read_bytes() == (single / path).read_bytes(), path


KILLED_MID_STAGE = """
import os, signal, sys, time
from functools import partial
from feeds import guard
from tests.test_guard_pool_once import scaled

with guard.session():
    list(guard.guarded_imap(partial(scaled, 1), 8, str, 30.0, 2, lambda i: i, shared=True))
    working = guard.guarded_imap(partial(scaled, 2), 40, str, 30.0, 2, lambda i: i, shared=True)
    next(working)  # both workers the stage's, waiting for more: none idle in the session
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
