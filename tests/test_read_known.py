"""read_bytes's ``known``: bytes already parsed from inside the content folder skip the folder check, no others."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from feeds.cache import digest
from feeds.config import site_from_mapping
from feeds.errors import ContentError
from feeds.load import BodyRef, read_file
from feeds.sources import read_bytes

TEXT = b"---\ntitle: A\ndate: 2025-01-01\n---\nthe body\n"


def _swapped(tmp_path: Path, outside_bytes: bytes) -> tuple[Path, str]:
    """content/a.md swapped for a link to a file outside content/ holding ``outside_bytes``."""
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir(parents=True)
    outside.mkdir()
    (outside / "a.md").write_bytes(outside_bytes)
    os.symlink(outside / "a.md", content / "a.md")
    return content / "a.md", str(content.resolve())


@pytest.mark.parametrize("known", [None, lambda data: False])
def test_bytes_not_known_from_outside_are_refused(tmp_path: Path, known: object) -> None:
    path, root = _swapped(tmp_path, b"secret")
    with pytest.raises(ContentError, match="outside the content folder"):
        read_bytes(path, root=root, known=known)  # type: ignore[arg-type]


def test_bytes_known_are_taken_wherever_the_file_now_is(tmp_path: Path) -> None:
    path, root = _swapped(tmp_path, TEXT)
    assert read_bytes(path, root=root, known=lambda data: data == TEXT) == TEXT


def test_a_body_read_again_from_outside_is_refused_unless_it_is_the_one_parsed(tmp_path: Path) -> None:
    site = site_from_mapping({"title": "t", "url": "https://example.org/", "description": "d"})
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_bytes(TEXT)
    root = str((tmp_path / "c").resolve())
    found = read_file(str(tmp_path / "c" / "a.md"), "a.md", None, site, with_body=False, root=root)
    assert found.digest == digest(TEXT) and found.body_at is not None
    path, _ = _swapped(tmp_path / "x", b"---\ntitle: B\ndate: 2025-01-01\n---\nsecret\n")
    ref = BodyRef(str(path), "a.md", found.digest, found.body_at, root, found.tail)
    assert ref.read(site) == ("", False)
    same, _ = _swapped(tmp_path / "y", TEXT)
    ref = BodyRef(str(same), "a.md", found.digest, found.body_at, root, found.tail)
    assert ref.read(site) == ("the body\n", True)


def test_a_file_read_with_its_cached_digest_is_the_same_one(tmp_path: Path) -> None:
    site = site_from_mapping({"title": "t", "url": "https://example.org/", "description": "d"})
    path, root = _swapped(tmp_path, TEXT)
    assert read_file(str(path), "a.md", digest(TEXT), site, with_body=False, root=root).same
    other = read_file(str(path), "a.md", digest(b"x"), site, with_body=False, root=root)
    assert other.error is not None and "outside the content folder" in other.error.message
