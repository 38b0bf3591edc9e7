"""The guard hands documents to its workers in batches, and every bound still holds per document:
a document that overruns its time budget fails alone where it was in its batch, one whose worker
dies goes again alone, and the others in its batch succeed (tests/test_guard_deadlines.py)."""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from functools import partial
from pathlib import Path

import pytest

from feeds import guard
from feeds.guard import DOCUMENT_MEMORY, GuardError, guarded_imap

pytestmark = pytest.mark.skipif(not guard.can_fork(), reason="the guard's workers are forked")


def _batches(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The batches handed out, as the parent makes them."""
    made: list[list[int]] = []
    batch = guard._Pool._batch

    def recorded(pool: guard._Pool, limit: int) -> tuple[list[int], list[bytes]]:
        indexes, items = batch(pool, limit)
        made.append(indexes)
        return indexes, items

    monkeypatch.setattr(guard._Pool, "_batch", recorded)
    return made


def _hostile(bad: int, how: str, i: int) -> int:
    if i == bad:
        if how == "slow":
            # Asleep, not spinning: the parent's deadline kills it all the same (a spin in C that
            # only a kill stops is tests/test_guard.py's), and the wait costs the suite no CPU.
            time.sleep(600)
        elif how == "crash":
            faulthandler.disable()  # pytest's: its stack dump would only clutter the test's output
            os.kill(os.getpid(), signal.SIGSEGV)
        elif how == "exit":
            os._exit(3)
        elif how == "memory":
            return len(bytearray(DOCUMENT_MEMORY + 1024**3))
    return i * i


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("slow", guard.timed_out(1.0)),
        ("crash", "its conversion crashed (signal SIGSEGV); not published"),
        ("exit", "its conversion stopped (exit status 3); not published"),
    ],
)
@pytest.mark.parametrize("procs", [1, 2])
def test_a_bad_document_in_the_middle_of_a_batch_fails_alone(
    how: str, message: str, procs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _batches(monkeypatch)
    out = list(
        guarded_imap(partial(_hostile, 20, how), 300, lambda i: f"doc-{i}.md", 1.0 if how == "slow" else 30, procs)
    )
    first = next(b for b in made if 20 in b)
    assert len(first) > 2 and first[0] < 20 < first[-1]  # in the middle of a batch
    if how == "slow":  # past its own deadline: failed where it was, never sent again
        assert [b for b in made if 20 in b] == [first]
    else:  # its worker died on it: again alone, to be sure it was its own doing
        assert [b for b in made if 20 in b][-1] == [20]
    assert len(out) == 300
    for i, result in enumerate(out):
        if i == 20:
            assert isinstance(result, GuardError) and str(result) == f"doc-20.md: {message}"
        else:
            assert result == i * i
    assert max(map(len, made)) > 16  # batches, not one document a message


@pytest.mark.skipif(not Path("/proc/self/statm").is_file(), reason="the bound is set on Linux")
def test_a_document_past_the_memory_bound_fails_alone_in_its_batch() -> None:
    out = list(guarded_imap(partial(_hostile, 5, "memory"), 40, lambda i: f"doc-{i}", 30, 1))
    assert str(out[5]) == "doc-5: ran out of memory while being converted; not published"
    assert [o for i, o in enumerate(out) if i != 5] == [i * i for i in range(40) if i != 5]


def _leisurely(i: int) -> int:
    time.sleep(0.05)
    return i


def test_the_time_budget_is_each_documents_not_the_batchs() -> None:
    # Together a batch takes longer than the budget; no document does alone: none fails.
    out = list(guarded_imap(_leisurely, 40, str, 0.3, 1))
    assert out == list(range(40))


def _sent_slow(bad: int, i: int, sent: int) -> tuple[int, int]:
    if sent == bad:
        time.sleep(60)
    return os.getpid(), -sent


def test_a_sessions_batch_names_its_slow_document() -> None:
    with guard.session():
        out = list(guarded_imap(partial(_sent_slow, 11), 60, lambda i: f"doc{i}.md", 1.0, 1, lambda i: i, shared=True))
        after = list(guarded_imap(partial(_sent_slow, -1), 30, lambda i: f"doc{i}.md", 30, 1, lambda i: i, shared=True))
    assert isinstance(out[11], GuardError) and out[11].path == "doc11.md"
    assert out[11].message == guard.timed_out(1.0)
    assert [o[1] for i, o in enumerate(out) if i != 11 and not isinstance(o, GuardError)] == [
        -i for i in range(60) if i != 11
    ]
    assert [o[1] for o in after if not isinstance(o, GuardError)] == [-i for i in range(30)]
    with pytest.raises(ChildProcessError):  # no worker left
        os.waitpid(-1, os.WNOHANG)


def test_logs_of_a_batch_come_back_in_the_documents_order(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    def noisy(i: int) -> int:
        logging.getLogger("feeds.test").warning("doc %d", i)
        return i

    with caplog.at_level(logging.WARNING, logger="feeds.test"):
        assert list(guarded_imap(noisy, 100, str, 30, 2)) == list(range(100))
    assert [r.getMessage() for r in caplog.records if r.name == "feeds.test"] == [f"doc {i}" for i in range(100)]


def _length(i: int, sent: bytes) -> int:
    return len(sent) + i


def test_large_documents_go_in_smaller_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _batches(monkeypatch)
    out = list(guarded_imap(_length, 40, str, 30, 1, lambda i: b"x" * 300_000))
    assert out == [300_000 + i for i in range(40)]
    assert max(map(len, made)) == 4  # a pipe's buffer of data, not the 10 a batch would hold
