"""Each document's deadline is its own, inside a batch too: the parent knows which document of a
batch its worker is on and since when, so a document that overruns is killed at its own
``document_timeout`` and fails alone, the documents before it keep their results, and the rest of
the batch goes on in a new worker. No document is converted twice but one whose worker died."""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import feeds.load
from feeds import guard
from feeds.cli import main
from feeds.guard import GuardError, guarded_imap

from .conftest import write_site_toml
from .test_guard import FRONT, GOOD, errors_of
from .test_guard_batches import _batches

pytestmark = pytest.mark.skipif(not guard.can_fork(), reason="the guard's workers are forked")

TIMEOUT = 1.0


def _note(log: Path, what: object) -> None:
    """Say, from whichever process, that ``what`` started: one line, appended whole."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(fd, f"{what}\n".encode())
    finally:
        os.close(fd)


def _runs(log: Path) -> Counter[str]:
    return Counter(log.read_text().split()) if log.exists() else Counter()


def _bad_at(bad: int, how: str, log: Path, i: int) -> int:
    _note(log, i)
    if i == bad:
        if how == "slow":
            time.sleep(600)  # asleep: the deadline kills it all the same, at no CPU cost
        elif how == "crash":
            faulthandler.disable()  # pytest's: its stack dump would only clutter the test's output
            os.kill(os.getpid(), signal.SIGSEGV)
    return i * i


@pytest.mark.parametrize("procs", [1, 2])
def test_a_slow_document_in_a_batch_costs_one_timeout_and_runs_once(
    procs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _batches(monkeypatch)
    log = tmp_path / "runs"
    started = time.monotonic()
    out = list(guarded_imap(partial(_bad_at, 1, "slow", log), 40, lambda i: f"doc-{i}.md", TIMEOUT, procs))
    elapsed = time.monotonic() - started
    first = next(b for b in made if 1 in b)
    assert first[0] == 0 and len(first) > 2  # second of its batch
    assert isinstance(out[1], GuardError) and str(out[1]) == f"doc-1.md: {guard.timed_out(TIMEOUT)}"
    assert [o for i, o in enumerate(out) if i != 1] == [i * i for i in range(40) if i != 1]
    assert _runs(log) == Counter(str(i) for i in range(40))  # each once, the slow one too
    assert [b for b in made if 1 in b] == [first]  # never sent again
    assert elapsed < 2 * TIMEOUT  # its own deadline, not the batch's and then its own again


def test_a_crash_in_a_batch_keeps_the_results_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _batches(monkeypatch)
    log = tmp_path / "runs"
    out = list(guarded_imap(partial(_bad_at, 5, "crash", log), 40, lambda i: f"doc-{i}.md", 30, 1))
    first = next(b for b in made if 5 in b)
    assert first[0] < 5 < first[-1]
    assert str(out[5]) == "doc-5.md: its conversion crashed (signal SIGSEGV); not published"
    assert [o for i, o in enumerate(out) if i != 5] == [i * i for i in range(40) if i != 5]
    # Where a worker died, the document it was on goes again alone, to be sure it was that one's
    # doing; the others, before it and after, are converted once.
    assert _runs(log) == Counter(str(i) for i in range(40)) + Counter({"5": 1})
    assert [b for b in made if 5 in b][-1] == [5]


def _slow_then_fast(log: Path, i: int) -> int:
    _note(log, i)
    time.sleep(0.5 * TIMEOUT if i < 3 else 0)
    return i


def test_the_deadline_runs_from_each_documents_start(tmp_path: Path) -> None:
    # Three documents of one batch each take most of the budget: none overruns its own.
    log = tmp_path / "runs"
    assert list(guarded_imap(partial(_slow_then_fast, log), 12, str, TIMEOUT, 1)) == list(range(12))
    assert _runs(log) == Counter(str(i) for i in range(12))


def test_large_answers_fill_the_pipe_and_still_come_back() -> None:
    # Far more than a pipe holds, from one batch: the worker waits for the parent to read.
    out = list(guarded_imap(_large, 6, str, 30, 1))
    assert [len(o) for o in out] == [2_500_000] * 6 and [o[:1] for o in out] == [bytes([i]) for i in range(6)]


def _large(i: int) -> bytes:
    return bytes([i]) * 2_500_000


HANG_HERE = "HANG-IN-PARSE"
BUILD_TIMEOUT = 2.0  # the build of a dozen files takes well under this on a busy machine


@pytest.fixture
def sleepy_parse(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Parsing notes each file it starts, and sleeps for good on one holding HANG_HERE."""
    log = tmp_path / "parsed"
    real = feeds.load.parse_tail

    def parse(data: bytes, relative: str, *args: Any) -> Any:
        _note(log, relative)
        if HANG_HERE.encode() in data:
            time.sleep(600)
        return real(data, relative, *args)

    monkeypatch.setattr(feeds.load, "parse_tail", parse)
    return log


