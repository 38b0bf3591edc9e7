"""One build run: its state (``Run``: the settings and the files it found), its result
(``BuildResult``, and the part of it the cache keeps for a run where nothing changed), "now",
the lock's path and the fingerprints that tell whether anything changed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from feeds import __version__
from feeds.cache import Cache
from feeds.config import Site
from feeds.errors import ConfigError, ContentError, DiskError
from feeds.progress import Progress
from feeds.sources import Found, listing

LOCK_FILE = ".feeds-lock"


@dataclass
class BuildResult:
    read: int = 0
    published: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why): drafts, future, pages
    others: list[tuple[str, str]] = field(default_factory=list)  # (file, why): a site folder's other files
    errors: list[ContentError] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # bad files whose last good version was published
    written: list[str] = field(default_factory=list)  # paths under out/
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    nothing_changed: bool = False  # since the last build: nothing was read or rendered
    due: datetime | None = None  # when the next future-dated document is due

    def summary(self) -> dict[str, object]:
        """The run in one JSON-able mapping (``--summary-json``)."""
        return {
            "read": self.read,
            "published": self.published,
            "skipped": len(self.skipped),
            "other_files": len(self.others),
            "rejected": len(self.errors),
            "kept_last_good": len(self.kept),
            "written": len(self.written),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "nothing_changed": self.nothing_changed,
            "errors": [str(e) for e in self.errors],
        }


_EPOCH = re.compile(r"[0-9]{1,12}")

_MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a datetime holds


def now() -> datetime:
    """The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock.

    The reproducible-builds spec makes the variable whole, non-negative seconds; anything else
    is a ConfigError rather than a guess (``1.5``, ``-5``, a date written out).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.fromtimestamp(time.time(), UTC)
    if not _EPOCH.fullmatch(epoch) or int(epoch) > _MAX_EPOCH:
        raise ConfigError(
            f"must be whole seconds since 1970-01-01 UTC, from 0 to {_MAX_EPOCH}, got {epoch[:40]!r}",
            key="SOURCE_DATE_EPOCH",
        )
    return datetime.fromtimestamp(int(epoch), UTC)


def lock_path(out_dir: Path) -> Path:
    """The lock of builds of ``out_dir``: a hidden file inside it, there only while a build runs.

    Inside, where a build can always write (a web root may be the only folder it can), never
    beside ``out/``. Not in the cache: two builds of one ``out/`` with different ``--cache`` must
    exclude each other. A file inside the folder is the same file by whatever path the folder is
    reached (a symbolic link, a bind mount): the lock follows the folder's device and inode.
    """
    return out_dir / LOCK_FILE


# What ``begin_writing`` puts in the lock file.
_WRITING = b"writing\n"


def interrupted(out_dir: Path) -> bool:
    """Whether a build of ``out_dir`` before this one may have left temporary files: a build that
    began writing marked the lock file (``begin_writing``) and, once it wrote every file, emptied
    it again (``done_writing``); only a build that stopped dead (kill -9, a power cut) in between
    leaves it marked. Called with the lock held. No lock file, or one that is no plain file, tells
    nothing: then yes."""
    try:
        st = os.stat(lock_path(out_dir))
    except OSError:
        return True
    return not stat.S_ISREG(st.st_mode) or st.st_size > 0


def begin_writing(out_dir: Path) -> None:
    """Mark the held lock file before this build makes its first temporary file in ``out_dir``,
    so that if it is killed the next build looks for them (``interrupted``). A lock file that is
    not there (a caller that holds no lock) or no plain file is left alone: it reads as
    interrupted already."""
    path = lock_path(out_dir)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)  # never made here
    except (FileNotFoundError, IsADirectoryError):
        return
    except OSError as exc:
        raise DiskError.from_os_error(path, exc, "cannot write") from exc
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode) and os.fstat(fd).st_size == 0:
            os.write(fd, _WRITING)
            # On disk before any temporary file is, the file's name too: a power cut is a kill.
            os.fsync(fd)
            _fsync_folder(out_dir)
    except OSError as exc:
        raise DiskError.from_os_error(path, exc, "cannot write") from exc
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):  # as feeds.write: not on every platform
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def done_writing(out_dir: Path) -> None:
    """Every file of this build is in place and no temporary file is left: unmark the lock file
    (where the lock file outlives the lock, Windows, the next build must not sweep for nothing)."""
    path = lock_path(out_dir)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DiskError.from_os_error(path, exc, "cannot read") from exc
    # A lock that is no plain file was never marked (begin_writing): nothing to unmark.
    if stat.S_ISREG(st.st_mode) and st.st_size:
        try:
            os.truncate(path, 0)
        except OSError as exc:
            raise DiskError.from_os_error(path, exc, "cannot write") from exc


def fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


# Settings that change no output: a new time budget must not throw the cache away (the last good
# versions in it). It is among a build's inputs, so a file that timed out is read again.
_NOT_OUTPUT = frozenset({"document_timeout", "hub_timeout"})


def site_fingerprint(site: Site) -> str:
    return fingerprint(__version__, {k: str(v) for k, v in asdict(site).items() if k not in _NOT_OUTPUT})


@dataclass(frozen=True)
class Run:
    """One build: its settings and the files it found, as each way of building takes them."""

    site: Site
    content_dir: Path
    out_dir: Path
    include_future: bool
    strict: bool
    at: datetime
    cache: Cache
    stats: list[Found]  # every listed file, articles or not
    files: str  # sources.listing(stats)
    root: str  # content_dir resolved: a file opened must still be inside it
    progress: Progress
    # Taken once, when the build starts: what the no-change check compared is what every
    # fingerprint of this build is made from.
    site_fp: str  # site_fingerprint(site)
    templates: list[tuple[str, int, int]]  # templates_state(site)
    # The racy files this build read (``Found.racy``), with the digest of the bytes it read (None:
    # unreadable): a no-change run reads them again before it trusts that nothing changed.
    racy: dict[str, str | None] = field(default_factory=dict)
    drafts: bool = False  # drafts are published too
    # A build before this one may have been killed while writing (``interrupted``): look for its
    # temporary files. Without knowing, always look.
    sweep: bool = True

    def recorded_files(self) -> str:
        """``files`` as a plan is to remember it: racy files' records match no later listing."""
        racy = [i for i, st in enumerate(self.stats) if st.racy]
        if not racy:
            return self.files
        # The listing made already, with the few racy files' records made again (one per file).
        records = self.files.split("\0")
        for i in racy:
            records[i] = listing([self.stats[i]], recorded=True)
        return "\0".join(records)

    def options(self) -> tuple[object, ...]:
        """The options a build's output depends on (drafts only when set: older caches stay valid)."""
        return (self.include_future, self.strict, *(("drafts",) if self.drafts else ()))

    def plan_key(self) -> str:
        """What a kept plan must have been made for (``feeds.planstore``): this site, its templates
        (in every feed's fingerprint), these options."""
        return fingerprint(self.site_fp, self.templates, *self.options())

    def feeds_base(self) -> str:
        """What every feed's files depend on beyond the feed: the site, and its templates (a tag
        feed has a page made from one). The first part of each ``feed_fingerprint``."""
        return fingerprint(self.site_fp, self.templates)


RACY = "racy"  # the cache's state row: Run.racy of the last build that planned


def last_run(cache: Cache, at: datetime) -> dict[str, Any] | None:
    """What the last run left (``result_state``), if it still holds at ``at``: no future-dated
    document has come due since, and the clock did not go back. Else None."""
    try:
        state = json.loads(cache.get("result") or "")
        due = state["due"]
        if at < datetime.fromisoformat(state["at"]) or (due is not None and at >= datetime.fromisoformat(due)):
            return None
        return state if isinstance(state, dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def last_result(state: dict[str, Any]) -> BuildResult:
    """The last run's result, from ``result_state``; raises ValueError, KeyError or TypeError if it is not one."""
    return BuildResult(
        read=int(state["read"]),
        published=int(state["published"]),
        skipped=[(str(s[0]), str(s[1])) for s in state["skipped"]],
        others=[(str(s[0]), str(s[1])) for s in state.get("others", [])],
        errors=[ContentError(p, m, ln) for p, m, ln in state["errors"]],
        kept=[str(k) for k in state["kept"]],
        due=datetime.fromisoformat(state["due"]) if state["due"] else None,
    )


def result_state(result: BuildResult, at: datetime) -> dict[str, object]:
    return {
        "at": at.isoformat(),
        "read": result.read,
        "published": result.published,
        "skipped": result.skipped,
        "others": result.others,
        "errors": [(e.path, e.message, e.line) for e in result.errors],
        "kept": result.kept,
        "due": result.due.isoformat() if result.due else None,
    }
