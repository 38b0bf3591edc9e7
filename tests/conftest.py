"""Shared fixtures: the test site, data folders, and ``--update-golden``."""

from __future__ import annotations

import hashlib
import os
import shutil
import zlib
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path

import pytest

from feeds.config import Site, site_from_mapping
from feeds.document import Document
from feeds.load import parse
from feeds.sources import read_bytes

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent / "data" / "sites" / "seeds" / "content"

TEST_SITE = {
    "title": "Test site",
    "url": "https://example.com/",
    "description": "Feeds for tests",
    "language": "en",
    "timezone": "Asia/Seoul",
    "tag_aliases": {"오픈AI": "OpenAI"},
}


def pytest_configure(config: pytest.Config) -> None:
    """Test folders in memory (/dev/shm, where it is a tmpfs), unless TMPDIR or --basetemp says
    where: the builds' every flush (fsync) of a temporary file then costs no disk write and no
    journal commit on a disk shared with whatever else runs. The flushes are still made; that they
    make a file durable is the file system's promise, not something a test can see. The xdist
    workers and the commands the tests run inherit TMPDIR."""
    global SWEEP_EVERY_CASE
    SWEEP_EVERY_CASE = _may_select_exhaustive(config.option.markexpr)
    if config.option.basetemp is None and "TMPDIR" not in os.environ and _is_tmpfs("/dev/shm"):
        import tempfile

        os.environ["TMPDIR"] = "/dev/shm"
        tempfile.tempdir = None  # gettempdir() caches its answer: let it read TMPDIR again


# Whether this run may select a test marked exhaustive (tests/sweeps.py): when it cannot, a sweep
# makes only the cases the default run keeps, rather than thousands of items only to deselect them.
SWEEP_EVERY_CASE = True


def _may_select_exhaustive(markexpr: str) -> bool:
    """Whether ``-m markexpr`` selects an item marked exhaustive alone or along with any other mark."""
    if not markexpr:
        return True
    from _pytest.mark.expression import Expression

    try:
        expression = Expression.compile(markexpr)
    except Exception:  # pytest reports a bad expression itself
        return True
    return any(
        expression.evaluate(lambda name, *_, others=others, **__: name == "exhaustive" or others)
        for others in (False, True)
    )


