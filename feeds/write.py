"""Writing output: atomically, only inside the output folder, only when the bytes change.

What the disk refuses (a read-only or full file system, a permission) is a DiskError naming the
file, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from feeds.errors import DiskError, OutputError

T = TypeVar("T")
_UMASK = os.umask(0)
os.umask(_UMASK)


def safe_paths(out_dir: Path, relatives: Iterable[str]) -> dict[str, Path]:
    """``out_dir / relative`` for each of ``relatives``, resolved; OutputError for any that a
    symbolic link would lead somewhere else: outside ``out_dir`` (or to it), into a loop, or onto
    another file of the output folder (``tags/beta -> alpha`` would write beta's feeds over
    alpha's, a feed file linked to ``../../rss.xml`` over the main feed).

    The same paths as a realpath of each, but each folder is resolved once, from its resolved
    parent: a realpath costs an lstat per component, and a full build checks every feed file of
    every tag folder, in the one process the rest of the build waits for. Past its resolved
    parent, a folder or a file needs resolving only when it is a symbolic link itself. Strings,
    not Paths, until the end: parsing a Path again at every step cost more than the lstats.
    """
    root = str(_resolved(out_dir, ".", out_dir))
    inside = root.rstrip("/") + "/"
    folders: dict[str, str] = {"": root}

    def folder_of(folder: str, relative: str) -> str:
        known = folders.get(folder)
        if known is None:
            parent, _, name = folder.rpartition("/")
            if name in ("", ".", ".."):  # not a folder name: the whole path, the slow way
                known = str(_resolved(Path(root, folder), relative, out_dir))
            else:
                known = os.path.join(folder_of(parent, relative), name)
                if os.path.islink(known):
                    known = str(_resolved(Path(known), relative, out_dir))
            folders[folder] = known
        return known

    paths = {}
    for relative in relatives:
        folder, _, name = relative.rpartition("/")
        if name in ("", ".", "..") or relative.startswith("/"):  # not a file name: the whole path, the slow way
            path = str(_resolved(Path(root, relative), relative, out_dir))
        else:
            path = os.path.join(folder_of(folder, relative), name)
            if os.path.islink(path):
                path = str(_resolved(Path(path), relative, out_dir))
        if not path.startswith(inside):  # outside, or the output folder itself
            raise OutputError(f"refusing to write {relative!r}: it is outside the output folder {str(out_dir)!r}")
        if path != os.path.normpath(os.path.join(root, relative)):
            elsewhere = path[len(inside) :]
            raise OutputError(
                f"refusing to write {relative!r}: a symbolic link in the output folder {str(out_dir)!r} leads it"
                f" to {elsewhere!r}"
            )
        paths[relative] = Path(path)
    return paths


def _resolved(path: Path, relative: str, out_dir: Path) -> Path:
    try:
        return path.resolve()
    except RuntimeError as exc:  # pathlib's word for ELOOP
        raise OutputError(
            f"refusing to write {relative!r}: its path in the output folder {str(out_dir)!r} loops (symbolic links)"
        ) from exc


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a reader sees the old file or the new one, whole."""
    staged = stage(path, data)
    commit([(staged, path)])


def stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a temporary file beside ``path``, on disk; ``commit`` puts it in place.

    The temporary file is in the same folder (``os.replace`` is atomic only within one file
    system), flushed to disk by ``commit`` before the rename, and given normal permissions:
    mkstemp makes files only the owner can read, which a web server could not serve. Staging
    every file of a build before replacing any means a full disk or a read-only folder stops
    the build while every old feed is still in place.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise DiskError.from_os_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DiskError.from_os_error(path, exc) from exc
        raise
    return tmp


def stage_if_changed(path: Path, data: bytes) -> str | None:
    """``stage``, unless ``path`` already holds ``data`` (None): an unchanged feed keeps its mtime."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return None
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise DiskError.from_os_error(path, exc, "cannot read") from exc
    return stage(path, data)


def commit(staged: list[tuple[str, Path]]) -> None:
    """Flush every staged temporary file to disk, then rename each over its target, then make
    the renames durable: after a crash or a power cut, a target is its old file or its new one.

    The flushes run together, in threads, once every file is written: the file system then
    commits many files at once (one journal commit for a batch on ext4), several times faster
    than flushing each file as it is written; a failed flush renames nothing.
    """
    _in_threads(_fsync_file, staged)
    for tmp, path in staged:
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise DiskError.from_os_error(path, exc) from exc
    _in_threads(_fsync_dir, list(dict.fromkeys(path.parent for _, path in staged)))


def discard(staged: list[tuple[str, Path]]) -> None:
    for tmp, _ in staged:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def set_aside(paths: list[Path]) -> list[tuple[str, Path]]:
    """Rename files that are to go to hidden temporary names beside them, for ``restore`` or ``drop``.

    Removing is staged like writing: if the disk refuses a later write, the files come back.
    """
    moved: list[tuple[str, Path]] = []
    for path in paths:
        tmp = str(path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp"))
        try:
            os.replace(path, tmp)
        except OSError as exc:
            restore(moved)
            raise DiskError.from_os_error(path, exc, "cannot remove") from exc
        moved.append((tmp, path))
    return moved


def restore(moved: list[tuple[str, Path]]) -> None:
    for tmp, path in reversed(moved):
        with contextlib.suppress(OSError):
            os.replace(tmp, path)


def drop(moved: list[tuple[str, Path]]) -> None:
    """Delete what ``set_aside`` moved; a file that will not go is removed with the next build's temp files."""
    discard(moved)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so an unchanged feed keeps its mtime (and readers get a 304)."""
    staged = stage_if_changed(path, data)
    if staged is not None:
        commit([(staged, path)])
    return staged is not None


def _fsync(path: str | Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and not fatal there.
    with contextlib.suppress(OSError, AttributeError):
        _fsync(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


FLUSH_THREADS = 8  # flushes wait on the disk, not the CPU: a few at a time let it batch them


def _in_threads(flush: Callable[[T], None], items: list[T]) -> None:
    if len(items) < 2:
        for item in items:
            flush(item)
        return
    with ThreadPoolExecutor(min(FLUSH_THREADS, len(items))) as pool:
        for _ in pool.map(flush, items):  # the first failure is raised, once all have run
            pass


def _fsync_file(staged: tuple[str, Path]) -> None:
    tmp, path = staged
    try:
        _fsync(tmp)
    except OSError as exc:
        raise DiskError.from_os_error(path, exc) from exc
