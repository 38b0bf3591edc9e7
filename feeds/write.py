"""Writing output: atomically, only inside the output folder, only when the bytes change."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from feeds.errors import OutputError

_UMASK = os.umask(0)
os.umask(_UMASK)


def safe_path(out_dir: Path, relative: str) -> Path:
    """``out_dir / relative``, refusing any path that would resolve outside ``out_dir``."""
    root = out_dir.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or path == root:
        raise OutputError(f"refusing to write {relative!r}: it is outside the output folder {str(out_dir)!r}")
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a reader sees the old file or the new one, whole.

    The temporary file is in the same folder (``os.replace`` is atomic only within one file
    system), flushed to disk before the rename, and given normal permissions: mkstemp makes
    files only the owner can read, which a web server could not serve.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so an unchanged feed keeps its mtime (HTTP 304s)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and not fatal there.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
