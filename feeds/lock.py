"""One build at a time per output folder: an advisory lock, waited on for a bounded time."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
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
    never leaves the next one locked out, and a stale lock file means nothing. The file is
    removed when the lock is released (and its folder too, if this made it and it is still
    empty): a lock inside ``out/`` is never published, nor a failed first build's empty ``out/``.
    """
    deadline = time.monotonic() + max(wait, 0.0)
    waiting = False
    while True:
        fd, made = _open(path)
        try:
            while not _try_lock(fd):
                if not waiting and wait > 0:
                    log.info("another feeds build holds %s; waiting up to %g s for it to finish", path, wait)
                    waiting = True
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"another feeds build holds {path} (waited {wait:g} s); try again later or raise --wait"
                    )
                time.sleep(0.05)
        except BaseException:
            os.close(fd)
            raise
        if not _still_there(fd, path):
            # The holder removed the file as it let go: this lock is of a file no one else opens.
            os.close(fd)
            continue
        break
    try:
        yield
    finally:
        # Removed while still held, so no one can take it before it is gone: a build that opened it
        # meanwhile finds, once it has it, that the file is no longer there, and opens it again.
        if stat.S_ISREG(os.fstat(fd).st_mode):
            with contextlib.suppress(OSError):  # Windows removes no open file: then it stays
                path.unlink()
            if made:
                with contextlib.suppress(OSError):  # not empty: the build wrote into it
                    path.parent.rmdir()
        os.close(fd)  # closing the descriptor releases the lock


def _open(path: Path) -> tuple[int, bool]:
    """The lock file open, and whether its folder had to be made."""
    try:
        made = not path.parent.is_dir()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644), made
        except IsADirectoryError:
            # Someone made a folder of that name. A folder can be locked as well as a file, and
            # every build of this output opens the same one, so they still exclude each other.
            return os.open(path, os.O_RDONLY | os.O_CLOEXEC), made
    except OSError as exc:  # a read-only or unwritable folder
        raise DiskError.from_os_error(path, exc, "cannot create the lock") from exc


def _still_there(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open at ``fd``."""
    try:
        now, held = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


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
