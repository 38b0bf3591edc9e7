"""The lock of a build lives inside out/ while it runs, and follows the folder, not its path."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
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


NOBODY = 65534


def test_only_out_writable(tmp_path: Path) -> None:
    """A web root: the site folder is not the build's to write, only out/ (and a cache elsewhere)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    prefix: list[str] = []
    base = tmp_path
    if root:  # root writes anywhere: the build runs as nobody, in a folder nobody may enter
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and no setpriv to run the build as another user")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        base = Path(tempfile.mkdtemp(prefix="feeds-webroot-"))
        base.chmod(0o755)
    try:
        site = make_site(base / "site")
        (site / "out").mkdir()
        (base / "cache").mkdir()
        if root:
            for folder in (site / "out", base / "cache"):
                os.chown(folder, NOBODY, NOBODY)
        site.chmod(0o555)
        command = [*prefix, sys.executable, "-m", "feeds", "build", "-q", "--cache", str(base / "cache")]
        result = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
        site.chmod(0o755)
        assert result.returncode == 0, result.stderr
        assert (site / "out" / "rss.xml").is_file() and not (site / "out" / LOCK_FILE).exists()
    finally:
        if root:
            shutil.rmtree(base)
