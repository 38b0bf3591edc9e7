"""One build at a time per output folder: an advisory lock, waited on for a bounded time."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from feeds.errors import DiskError, FeedsError

log = logging.getLogger(__name__)


class LockedError(FeedsError):
    """Another build holds the lock and did not finish within the wait."""


@contextlib.contextmanager
def exclusive(path: Path, wait: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block; wait up to ``wait`` seconds for it.

    The kernel releases the lock when its holder dies (even by kill -9), so a crashed build
    never leaves the next one locked out, and a stale lock file means nothing.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except IsADirectoryError:
            # Someone made a folder of that name. A folder can be locked as well as a file, and
            # every build of this output opens the same one, so they still exclude each other.
            fd = os.open(path, os.O_RDONLY)
    except OSError as exc:  # a read-only or unwritable folder above out/
        raise DiskError.from_os_error(path, exc, "cannot create the lock") from exc
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        waiting = False
        while not _try_lock(fd):
            if not waiting and wait > 0:
                log.info("another feeds build holds %s; waiting up to %g s for it to finish", path, wait)
                waiting = True
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"another feeds build holds {path} (waited {wait:g} s); try again later or raise --wait"
                )
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
