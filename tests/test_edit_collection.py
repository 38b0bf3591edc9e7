"""An edit build runs without garbage collection in its own process (feeds.incremental), but a
process forked inside it, a guard's worker above all, collects as usual: a document's memory is
bounded as in any other build."""

from __future__ import annotations

import gc
import os

import pytest

from feeds.incremental import collection_paused


def _forked_collects() -> bool:
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 when it collects
        os._exit(0 if gc.isenabled() else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_paused_here_not_in_a_forked_worker() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        assert _forked_collects()
    assert gc.isenabled()
    assert _forked_collects()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_on_again_after_an_exception() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("a failed edit")
    assert gc.isenabled()
