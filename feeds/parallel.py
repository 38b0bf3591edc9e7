"""Spreading CPU-bound work (parsing, Markdown, serializing) over the machine's cores, in order.

Results always come back in input order, so the output never depends on which worker finished
first. Below ``MIN_ITEMS`` items, on one core, or with ``FEEDS_WORKERS=1``, work runs in-process.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from feeds.errors import ConfigError

T = TypeVar("T")
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


def _can_fork() -> bool:
    import multiprocessing  # here, not at the top: a build with nothing to do never forks

    # Forking a process that runs other threads can deadlock in the child.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def map_indexes(task: Callable[[int], R], count: int, min_items: int = MIN_ITEMS) -> list[R]:
    """``[task(i) for i in range(count)]``, in forked workers that share the caller's memory.

    Nothing but the index and the result crosses a process boundary, so ``task`` may close over
    large data (documents, rendered entries) without it being pickled. Where fork is not
    available this runs in-process.
    """
    return list(imap_indexes(task, count, min_items))


def imap_indexes(task: Callable[[int], R], count: int, min_items: int = MIN_ITEMS) -> Iterator[R]:
    """``map_indexes``, yielding each result in order as soon as it is there.

    The caller can store and drop large results (a document's body) one by one instead of
    holding all of them at once.
    """
    global _TASK
    procs = workers()
    if procs < 2 or count < min_items or not _can_fork():
        yield from (task(i) for i in range(count))
        return
    _TASK = task
    try:
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # A worker's garbage collector must leave the objects it shares with us alone (see
        # feeds.guard._inherited_untouched): frozen in each worker as it starts.
        # This process works too, on the first share, while one worker fewer does the rest: a
        # fork fewer (each copies this process's page tables, then faults in what it touches),
        # and no core waits for results.
        mine = count // procs
        with ProcessPoolExecutor(
            max_workers=procs - 1, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze
        ) as pool:
            theirs = pool.map(_run_task, range(mine, count), chunksize=max(1, (count - mine) // (procs * 8)))
            yield from (task(i) for i in range(mine))
            yield from theirs
    finally:
        _TASK = None


def _run_task(index: int) -> Any:
    assert _TASK is not None, "map_indexes worker started without a task"
    return _TASK(index)


@contextlib.contextmanager
def beside(task: Callable[[], R]) -> Iterator[Callable[[], R]]:
    """Start ``task`` in one forked worker, for this process to work meanwhile: yields the function
    that waits for its result (raising what it raised).

    The worker shares this process's memory as it was at the fork; only the result crosses back.
    Where no worker can be forked (one core, ``FEEDS_WORKERS=1``, no fork, other threads), that
    function runs ``task`` here, when called. While the worker runs, a thread of this process waits
    for it: nothing forks here meanwhile (``map_indexes`` works in-process).
    """
    global _TASK
    if workers() < 2 or not _can_fork():
        yield task
        return
    _TASK = lambda _: task()  # noqa: E731
    try:
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze
        ) as pool:
            future = pool.submit(_run_task, 0)  # forks now, with _TASK set
            yield future.result
    finally:
        _TASK = None
