"""Faults, with real processes and real files: kill -9 mid-build, readers polling, concurrent builds."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from feeds.build import LOCK_FILE, build, lock_path
from feeds.cli import main
from feeds.config import load_site
from feeds.lock import exclusive

from .conftest import tree, write_site_toml
from .sweeps import exhaustive

DOCS = 120


def write_state(content: Path, state: str) -> None:
    """Versions of one site: B retitles every third post and renames a tag; C is A with every
    fourth post retitled and its text edited, which changes no feed's make-up (feeds.planstore).
    Only the files whose bytes change are written."""
    content.mkdir(exist_ok=True)
    for i in range(DOCS):
        edited = state == "C" and i % 4 == 0
        title = f"Post {i}" + (" (revised)" if (state == "B" and i % 3 == 0) or edited else "")
        tags = ["common", f"t{i % 7}"] + (["only-a"] if state in ("A", "C") and i % 5 == 0 else [])
        tags += ["only-b"] if state == "B" and i % 5 == 0 else []
        version = "A" if state == "C" and not edited else state
        body = "\n\n".join(f"Paragraph {j} of post {i} in state {version}, with [a link](/x/{j})." for j in range(12))
        path = content / f"post-{i:03d}.md"
        text = (
            f"---\ntitle: {title}\ndate: 2025-01-{1 + i % 28:02d}T{i % 24:02d}:00:00+09:00\n"
            f"tags: [{', '.join(tags)}]\n---\n\n{body}\n"
        )
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


class CleanBuilds(dict[str, dict[str, bytes]]):
    """Each state's clean-build bytes, built the first time a test asks for them: only the
    exhaustive and slow tests ask for C's."""

    def __init__(self, root: Path, config: Path) -> None:
        super().__init__()
        self.root, self.site = root, load_site(config)

    def __missing__(self, state: str) -> dict[str, bytes]:
        write_state(self.root / state, state)
        build(self.site, self.root / state, self.root / f"out-{state}")
        self[state] = published(self.root / f"out-{state}")
        return self[state]


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, bytes]]]:
    """The config file and the clean-build bytes of states A, B and C."""
    root = tmp_path_factory.mktemp("versions")
    config = write_site_toml(root / "site.toml")
    return config, CleanBuilds(root, config)


def published(out: Path) -> dict[str, bytes]:
    """Every output file, without the hidden temporary files and lock a killed build may leave."""
    return {rel: data for rel, data in tree(out).items() if not rel.endswith(".tmp") and rel != LOCK_FILE}


