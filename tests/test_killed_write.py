"""A build killed (kill -9) while it writes leaves hidden temporary files; the next build, whatever
it finds to do, removes every one, and writes what a clean build writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from feeds.build import LOCK_FILE
from feeds.cli import main

from .conftest import tree, write_site_toml

# `feeds build`, killed by kill -9 at the first commit of staged files whose target is under
# argv[1] ("" : any): every temporary file of that batch is on disk, none renamed yet.
KILLED_AT_COMMIT = """
import os, signal, sys
from pathlib import Path

import feeds.write

where = sys.argv.pop(1)
out = Path(sys.argv[sys.argv.index("--out") + 1]).resolve()
real = feeds.write.commit

def commit(staged):
    if any(str(path.relative_to(out)).startswith(where) for _, path in staged):
        os.kill(os.getpid(), signal.SIGKILL)
    real(staged)

feeds.write.commit = commit
from feeds.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def write_posts(content: Path, edited: int | None = None) -> None:
    content.mkdir(exist_ok=True)
    for i in range(12):
        extra = "\n\nAn edited paragraph." if i == edited else ""
        path = content / f"post-{i:02d}.md"
        text = (
            f"---\ntitle: Post {i}\ndate: 2025-02-{1 + i:02d}T09:00:00+09:00\ntags: [common, t{i % 3}]\n---\n\n"
            f"Text of post {i}.{extra}\n"
        )
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            os.utime(path, (1_700_000_000 + i, 1_700_000_000 + i))  # long settled: not racy


def build_args(config: Path, content: Path, root: Path) -> list[str]:
    return ["build", "-q", "--config", str(config), "--content", str(content), "--out", str(root / "out"),
            "--cache", str(root / "cache")]  # fmt: skip


def temp_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.tmp"))


def published(out: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in tree(out).items() if rel != LOCK_FILE}


@pytest.mark.parametrize("where", ["", "posts/"])
@pytest.mark.parametrize("then", ["same edit", "edit undone"])
def test_the_next_build_removes_a_killed_builds_temporary_files(tmp_path: Path, where: str, then: str) -> None:
    config = write_site_toml(tmp_path / "site.toml")
    content = tmp_path / "content"
    write_posts(content)
    # Only the killed build need be a process of its own: the builds before and after it, and the
    # clean one to compare with, run the command line's main in this process, as they would there.
    assert main(build_args(config, content, tmp_path)) == 0
    post = content / "post-11.md"
    original, st = post.read_bytes(), post.stat()
    write_posts(content, edited=11)
    killed = subprocess.run([sys.executable, "-c", KILLED_AT_COMMIT, where, *build_args(config, content, tmp_path)])
    assert killed.returncode < 0, "the build was not killed"
    out = tmp_path / "out"
    assert temp_files(out), "the killed build left no temporary file: nothing to test"
    if then == "edit undone":  # as it was, to the nanosecond: nothing to change but temporary files
        post.write_bytes(original)
        os.utime(post, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert main(build_args(config, content, tmp_path)) == 0
    assert temp_files(out) == []
    assert not (out / LOCK_FILE).exists()
    clean = tmp_path / "clean"
    assert main(build_args(config, content, clean)) == 0
    assert published(out) == published(clean / "out")
