"""How many processes a build may work in, and ``beside``: one task in a forked worker while this
process works on.

Documents are parsed and rendered in the guard's workers (``feeds.guard``); below ``MIN_ITEMS``
documents, on one core, or with ``FEEDS_WORKERS=1``, a stage forks one worker at most.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from feeds.errors import ConfigError

R = TypeVar("R")

MIN_ITEMS = 256  # below this, a pool's start-up and pickling cost more than they save
_TASK: Callable[[int], Any] | None = None  # what forked workers run; set only around a fork pool


MAX_WORKERS = 1024  # a pool forks up to this many: more is a typo, and a fork bomb on a shared machine


def workers() -> int:
    """How many processes may work: ``FEEDS_WORKERS`` when set, else the CPUs this process may use."""
    setting = os.environ.get("FEEDS_WORKERS", "").strip()
    if setting:
        if not (setting.isascii() and setting.isdigit() and 1 <= int(setting) <= MAX_WORKERS):
            raise ConfigError(
                f"must be a whole number from 1 to {MAX_WORKERS}, got {setting[:40]!r}", key="FEEDS_WORKERS"
            )
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked: not on Windows, and not while other threads run (a fork
    copies the locks they hold, held, into a child where no thread will release them)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _run_task(index: int) -> Any:
    assert _TASK is not None, "worker started without a task"
    return _TASK(index)


@contextlib.contextmanager
def beside(task: Callable[[], R]) -> Iterator[Callable[[], R]]:
    """Start ``task`` in one forked worker, for this process to work meanwhile: yields the function
    that waits for its result (raising what it raised).

    The worker shares this process's memory as it was at the fork; only the result crosses back.
    Where no worker can be forked (one core, ``FEEDS_WORKERS=1``, no fork, other threads), that
    function runs ``task`` here, when called. While the worker runs, a thread of this process waits
    for it: nothing else may fork meanwhile.
    """
    global _TASK
    if workers() < 2 or not can_fork():
        yield task
        return
    _TASK = lambda _: task()  # noqa: E731
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_worker_starts,
            initargs=(os.getpid(),),
        ) as pool:
            future = pool.submit(_run_task, 0)  # forks now, with _TASK set
            yield future.result
    finally:
        _TASK = None


def _worker_starts(parent: int) -> None:
    """In a worker ``beside`` forked: its garbage collector leaves what it shares with the parent
    alone (``feeds.guardworker.inherited_untouched``), and it dies with the parent.

    A pool's worker waits for work from a pipe it holds both ends of, so a parent killed with
    kill -9 would leave it running, holding the build's lock (the open file is shared at the fork)
    and writing temporary files into out/ behind the next build's back. The guard's workers see
    their pipe close instead (``feeds.guard``)."""
    import gc

    gc.freeze()
    try:
        import ctypes
        import signal

        # PR_SET_PDEATHSIG (1): the kernel kills this process when the thread that forked it ends.
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: it ends when its task does
    if os.getppid() != parent:  # the parent was killed before the line above
        os._exit(1)
