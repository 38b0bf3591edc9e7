"""Writing output: atomically, only inside the output folder, only when the bytes change.

What the disk refuses (a read-only or full file system, a permission) is a DiskError naming the
file, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from feeds.errors import DiskError, OutputError

T = TypeVar("T")


def safe_paths(out_dir: Path, relatives: Iterable[str]) -> dict[str, Path]:
    """``out_dir / relative`` for each of ``relatives``, resolved; OutputError for any that a
    symbolic link would lead somewhere else: outside ``out_dir`` (or to it), into a loop, or onto
    another file of the output folder (``tags/beta -> alpha`` would write beta's feeds over
    alpha's, a feed file linked to ``../../rss.xml`` over the main feed).

    The same paths as a realpath of each, but each folder is resolved once: a realpath costs an
    lstat per component, and a full build checks every feed file of every tag folder, in the one
    process the rest of the build waits for. Past its folder, a file needs resolving
    only when it is a symbolic link itself.
    """
    root = _resolved(out_dir, ".", out_dir)
    folders: dict[str, Path] = {"": root}

    def resolved_folder(folder: str, relative: str) -> Path:
        # A folder is its resolved parent and its name, unless it is a symbolic link (or cannot
        # be looked at): one lstat, where a realpath lstats every folder from the root down.
        found = folders.get(folder)
        if found is not None:
            return found
        above, _, name = folder.rpartition("/")
        if name in ("", ".", ".."):
            found = _resolved(root / folder, relative, out_dir)
        else:
            path = resolved_folder(above, relative) / name
            try:
                is_link = stat.S_ISLNK(os.lstat(path).st_mode)
            except FileNotFoundError:
                is_link = False  # not made yet: resolved, it is where it will be made
            except OSError:
                is_link = True  # the slow way says what is wrong with it
            found = _resolved(path, relative, out_dir) if is_link else path
        folders[folder] = found
        return found

    paths = {}
    for relative in relatives:
        folder, _, name = relative.rpartition("/")
        if name in ("", ".", ".."):  # not a file name: the whole path, the slow way
            path = _resolved(root / relative, relative, out_dir)
        else:
            path = resolved_folder(folder, relative) / name
            if path.is_symlink():
                path = _resolved(path, relative, out_dir)
        if not path.is_relative_to(root) or path == root:
            raise OutputError(f"refusing to write {relative!r}: it is outside the output folder {str(out_dir)!r}")
        if path != Path(os.path.normpath(root / relative)):
            elsewhere = path.relative_to(root).as_posix()
            raise OutputError(
                f"refusing to write {relative!r}: a symbolic link in the output folder {str(out_dir)!r} leads it"
                f" to {elsewhere!r}"
            )
        paths[relative] = path
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
    system), flushed to disk by ``commit`` before the rename, and created with normal permissions
    (``0o666`` less the umask, as any program's new file), which a web server can serve. Staging
    every file of a build before replacing any means a full disk or a read-only folder stops
    the build while every old feed is still in place.
    """
    try:
        try:
            fd, tmp = _create(path)
        except OSError:  # most folders are there: made (or found wanting) only when the file cannot be
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _create(path)
    except OSError as exc:
        raise DiskError.from_os_error(path, exc) from exc
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DiskError.from_os_error(path, exc) from exc
        raise
    return tmp


# A new name only: never an existing file, nor one a symbolic link put in its place.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _create(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, ``.name.<random>.tmp``, open for writing: its
    descriptor and name. One system call where ``tempfile.mkstemp`` and a ``chmod`` made two, and
    the file's inode is not changed again after it is made."""
    for _ in range(100):
        tmp = f"{path.parent}{os.sep}.{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


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
    than flushing each file as it is written; a failed flush renames nothing. On a file system
    in memory (tmpfs) a flush waits for nothing, and they run one after another.
    """
    if not staged:
        return
    _in_threads(_fsync_file, staged, staged[0][0])
    for tmp, path in staged:
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise DiskError.from_os_error(path, exc) from exc
    folders = list(dict.fromkeys(path.parent for _, path in staged))
    _in_threads(_fsync_dir, folders, folders[0])


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


def _in_threads(flush: Callable[[T], None], items: list[T], where: str | Path) -> None:
    """``flush`` each of ``items`` (files on the file system of ``where``); the first failure is
    raised, once all have run."""
    if len(items) < 2:
        for item in items:
            flush(item)
        return
    if _in_memory(where):  # a flush returns at once: threads would only cost their start
        failures = []
        for item in items:
            try:
                flush(item)
            except Exception as exc:
                failures.append(exc)
        if failures:
            raise failures[0]
        return
    with ThreadPoolExecutor(min(FLUSH_THREADS, len(items))) as pool:
        for _ in pool.map(flush, items):
            pass


def _in_memory(where: str | Path) -> bool:
    """Whether ``where`` is on a file system held in memory (tmpfs, ramfs), where a flush has no
    disk to wait for. False when that cannot be told (not Linux, a device /proc does not list)."""
    try:
        return _device_in_memory(os.stat(where).st_dev)
    except OSError:
        return False


@functools.cache
def _device_in_memory(device: int) -> bool:
    # Once per device and process: a build commits its files in many batches, each asking twice
    # (files, then folders), and a device's file system does not change under a running build.
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                major, _, minor = fields[2].partition(":")
                if os.makedev(int(major), int(minor)) == device:
                    return fields[fields.index("-") + 1] in ("tmpfs", "ramfs")
    except (OSError, ValueError, IndexError):
        pass
    return False


def _fsync_file(staged: tuple[str, Path]) -> None:
    tmp, path = staged
    try:
        _fsync(tmp)
    except OSError as exc:
        raise DiskError.from_os_error(path, exc) from exc
