"""One document, one failure: each document's work runs inside a guard.

Whatever one file holds, the worst it can do is fail itself. Decoding, parsing, the Jekyll, Hugo
and Pelican conversions, Markdown or news rendering: each document's work runs in a worker
process, and

- any exception it raises (RecursionError from a list nested 1,000 deep, MemoryError,
  OverflowError, a bug of ours) becomes that file's ContentError;
- a document that takes longer than ``document_timeout`` seconds has its worker killed and
  replaced, and is that file's error; the other documents go on in the new worker;
- a worker that dies (a crash in C code, the kernel's out-of-memory killer) is that file's error.

Worker processes, not ``signal.alarm``: a signal handler only runs between Python bytecodes, so
it cannot stop a regular expression or a C parser that never returns, and a killed process
always stops. They are long-lived (forked once per stage, not per document) and each has at most
two documents in hand, so the deadline is that of the one it works on; results come back in input
order. Forked, they share the parent's memory: only an index and the result cross a pipe.

Where fork is not available, or other threads run (forking them can deadlock), the work runs in
this process: exceptions are still each file's error, but an endless loop cannot be stopped.
"""

from __future__ import annotations

import logging
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from feeds.errors import ContentError, FeedsError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)

R = TypeVar("R")

_IN_HAND = 2  # documents a worker holds: the one it works on, and the next, so it never waits for us
_AHEAD = 64  # results held back per worker at most, waiting for an earlier slow one to be yielded


class GuardError(ContentError):
    """A document whose conversion raised, overran its time budget or killed its worker."""


class RenderFailed(Exception):  # control flow, like StaleIndex: not an error shown
    """Documents whose rendering failed (source -> (digest of the file's bytes, error)): the build
    forgets what it did and plans again without those versions, as if they had not parsed."""

    def __init__(self, failures: dict[str, tuple[str, ContentError]]) -> None:
        super().__init__(f"{len(failures)} document(s) failed to render")
        self.failures = failures