def test_a_build_with_a_hanging_document_waits_one_timeout(
    sleepy_parse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    monkeypatch.setenv("FEEDS_WORKERS", "1")
    made = _batches(monkeypatch)
    content = tmp_path / "content"
    content.mkdir()
    for name, body in GOOD.items():
        (content / name).write_text(body, encoding="utf-8")
    for n in range(10):
        (content / f"a{n:02}.md").write_text(FRONT.replace("Hostile", f"Article {n}") + "Fine.\n", encoding="utf-8")
    bad = content / "a03.md"
    bad.write_text(FRONT + HANG_HERE + "\n", encoding="utf-8")
    config = write_site_toml(tmp_path / "site.toml", document_timeout=BUILD_TIMEOUT)
    argv = ["build", "--content", str(content), "--out", str(tmp_path / "out"), "--config", str(config)]
    started = time.monotonic()
    status = main(argv)
    elapsed = time.monotonic() - started
    stderr = capsys.readouterr().err
    assert status == 1, stderr
    assert errors_of(stderr, content) == [f"{bad}: {guard.timed_out(BUILD_TIMEOUT)}"]
    assert max(map(len, made)) > 1  # the documents went in batches
    runs = _runs(sleepy_parse)
    assert set(runs) == {p.relative_to(content).as_posix() for p in content.iterdir()}
    assert set(runs.values()) == {1}, runs  # each file parsed once, the hanging one too
    assert elapsed < 2 * BUILD_TIMEOUT  # one timeout and the build, not two timeouts
    atom = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    assert "Article 9" in atom and "Good two" in atom


def _large_slowly(i: int) -> bytes:
    time.sleep(0.02)
    return bytes([i]) * 600_000


def test_a_wait_for_a_slow_reader_is_no_documents_time() -> None:
    # The worker fills the pipe while we are busy elsewhere for longer than the budget, and
    # waits for us: that wait is not its document's time.
    out = []
    for answer in guarded_imap(_large_slowly, 12, str, 0.6, 1):
        out.append(answer)
        if len(out) in (1, 5):
            time.sleep(0.9)
    assert [o if isinstance(o, GuardError) else o[:1] for o in out] == [bytes([i]) for i in range(12)]


def _refuse() -> object:
    raise ValueError("not here")


class _Unloadable:
    """Pickles in the worker; unpickling it raises, in the parent."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return _refuse, ()


def _some_unloadable(i: int) -> object:
    return _Unloadable() if i in (3, 4) else i


def test_an_answer_that_does_not_unpickle_is_that_documents_error() -> None:
    out = list(guarded_imap(_some_unloadable, 12, lambda i: f"doc-{i}.md", 30, 1))
    assert [str(o) for o in out[3:5]] == [
        f"doc-{i}.md: cannot be converted (ValueError: not here); not published" for i in (3, 4)
    ]
    assert [o for i, o in enumerate(out) if i not in (3, 4)] == [i for i in range(12) if i not in (3, 4)]
