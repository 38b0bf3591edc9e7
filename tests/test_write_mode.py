"""A written file's permissions: 0o666 less the umask, as any program's new file, whatever the
umask; the temporary file it was staged in is gone and its name was new."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from feeds.write import stage, write_atomic, write_if_changed


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002, 0o000])
def test_written_file_mode_is_umask_s(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "new" / "rss.xml", b"<rss/>")
        assert write_if_changed(tmp_path / "feed.json", b"{}")
    finally:
        os.umask(old)
    for path in (tmp_path / "new" / "rss.xml", tmp_path / "feed.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert (tmp_path / "new" / "rss.xml").read_bytes() == b"<rss/>"
    assert not list(tmp_path.rglob("*.tmp"))


def test_staged_file_is_new_beside_target_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "atom.xml"
    data = bytes(range(256)) * 4096  # larger than one write of a pipe or a buffer
    names = {stage(target, data) for _ in range(20)}
    assert len(names) == 20
    for name in names:
        assert Path(name).parent == tmp_path and Path(name).name.startswith(".atom.xml.") and name.endswith(".tmp")
        assert Path(name).read_bytes() == data
    assert not target.exists()


def test_staging_never_follows_a_link_in_place_of_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import feeds.write

    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    target = tmp_path / "rss.xml"
    names = iter(["aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(feeds.write.secrets, "token_hex", lambda n: next(names))
    (tmp_path / ".rss.xml.aaaaaaaa.tmp").symlink_to(victim)  # the first name is taken, by a link
    staged = stage(target, b"new")
    assert staged.endswith(".rss.xml.bbbbbbbb.tmp") and Path(staged).read_bytes() == b"new"
    assert victim.read_bytes() == b"keep"
