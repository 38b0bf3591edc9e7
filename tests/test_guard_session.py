"""A build's session: its one-worker stages share one guard worker, forked once, and every guarantee
of the guard holds in each stage (a killed worker's replacement runs the current stage)."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import pytest

import feeds
from feeds import guard
from feeds.guard import GuardError

SEEDS = Path(__file__).parent / "data" / "sites" / "seeds"

pytestmark = pytest.mark.skipif(not guard.can_fork(), reason="the session's worker is forked")


def scaled(factor: int, i: int, sent: int) -> tuple[int, int]:
    return os.getpid(), sent * factor


def slow_at(stuck: int, i: int, sent: int) -> tuple[int, int]:
    if sent == stuck:
        time.sleep(60)
    return os.getpid(), -sent


def stage(task: partial[tuple[int, int]], count: int, timeout: float = 30.0) -> list[tuple[int, int] | GuardError]:
    return list(guard.guarded_imap(task, count, lambda i: f"doc{i}.md", timeout, 1, lambda i: i, shared=True))


def results(outcomes: list[tuple[int, int] | GuardError]) -> list[object]:
    return [o.message if isinstance(o, GuardError) else o[1] for o in outcomes]


def test_stages_share_one_worker_and_a_replacement_runs_the_current_stage() -> None:
    with guard.session():
        first = stage(partial(scaled, 10), 3)
        second = stage(partial(scaled, 100), 3)
        third = stage(partial(slow_at, 1), 3, timeout=0.5)
        fourth = stage(partial(scaled, 1000), 2)
    assert results(first) == [0, 10, 20]
    assert results(second) == [0, 100, 200]
    pids = {o[0] for o in first + second if not isinstance(o, GuardError)}
    assert len(pids) == 1 and os.getpid() not in pids  # one worker, not this process
    assert results(third) == [0, guard.timed_out(0.5), -2]
    assert isinstance(third[1], GuardError) and third[1].path == "doc1.md"
    assert results(fourth) == [0, 1000]  # the replacement, given this stage's task
    assert {o[0] for o in fourth if not isinstance(o, GuardError)} != pids
    with pytest.raises(ChildProcessError):  # the session stopped its worker: none left
        os.waitpid(-1, os.WNOHANG)


def test_a_small_build_forks_one_guard_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    fork = guard._Pool._fork

    def counted(pool: guard._Pool) -> guard._Worker:
        worker = fork(pool)
        forked.append(worker.pid)
        return worker

    monkeypatch.setattr(guard._Pool, "_fork", counted)
    feeds.build(SEEDS / "content", tmp_path / "out", cache=False, include_future=True, config=SEEDS / "site.toml")
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_worker_that_died_between_two_stages_is_replaced() -> None:
    import signal

    with guard.session():
        first = stage(partial(scaled, 10), 2)
        assert guard._session is not None and len(guard._session.idle) == 1
        os.kill(guard._session.idle[0].pid, signal.SIGKILL)
        time.sleep(0.1)
        second = stage(partial(scaled, 100), 2)
    assert results(first) == [0, 10]
    assert results(second) == [0, 100]
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


KILLED_BETWEEN_STAGES = """
import os, signal, sys, time
from functools import partial
from feeds import guard
from tests.test_guard_session import scaled

with guard.session():
    list(guard.guarded_imap(partial(scaled, 1), 1, str, 30.0, 1, lambda i: i, shared=True))
    if os.fork() == 0:  # another child of the build's, as beside's worker: it must not hold the pipes
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        time.sleep(30)
        os._exit(0)
    print(guard._session.idle[0].pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"  # ended, not reaped by its new parent
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_build_killed_between_stages_leaves_no_worker(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    with open(tmp_path / "out", "w") as out:  # a file, not a pipe the worker would hold open too
        killed = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_STAGES], cwd=root, stdout=out)
    assert killed.returncode < 0
    worker = int((tmp_path / "out").read_text())
    deadline = time.monotonic() + 10
    while not gone(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(worker)
