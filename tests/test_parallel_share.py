"""``feeds.parallel.imap_indexes``: this process takes a share of the work, the workers the rest;
the results still come back in input order, and an exception comes back as itself."""

from __future__ import annotations

import os

import pytest

from feeds.parallel import imap_indexes


def test_results_in_order_from_this_process_and_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEEDS_WORKERS", "2")
    me = os.getpid()
    got = list(imap_indexes(lambda i: (i * i, os.getpid() == me), 100, min_items=10))
    assert [square for square, _ in got] == [i * i for i in range(100)]
    here = [i for i, (_, ours) in enumerate(got) if ours]
    assert here == list(range(50))  # the first share here, the rest forked


@pytest.mark.parametrize("bad", [3, 97])
def test_an_exception_is_raised_whoever_ran_it(monkeypatch: pytest.MonkeyPatch, bad: int) -> None:
    monkeypatch.setenv("FEEDS_WORKERS", "2")

    def task(i: int) -> int:
        if i == bad:
            raise ValueError(f"item {i}")
        return i

    with pytest.raises(ValueError, match=f"item {bad}"):
        list(imap_indexes(task, 100, min_items=10))
