"""The worker side of feeds.guard: what runs in a forked worker process (its bounds on memory and
CPU, its loop over the batches the parent sends, each document's answer) and the pipe's framing
both sides use. Read feeds/guard.py first: it says why documents run in workers at all."""

from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from feeds.errors import ContentError, FeedsError

log = logging.getLogger(__name__)

# A document's conversion may take this much memory (address space) beyond what its worker had
# when forked: a 10 MB Markdown article, the largest read, peaks at ~550 MB.
DOCUMENT_MEMORY = 2 * 1024**3


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


def inherited_untouched() -> None:
    """Keep this worker's garbage collector off the objects it shares with the parent.

    A collection walks every object it tracks and writes to each one's header: in a forked
    worker that copies every page the parent's documents, plans and modules sit on (copy on
    write). Frozen, they are left alone; what the worker makes itself is collected as usual.
    """
    import gc

    gc.freeze()


_given_limit: int | None = None  # a worker's address space limit as it was forked with (ulimit -v)


def bound_memory() -> None:
    """Let this worker's address space grow by DOCUMENT_MEMORY at most: past it an allocation
    raises MemoryError, the document's error. And should the machine run out of memory first, the
    kernel kills a worker (that document's error too), not the build."""
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass  # not Linux
    _bound_from_here()


def _bound_from_here() -> None:
    """The bound of ``bound_memory`` from this worker's size now: set as it starts a stage, as what
    it holds grows or shrinks from one stage to the next (that stage's task and its context)."""
    global _given_limit
    try:
        import resource

        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if _given_limit is None:
            _given_limit = soft
        limit = size + DOCUMENT_MEMORY
        for other in (_given_limit, hard):  # never above the limit it was given
            if other != resource.RLIM_INFINITY:
                limit = min(limit, other)
        if limit != soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, ImportError):
        pass  # no /proc or no resource module: the kernel's limits alone


def _limit_cpu(timeout: float) -> None:
    """Let the document about to be converted use ``timeout`` seconds of CPU and a little more:
    the parent kills its worker at ``timeout`` (wall clock), but a parent killed first (kill -9)
    cannot, and the kernel then stops a worker that would otherwise spin on for good."""
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = int(usage.ru_utime + usage.ru_stime + timeout) + 2
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard == resource.RLIM_INFINITY or soft <= hard:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ImportError, OSError, ValueError):
        pass  # no resource module (not Unix): the parent's deadline alone


_HEADER = struct.Struct("!Q")


def send(fd: int, obj: object) -> None:
    write_framed(fd, pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))  # first: a result that does not pickle sends nothing


def write_framed(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def receive(fd: int) -> Any:
    (size,) = _HEADER.unpack(read_exactly(fd, _HEADER.size))
    return pickle.loads(read_exactly(fd, size))


def read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class Raise:
    """A FeedsError that is not the document's (a setting, the disk): raised in the parent."""

    error: BaseException


def serve(
    down: int,
    up: int,
    bell: int,
    task: Callable[..., Any],
    label: Callable[[int], str],
    timeout: float,
    with_data: bool,
) -> None:
    """A worker: run ``task`` on each index of each batch the parent sends (``with_data``: and what
    came with it), until the pipe closes.

    Each document's answer goes up the pipe as it is made, stamped with the time it was done: the
    parent reads it there when it wakes, and knows which document of the batch this worker is on
    and since when, and so each document's own deadline. It wakes when ``bell`` rings, once a
    batch (and whenever the answers fill the pipe), not once a document: each wake-up is a switch
    between the processes, which costs more than a small document's reading."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops us
    os.set_blocking(up, False)  # a full pipe: ring, then wait for the parent to read
    records = _Records()
    logging.getLogger().handlers = [records]  # sent to the parent with each answer
    while True:
        try:
            message = receive(down)
        except EOFError:
            return
        if isinstance(message, tuple) and message[0] == "stage":  # a session's next stage
            _, task, timeout = message
            _bound_from_here()
            continue
        for item in message:
            answer = _run(pickle.loads(item), task, label, timeout, with_data, records)
            _answer(up, bell, ANSWER.pack(len(answer), time.monotonic()) + answer)
        os.write(bell, b".")


# Before each answer: its size, and when the document was done (time.monotonic(): one clock for
# every process of the machine), which is when the worker started on the next.
ANSWER = struct.Struct("!Qd")


def _answer(up: int, bell: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(up, view) :]
        except BlockingIOError:
            os.write(bell, b"!")
            writable = select.poll()
            writable.register(up, select.POLLOUT)
            writable.poll()


def _run(
    item: Any, task: Callable[..., Any], label: Callable[[int], str], timeout: float, with_data: bool, records: _Records
) -> bytes:
    """One document of a batch, in a worker: its answer, pickled."""
    args: tuple[Any, ...] = ()
    text: str | None = None  # the document's label, sent to a session's worker
    if not with_data:
        i = item
    elif len(item) == 3:
        i, data, text = item
        args = (data,)
    else:
        i, data = item
        args = (data,)
    answer: tuple[str, Any]
    _limit_cpu(timeout)
    try:
        answer = ("ok", task(i, *args))
    except ContentError as exc:
        answer = ("content", (exc.path, exc.message, exc.line))
    except FeedsError as exc:
        answer = ("raise", exc)
    except Exception as exc:  # any exception is the document's
        log.debug("%s: conversion failed", label(i) if text is None else text, exc_info=True)  # for a bug report (-vv)
        answer = ("error", describe(exc))
    logged, records.taken = records.taken, []
    try:
        return pickle.dumps((*answer, logged), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # a result that does not pickle: nested too deeply
        return pickle.dumps(("error", describe(exc), logged), pickle.HIGHEST_PROTOCOL)


class _Records(logging.Handler):
    """A worker's log records, kept to travel to the parent: its handlers (a test's, the progress
    bar's) then see them as if the work had been done there, in the documents' order."""

    def __init__(self) -> None:
        super().__init__()
        self.taken: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Made plain so that it pickles: the message formatted, no traceback object.
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.taken.append(record)
