"""A body read again for rendering decodes only its tail of the file's bytes, when that is exact."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from feeds.cache import digest
from feeds.config import Site
from feeds.load import BodyRef, parse_tail, read_file

from .conftest import DATA

READER_CASES = sorted(p for p in (DATA / "readers").iterdir() if not p.name.endswith((".expected.json", ".source")))
FRONT = "---\ntitle: 한글 제목\ndate: 2025-01-01\n---\n"
BODY = "본문의 *첫* 문단.\n\n둘째 문단, café.\n"
# The bytes of one article in every way a file may hold it: only the first two are read back by
# decoding their tail alone; the others are decoded whole, as when they were parsed.
VARIANTS = {
    "utf-8": ((FRONT + BODY).encode("utf-8"), True),
    "utf-8 with BOM": (codecs.BOM_UTF8 + (FRONT + BODY).encode("utf-8"), True),
    "CRLF": ((FRONT + BODY).replace("\n", "\r\n").encode("utf-8"), False),
    "CR": ((FRONT + BODY).replace("\n", "\r").encode("utf-8"), False),
    "UTF-16": ((FRONT + BODY).encode("utf-16"), False),
    "CP949": ((FRONT + BODY.replace("café", "카페")).encode("cp949"), False),
    "a control character": ((FRONT + BODY.replace("둘째", "둘\x07째")).encode("utf-8"), False),
    "mojibake": ((FRONT + BODY).encode("utf-8").decode("cp1252", "replace").encode("utf-8"), False),
}


def ref_of(path: Path, site: Site) -> tuple[BodyRef, str]:
    """The reference a build keeps for ``path``, and the body parsing it gave."""
    data = path.read_bytes()
    doc, at, tail = parse_tail(data, path.name, site, str(path))
    assert at is not None and doc.body is not None
    return BodyRef(str(path), path.name, digest(data), at, tail=tail), doc.body


@pytest.mark.parametrize("case", READER_CASES, ids=[p.stem for p in READER_CASES])
def test_every_reader_case_reads_back_the_body_it_parsed(case: Path, site: Site) -> None:
    ref, body = ref_of(case, site)
    assert ref.read(site) == (body, True)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_only_plain_utf8_is_read_by_its_tail(name: str, tmp_path: Path, site: Site) -> None:
    data, plain = VARIANTS[name]
    path = tmp_path / "a.md"
    path.write_bytes(data)
    try:
        ref, body = ref_of(path, site)
    except Exception as exc:  # a variant this reader refuses says nothing about tails
        pytest.skip(f"not an article: {exc}")
    assert (ref.tail is not None) is plain
    assert ref.read(site) == (body, True)


def test_a_build_keeps_the_tail(tmp_path: Path, site: Site) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(VARIANTS["utf-8"][0])
    found = read_file(str(path), "a.md", None, site, with_body=False)
    assert found.doc is not None and found.doc.body is None and found.tail is not None
    assert path.read_bytes()[found.tail :].decode("utf-8") == BODY


def test_a_file_rewritten_with_the_same_size_and_times_gives_its_new_body(tmp_path: Path, site: Site) -> None:
    """Size, mtime and inode all as listed: only the bytes tell the edit, and the body read is
    the new file's (flagged), never the new bytes cut where the old body began."""
    path = tmp_path / "a.md"
    path.write_bytes(VARIANTS["utf-8"][0])
    ref, _ = ref_of(path, site)
    before = os.stat(path)
    new = (FRONT + BODY).replace("title: 한글 제목", "title: 제목").replace("첫", "첫째 첫").encode("utf-8")
    assert len(new) == before.st_size
    with open(path, "r+b") as f:  # in place: same inode
        f.write(new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert ref.read(site) == ("본문의 *첫째 첫* 문단.\n\n둘째 문단, café.\n", False)
