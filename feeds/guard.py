"""One document, one failure: each document's work runs inside a guard.

Whatever one file holds, the worst it can do is fail itself. Decoding, parsing, the Jekyll, Hugo
and Pelican conversions, Markdown or news rendering: each document's work runs in a worker
process, and

- any exception it raises (RecursionError from Markdown nested past the recursion limit, MemoryError,
  OverflowError, a bug of ours) becomes that file's ContentError;
- a document that takes longer than ``document_timeout`` seconds has its worker killed and
  replaced, and is that file's error; the other documents go on in the new worker;
- a worker that dies (a crash in C code, the kernel's out-of-memory killer) is that file's error;
- a worker may grow by ``DOCUMENT_MEMORY``: past it, MemoryError is the document's error.

Worker processes, not ``signal.alarm``: a signal handler only runs between Python bytecodes, so
it cannot stop a regular expression or a C parser that never returns, and a killed process
always stops. They are long-lived (forked once per stage, not per document); results come back in
input order. Forked, they share the parent's memory: only an index and the result cross a pipe.

Indexes go to a worker in batches, and we wake once a batch to read its answers: one message per
document each way cost more CPU, in switches between the processes, than reading a document. Each
answer is in the pipe as soon as it is done, stamped with the time, so the deadline is still each
document's own: when the one the worker was on when we last looked should be done, we read what
it has done since, and kill it if it is still on that document. That document fails; the answers
before it are kept, and the documents after it go on in a new worker. One whose worker died in a
batch of others goes again alone: a crash is its error only if it crashes alone too.

A build opens a ``session``: its stages that need one worker (a build below MIN_ITEMS
documents) share it, forked at the first of them, instead of forking one each. Forking a big
process costs page faults in it afterwards (each page it writes is copied, or unshared, again); a
small build pays that once. The stage's task then travels to the worker pickled, a module-level
function and its context, once per stage (and again to a worker that replaces a killed one); its
memory bound is measured again at each stage, from its size then. A larger build's stages fork
their own workers, which inherit the documents instead: sending them each stage costs more than
the forks it saves.

Where fork is not available, or other threads run (forking them can deadlock), the work runs in
this process: exceptions are still each file's error, but an endless loop cannot be stopped.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from feeds.errors import ContentError, FeedsError
from feeds.guardworker import (
    ANSWER,
    Raise,
    bound_memory,
    inherited_untouched,
    send,
    serve,
    write_framed,
)
from feeds.guardworker import DOCUMENT_MEMORY as DOCUMENT_MEMORY
from feeds.guardworker import describe as describe
from feeds.parallel import can_fork, workers

log = logging.getLogger(__name__)

R = TypeVar("R")

_IN_HAND = 2  # batches a worker holds: the one it works on, and the next, so it never waits for us
_BATCH = 64  # documents per batch at most; fewer near the end, so that every worker has some
_BATCH_BYTES = 1 << 20  # and no more data than this (large documents sent whole): one pipe's buffer
_AHEAD = 64  # results held back per worker at most, waiting for an earlier slow one to be yielded


class GuardError(ContentError):
    """A document whose conversion raised, overran its time budget or killed its worker."""


class RenderFailed(Exception):  # control flow, like StaleIndex: not an error shown
    """Documents whose rendering failed (source -> (digest of the file's bytes, error)): the build
    forgets what it did and plans again without those versions, as if they had not parsed."""

    def __init__(self, failures: dict[str, tuple[str, ContentError]]) -> None:
        super().__init__(f"{len(failures)} document(s) failed to render")
        self.failures = failures


def timed_out(timeout: float) -> str:
    return f"took longer than {timeout:g} s (document_timeout) to convert; not published"


class _Session:
    """The worker a build's one-worker stages share, between two stages."""

    def __init__(self) -> None:
        self.idle: list[_Worker] = []

    def close(self) -> None:
        for worker in self.idle:
            _Pool._stop(worker)
        self.idle.clear()


_session: _Session | None = None
_pipes: set[int] = set()  # this process's ends of the pipes to its workers, whatever their pool


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Within it, the stages of ``guarded_imap`` given ``shared=True`` and one worker reuse one
    worker process, stopped when it closes. Nested, the outer one holds."""
    global _session
    if _session is not None:
        yield
        return
    _session = _Session()
    try:
        yield
    finally:
        opened, _session = _session, None
        opened.close()


def _close_inherited() -> None:
    """In any process just forked (a guard worker, ``beside``'s): close the pipes to this process's
    workers, idle or at work. Held there, their ends would not read as such when the build is
    killed (kill -9), and those workers would wait on as long as that process lives."""
    for fd in _pipes:
        with contextlib.suppress(OSError):
            os.close(fd)
    _pipes.clear()
    if _session is not None:
        _session.idle.clear()  # not this process's to stop


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited)


def guarded_imap(
    task: Callable[..., R],
    count: int,
    label: Callable[[int], str],
    timeout: float,
    procs: int | None = None,
    send: Callable[[int], object] | None = None,
    shared: bool = False,
) -> Generator[R | GuardError, None, None]:
    """``task(i)`` for each ``i`` in ``range(count)``, in order, or the GuardError that names
    ``label(i)`` when it raised, overran ``timeout`` seconds or killed its worker.

    A FeedsError other than a ContentError (a setting, the disk) is not a document's fault: it
    is raised here, as it would be without the guard. ``procs`` is how many workers
    (``feeds.parallel.workers()`` when None); one is enough for the time budget.

    With ``send``, ``task(i, send(i))`` instead: ``send(i)`` is made here, as ``i`` is handed to a
    worker (in order), and pickled to it. What a worker needs but did not inherit, because it
    was made after the fork, travels that way; one set of workers can then serve a stream whose
    inputs are made as it goes.

    With ``shared`` (and ``send``), ``task`` pickles (a module-level function, or a partial of
    one): inside a ``session`` a stage of one worker then runs in the session's worker.
    """
    if count <= 0:
        return
    if not can_fork():
        given = send
        yield from _in_process(task if given is None else lambda i: task(i, given(i)), count, label)
        return
    size = min(count, procs or workers())
    stage = None
    if shared and send is not None and size == 1 and _session is not None:
        try:
            stage = pickle.dumps(("stage", task, timeout), pickle.HIGHEST_PROTOCOL)
        except Exception:  # a task that does not pickle: this stage forks its own worker
            stage = None
    pool = _Pool(task, count, label, timeout, size, send, stage)
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
            log.debug("%s: conversion failed", label(i), exc_info=True)  # where, for a bug report (-vv)
            yield GuardError(label(i), describe(exc))
        else:
            yield result


@dataclass
class _Worker:
    pid: int
    to_worker: int  # the pipe's write end: indexes go there
    from_worker: int  # read end: each document's answer, as it is done
    bell: int  # read end: rung when the worker has done a batch, or filled the pipe
    # Batches sent, not all answered, each with when it was sent; the first is worked on.
    held: deque[tuple[list[int], float]] = field(default_factory=deque)
    answered: int = 0  # of the first batch's documents, read: the worker is on the next
    since: float = 0.0  # when it started on that document, or before (the deadline never early)
    unread: bytearray = field(default_factory=bytearray)  # the start of an answer whose rest is in the pipe


class _Pool:
    def __init__(
        self,
        task: Callable[..., Any],
        count: int,
        label: Callable[[int], str],
        timeout: float,
        size: int,
        send: Callable[[int], object] | None = None,
        stage: bytes | None = None,
    ) -> None:
        self.task, self.count, self.label, self.timeout = task, count, label, timeout
        self.size = size
        self.send = send
        self.stage = stage  # the pickled task, for the session's worker: None, a worker of our own
        self.sent: dict[int, object] = {}  # what went with each index in hand: a replaced worker's go again
        self.todo: deque[int] = deque(range(count))
        self.alone: set[int] = set()  # in a batch that overran or killed its worker: each goes alone
        self.done: dict[int, Any] = {}
        self.workers: list[_Worker] = []

    def run(self) -> Iterator[Any]:
        following = 0
        while following < self.count:
            while following in self.done:
                result, records = self.done.pop(following)
                for record in records:  # what the worker logged, here, in order, through our handlers
                    logging.getLogger(record.name).handle(record)
                if isinstance(result, Raise):
                    raise result.error
                yield result
                following += 1
            if following >= self.count:
                return
            self._hand_out(following)
            self._collect()

    def _hand_out(self, following: int) -> None:
        limit = following + (_AHEAD + _IN_HAND * _BATCH) * self.size  # what a slow document holds back stays bounded
        while len(self.workers) < self.size and self.todo and self.todo[0] < limit:
            self.workers.append(self._start())
        for worker in self.workers:
            while len(worker.held) < _IN_HAND and self.todo and self.todo[0] < limit:
                batch, items = self._batch(limit)
                now = time.monotonic()
                if not worker.held:
                    worker.since = now
                worker.held.append((batch, now))
                try:
                    send(worker.to_worker, items)
                except BrokenPipeError:  # it died on what it held: _collect reads its end, and replaces it
                    break

    def _batch(self, limit: int) -> tuple[list[int], list[bytes]]:
        """The next indexes to hand out together, in order, and what goes with each, pickled: a
        suspect one alone."""
        size = min(_BATCH, -(-len(self.todo) // (self.size * _IN_HAND * 2)))
        batch: list[int] = []
        items: list[bytes] = []
        taken = 0
        while True:
            i = self.todo.popleft()
            batch.append(i)
            items.append(pickle.dumps(self._item(i), pickle.HIGHEST_PROTOCOL))
            taken += len(items[-1])
            if i in self.alone or len(batch) >= size or taken >= _BATCH_BYTES:
                return batch, items
            if not self.todo or self.todo[0] >= limit or self.todo[0] in self.alone:
                return batch, items

    def _item(self, i: int) -> object:
        if self.send is None:
            return i
        if i not in self.sent:
            self.sent[i] = self.send(i)
        if self.stage is None:
            return (i, self.sent[i])
        return (i, self.sent[i], self.label(i))  # the worker was forked for another stage: the label too

    def _collect(self) -> None:
        import select

        busy = [w for w in self.workers if w.held]
        assert busy, "guard: documents left, none in hand"
        first = min(w.since for w in busy) + self.timeout
        poll = select.poll()
        for worker in busy:
            poll.register(worker.bell, select.POLLIN)
        wait_ms = max(0, int((first - time.monotonic()) * 1000) + 1)
        ready = {fd for fd, _ in poll.poll(wait_ms)}
        now = time.monotonic()
        for worker in busy:
            if worker.bell not in ready and now - worker.since < self.timeout:
                continue
            # Rung, or its document's deadline as we last knew it has passed: what has it done?
            if not self._read(worker):
                if worker.held:
                    self._replace(worker, *self._died(worker))
                else:  # ended between two batches: nothing of ours lost
                    self._died(worker)
                    self._stop(worker)
                    self.workers.remove(worker)
            elif worker.held and now - worker.since >= self.timeout:
                self._replace(worker, timed_out(self.timeout), True)

    def _read(self, worker: _Worker) -> bool:
        """Take in the answers ``worker`` has sent since we last looked: False if it has ended."""
        alive, rung = True, b""
        try:
            while chunk := os.read(worker.bell, 4096):
                rung += chunk
            alive = False  # the bell's end closed: the worker's process is gone
        except BlockingIOError:
            pass
        reading = time.monotonic()
        unread = worker.unread
        while True:
            try:
                chunk = os.read(worker.from_worker, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                alive = False
                break
            unread += chunk
        at = 0
        with memoryview(unread) as view:
            while len(view) - at >= ANSWER.size:
                size, done_at = ANSWER.unpack_from(view, at)
                end = at + ANSWER.size + size
                if end > len(view):
                    break
                self._answered(worker, view[at + ANSWER.size : end], done_at)
                at = end
        del unread[:at]
        if worker.held and (unread or b"!" in rung):
            # It was sending an answer, or waiting for us to make room in the pipe: its next
            # document starts after this read. A wait on us is no document's time.
            worker.since = max(worker.since, reading)
        return alive

    def _answered(self, worker: _Worker, blob: memoryview, done_at: float) -> None:
        """The answer to the document ``worker`` was on, done at ``done_at``: on to the next."""
        batch, _ = worker.held[0]
        i = batch[worker.answered]
        try:
            answer = pickle.loads(blob)
        except Exception as exc:  # does not unpickle: this answer alone is lost
            answer = ("error", describe(exc), [])
        self.sent.pop(i, None)
        self.alone.discard(i)
        self.done[i] = (self._result(i, answer[:2]), answer[2])
        worker.answered += 1
        if worker.answered == len(batch):
            worker.held.popleft()
            worker.answered = 0
        if worker.held:  # it started on the next as it sent this, if it had it by then
            worker.since = max(done_at, worker.held[0][1])

    def _result(self, i: int, answer: tuple[str, Any]) -> Any:
        kind, value = answer
        if kind == "ok":
            return value
        if kind == "content":
            path, message, line = value
            return GuardError(path, message, line)
        if kind == "raise":
            return Raise(value)
        return GuardError(self.label(i), value)

    def _died(self, worker: _Worker) -> tuple[str, bool]:
        """Why ``worker``'s process ended, as its document's error; and whether that is surely
        the document's doing (its time budget), not something else's (the kernel's OOM killer)."""
        status = _reap(worker.pid, kill=False)
        worker.pid = 0
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGKILL:
                return "its conversion was killed (out of memory?); not published", False
            if sig == getattr(signal, "SIGXCPU", None):  # _limit_cpu's, before our deadline was seen
                return timed_out(self.timeout), True
            return f"its conversion crashed (signal {signal.Signals(sig).name}); not published", False
        return f"its conversion stopped (exit status {os.waitstatus_to_exitcode(status)}); not published", False

    def _replace(self, worker: _Worker, why: str, certain: bool) -> None:
        """``worker`` overran the time budget on the document it was on, or died on it: that
        document gets ``why``, unless its worker died on it in a batch of others (then it goes
        again alone, to be sure it was its own doing). The answers before it are kept; the
        documents after it go back to the front of the queue, and a new worker takes its place."""
        batch, _ = worker.held.popleft()
        i, after = batch[worker.answered], batch[worker.answered + 1 :]
        if certain or len(batch) == 1:
            self.sent.pop(i, None)
            self.alone.discard(i)
            self.done[i] = (GuardError(self.label(i), why), [])
        else:
            self.alone.add(i)
            after = [i, *after]
        self.todo.extendleft(reversed(after + [j for held, _ in worker.held for j in held]))
        self._stop(worker)
        self.workers.remove(worker)

    def _start(self) -> _Worker:
        if self.stage is not None and _session is not None and _session.idle:
            worker = _session.idle.pop()
            try:
                write_framed(worker.to_worker, self.stage)
                return worker
            except OSError:  # it died between two stages
                self._stop(worker)
        worker = self._fork()
        if self.stage is not None:
            write_framed(worker.to_worker, self.stage)
        return worker

    def _fork(self) -> _Worker:
        import sys

        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        bell_read, bell_write = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # or the worker's first write repeats what they hold
            stream.flush()
        pid = os.fork()
        if pid == 0:  # the worker: it never returns into the caller's code
            status = 0
            inherited_untouched()
            try:
                for fd in (down_write, up_read, bell_read):  # the other workers': _close_inherited
                    os.close(fd)
                bound_memory()
                serve(down_read, up_write, bell_write, self.task, self.label, self.timeout, self.send is not None)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(down_read)
        for fd in (up_write, bell_write):  # the worker alone holds them: its death reads as EOF
            os.close(fd)
        for fd in (up_read, bell_read):  # read when it says, or at a deadline: what is there
            os.set_blocking(fd, False)
        # A batch sent while it works on one, and a batch's answers: neither waits for the reader.
        for fd in (down_write, up_read):
            with contextlib.suppress(AttributeError, OSError):
                import fcntl

                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
        _pipes.update((down_write, up_read, bell_read))
        return _Worker(pid, down_write, up_read, bell_read)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.pid:
            _reap(worker.pid, kill=True)
            worker.pid = 0
        for fd in (worker.to_worker, worker.from_worker, worker.bell):
            _pipes.discard(fd)
            os.close(fd)

    def close(self) -> None:
        for worker in self.workers:
            if self.stage is not None and _session is not None and worker.pid and not worker.held:
                _session.idle.append(worker)  # idle, between two documents: the next stage's
            else:
                self._stop(worker)
        self.workers.clear()


def _reap(pid: int, kill: bool) -> int:
    """Wait for the worker ``pid`` to end (killing it first if ``kill``); its wait status."""
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:  # pragma: no cover  (retried by Python itself since 3.5)
            continue
        except ChildProcessError:  # reaped already (a SIGCHLD handler of an embedding program)
            return 0
