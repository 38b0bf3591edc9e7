"""The progress bar: on a real terminal (a pseudo-terminal) it shows; anywhere else not a byte changes.

``feeds build`` runs as a subprocess with stderr on the slave of a pty, as on a terminal. To make
a build outlast the bar's delay without a large corpus, the test holds the output's lock (a real
flock, as another build would) until the build has waited on it for longer than the delay: the
bar then shows on the build's first step. The delay is shortened to ``BAR_DELAY`` in these builds,
so that each waits a fraction of a second, not over one; ``test_a_long_build_shows_the_bar`` keeps
the real one-second delay, with a build whose work takes over a second.

Which modules a run imported is written, at exit, to a file named by ``FEEDS_TEST_MODULES``
(a wrapper around ``python -m feeds``), so stderr holds exactly what feeds wrote.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from feeds.build import lock_path
from feeds.cli import main
from feeds.lock import exclusive
from feeds.progressbar import DELAY

from . import corpus
from .conftest import DATA, tree, write_site_toml
from .sweeps import exhaustive

BAR_DELAY = 0.2  # seconds before the bar shows, in these builds (feeds.progressbar.DELAY otherwise)
HELD = BAR_DELAY + 0.2  # seconds the lock stays held once the build waits on it: past the bar's delay
# ``python -m feeds``, which also writes the tqdm modules it imported to $FEEDS_TEST_MODULES at exit
# (forked workers leave through os._exit, so only the main process writes), its bar's delay
# $FEEDS_TEST_BAR_DELAY seconds when that is set.
RUN_FEEDS = (
    "import atexit, json, os, runpy, sys\n"
    "atexit.register(lambda: open(os.environ['FEEDS_TEST_MODULES'], 'w').write("
    "json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'tqdm'))))\n"
    "if 'FEEDS_TEST_BAR_DELAY' in os.environ:\n"
    "    import feeds.progressbar\n"
    "    feeds.progressbar.DELAY = float(os.environ['FEEDS_TEST_BAR_DELAY'])\n"
    "sys.argv[0] = 'feeds'\n"
    "runpy.run_module('feeds', run_name='__main__', alter_sys=True)\n"
)
SGR = re.compile(rb"\x1b\[[0-9;]*m")  # a colour or style

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc and a pty")


@dataclass
class Run:
    status: int
    stdout: bytes
    stderr: bytes
    tqdm: list[str]  # the tqdm modules the build imported


def make_site(root: Path, documents: int) -> tuple[Path, Path]:
    """A content folder of generated documents, and a config.

    One file more is rejected (an error printed at the end) and one is repaired Korean mojibake
    (a warning, logged by whichever process parses it), so stderr has lines to keep intact.
    """
    content = root / "content"
    corpus.generate(content, documents)
    (content / "broken.md").write_text("---\ntitle: never closed\n", encoding="utf-8")
    shutil.copy(DATA / "mojibake" / "made_utf8_as_cp1252.txt", content / "mojibake.txt")
    return content, write_site_toml(root / "site.toml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """300 documents: enough for the build to fork its workers (feeds.parallel.MIN_ITEMS)."""
    return make_site(tmp_path_factory.mktemp("progress"), 300)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """40 documents: the lock makes the build long, its work can be short."""
    return make_site(tmp_path_factory.mktemp("progress-small"), 40)


@pytest.fixture(scope="module")
def piped(small_site: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    """The small site built with stderr on a pipe, as cron builds it, and its output folder: what
    a build on a terminal that shows no bar must equal. Its stderr is not a terminal, so TERM and
    tqdm play no part in it: the tests below share it."""
    content, config = small_site
    root = tmp_path_factory.mktemp("piped")
    (root / "pipe").mkdir()
    return run_piped(_command(content, config, Path("out")), _env(root), root / "pipe"), root / "pipe" / "out"


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS", "LINES")}
    return {
        **env,
        "TERM": "xterm-256color",
        "FEEDS_TEST_MODULES": str(tmp / "modules.json"),
        "FEEDS_TEST_BAR_DELAY": str(BAR_DELAY),
        **extra,
    }


def _command(content: Path, config: Path, out: Path, *flags: str) -> list[str]:
    """``feeds build``, its cache beside ``out``: each test's output folder is new, so is its cache."""
    return [sys.executable, "-c", RUN_FEEDS, "build", "--content", str(content), "--config", str(config),
            "--out", str(out), *flags]  # fmt: skip


def _modules(env: dict[str, str]) -> list[str]:
    found: list[str] = json.loads(Path(env["FEEDS_TEST_MODULES"]).read_text(encoding="utf-8"))
    return found


def run_piped(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    """The build with stderr on a pipe, as under cron."""
    proc = subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=False, timeout=120)
    return Run(proc.returncode, proc.stdout, proc.stderr, _modules(env))