def describe(exc: BaseException) -> str:
    """What went wrong in a document's conversion, for its one-line error."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to convert (Python's recursion limit); not published"
    if isinstance(exc, MemoryError):
        return "ran out of memory while being converted; not published"
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:200] + "…"
    # Not the user's mistake as such: no reader error names it. Say what it was, on one line.
    return f"cannot be converted ({type(exc).__name__}{': ' + text if text else ''}); not published"


def timed_out(timeout: float) -> str:
    return f"took longer than {timeout:g} s (document_timeout) to convert; not published"


def guarded_imap(
    task: Callable[[int], R],
    count: int,
    label: Callable[[int], str],
    timeout: float,
    procs: int | None = None,
) -> Iterator[R | GuardError]:
    """``task(i)`` for each ``i`` in ``range(count)``, in order, or the GuardError that names
    ``label(i)`` when it raised, overran ``timeout`` seconds or killed its worker.

    A FeedsError other than a ContentError (a setting, the disk) is not a document's fault: it
    is raised here, as it would be without the guard. ``procs`` is how many workers
    (``feeds.parallel.workers()`` when None); one is enough for the time budget.
    """
    from feeds.parallel import _can_fork, workers

    if count <= 0:
        return
    if not _can_fork():
        yield from _in_process(task, count, label)
        return
    pool = _Pool(task, count, label, timeout, min(count, procs or workers()))
    try:
        yield from pool.run()
    finally:
        pool.close()


def _in_process(task: Callable[[int], R], count: int, label: Callable[[int], str]) -> Iterator[R | GuardError]:
    for i in range(count):
        try:
            result = task(i)
        except ContentError as exc:
            yield GuardError(exc.path, exc.message, exc.line)
        except FeedsError:
            raise
        except Exception as exc:  # that is the point: any exception is the file's
            yield GuardError(label(i), describe(exc))
        else:
            yield result


@dataclass
class _Worker:
    proc: BaseProcess
    conn: Connection
    held: deque[int] = field(default_factory=deque)  # sent, not answered yet; the first is worked on
    since: float = 0.0  # when it started on held[0]


class _Pool:
    def __init__(
        self, task: Callable[[int], Any], count: int, label: Callable[[int], str], timeout: float, size: int
    ) -> None:
        import multiprocessing

        self.context = multiprocessing.get_context("fork")
        self.task, self.count, self.label, self.timeout = task, count, label, timeout
        self.size = size
        self.todo: deque[int] = deque(range(count))
        self.done: dict[int, Any] = {}
        self.workers: list[_Worker] = []

    def run(self) -> Iterator[Any]:
        following = 0
        while following < self.count:
            while following in self.done:
                result = self.done.pop(following)
                if isinstance(result, _Raise):
                    raise result.error
                yield result
                following += 1
            if following >= self.count:
                return
            self._hand_out(following)
            self._collect()

    def _hand_out(self, following: int) -> None:
        limit = following + _AHEAD * self.size  # what a slow document holds back stays bounded
        while len(self.workers) < self.size and self.todo and self.todo[0] < limit:
            self.workers.append(self._start())
        for worker in self.workers:
            while len(worker.held) < _IN_HAND and self.todo and self.todo[0] < limit:
                i = self.todo.popleft()
                if not worker.held:
                    worker.since = time.monotonic()
                worker.held.append(i)
                worker.conn.send(i)

    def _collect(self) -> None:
        from multiprocessing.connection import wait

        busy = [w for w in self.workers if w.held]
        assert busy, "guard: documents left, none in hand"
        now = time.monotonic()
        first = min(w.since for w in busy) + self.timeout
        ready = set(wait([w.conn for w in busy], timeout=max(0.0, first - now)))
        now = time.monotonic()
        for worker in busy:
            if worker.conn in ready:
                try:
                    answer = worker.conn.recv()
                except (EOFError, OSError):
                    self._replace(worker, self._died(worker))
                    continue
                i = worker.held.popleft()
                self.done[i] = self._result(i, answer)
                worker.since = now
            elif now - worker.since >= self.timeout:
                self._replace(worker, timed_out(self.timeout))

    def _result(self, i: int, answer: tuple[str, Any]) -> Any:
        kind, value = answer
        if kind == "ok":
            return value
        if kind == "content":
            path, message, line = value
            return GuardError(path, message, line)
        if kind == "raise":
            return _Raise(value)
        return GuardError(self.label(i), value)

    def _died(self, worker: _Worker) -> str:
        worker.proc.join(5)
        code = worker.proc.exitcode
        if code == -signal.SIGKILL:
            return "its conversion was killed (out of memory?); not published"
        if code is not None and code < 0:
            return f"its conversion crashed (signal {signal.Signals(-code).name}); not published"
        return f"its conversion stopped (exit status {code}); not published"

    def _replace(self, worker: _Worker, why: str) -> None:
        """``worker`` failed its first document: that document gets ``why``, the others it held go
        back to the front of the queue, and a new worker takes its place."""
        i = worker.held.popleft()
        self.done[i] = GuardError(self.label(i), why)
        self.todo.extendleft(reversed(worker.held))
        self._stop(worker)
        self.workers.remove(worker)

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        proc = self.context.Process(target=_serve, args=(child_end, self.task), daemon=True)
        proc.start()
        child_end.close()  # the parent keeps none of it: the worker's death reads as EOF
        return _Worker(proc, parent_end)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join()
        worker.conn.close()

    def close(self) -> None:
        for worker in self.workers:
            self._stop(worker)
        self.workers.clear()


@dataclass(frozen=True)
class _Raise:
    """A FeedsError that is not the document's (a setting, the disk): raised in the parent."""

    error: BaseException


def _serve(conn: Connection, task: Callable[[int], Any]) -> None:
    """A worker: run ``task`` on each index the parent sends, answer each, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops us
    while True:
        try:
            i = conn.recv()
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]
        try:
            answer = ("ok", task(i))
        except ContentError as exc:
            answer = ("content", (exc.path, exc.message, exc.line))
        except FeedsError as exc:
            answer = ("raise", exc)
        except Exception as exc:  # any exception is the document's
            answer = ("error", describe(exc))
        try:
            conn.send(answer)
        except Exception as exc:  # a result that does not pickle: nested too deeply
            conn.send(("error", describe(exc)))
        del answer
