"""sources.read_bytes reads a file's bytes exactly, whatever its size and whatever fstat said."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from feeds.errors import ContentError
from feeds.sources import MAX_BYTES, _read_fd, read_bytes


@pytest.mark.parametrize("size", [1, 2, 4095, 4096, 65535, 65536, 65537, 300_000, MAX_BYTES])
def test_every_byte_is_read(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "a.md").write_bytes(data)
    assert read_bytes(tmp_path / "a.md", root=str(tmp_path.resolve())) == data


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"x" * (MAX_BYTES + 1))
    with pytest.raises(ContentError, match="larger than 10 MB"):
        read_bytes(tmp_path / "a.md")


@pytest.mark.parametrize("stale", [0, 10, 70_000])
def test_a_file_that_grew_since_fstat_is_read_to_its_end(tmp_path: Path, stale: int) -> None:
    data = b"y" * 200_000
    (tmp_path / "a.md").write_bytes(data)
    fd = os.open(tmp_path / "a.md", os.O_RDONLY)
    try:
        assert _read_fd(fd, stale) == data
    finally:
        os.close(fd)


def test_a_grown_file_is_still_cut_at_the_limit(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"z" * (MAX_BYTES + 5000))
    fd = os.open(tmp_path / "a.md", os.O_RDONLY)
    try:
        assert len(_read_fd(fd, 100)) == MAX_BYTES + 1
    finally:
        os.close(fd)


def test_a_folder_is_not_a_regular_file(tmp_path: Path) -> None:
    # A file swapped for a folder between discovery and reading: an error naming it, not a traceback.
    (tmp_path / "a.md").mkdir()
    with pytest.raises(ContentError, match="not a regular file"):
        read_bytes(tmp_path / "a.md")