def run_on_terminal(command: list[str], env: dict[str, str], cwd: Path, hold: Path | None = None) -> Run:
    """The build with stderr on a terminal: the slave of an 80x24 pty, its bytes passed as written.

    With ``hold`` (an output folder), its lock is held until the build has waited on it for
    ``HELD`` seconds: the build then lasts over a second however small its content.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # no \n -> \r\n: the test sees the bytes the build wrote
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    chunks: list[bytes] = []

    def drain() -> None:  # a full pty would block the build: read it as it writes
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the build and its workers have all closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    lock = exclusive(lock_path(hold), 0) if hold is not None else contextlib.nullcontext()
    proc = None
    try:
        with lock:
            proc = subprocess.Popen(
                command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave
            )
            os.close(slave)  # the build's own copy keeps the terminal open while it runs
            reader.start()
            if hold is not None:
                _wait_until_waiting(proc, lock_path(hold))
                time.sleep(HELD)
        stdout = proc.communicate(timeout=120)[0]
        reader.join(timeout=30)
    finally:
        if proc is not None and proc.poll() is None:  # the test failed before the build ended
            proc.kill()
        os.close(master)
    return Run(proc.returncode, stdout, b"".join(chunks), _modules(env))


def _wait_until_waiting(proc: subprocess.Popen[bytes], lock: Path) -> None:
    """Until ``proc`` has opened ``lock``: it is then in the build, waiting for the lock."""
    target = os.path.realpath(lock)
    for _ in range(3000):
        with contextlib.suppress(OSError):
            fds = Path(f"/proc/{proc.pid}/fd")
            if any(os.readlink(fd) == target for fd in fds.iterdir()):
                return
        assert proc.poll() is None, "the build ended without waiting for the lock"
        time.sleep(0.02)
    raise AssertionError("the build never opened its lock")


def test_the_bar_shows_on_a_terminal(site: tuple[Path, Path], tmp_path: Path) -> None:
    content, config = site
    (tmp_path / "tty").mkdir()
    (tmp_path / "pipe").mkdir()
    env = _env(tmp_path, NO_COLOR="1")
    tty = run_on_terminal(_command(content, config, Path("out")), env, tmp_path / "tty", hold=tmp_path / "tty" / "out")
    piped = run_piped(_command(content, config, Path("out")), env, tmp_path / "pipe")
    assert tty.tqdm and not piped.tqdm
    for stage in (b"reading files: ", b"rendering bodies: ", b"serializing entries: ", b"writing feeds: "):
        assert stage in tty.stderr
    assert b"/302 [" in tty.stderr  # every file is read: the 300, the broken one, the repaired one
    assert not SGR.search(tty.stderr)  # NO_COLOR, and no colour anyway
    # What the build says is all there, whole: the worker's warning on a line it first cleared of
    # the bar, the errors after the bar is gone.
    warnings = [line for line in piped.stderr.splitlines(keepends=True) if line.startswith(b"WARNING: ")]
    errors = piped.stderr.removeprefix(b"".join(warnings))
    assert warnings and errors.startswith(str(content / "broken.md").encode())
    assert all(b"\r\x1b[K" + line in tty.stderr for line in warnings)
    assert re.search(rb"\r {10,}\r" + re.escape(errors) + rb"\Z", tty.stderr)
    # stdout, the exit status and every feed are as without a terminal.
    assert (tty.status, tty.stdout) == (piped.status, piped.stdout)
    assert tree(tmp_path / "tty" / "out") == tree(tmp_path / "pipe" / "out")


@pytest.mark.parametrize(
    ("flags", "term"),
    [
        pytest.param(["-q"], "xterm", id="quiet"),
        pytest.param(["--summary-json"], "xterm", id="summary-json", marks=exhaustive),  # quiet as -q is
        pytest.param([], "dumb", id="dumb-terminal"),
    ],
)
def test_no_bar_and_the_same_bytes_when_nobody_watches(
    small_site: tuple[Path, Path], piped: tuple[Run, Path], tmp_path: Path, flags: list[str], term: str
) -> None:
    """-q, --summary-json and TERM=dumb on a terminal: the very bytes of a build whose stderr is a
    pipe (as cron's), though the build outlasts the bar's delay; and tqdm is never imported."""
    content, config = small_site
    (tmp_path / "tty").mkdir()
    env = _env(tmp_path, TERM=term)
    command = _command(content, config, Path("out"), *flags)
    tty = run_on_terminal(command, env, tmp_path / "tty", hold=tmp_path / "tty" / "out")
    if flags:
        (tmp_path / "pipe").mkdir()
        piped_out = tmp_path / "pipe" / "out"
        piped_run = run_piped(command, env, tmp_path / "pipe")
    else:  # the same command, and a pipe's bytes do not depend on TERM
        piped_run, piped_out = piped
    assert tty.tqdm == piped_run.tqdm == []
    assert (tty.status, tty.stdout, tty.stderr) == (piped_run.status, piped_run.stdout, piped_run.stderr)
    assert b"\r" not in piped_run.stderr and b"\x1b" not in piped_run.stderr
    if "-q" in flags:
        assert piped_run.stdout == b"" and piped_run.stderr.startswith(str(content / "broken.md").encode())
    else:
        assert b"WARNING: " in piped_run.stderr  # the worker's warning is there, as it was
    assert tree(tmp_path / "tty" / "out") == tree(piped_out)


def test_a_piped_build_prints_as_before(small_site: tuple[Path, Path], piped: tuple[Run, Path]) -> None:
    """stderr a pipe: no bar, no escape, no tqdm, the same lines as the build reports them."""
    content, _ = small_site
    run, _ = piped
    assert run.tqdm == []
    assert b"\r" not in run.stderr and b"\x1b" not in run.stderr
    lines = run.stderr.decode().splitlines()
    assert lines[0].startswith("WARNING: ") and "repaired Korean mojibake" in lines[0]
    assert lines[1:] == [
        f"{content / 'broken.md'}:1: front matter opened with '---' on line 1 is never closed "
        "(expected a line with '---' after the metadata)"
    ]
    assert run.stdout.decode().startswith("read 42 documents: 41 published, 0 skipped, 1 rejected; ")


def test_a_no_change_build_on_a_terminal_imports_no_tqdm(seed_content: Path, tmp_path: Path) -> None:
    """A rebuild where nothing changed reports no step: it shows nothing and loads no tqdm."""
    config = write_site_toml(tmp_path / "site.toml")
    env = _env(tmp_path)
    command = _command(seed_content, config, tmp_path / "out")
    assert main(command[3:]) == 0  # the build before, in this process: only the rebuild's terminal counts
    again = run_on_terminal(command, env, tmp_path)
    assert again.status == 0 and again.stderr == b"" and again.tqdm == []
    assert again.stdout.decode().endswith("; nothing changed since the last build\n")


def test_tqdm_is_imported_only_once_the_delay_is_over() -> None:
    script = (
        "import sys, threading\n"
        "from feeds.progressbar import TerminalProgress\n"
        "late = TerminalProgress(sys.stderr, delay=3600)\n"
        "late.stage('reading files', 3); late.advance(); late.close()\n"
        "print('tqdm' in sys.modules)\n"
        "now = TerminalProgress(sys.stderr, delay=0)\n"
        "now.stage('reading files', 3); now.advance()\n"
        "print('tqdm' in sys.modules, threading.active_count())\n"
        "now.close()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # Imported when due, and without tqdm's monitor thread: the build forks only while it runs no
    # other thread (feeds.parallel), so a thread would cost it its workers.
    assert proc.stdout.split() == ["False", "True", "1"]


@pytest.mark.slow
def test_a_long_build_shows_the_bar(tmp_path: Path) -> None:
    """No lock held: 3,000 documents take well over a second to read, render and write."""
    content, config = make_site(tmp_path, 3000)
    env = _env(tmp_path, FEEDS_TEST_BAR_DELAY=str(DELAY))
    run = run_on_terminal(_command(content, config, tmp_path / "out"), env, tmp_path)
    assert run.status == 1 and run.tqdm
    assert b"/3002 [" in run.stderr or b"rendering bodies: " in run.stderr
    assert b"writing feeds: " in run.stderr
    assert run.stdout.startswith(b"read 3002 documents: 3001 published, 0 skipped, 1 rejected; ")


def test_without_tqdm_the_build_goes_on_without_a_bar(
    small_site: tuple[Path, Path], piped: tuple[Run, Path], tmp_path: Path
) -> None:
    """A broken install (tqdm missing) costs the bar, never the build: no traceback, the output of
    a build with stderr on a pipe (which never imports tqdm). The lock held makes the build outlast
    the bar's delay: it then tries to import tqdm."""
    content, config = small_site
    shadow = tmp_path / "shadow" / "tqdm"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('tqdm is broken here')\n", encoding="utf-8")
    (tmp_path / "tty").mkdir()
    env = _env(tmp_path, PYTHONPATH=str(shadow.parent))
    tty = run_on_terminal(_command(content, config, Path("out")), env, tmp_path / "tty", hold=tmp_path / "tty" / "out")
    piped_run, piped_out = piped
    assert b"Traceback" not in tty.stderr and b"reading files" not in tty.stderr
    assert (tty.status, tty.stdout) == (piped_run.status, piped_run.stdout)
    assert tree(tmp_path / "tty" / "out") == tree(piped_out)
