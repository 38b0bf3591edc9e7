"""One document, one failure (feeds.guard): whatever one document's conversion does, it fails alone.

Each case puts one hostile document beside two good ones and runs ``feeds build``: the build
exits 1 with a one-line error naming the file, the good documents stay published, and a
document that was published before keeps its last good version. The conversions that overrun
the time budget or crash are provoked on purpose (a patched function that backtracks in C, or
kills its process), so the guard is tested whatever the converters of the day do.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import feeds.fragments
import feeds.guard
import feeds.load
from feeds.cli import main
from feeds.config import site_from_mapping
from feeds.errors import ConfigError
from feeds.guard import DOCUMENT_MEMORY, GuardError, guarded_imap

from .conftest import TEST_SITE, write_site_toml

GOOD = {
    "good-1.md": "---\ntitle: Good one\ndate: 2025-01-01\ntags: [alpha]\n---\nFirst.\n",
    "good-2.txt": "Title: Good two\nDate: 2025-02-01\nTags: alpha, beta\n\nSecond.\n",
}
FRONT = "---\ntitle: Hostile\ndate: 2025-03-01\n---\n"
TIMEOUT = 1  # document_timeout of these tests' site: seconds
SLOW_MACHINE = 60  # document_timeout where a document must not time out, on a busy test machine
DEEPER = "nested too deeply to convert (Python's recursion limit); not published"
HANG = "HANG-HERE"  # a body holding this never finishes converting (hang())
CRASH = "CRASH-HERE"  # ... or kills the process converting it
RAISE = "RAISE-HERE"  # ... or raises OverflowError


def deep_html(depth: int) -> str:
    """Markdown inside HTML blocks (md_in_html), each inside the last: Python-Markdown parses them
    by recursion with no bound of its own. (Its lists were such a case until 3.11.4 bounded them.)"""
    return '<div markdown="1">\n' * depth + "x\n" + "</div>\n" * depth


def nested_shortcodes(depth: int) -> str:
    return "".join(f"{{{{< n{i} >}}}}" for i in range(depth)) + "".join(
        f"{{{{< /n{i} >}}}}" for i in reversed(range(depth))
    )


# The defects: each killed the whole build with a RecursionError.
DEEP = {
    "deep-html.md": FRONT + deep_html(1200),
    "shortcodes.md": FRONT + nested_shortcodes(1500),
    "_posts/2025-03-01-liquid.md": FRONT + "{% for a in b %}" * 2000 + "{% endfor %}" * 2000,
}
# What each says: the converters bound their own nesting (naming the line), and the guard stops
# whatever is left (Markdown in HTML blocks nested past Python's recursion limit).
DEEP_ERRORS = {
    "deep-html.md": DEEPER,
    "shortcodes.md": "shortcodes nested more than 100 deep",
    "_posts/2025-03-01-liquid.md": "Liquid blocks nested more than 100 deep",
}


def deep_error(path: Path, name: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(str(path))}(:\d+)?: {re.escape(DEEP_ERRORS[name])}")


def build_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str, timeout: float = TIMEOUT
) -> tuple[int, str]:
    config = write_site_toml(tmp_path / "site.toml", document_timeout=timeout)
    argv = ["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "out"), "--config", str(config)]
    status = main([*argv, *extra])
    return status, capsys.readouterr().err


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")  # 2026-11-01
    folder = tmp_path / "content"
    folder.mkdir()
    for name, body in GOOD.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def put(content: Path, name: str, body: str) -> Path:
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def errors_of(stderr: str, content: Path) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith(str(content))]


def assert_good_published(out: Path, *titles: str) -> None:
    atom = (out / "atom.xml").read_text(encoding="utf-8")
    for title in ("Good one", "Good two", *titles):
        assert title in atom, title
    assert (out / "tags" / "beta" / "rss.xml").is_file()


def hang(text: str) -> None:
    """Never return for a text holding HANG: a backtracking regex, in C, that no signal stops."""
    if HANG in text:
        re.match(r"(a|aa)*b", "a" * 200)
    if CRASH in text:
        faulthandler.disable()  # pytest's: its stack dump would only clutter the test's output
        os.kill(os.getpid(), signal.SIGSEGV)
    if RAISE in text:
        raise OverflowError("date value out of range")


@pytest.fixture
def hostile_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    real = feeds.load.parse_tail

    def parse(data: bytes, *args: Any) -> Any:
        hang(data.decode("utf-8", "replace"))
        return real(data, *args)

    monkeypatch.setattr(feeds.load, "parse_tail", parse)


@pytest.fixture
def hostile_render(monkeypatch: pytest.MonkeyPatch) -> None:
    real = feeds.fragments.clean_xml_chars

    def clean(text: str) -> str:
        hang(text)
        return real(text)

    monkeypatch.setattr(feeds.fragments, "clean_xml_chars", clean)


@pytest.mark.parametrize("cache", ["cache", "no-cache"])
@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_the_files_error(
    name: str, cache: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = put(content, name, DEEP[name])
    no_cache = ["--no-cache"] if cache == "no-cache" else []
    status, stderr = build_cli(tmp_path, capsys, *no_cache, timeout=SLOW_MACHINE)
    assert status == 1, stderr
    errors = errors_of(stderr, content)
    assert len(errors) == 1 and deep_error(path, name).fullmatch(errors[0]), errors
    assert_good_published(tmp_path / "out")
    assert "Hostile" not in (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("retitled", [True, False], ids=["new-title", "same-plan"])
@pytest.mark.parametrize("name", sorted(DEEP))
def test_a_document_that_no_longer_renders_keeps_its_last_good_version(
    name: str, retitled: bool, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its title changed, the full build plans again; the same, the edit build renders it first."""
    path = put(content, name, FRONT + "Was fine.\n")
    for _ in range(2):  # the second finds nothing changed: the edit below may then keep the plan
        assert build_cli(tmp_path, capsys, timeout=SLOW_MACHINE)[0] == 0
    path.write_text(DEEP[name].replace("Hostile", "Broken" if retitled else "Hostile"), encoding="utf-8")
    for _ in range(2):  # and again: a file still broken is reported again, not published
        status, stderr = build_cli(tmp_path, capsys, timeout=SLOW_MACHINE)
        assert status == 1, stderr
        errors = errors_of(stderr, content)
        assert len(errors) == 2 and deep_error(path, name).fullmatch(errors[0]), errors
        assert errors[1] == f"{path}: the last good version stays in the feeds until the file is fixed", errors
        atom = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
        assert "Was fine." in atom and "Broken" not in atom and "<li>" not in atom
        assert_good_published(tmp_path / "out", "Hostile")
    # Fixed, it is published again.
    path.write_text(FRONT.replace("Hostile", "Fixed") + "Fine again.\n", encoding="utf-8")
    status, stderr = build_cli(tmp_path, capsys, timeout=SLOW_MACHINE)
    assert status == 0 and errors_of(stderr, content) == []
    assert "Fine again." in (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")


STAGES = {"parse": "hostile_parse", "render": "hostile_render"}
FAULTS = {
    HANG: f"took longer than {TIMEOUT} s (document_timeout) to convert; not published",
    CRASH: "its conversion crashed (signal SIGSEGV); not published",
    RAISE: "cannot be converted (OverflowError: date value out of range); not published",
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_hang_a_crash_or_any_exception_is_the_files_error(
    stage: str, fault: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: Any
) -> None:
    request.getfixturevalue(STAGES[stage])
    path = put(content, "bad.md", FRONT + fault + "\n")
    started = time.monotonic()
    status, stderr = build_cli(tmp_path, capsys)
    assert time.monotonic() - started < TIMEOUT + 20
    assert status == 1, stderr
    assert errors_of(stderr, content) == [f"{path}: {FAULTS[fault]}"]
    assert_good_published(tmp_path / "out")


def test_one_process_still_has_a_time_budget(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FEEDS_WORKERS", "1")
    monkeypatch.setattr(feeds.fragments, "clean_xml_chars", lambda text: hang(text) or text)
    path = put(content, "bad.md", FRONT + HANG + "\n")
    status, stderr = build_cli(tmp_path, capsys)
    assert status == 1
    assert errors_of(stderr, content) == [f"{path}: {FAULTS[HANG]}"]
    assert_good_published(tmp_path / "out")


def test_without_fork_an_exception_is_still_the_files_error(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds.guard, "can_fork", lambda: False)
    path = put(content, "deep-html.md", DEEP["deep-html.md"])
    status, stderr = build_cli(tmp_path, capsys, timeout=SLOW_MACHINE)
    assert status == 1
    assert errors_of(stderr, content) == [f"{path}: {DEEPER}"]
    assert_good_published(tmp_path / "out")


# --------------------------------------------------------------------------- the pool itself
def _slow_on(slow: set[int], boom: set[int]) -> Callable[[int], int]:
    def task(i: int) -> int:
        if i in slow:  # asleep: the deadline kills it as it kills a spin (hang()), at no CPU cost
            time.sleep(600)
        if i in boom:
            raise ValueError(f"item {i}")
        return i * i

    return task


@pytest.mark.parametrize("procs", [1, 2])
def test_results_come_back_in_order_with_failures_in_their_place(procs: int) -> None:
    slow, boom = {3, 4, 17}, {0, 9}
    out = list(guarded_imap(_slow_on(slow, boom), 40, lambda i: f"doc-{i}", 0.5, procs))
    assert len(out) == 40
    for i, result in enumerate(out):
        if i in slow:
            assert isinstance(result, GuardError) and str(result).startswith(f"doc-{i}: took longer than 0.5 s")
        elif i in boom:
            assert isinstance(result, GuardError) and str(result) == (
                f"doc-{i}: cannot be converted (ValueError: item {i}); not published"
            )
        else:
            assert result == i * i


def _greedy(i: int) -> int:
    if i == 1:
        hog = bytearray(DOCUMENT_MEMORY + 1024**3)
        return len(hog)
    return i


@pytest.mark.skipif(not Path("/proc/self/statm").is_file(), reason="the bound is set on Linux")
def test_a_document_past_the_memory_bound_is_the_files_error() -> None:
    out = list(guarded_imap(_greedy, 3, lambda i: f"doc-{i}", 30, 1))
    assert out[0] == 0 and out[2] == 2
    assert str(out[1]) == "doc-1: ran out of memory while being converted; not published"


def _children() -> set[str]:
    me = os.getpid()
    return set(Path(f"/proc/{me}/task/{me}/children").read_text().split())


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the children from /proc (Linux)")
def test_no_worker_outlives_its_stage() -> None:
    before = _children()
    iterator: Iterator[object] = guarded_imap(_slow_on(set(), set()), 100, str, 5, 2)
    assert next(iterator) == 0
    assert len(_children() - before) == 2
    del iterator  # a consumer that stops early: its workers go with it, killed and reaped
    assert _children() == before
    assert list(guarded_imap(_slow_on({1}, set()), 3, str, 0.2, 1))[::2] == [0, 4]
    assert _children() == before


_ORPHAN = """
import os, re, signal, sys
from feeds.guard import guarded_imap

def killed(*_):
    me = os.getpid()
    print(open(f"/proc/{me}/task/{me}/children").read().strip(), flush=True)
    os.kill(me, signal.SIGKILL)

signal.signal(signal.SIGALRM, killed)
signal.setitimer(signal.ITIMER_REAL, 0.25)
list(guarded_imap(lambda i: re.match(r"(a|aa)*b", "a" * 200), 1, str, 0.5, 1))
"""  # killed before its 0.5 s deadline: the worker, left spinning, has the CPU limit set for 0.5 s


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the children from /proc (Linux)")
def test_a_worker_whose_build_was_killed_stops_after_its_time_budget() -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", _ORPHAN], capture_output=True, text=True, timeout=60)
    assert run.returncode == -signal.SIGKILL
    (pid,) = map(int, run.stdout.split())
    deadline = time.monotonic() + 40
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid)


@pytest.mark.parametrize(
    ("value", "ok"),
    [(10, True), (2.5, True), (3600, True), (0, False), (-1, False), (3601, False), ("10", False), (True, False)],
)
def test_document_timeout_setting(value: object, ok: bool) -> None:
    if ok:
        assert site_from_mapping({**TEST_SITE, "document_timeout": value}).document_timeout == value
    else:
        with pytest.raises(ConfigError, match="document_timeout: must be a number of seconds above 0"):
            site_from_mapping({**TEST_SITE, "document_timeout": value})
    assert site_from_mapping(TEST_SITE).document_timeout == 10


def test_document_timeout_nan_is_refused() -> None:
    with pytest.raises(ConfigError, match="document_timeout"):
        site_from_mapping({**TEST_SITE, "document_timeout": float("nan")})


# --------------------------------------------------------------------------- property
_NESTERS = [
    "- ",
    "> ",
    "[",
    "(",
    "{",
    "<div>",
    "*",
    "_",
    "`",
    "{{< x >}}",
    "{{% y %}}",
    "{% for a in b %}",
    "{% if x %}",
]
_DELIMS = ["{{<", ">}}", "{{%", "%}}", "{%", "%}", "{{", "}}", "<!--", "```", "[^", "<", "]("]
_FRONT_VALUES = [
    "9" * 400,
    "1e400",
    "-1e400",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "10000-01-01",
    "99999999999",
    "2025-13-45",
    ".inf",
    "-.nan",
]


@st.composite
def hostile_documents(draw: st.DrawFn) -> tuple[str, str]:
    """A file name and text: deep nesting, unbalanced template delimiters, long runs of one
    character, huge numbers and far dates, in front matter and body."""
    parts = draw(
        st.lists(
            st.one_of(
                st.builds(lambda s, n: s * n, st.sampled_from(_NESTERS), st.integers(1, 3000)),
                st.builds(
                    lambda s, n: "".join("    " * i + s + "x\n" for i in range(n)),
                    st.sampled_from(["- ", "1. ", "> "]),
                    st.integers(1, 600),
                ),
                st.sampled_from(_DELIMS),
                st.builds(lambda c, n: c * n, st.sampled_from(list("x*_[{<>#`|-=~\\&\n 가")), st.integers(1, 100_000)),
                st.sampled_from(_FRONT_VALUES),
                st.text(max_size=20),
            ),
            min_size=1,
            max_size=5,
        )
    )
    body = "".join(parts)
    field = draw(st.sampled_from(["date", "title", "summary", "tags", "x"]))
    value = draw(st.sampled_from(_FRONT_VALUES))
    kind = draw(st.sampled_from(["yaml", "toml", "pelican", "plain"]))
    if kind == "yaml":
        head = f"---\ntitle: Hostile\ndate: 2025-03-01\n{field}: {value}\n---\n"
        name = draw(st.sampled_from(["hostile.md", "_posts/2025-03-01-hostile.md"]))
    elif kind == "toml":
        head = f'+++\ntitle = "Hostile"\ndate = 2025-03-01\n{field} = {value}\n+++\n'
        name = "hostile.md"
    elif kind == "pelican":
        head = f"Title: Hostile\nDate: 2025-03-01\n{field.title()}: {value}\n\n"
        name = "hostile.txt"
    else:
        head, name = "", draw(st.sampled_from(["hostile.md", "hostile.txt"]))
    return name, head + body


def _check_hostile(documents: list[tuple[str, str]], no_cache: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = root / "content"
        content.mkdir()
        for name, body in GOOD.items():
            put(content, name, body)
        for i, (name, body) in enumerate(documents):
            put(content, f"{i}/{name}", body)
        config = write_site_toml(root / "site.toml", document_timeout=TIMEOUT)
        argv = ["build", "--content", str(content), "--out", str(root / "out"), "--config", str(config)]
        started = time.monotonic()
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = main([*argv, *(["--no-cache"] if no_cache else [])])
        assert time.monotonic() - started < 60 + TIMEOUT * 4 * len(documents)
        assert "Traceback" not in err.getvalue(), err.getvalue()
        assert status in (0, 1), err.getvalue()
        assert_good_published(root / "out")


# The environment is the same for every example; the bodies are large on purpose.
_UNHEALTHY = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


@given(documents=st.lists(hostile_documents(), min_size=1, max_size=2), no_cache=st.booleans())
@settings(max_examples=6, deadline=None, suppress_health_check=_UNHEALTHY)
def test_hostile_bodies_never_stop_the_build(
    documents: list[tuple[str, str]], no_cache: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    _check_hostile(documents, no_cache)


@pytest.mark.slow
@given(documents=st.lists(hostile_documents(), min_size=1, max_size=4), no_cache=st.booleans())
@settings(max_examples=300, deadline=None, suppress_health_check=_UNHEALTHY)
def test_hostile_bodies_never_stop_the_build_long(
    documents: list[tuple[str, str]], no_cache: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    _check_hostile(documents, no_cache)