def command(config: Path, content: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "feeds", "build", "-q", "--config", str(config), "--content", str(content),
            "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), *extra]  # fmt: skip


def assert_each_file_whole(out: Path, clean: dict[str, dict[str, bytes]]) -> None:
    for rel, data in published(out).items():
        if rel.endswith(".json"):
            json.loads(data)
        elif rel.endswith(".html"):
            assert data.rstrip().endswith(b"</html>")
        elif rel.endswith(".txt"):  # robots.txt
            assert data.endswith(b"\n")
        else:
            ET.fromstring(data)  # well-formed
        assert data in (clean["A"].get(rel), clean["B"].get(rel)), f"{rel} is neither version"
    # A killed build may leave its hidden temporary files and its lock (marked, once it began
    # writing); readers never ask for them, and the next build removes them. Anything else would be
    # a stray.
    strays = [
        p
        for p in out.rglob("*")
        if p.is_file()
        and p.suffix not in (".xml", ".json", ".html", ".opml", ".txt")
        and not p.name.endswith(".tmp")
        and p.relative_to(out).as_posix() != LOCK_FILE
    ]
    assert not strays


def kill_during_builds(
    kills: int, versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path, other: str = "B"
) -> None:
    """Alternate the site between A and ``other``, killing each build at a random moment."""
    config, clean = versions
    clean = {"A": clean["A"], "B": clean[other]}  # what assert_each_file_whole accepts
    content = tmp_path / "content"
    write_state(content, "A")
    # The builds that are not killed nor timed run the command line's main in this process.
    assert main(command(config, content, tmp_path)[3:]) == 0
    start = time.monotonic()
    write_state(content, other)
    subprocess.run(command(config, content, tmp_path), check=True)
    duration = time.monotonic() - start
    rng = random.Random(20260213)
    state = other
    for _ in range(kills):
        state = "A" if state == other else other
        write_state(content, state)
        proc = subprocess.Popen(command(config, content, tmp_path))
        time.sleep(rng.uniform(0, duration))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert_each_file_whole(tmp_path / "out", clean)
    assert main(command(config, content, tmp_path)[3:]) == 0
    assert published(tmp_path / "out") == clean["B" if state == other else "A"]
    assert not list((tmp_path / "out").rglob("*.tmp")), "temporary files left after a complete build"
    assert not (tmp_path / "out" / LOCK_FILE).exists(), "the lock left after a complete build"


def test_kill_9_a_few_times(versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path) -> None:
    # The default run's taste of the kill -9 tests below: CI runs them all, up to 200 kills.
    kill_during_builds(3, versions, tmp_path)


@exhaustive
def test_kill_9_never_leaves_a_torn_feed(versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path) -> None:
    kill_during_builds(12, versions, tmp_path)


@pytest.mark.slow
def test_kill_9_many_times(versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path) -> None:
    kill_during_builds(200, versions, tmp_path)


@exhaustive
def test_kill_9_during_edits_that_keep_the_plan(
    versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path
) -> None:
    kill_during_builds(12, versions, tmp_path, other="C")


@pytest.mark.slow
def test_kill_9_many_times_during_edits_that_keep_the_plan(
    versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path
) -> None:
    kill_during_builds(100, versions, tmp_path, other="C")


def test_reader_never_sees_a_torn_file_in_two_builds(
    versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path
) -> None:
    # The default run's taste of the test below, which CI runs.
    read_while_building(2, versions, tmp_path)


@exhaustive
def test_reader_never_sees_a_torn_file(versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path) -> None:
    read_while_building(8, versions, tmp_path)


def read_while_building(builds: int, versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path) -> None:
    """Build A and B in turn, ``builds`` times, while a thread reads the feeds as fast as it can."""
    config, every = versions
    clean = {"A": every["A"], "B": every["B"]}  # made here, before the reader's thread asks
    content, out = tmp_path / "content", tmp_path / "out"
    write_state(content, "A")
    assert main(command(config, content, tmp_path)[3:]) == 0  # before the reader starts: in this process
    paths = (out / "atom.xml", out / "rss.xml", out / "tags" / "common" / "atom.xml")
    # Either version of each file, each checked well formed here: a read equal to one of them is
    # well formed without parsing it again, so the reader parses only what is neither.
    whole = {path: {clean[state][path.relative_to(out).as_posix()] for state in clean} for path in paths}
    for versions_of_path in whole.values():
        for data in versions_of_path:
            ET.fromstring(data)
    stop = threading.Event()
    problems: list[str] = []
    reads = 0

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            for path in paths:
                data = path.read_bytes()
                reads += 1
                if data in whole[path]:
                    continue
                try:
                    ET.fromstring(data)
                except ET.ParseError as exc:
                    problems.append(f"{path}: {exc}")
                problems.append(f"{path}: neither version")
            time.sleep(0.001)  # a busy loop would starve the main thread of the GIL

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(builds):
            write_state(content, "B" if i % 2 == 0 else "A")
            subprocess.run(command(config, content, tmp_path), check=True)
    finally:
        stop.set()
        thread.join()
    assert reads > 0 and problems == []


# Another process holds the lock of a build, found as the build finds it, until its stdin closes:
# a build in progress, for as long as the test needs one.
HOLD_LOCK = """
import sys
from pathlib import Path
from feeds.build import lock_path
from feeds.lock import exclusive
with exclusive(lock_path(Path(sys.argv[1])), 0):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_builds_while_another_holds_the_lock_wait_or_exit_3(
    versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path
) -> None:
    config, clean = versions
    content, out = tmp_path / "content", tmp_path / "out"
    write_state(content, "B")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        # One build gives up at once: exit 3, and it wrote nothing.
        impatient = subprocess.run(command(config, content, tmp_path, "--wait", "0"), capture_output=True, text=True)
        assert impatient.returncode == 3, impatient.stderr
        assert "another feeds build holds" in impatient.stderr
        assert published(out) == {}  # the lock is inside out/, and nothing else is
        # One waits: it says so (at -v), and writes nothing while the lock is held.
        verbose = [arg if arg != "-q" else "-v" for arg in command(config, content, tmp_path, "--wait", "120")]
        patient = subprocess.Popen(verbose, stderr=subprocess.PIPE, text=True)
        assert patient.stderr is not None
        waiting = patient.stderr.readline()
        assert "waiting up to 120 s" in waiting, waiting
        assert patient.poll() is None and published(out) == {}
    finally:
        holder.communicate("")  # the other build finishes
    assert patient.wait(timeout=120) == 0, patient.stderr.read()
    patient.stderr.close()
    assert holder.returncode == 0
    assert published(out) == clean["B"]


def test_two_builds_at_once(versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path) -> None:
    # Started together, without forcing contention: whatever the timing, both end well and the
    # output is whole. (The test above makes them meet in the lock.)
    config, clean = versions
    content = tmp_path / "content"
    write_state(content, "B")
    procs = [subprocess.Popen(command(config, content, tmp_path, "--wait", "0"), stderr=subprocess.PIPE, text=True)
             for _ in range(2)]  # fmt: skip
    errs = [p.communicate()[1] for p in procs]
    results = [(p.returncode, err) for p, err in zip(procs, errs, strict=True)]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results
    for code, err in results:
        if code == 3:
            assert "another feeds build holds" in err
    assert published(tmp_path / "out") == clean["B"]


def test_locked_build_waits_then_exits_3(
    versions: tuple[Path, dict[str, dict[str, bytes]]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, _ = versions
    content = tmp_path / "content"
    write_state(content, "A")
    args = command(config, content, tmp_path, "--wait", "0.3")[3:]
    with exclusive(lock_path(tmp_path / "out"), 0):
        started = time.monotonic()
        assert main(args) == 3
        assert time.monotonic() - started >= 0.3
    assert "another feeds build holds" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert main(args) == 0