# Modules whose tests mostly wait, asleep, on a deadline (a worker's document_timeout, a server's
# or a hub's timeout): run first, their waits overlap the other workers' building. At the end of
# the run, where the collection order put them, the cores idled through about 15 s of them.
WAITING_FIRST = (
    "test_guard_batches",
    "test_guard_deadlines",
    "test_guard",
    "test_serve_watch",
    "test_serve_hardening",
    "test_websub",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.stem
        return WAITING_FIRST.index(name) if name in WAITING_FIRST else len(WAITING_FIRST)

    items.sort(key=rank)  # stable: the order within each group stays


@pytest.fixture(scope="session", autouse=True)
def _warm_converters(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Build a small mixed site once, in this process, before any test: what the readers and
    converters make on first use (the news reader's patterns, compiled lazily; a Markdown engine;
    the page templates) is then made here once, and every guard worker a build forks inherits it.
    Otherwise each worker, forked from a process that had not read a document itself, made them
    again for its one build and threw them away: much of the CPU time a small build's worker
    takes (bench/results.md). A test that runs after any other that read a document in this
    process sees the same."""
    import feeds.guard
    from feeds.build import build

    from .corpus import generate

    root = tmp_path_factory.mktemp("warm")
    generate(root / "content", 12)
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, root / "content" / seed.name)
    forks = feeds.guard.can_fork
    feeds.guard.can_fork = lambda: False  # the work in this process, which forks then share
    try:
        site = replace(site_from_mapping(TEST_SITE), max_items=4)
        build(site, root / "content", root / "out", include_future=True)
    finally:
        feeds.guard.can_fork = forks
    shutil.rmtree(root)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (addopts): a worker per core, and one more. About a tenth of the default run's
    time is tests waiting rather than working (a server started, a build killed at a random
    moment, a lock held, a hub that hangs): an extra worker works meanwhile (bench/results.md,
    "Test suite")."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return cores + 1


def _is_tmpfs(folder: str) -> bool:
    try:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            tmpfs = any(fields[1] == folder and fields[2] == "tmpfs" for fields in map(str.split, mounts))
    except OSError:  # not Linux
        return False
    return tmpfs and os.access(folder, os.W_OK | os.X_OK)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite expected files from the current output (review the diff in git)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def site() -> Site:
    return site_from_mapping(TEST_SITE)


@pytest.fixture
def small_windows(site: Site) -> Site:
    """The test site with three entries to a feed: most documents of a generated corpus are in no
    feed's window, as on a large site."""
    return replace(site, max_items=3)


@pytest.fixture
def seed_content(tmp_path: Path) -> Path:
    """A content folder holding just the two seed articles."""
    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, content / seed.name)
    return content


def write_site_toml(path: Path, **overrides: object) -> Path:
    """TEST_SITE (plus overrides) as a --config file."""
    settings = {**TEST_SITE, **overrides}
    lines = []
    tables = []
    for key, value in settings.items():
        if isinstance(value, dict):
            tables.append(f"[{key}]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in value.items()))
        elif isinstance(value, str):
            lines.append(f'{key} = "{value}"')
        else:
            lines.append(f"{key} = {value}")
    path.write_text("\n".join(lines) + "\n" + "".join(tables), encoding="utf-8")
    return path


def read_document(path: Path, folder: Path, site: Site) -> Document:
    """One file as the build reads it: its bytes, parsed (``folder`` is the content folder)."""
    return parse(read_bytes(str(path)), path.relative_to(folder).as_posix(), site, str(path))[0]


def tree(folder: Path, pattern: str = "*") -> dict[str, bytes]:
    """Every file below ``folder`` matching ``pattern``: relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob(pattern)) if p.is_file()}


def reference_tree(key: str | None, make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
    """``make()``, a build from scratch that a test compares its output with, made once for each
    ``key`` (``content_key``) in this process: many tests end on the same content (the same edit of
    the same files), and such a build reads nothing else. A key of None: made every time."""
    if key is None:
        return make()
    if key not in _REFERENCES:
        # Compressed, and only the last few: the test process stays small, and so does the cost
        # of each fork a guarded build makes from it.
        _REFERENCES[key] = {path: zlib.compress(data, 1) for path, data in make().items()}
        while len(_REFERENCES) > 10:
            del _REFERENCES[next(iter(_REFERENCES))]
    _REFERENCES[key] = _REFERENCES.pop(key)  # the most recently used last
    return {path: zlib.decompress(data) for path, data in _REFERENCES[key].items()}


_REFERENCES: dict[str, dict[str, bytes]] = {}  # reference_tree's, least recently used first


def content_key(content: Path, *settings: object) -> str | None:
    """A digest of ``settings`` (their reprs) and every name and byte below ``content``: all a
    build from scratch reads when the settings name no other file. None for a content folder
    holding a symbolic link."""
    digest = hashlib.sha256(repr(settings).encode("utf-8", "surrogateescape"))
    for path in sorted(content.rglob("*")):
        if path.is_symlink():
            return None
        name = path.relative_to(content).as_posix().encode("utf-8", "surrogateescape")
        digest.update(b"\0%d:%s" % (len(name), name))
        if path.is_file():
            data = path.read_bytes()
            digest.update(b"\0%d:" % len(data) + data)
    return digest.hexdigest()


def require_binary(name: str) -> str:
    """The path of a program the test drives; skip without it, except on CI (CI=true), where
    .ci/run installs it and a missing program is a failure, never a silent skip."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian: apt-get install {name}; .ci/run installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI=true, so this fails instead of skipping", pytrace=False)
        pytest.skip(message)
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """What a test captured, and why it failed, with the lone surrogates of undecodable file names
    escaped: pytest-xdist sends each report from its worker as UTF-8, which cannot encode them."""
    report: pytest.TestReport = yield
    report.sections = [(title, _encodable(text)) for title, text in report.sections]
    if report.longrepr is not None and (text := str(report.longrepr)) != _encodable(text):
        report.longrepr = _encodable(text)
    return report


def _encodable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
