"""Flushing on a file system in memory: one flush after another, as many as in threads, the same
first failure raised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from feeds import write


def _tmpfs(folder: str) -> bool:
    try:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            return any(fields[1] == folder and fields[2] == "tmpfs" for fields in map(str.split, mounts))
    except OSError:
        return False


@pytest.mark.skipif(not _tmpfs("/dev/shm"), reason="needs /dev/shm on tmpfs")
def test_a_tmpfs_folder_is_in_memory(tmp_path: Path) -> None:
    assert write._in_memory("/dev/shm")
    assert not write._in_memory(tmp_path / "not there")  # cannot be told: threads, as on a disk


@pytest.mark.skipif(not Path("/proc/self/mountinfo").is_file(), reason="needs Linux's /proc")
def test_the_root_folder_is_as_its_mount_says() -> None:
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        root = [fields[2] for fields in map(str.split, mounts) if fields[1] == "/"][-1]
    assert write._in_memory("/") == (root in ("tmpfs", "ramfs"))


@pytest.mark.parametrize("in_memory", [True, False])
def test_every_flush_runs_and_the_first_failure_is_raised(in_memory: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_in_memory", lambda where: in_memory)
    flushed: list[int] = []

    def flush(item: int) -> None:
        flushed.append(item)
        if item in (2, 4):
            raise OSError(item, os.strerror(item))

    with pytest.raises(OSError) as raised:
        write._in_threads(flush, list(range(6)), "/")
    assert raised.value.errno == 2
    assert sorted(flushed) == list(range(6))
