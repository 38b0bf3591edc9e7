"""The lock of a build lives inside out/ while it runs, and follows the folder, not its path."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from feeds.build import LOCK_FILE, lock_path

POST = "---\ntitle: A post\ndate: 2025-03-10\n---\nHello.\n"
HOLD = """
import sys
from pathlib import Path
from feeds.build import lock_path
from feeds.lock import exclusive
with exclusive(lock_path(Path(sys.argv[1])), 0):
    print("held", flush=True)
    sys.stdin.read()
"""


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content" / "post.md").write_text(POST, encoding="utf-8")
    (root / "feeds.toml").write_text('title = "T"\nurl = "https://e.org/"\n', encoding="utf-8")
    return root


def build(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "feeds", "build", "-q", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@contextlib.contextmanager
def held(out: Path) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield holder
    finally:
        holder.communicate("")  # lets go (or, killed, has let go): either way its pipes are closed


def test_nothing_beside_out_and_no_lock_left_inside(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert lock_path(site / "out") == site / "out" / LOCK_FILE
    assert build(site).returncode == 0
    assert sorted(os.listdir(site)) == [".feeds-cache", "content", "feeds.toml", "out"]
    assert not (site / "out" / LOCK_FILE).exists()


def test_held_through_a_symlinked_path(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    (tmp_path / "link").symlink_to(site / "out")
    with held(tmp_path / "link"):  # the other build reached out/ by another path
        locked = build(site, "--wait", "0", "--cache", tmp_path / "other-cache")
    assert locked.returncode == 3 and "another feeds build holds" in locked.stderr


def test_held_through_a_bind_mount(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    assert build(site).returncode == 0
    mount = tmp_path / "mnt"
    mount.mkdir()
    if subprocess.run(["mount", "--bind", str(site / "out"), str(mount)], capture_output=True).returncode != 0:
        pytest.skip("no bind mounts here (they need privileges)")
    try:
        assert os.stat(mount).st_ino == os.stat(site / "out").st_ino
        with held(mount):
            locked = build(site, "--wait", "0")
        assert locked.returncode == 3 and "another feeds build holds" in locked.stderr
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_killed_holder_leaves_a_lock_the_next_build_takes_and_removes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with held(site / "out") as holder:
        holder.kill()
        holder.wait()
    assert (site / "out" / LOCK_FILE).is_file()
    assert build(site).returncode == 0
    assert not (site / "out" / LOCK_FILE).exists() and (site / "out" / "rss.xml").is_file()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_only_out_writable(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "out").mkdir()
    site.chmod(0o555)  # a web root: only out/ (and a cache elsewhere) is ours to write
    try:
        result = build(site, "--cache", tmp_path / "cache")
    finally:
        site.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert (site / "out" / "rss.xml").is_file()
