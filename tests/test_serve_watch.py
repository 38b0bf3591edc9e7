"""``feeds serve --watch`` run as a user runs it: settings re-read when their file changes, and
each problem said once (and its end said too), however many intervals it lasts. Every server
here is stopped by the test that starts it."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from feeds.config import Site
from feeds.serve import Watcher

from .conftest import write_site_toml

INTERVAL = 0.1  # the smallest --interval: many rebuilds in a short test


@dataclass
class Served:
    port: int
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    def feed(self) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", "/feed.json")
            response = connection.getresponse()
            return response.read() if response.status == 200 else b""
        finally:
            connection.close()

    def wait_for(self, what: str, check: Callable[[], bool], seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.05)
        pytest.fail(f"{what} within {seconds} s; stderr: {self.stderr}")

    def intervals(self, count: int) -> None:
        """Let ``count`` rebuilds go by."""
        time.sleep(count * INTERVAL)


@contextmanager
def watching(tmp_path: Path, *options: str, cwd: Path | None = None) -> Iterator[Served]:
    command = [sys.executable, "-m", "feeds", "serve", "--port", "0", "--watch", "--interval", str(INTERVAL),
               "--content", str(tmp_path / "content"), "--out", str(tmp_path / "out"), *options]  # fmt: skip
    env = {**os.environ, "FEEDS_WORKERS": "1"}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd or tmp_path
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        stderr: list[str] = []
        reader = threading.Thread(target=_collect, args=(proc.stderr, stderr), daemon=True)
        reader.start()
        try:
            stdout = []
            for _ in range(10):
                line = proc.stdout.readline()
                stdout.append(line)
                if line.startswith("serving ") or not line:
                    break
            assert line.startswith("serving "), f"{stdout} {stderr}"
            served = Served(int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0]), stdout, stderr)
            threading.Thread(target=_collect, args=(proc.stdout, stdout), daemon=True).start()
            yield served
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            reader.join(timeout=10)


def _collect(stream: IO[str], lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


def put(path: Path, text: str) -> None:
    """Write as an editor that saves atomically does: the watcher never reads half a file."""
    part = path.parent.parent / f".{path.name}.part"
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def put_settings(path: Path, **overrides: object) -> None:
    os.replace(write_site_toml(path.parent / ".site.toml.part", **overrides), path)


def said(lines: list[str], *words: str) -> int:
    return sum(all(word in line for word in words) for line in lines)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: First\ndate: 2025-01-01\n---\nBody.\n", encoding="utf-8")
    return folder


def test_a_changed_config_file_is_read_again_and_a_bad_one_said_once(tmp_path: Path, content: Path) -> None:
    config = write_site_toml(tmp_path / "site.toml", title="Before")
    with watching(tmp_path, "--config", str(config)) as served:
        assert b'"title": "Before"' in served.feed()
        put_settings(config, title="After")
        served.wait_for("the new title", lambda: b'"title": "After"' in served.feed())
        put(config, 'title = "Broken\n')
        served.wait_for("an error naming the config file", lambda: said(served.stderr, "site.toml") > 0)
        put(content / "b.md", "---\ntitle: Second\ndate: 2025-01-02\n---\nBody.\n")
        # Articles still come in, under the settings read before.
        served.wait_for("the new article", lambda: b"Second" in served.feed())
        served.intervals(10)
        assert b'"title": "After"' in served.feed()
        put_settings(config, title="Fixed")
        served.wait_for("the fixed title", lambda: b'"title": "Fixed"' in served.feed())
        served.wait_for("a line saying it is fixed", lambda: said(served.stderr, "site.toml") > 1)
    errors = [line for line in served.stderr if "site.toml" in line]
    assert len(errors) == 2 and "not valid TOML" in errors[0], served.stderr
    assert "not valid TOML" not in errors[1] and "Traceback" not in "".join(served.stderr)


def test_pyproject_settings_are_read_again(tmp_path: Path, content: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.feeds]\ntitle = "Before"\nurl = "https://example.com/"\n', encoding="utf-8")
    with watching(tmp_path) as served:
        assert b'"title": "Before"' in served.feed()
        put(pyproject, '[tool.feeds]\ntitle = "After"\nurl = "https://example.com/"\n')
        served.wait_for("the new title", lambda: b'"title": "After"' in served.feed())


def test_a_rejected_file_and_a_failing_rebuild_are_said_once(tmp_path: Path, content: Path) -> None:
    config = write_site_toml(tmp_path / "site.toml")
    with watching(tmp_path, "--config", str(config)) as served:
        put(content / "bad.md", "---\ntitle: [\n---\nBody.\n")
        served.wait_for("the rejected file", lambda: said(served.stderr, "bad.md") > 0)
        served.intervals(10)
        put(content / "bad.md", "---\ntitle: Mended\ndate: 2025-01-03\n---\nBody.\n")
        served.wait_for("the mended file", lambda: b"Mended" in served.feed())
        served.wait_for("a line saying it is fixed", lambda: said(served.stderr, "bad.md") > 1)

        # A rebuild that cannot write out/feed.json fails as a whole, every interval until it can.
        blocker = tmp_path / "out" / "feed.json"
        blocker.unlink()
        blocker.mkdir()
        put(content / "c.md", "---\ntitle: Third\ndate: 2025-01-04\n---\nBody.\n")
        served.wait_for("the failed rebuild", lambda: said(served.stderr, "feed.json") > 0)
        served.intervals(10)
        shutil.rmtree(blocker)
        served.wait_for("the third article", lambda: b"Third" in served.feed())
        served.wait_for("a line saying it works again", lambda: len(served.stderr) >= 4)
        served.intervals(3)
    stderr = served.stderr
    assert said(stderr, "bad.md") == 2 and said(stderr, "bad.md", "invalid YAML") == 1, stderr
    assert said(stderr, "feed.json") == 1 and said(stderr, "Is a directory") == 1, stderr
    assert len(stderr) == 4 and "Traceback" not in "".join(stderr), stderr


def test_a_rebuild_that_raises_a_bug_is_said_once(tmp_path: Path, site: Site) -> None:
    """Whatever a rebuild raises, the watcher goes on, and says so once, not every interval."""
    from feeds.build import BuildResult

    failing = [True]

    def run(_: Site) -> BuildResult:
        if failing[0]:
            raise RuntimeError("a bug")
        return BuildResult()

    told: list[str] = []
    watcher = Watcher(tmp_path / "absent.toml", lambda: site, run, told.append, told.append)
    for _ in range(5):
        watcher.tick()
    assert told == ["feeds: error: rebuild failed: RuntimeError: a bug"]
    failing[0] = False
    for _ in range(3):
        watcher.tick()
    assert told[1:] == ["feeds: the rebuild works again"]
