"""The build: content folder in, feeds out, incrementally and safely enough to run from cron.

The stages are pure functions (parse, select, plan, render); this module runs them and adds the
I/O around them: the lock, the cache, and writing only what changed. Loading the documents is in
``feeds.load``, building the entries in ``feeds.entries``. A run whose inputs did not change
since the last one only stats the content folder: it imports no renderer and reads no article
(but for the few the last build found racy, changed in the second it began: ``feeds.sources.Found``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from feeds import __version__
from feeds.cache import Cache, Indexed, OutputRecord, StaleIndex
from feeds.config import Site, default_cache_dir, load_settings, resolve_folders, site_from_mapping
from feeds.errors import ConfigError, ContentError, DiskError
from feeds.formats import FORMATS, SUBFOLDERS, Parts, filenames
from feeds.lock import exclusive
from feeds.pages import XSL_PAGE, pages, templates_state
from feeds.progress import NO_PROGRESS, SERIALIZING, WRITING, Progress
from feeds.sitefiles import is_site_file, remembered, sources_unchanged
from feeds.sources import Found, discover, listing, racy_since

if TYPE_CHECKING:
    from feeds.document import Planned
    from feeds.entries import Entries
    from feeds.feedsets import Entry, Feed, FeedPlan
    from feeds.load import Loaded, Read
    from feeds.pages.view import FeedLink, SiteView
    from feeds.sameplan import Plan, PlannedFeed
    from feeds.tags import Tag

log = logging.getLogger(__name__)

_TAG_FEED = re.compile(
    f"(?:{'|'.join(SUBFOLDERS)})" + r"/(?!\.\.?/)[^/]+/(?:" + "|".join(re.escape(name) for name in FORMATS) + ")"
)
_TITLE = re.compile(rb"<title>([^<]*)</title>")
LOCK_FILE = ".feeds-lock"
_TEMP_FILE = re.compile(r"\..+\.[^.]+\.tmp$")  # write_atomic's temporary files, left by a killed build


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


# --------------------------------------------------------------------------- selecting
def select(
    docs: Iterable[Planned], at: datetime, include_future: bool, drafts: bool = False
) -> tuple[list[Planned], list[tuple[str, str]], datetime | None]:
    """The documents to publish, why the others are left out, and when the next future one is due.

    ``drafts``: drafts are published too (a preview, into another out/)."""
    kept: list[Planned] = []
    skipped: list[tuple[str, str]] = []
    due: datetime | None = None
    for doc in docs:
        if doc.draft and not drafts:
            skipped.append((doc.source, "draft"))
        elif doc.published > at and not include_future:
            skipped.append((doc.source, f"dated in the future ({doc.published.isoformat()})"))
            due = min(due or doc.published, doc.published)
        else:
            kept.append(doc)
    return kept, skipped, due


_INDEX_PAGE = "a Hugo section page (_index), not an article"
# A project's own files, which sit in many a site folder: never articles, whatever their extension.
_PROJECT_FILES = ("readme", "license", "licence", "changelog", "contributing")
_PROJECT_INITIALS = frozenset("rRlLcC")
_PROJECT_FILE = (
    "a README, LICENSE, CHANGELOG or CONTRIBUTING file, not an article; the exclude setting leaves out others"
)


def not_articles(stats: list[Found], site: Site) -> tuple[list[Found], list[tuple[str, str]], list[tuple[str, str]]]:
    """The files that may be articles; the pages that are not, with why (a note, not an error); and
    the site folder's other files known by name alone, with why (counted, listed with -v)."""
    kept: list[Found] = []
    skipped: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    exclude = site.exclude
    for st in stats:
        source = st.source
        name = source[source.rfind("/") + 1 :]
        first = name[:1]  # most names start with none of these: one test, not three (100,000s of files)
        if exclude and (pattern := excluded_by(source, exclude)) is not None:
            skipped.append((source, f"excluded by the setting exclude = {pattern!r}"))
        elif first == "_" and name.startswith("_index."):
            skipped.append((source, _INDEX_PAGE))
        elif first in _PROJECT_INITIALS and name.partition(".")[0].lower() in _PROJECT_FILES:
            others.append((source, _PROJECT_FILE))
        else:
            kept.append(st)
    return kept, skipped, others


def excluded_by(source: str, patterns: Iterable[str]) -> str | None:
    """The first of the ``exclude`` globs that leaves out ``source`` (relative, forward slashes), or None.

    A glob without "/" matches a name at any depth: the file's, or a folder's on its path
    (``README.md``, ``drafts``, ``*.txt``). One with "/" matches the path from the content folder,
    or a folder of it (``post/drafts``); a leading ``**/`` matches any folders or none (``**/drafts/**``).
    """
    from fnmatch import fnmatchcase

    parts = source.split("/")
    for pattern in patterns:
        glob = pattern.strip("/")
        if "/" not in glob:
            if any(fnmatchcase(part, glob) for part in parts):
                return pattern
            continue
        globs = (glob, glob[3:]) if glob.startswith("**/") else (glob,)
        if any(fnmatchcase(source, g) or fnmatchcase(source, g + "/*") for g in globs):
            return pattern
    return None


def reject_duplicates(
    docs: Sequence[Planned],
    content_dir: Path,
    by_slug: bool = True,
    established: Callable[[list[Planned]], Mapping[str, int]] | None = None,
) -> tuple[list[Planned], list[ContentError]]:
    """Two documents with one slug or link would be one entry: the one published before keeps it,
    and each other is an error naming it. When none was, or which one cannot be told, neither is
    published: each is an error naming the other.

    ``established`` gives, of the clashing documents, those an earlier build published with the
    slug and link they have now, each with its age (the older keeps its place, a tie keeps none).
    ``by_slug`` False: the permalink tells one slug's documents apart (by date or folder, as
    Jekyll's ``/news/:year/:month/:day/:title/`` does), so only one link is a clash.
    """
    # Counted first: at 100k documents, grouping every one cost a second for what is usually nothing.
    slugs = Counter(d.slug for d in docs) if by_slug else Counter()
    links = Counter(d.link for d in docs)
    groups: dict[str, list[Planned]] = defaultdict(list)
    for doc in docs:
        if slugs[doc.slug] > 1:
            groups[doc.slug].append(doc)
        if links[doc.link] > 1:
            groups["\0" + doc.link].append(doc)
    if not groups:
        return list(docs), []
    clashing = list({d.source: d for group in groups.values() for d in group}.values())
    ages = established(clashing) if established else {}
    both: dict[str, dict[str, None]] = defaultdict(dict)  # source -> clashes where neither is published
    newer: dict[str, dict[str, list[str]]] = defaultdict(dict)  # source -> the one kept -> what it keeps
    for key, group in groups.items():
        what = f"link {key[1:]!r}" if key.startswith("\0") else f"slug {key!r}"
        keeper = _keeper(group, ages)
        for doc in group:
            if keeper is None:
                others = ", ".join(o.source for o in group if o is not doc)
                both[doc.source][f"same {what} as {others}"] = None
            elif doc.source != keeper.source:
                newer[doc.source].setdefault(keeper.source, []).append(what)
    errors = []
    for source in sorted(both.keys() | newer.keys()):
        reasons = list(both[source]) if source in both else []
        for kept, whats in newer[source].items() if source in newer else ():
            reasons.append(f"same {' and '.join(whats)} as {kept}, which was published before it")
        end = "this file is not published" if source in newer else "neither is published"
        errors.append(ContentError(str(content_dir / source), "; ".join([*reasons, end])))
    return [d for d in docs if d.source not in both and d.source not in newer], errors


def _keeper(group: list[Planned], ages: Mapping[str, int]) -> Planned | None:
    """The one of ``group`` that keeps its slug or link: the oldest published before, if one is."""
    before = [doc for doc in group if doc.source in ages]
    if not before:
        return None
    oldest = min(ages[doc.source] for doc in before)
    first = [doc for doc in before if ages[doc.source] == oldest]
    return first[0] if len(first) == 1 else None


DUPLICATES = "duplicates"  # the cache's state row: the sources the last full build rejected as duplicates


def _established(run: _Run, loaded: Loaded) -> Callable[[list[Planned]], dict[str, int]]:
    """``reject_duplicates``'s ``established``: from the cache's memory of the last build when it
    knows the documents, else from what the feeds in out/ show; a file's mtime is its age."""

    def established(docs: list[Planned]) -> dict[str, int]:
        if any(doc.source in loaded.previous for doc in docs):
            sources = _published_before(run.cache, loaded.previous, docs)
        else:
            sources = _shown_in(run.out_dir, docs, loaded, run.cache)
        mtimes = {st.source: st.mtime_ns for st in run.stats if st.source in sources}
        return {source: mtimes.get(source, 0) for source in sources}

    return established


def _published_before(cache: Cache, previous: Mapping[str, Indexed], docs: list[Planned]) -> set[str]:
    """Of ``docs``, those the last build published with the slug and link they have now, as far as
    the cache tells: indexed then, not a draft, not in the future, not rejected as a duplicate."""
    try:
        rejected = set(json.loads(cache.get(DUPLICATES) or "[]"))
    except (ValueError, TypeError):
        rejected = set()
    try:
        then: datetime | None = datetime.fromisoformat(json.loads(cache.get("result") or "")["at"])
    except (ValueError, TypeError, KeyError):
        then = None
    found = set()
    for doc in docs:
        hit = previous.get(doc.source)
        if hit is None or doc.source in rejected or hit.meta.draft:
            continue
        if (hit.meta.slug, hit.meta.link) == (doc.slug, doc.link) and (then is None or hit.meta.published <= then):
            found.add(doc.source)
    return found


def _shown_in(out_dir: Path, docs: list[Planned], loaded: Loaded, cache: Cache) -> set[str]:
    """Of ``docs``, those the feeds in out/ show (a build without the cache's memory): an entry of
    the same link and title in a JSON Feed of out/, out/tags/*/ or out/authors/*/."""
    shown: set[tuple[object, object]] = set()
    with contextlib.suppress(OSError):
        for path in [
            out_dir / "feed.json",
            *(p for f in SUBFOLDERS for p in sorted((out_dir / f).glob("*/feed.json"))),
        ]:
            try:
                items = json.loads(path.read_bytes())["items"] if path.is_file() else []
            except (OSError, ValueError, KeyError, TypeError):
                continue
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict):
                    shown.add((item.get("url"), item.get("title")))
    if not shown:
        return set()
    titles = {source: doc.title for source, doc in loaded.full.items()}
    missing = [doc.source for doc in docs if doc.source not in titles]
    titles.update((source, hit.doc.title) for source, hit in cache.documents(missing).items())
    return {doc.source for doc in docs if (doc.link, titles.get(doc.source)) in shown}


def _remember_duplicates(cache: Cache, errors: list[ContentError], content_dir: Path) -> None:
    """Keep which documents this build rejected as duplicates: they were not published, so the next
    build must not take them for established ones."""
    rejected = sorted(_sources(errors, content_dir))
    text = json.dumps(rejected, ensure_ascii=False) if rejected else None
    if cache.get(DUPLICATES) != text:
        if text is None:
            cache.forget(DUPLICATES)
        else:
            cache.put(DUPLICATES, text)


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


# Settings that change no output: a new time budget must not throw the cache away (the last good
# versions in it). It is among a build's inputs, so a file that timed out is read again.
_NOT_OUTPUT = frozenset({"document_timeout", "hub_timeout"})


def site_fingerprint(site: Site) -> str:
    return _fingerprint(__version__, {k: str(v) for k, v in asdict(site).items() if k not in _NOT_OUTPUT})


# --------------------------------------------------------------------------- the build
def build(
    site: Site,
    content_dir: Path,
    out_dir: Path,
    *,
    include_future: bool = False,
    strict: bool = False,
    at: datetime | None = None,
    cache_dir: Path | None = None,
    wait: float = 0.0,
    progress: Progress = NO_PROGRESS,
    drafts: bool = False,
) -> BuildResult:
    """Read ``content_dir`` and bring ``out_dir`` up to date; with ``strict``, errors write nothing.

    ``cache_dir`` None builds from scratch, remembering nothing. The lock is the output folder's
    (``lock_path``), whatever the cache: two builds of one ``out/`` never run at once. ``progress``
    hears of the files read, the bodies rendered, the entries serialized and the feeds written.
    Bad arguments (``check_arguments``) raise ConfigError before anything is locked or read.
    """
    check_arguments(content_dir, out_dir, wait, at)
    own = cache_dir or default_cache_dir(out_dir)  # never read as content, even with --no-cache
    with exclusive(lock_path(out_dir), wait):
        cache = Cache.open(cache_dir)
        try:
            return _build_locked(
                site, content_dir, out_dir, include_future, strict, at or now(), cache, own, progress, drafts
            )
        except sqlite3.Error as exc:
            # The cache broke under us (disk full, corrupted page): it only ever saves work, so
            # drop it and build from the files alone.
            log.warning("cache failed (%s); building without it", exc)
            cache.discard()
            return _build_locked(
                site, content_dir, out_dir, include_future, strict, at or now(), Cache(None), own, progress, drafts
            )
        finally:
            cache.close()


def build_site(
    content: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    *,
    site: Site | Mapping[str, Any] | None = None,
    config: str | os.PathLike[str] | None = None,
    cache: str | os.PathLike[str] | bool = True,
    include_future: bool = False,
    drafts: bool = False,
    strict: bool = False,
    wait: float = 60.0,
) -> BuildResult:
    """``feeds build`` from Python: read ``content`` and bring ``out`` up to date. This is ``feeds.build``.

    ``site`` is the settings: a ``Site`` (``feeds.load_site``), a mapping written as ``feeds.toml``
    is, or None to load them as ``feeds build`` does (``config``, else ``feeds.toml``, else
    ``[tool.feeds]`` of ``pyproject.toml``, in the current folder); then the folders default to the
    ones the settings file names. ``cache`` True keeps the cache the settings name (else
    ``.feeds-cache`` beside ``out``), a path keeps it there, False remembers nothing.

    Returns the ``BuildResult``: the files rejected (``errors``: each a ``ContentError`` naming its
    file and line), written, unchanged and removed. Bad arguments (a missing content folder, ``out``
    the content folder itself, a bad setting) raise ``ConfigError`` before anything is read; another
    build of the same ``out`` past ``wait`` seconds raises ``LockedError``, and a disk that refuses
    a write ``DiskError``: all ``feeds.errors.FeedsError``::

        >>> import feeds
        >>> result = feeds.build("content", "out", site={"title": "Notes", "url": "https://notes.example.org/"})
        >>> [str(error) for error in result.errors]
        []
        >>> feeds.build("content", "content", site={"title": "Notes", "url": "https://notes.example.org/"})
        Traceback (most recent call last):
        feeds.errors.ConfigError: --out: output folder 'content' is the content folder; choose another --out
    """
    settings = None
    if site is None:
        settings = load_settings(None if config is None else Path(config))
        site = settings.site
    elif config is not None:
        raise TypeError("give the settings as site= or as a config= file, not both")
    elif not isinstance(site, Site):
        site = site_from_mapping(site, source="site")
    given = {"content": content, "out": out, "cache": None if isinstance(cache, bool) else cache}
    folders, _ = resolve_folders(settings, {key: None if path is None else Path(path) for key, path in given.items()})
    return build(
        site, folders["content"], folders["out"], include_future=include_future, drafts=drafts, strict=strict,
        cache_dir=folders["cache"] if cache is not False else None, wait=wait,
    )  # fmt: skip


MAX_WAIT = 86_400  # a day: past that, a cron job's build is not waiting but stuck ("nan" waited forever)


def check_arguments(content_dir: Path, out_dir: Path, wait: float, at: datetime | None = None) -> None:
    """ConfigError unless a build may start: the content folder is a folder, the output folder is
    not a file nor the content folder itself (the next build would read its own output), the wait
    is a number of seconds, and SOURCE_DATE_EPOCH (unless ``at`` is given) and FEEDS_WORKERS are good.
    """
    from feeds.parallel import workers

    if not content_dir.is_dir():
        what = "is not a folder" if content_dir.exists() else "does not exist"
        raise ConfigError(f"content folder {str(content_dir)!r} {what}", key="--content")
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"output folder {str(out_dir)!r} is not a folder", key="--out")
    if not (math.isfinite(wait) and 0 <= wait <= MAX_WAIT):
        raise ConfigError(f"must be a number of seconds from 0 to {MAX_WAIT:,}, got {wait}", key="--wait")
    if _resolved(out_dir, "--out") == _resolved(content_dir, "--content"):
        raise ConfigError(f"output folder {str(out_dir)!r} is the content folder; choose another --out", key="--out")
    if at is None:
        now()
    workers()


def _resolved(folder: Path, key: str) -> Path:
    try:
        return folder.resolve()
    except RuntimeError as exc:  # pathlib's word for ELOOP
        raise ConfigError(f"{str(folder)!r} is in a loop of symbolic links", key=key) from exc


@dataclass(frozen=True)
class _Run:
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

    def recorded_files(self) -> str:
        """``files`` as a plan is to remember it: racy files' records match no later listing."""
        return listing(self.stats, recorded=True) if any(st.racy for st in self.stats) else self.files

    def options(self) -> tuple[object, ...]:
        """The options a build's output depends on (drafts only when set: older caches stay valid)."""
        return (self.include_future, self.strict, *(("drafts",) if self.drafts else ()))

    def plan_key(self) -> str:
        """What a kept plan must have been made for (``feeds.sameplan``): this site, its templates
        (in every feed's fingerprint), these options."""
        return _fingerprint(self.site_fp, self.templates, *self.options())

    def feeds_base(self) -> str:
        """What every feed's files depend on beyond the feed: the site, and its templates (a tag
        feed has a page made from one). The first part of each ``_feed_fingerprint``."""
        return _fingerprint(self.site_fp, self.templates)


def _build_locked(
    site: Site,
    content_dir: Path,
    out_dir: Path,
    include_future: bool,
    strict: bool,
    at: datetime,
    cache: Cache,
    cache_dir: Path,
    progress: Progress = NO_PROGRESS,
    drafts: bool = False,
) -> BuildResult:
    # Our own output and cache are never content, even when they live inside the content folder.
    stats, refused = discover(content_dir, skip=(out_dir, cache_dir), racy_from=racy_since(time.time_ns()))
    site_fp = site_fingerprint(site)
    files, templates = listing(stats), templates_state(site)
    # The refused files too: one that appears or goes with nothing else changed must be reported,
    # or no longer, not the last run's errors replayed.
    inputs = _fingerprint(
        site_fp, include_future, strict, hashlib.sha256(files.encode("utf-8", "surrogatepass")).hexdigest(),
        templates, [str(error) for error in refused], site.document_timeout, *(("drafts",) if drafts else ()),
    )  # fmt: skip
    if cache.get("site") != site_fp:
        with cache.transaction():  # documents were normalized for another site: none can be reused
            cache.delete_documents()
            cache.replace_outputs({})
            cache.put("site", site_fp)
    root = os.path.realpath(content_dir)
    unchanged = (
        _unchanged_result(cache, inputs, at, out_dir, stats, root)
        if sources_unchanged(cache, site, content_dir, out_dir)
        else None
    )
    if unchanged is not None:
        return unchanged
    run = _Run(
        site, content_dir, out_dir, include_future, strict, at, cache, stats, files, root, progress, site_fp, templates,
        drafts=drafts,
    )  # fmt: skip
    failed: dict[str, tuple[str, ContentError]] = {}  # versions that failed to render: source -> (digest, error)
    with cache.transaction():
        result = None if refused else _undone_if_render_fails(run, failed, lambda: _edit_build(run))
        previous = None
        while result is None:
            try:
                result = _undone_if_render_fails(run, failed, partial(_full_build, run, refused, previous, failed))
            except StaleIndex as exc:  # before anything is written; each round forgets rows for good
                log.warning("cache: %s; reading them again", exc)
                cache.delete_documents(exc.sources)
                previous = exc.previous
        if not (strict and result.errors):
            cache.put("inputs", inputs)
            cache.put("result", json.dumps(_result_state(result, at), ensure_ascii=False))
            if run.racy:
                cache.put(RACY, json.dumps(run.racy, ensure_ascii=False))
            else:
                cache.forget(RACY)
    return result


RACY = "racy"  # the cache's state row: _Run.racy of the last build that planned


def _undone_if_render_fails(
    run: _Run, failed: dict[str, tuple[str, ContentError]], attempt: Callable[[], BuildResult | None]
) -> BuildResult | None:
    """``attempt()``; or, when a document fails to render, None: what the attempt put in the cache
    is undone (its documents' last good rows are back) and ``failed`` holds the document, which
    the next attempt rejects, as it would a file that does not parse."""
    from feeds.guard import RenderFailed

    try:
        with run.cache.savepoint():
            return attempt()
    except RenderFailed as exc:
        if all(failed.get(source) == failure for source, failure in exc.failures.items()):
            raise AssertionError(f"rejected documents rendered again: {sorted(exc.failures)}") from exc
        failed.update(exc.failures)
        log.debug("%s; planning again without them", exc)
        return None


def _unchanged_result(
    cache: Cache, inputs: str, at: datetime, out_dir: Path, stats: list[Found], root: str
) -> BuildResult | None:
    """The last run's result when nothing it depended on changed, else None (build).

    Each file's stat is as it was; but a file the last build found racy may have changed since
    with its stat as it is, so those few are read again, and must have the bytes that build read.
    """
    if cache.get("inputs") != inputs or (state := _last_run(cache, at)) is None:
        return None
    if not _racy_files_as_read(cache, stats, root):
        return None
    try:
        outputs = cache.output_stats()
        # Each stat relative to the open folder: the kernel walks one name, not the whole path
        # (and no Path is made: one cost 3 times the stat).
        folder = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            for rel, size, mtime_ns in outputs:
                if type(rel) is not str:  # the cache is never trusted: a bytes path would stat too
                    return None
                st = os.stat(rel, dir_fd=folder)
                if (st.st_size, st.st_mtime_ns) != (size, mtime_ns):
                    return None  # someone changed or removed our output
        finally:
            os.close(folder)
        result = _last_result(state)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    result.unchanged, result.nothing_changed = sorted(rel for rel, _, _ in outputs), True
    return result


def _racy_files_as_read(cache: Cache, stats: list[Found], root: str) -> bool:
    """Whether the files the last build found racy still hold the bytes it read. Once none is
    racy any more, forgets them: their stat alone tells from then on."""
    text = cache.get(RACY)
    if text is None:
        return True
    from feeds.cache import digest
    from feeds.sources import read_bytes

    try:
        racy = json.loads(text)
        if not isinstance(racy, dict):
            return False
        found = {st.source: st for st in stats if st.source in racy}
        for source, read in racy.items():
            if (
                type(read) is not str
                or source not in found
                or digest(read_bytes(found[source].path, root=root)) != read
            ):
                return False
    except (ValueError, OSError, ContentError):
        return False
    if not any(st.racy for st in found.values()):
        with cache.transaction():
            cache.forget(RACY)
    return True


def _last_run(cache: Cache, at: datetime) -> dict[str, Any] | None:
    """What the last run left (``_result_state``), if it still holds at ``at``: no future-dated
    document has come due since, and the clock did not go back. Else None."""
    try:
        state = json.loads(cache.get("result") or "")
        due = state["due"]
        if at < datetime.fromisoformat(state["at"]) or (due is not None and at >= datetime.fromisoformat(due)):
            return None
        return state if isinstance(state, dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def _last_result(state: dict[str, Any]) -> BuildResult:
    """The last run's result, from ``_result_state``; raises ValueError, KeyError or TypeError if it is not one."""
    return BuildResult(
        read=int(state["read"]),
        published=int(state["published"]),
        skipped=[(str(s[0]), str(s[1])) for s in state["skipped"]],
        others=[(str(s[0]), str(s[1])) for s in state.get("others", [])],
        errors=[ContentError(p, m, ln) for p, m, ln in state["errors"]],
        kept=[str(k) for k in state["kept"]],
        due=datetime.fromisoformat(state["due"]) if state["due"] else None,
    )


def _result_state(result: BuildResult, at: datetime) -> dict[str, object]:
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


def _full_build(
    run: _Run,
    refused: list[ContentError],
    previous: Mapping[str, Indexed] | None = None,
    failed: dict[str, tuple[str, ContentError]] | None = None,
) -> BuildResult:
    """Plan from every document (parsed, or from the cache's light index) and write what changed.

    ``previous``: the cache's index as the last build left it, when this build has written to it
    already (it plans again, after a StaleIndex). The versions of ``failed`` (source -> (digest,
    error)) failed to render, and are rejected."""
    site, content_dir, cache = run.site, run.content_dir, run.cache
    stats, pages, others = not_articles(run.stats, site)
    from feeds.load import load

    loaded = load(stats, site, cache, _sources(refused, content_dir), run.root, run.progress, previous, failed)
    run.racy.clear()
    run.racy.update(loaded.racy)
    result = BuildResult(kept=loaded.kept, others=sorted(others + loaded.others))
    result.read = len(run.stats) - len(result.others)
    published, result.skipped, result.due = select(loaded.docs, run.at, run.include_future, run.drafts)
    if run.strict:  # a page may be a post whose date was forgotten: --strict says so
        refused = refused + [error for _, _, error in loaded.pages]
    else:
        pages += [(source, why) for source, why, _ in loaded.pages]
    result.skipped = sorted(pages + result.skipped)
    by_slug = not any(f"{{{p}}}" in site.permalink for p in ("year", "month", "day", "section", "filename"))
    published, duplicates = reject_duplicates(published, content_dir, by_slug, _established(run, loaded))
    _remember_duplicates(cache, duplicates, content_dir)
    result.errors = sorted(refused + loaded.errors + duplicates, key=lambda e: (e.path, e.line or 0))
    result.published = len(published)
    if run.strict and result.errors:
        return result
    try:
        feeds, tags = _write_outputs(run, published, loaded, result)
    except StaleIndex as exc:
        # Planned again, from an index this build has written to: what the last build left is this one's.
        exc.previous = loaded.previous
        raise
    from feeds.sameplan import Plan, remember

    # A plan made with errors is not reused: the next build must read the broken files again.
    clean = not (result.errors or result.kept)
    remember(cache, Plan(run.plan_key(), run.recorded_files(), feeds, tags) if clean else None)
    return result


EDIT_MAX_FILES = 64  # more changed files than this are read in parallel, by the full build


def _edit_build(run: _Run) -> BuildResult | None:
    """The build of an edit that leaves every feed's documents as they were, from the last build's
    plan (``feeds.sameplan``); None when that may not hold, and then the full build runs. Nothing
    is written before it is known.
    """
    from feeds.sameplan import recall

    if not run.cache.enabled or (state := _last_run(run.cache, run.at)) is None:
        return None
    try:
        result = _last_result(state)
    except (ValueError, KeyError, TypeError):
        return None
    if result.errors or result.kept:
        return None  # the broken files are read again, by the full build
    plan = recall(run.cache, run.plan_key())
    changed = plan.changed(run.files, run.stats) if plan else None
    if plan is None or changed is None:
        return None
    if any(st.racy for st in run.stats) and not {st.source for st in run.stats if st.racy} <= {
        st.source for st in changed
    }:
        return None  # a racy file the plan took as it is: only the full build reads it again
    changed = not_articles(changed, run.site)[0]
    if len(changed) > EDIT_MAX_FILES:
        return None
    edits = _edits(changed, run.cache, run.site, run.root)
    if edits is None:
        return None
    result.read = len(run.stats) - len(result.others)
    if not _write_edits(run, replace(plan, files=run.files), edits, result):
        return None
    run.racy.update(edits.racy)
    log.debug("%s %d changed file(s)", PLAN_REUSED, len(changed))
    return result


PLAN_REUSED = "the last build's plan held (no file added, removed or given new planning fields):"


@dataclass
class _Edits:
    """The changed files of an edit that keeps the plan: those with new bytes, and those only touched."""

    docs: dict[str, tuple[Found, Read]] = field(default_factory=dict)  # source -> its stat, what was read
    old: dict[str, Indexed] = field(default_factory=dict)  # source -> its cached row before the edit
    touched: list[Found] = field(default_factory=list)  # a new stat, the same bytes
    racy: dict[str, str | None] = field(default_factory=dict)  # _Run.racy of the changed files


def _edits(changed: list[Found], cache: Cache, site: Site, root: str) -> _Edits | None:
    """What the changed files are now, or None if one is gone, broken or has new planning fields."""
    from feeds.guard import guarded_imap
    from feeds.load import Read, read_file, same_planning

    edits = _Edits(old=cache.index([st.source for st in changed]))
    if any(st.source not in edits.old for st in changed):
        return None  # a new file, or a row that does not decode: the full build reads it

    def read(i: int) -> Read:
        st = changed[i]
        return read_file(st.path, st.source, edits.old[st.source].digest, site, with_body=True, root=root)

    guarded = guarded_imap(read, len(changed), lambda i: changed[i].path, site.document_timeout, procs=1)
    for st, found in zip(changed, guarded, strict=True):
        if not isinstance(found, Read):
            return None  # it failed: the full build reports it
        hit = edits.old[st.source]
        if st.racy:
            edits.racy[st.source] = found.digest
        if found.same:
            edits.touched.append(st)
        elif found.doc is None or found.digest is None or not same_planning(found.doc, hit.meta):
            return None
        else:
            edits.docs[st.source] = (st, found)
    return edits


def _write_edits(run: _Run, plan: Plan, edits: _Edits, result: BuildResult) -> bool:
    """Write the feeds that show the edited documents, as the full build would; False (and nothing
    written) if the plan turns out not to hold."""
    from feeds.archivepaths import is_archive
    from feeds.archives import budget_holds, chain_links
    from feeds.entries import Entries
    from feeds.feedsets import FeedPlan
    from feeds.load import Loaded, store, touch
    from feeds.migrate.links import Links
    from feeds.pages.view import feed_link, view_of
    from feeds.sameplan import remember, showing
    from feeds.tags import tag_key

    site, cache, out_dir = run.site, run.cache, run.out_dir
    digests = {source: found.digest for source, (_, found) in edits.docs.items() if found.digest}
    shown = set(showing(plan.feeds, digests))
    main = next((i for i, f in enumerate(plan.feeds) if not f.folder), None)
    if main is None:
        return False
    # The feeds whose entries this build may make: the changed ones and the main feed (the site
    # page shows its entries). The HTML of one that links to other documents depends on every
    # document's link, which only planning knows.
    needed = shown | {main}
    if any(plan.feeds[i].links_others() for i in needed):
        return False
    if any(found.doc is not None and found.doc.references for _, found in edits.docs.values()):
        return False  # its article page links to other documents: so does its HTML (above)
    feeds, base = list(plan.feeds), run.feeds_base()
    chains = chain_links([(f.folder, len(f.entries)) for f in feeds], site)
    for i in shown:
        feed = feeds[i].with_digests(digests)
        fp = _feed_fingerprint(base, feed.folder, feed.title, feed.description, feed.entries, *chains[i])
        feeds[i] = replace(feed, fingerprint=fp)
    wanted = list(dict.fromkeys(s for i in sorted(needed) for s in plan.feeds[i].sources))
    rows = cache.index(wanted)
    if any(rows.get(e[0]) is None or rows[e[0]].digest != e[1] for i in needed for e in plan.feeds[i].entries):
        return False  # the index moved under the plan: the full build plans again
    plans = [
        FeedPlan(
            f.folder, f.title, f.description, tuple(rows[s].meta for s in f.sources) if i in needed else (), chains[i]
        )
        for i, f in enumerate(feeds)
    ]
    tags = plan.tag_index()
    if any(tag_key(t) not in tags for source in wanted for t in rows[source].meta.tags):
        return False
    previous = cache.outputs()
    feed_files = {rel for rel, record in previous.items() if not is_site_file(record)}
    if {f.folder + name for f in feeds for name in filenames(f.folder)} | set(pages(site)) != feed_files:
        return False  # the plan is not of the feeds the last build wrote
    if not remembered(cache, previous):
        return False  # nor are the site files what it remembers (feeds.sitefiles)
    records, dirty = _unchanged_and_dirty(zip(plans, feeds, strict=True), previous, out_dir, result)
    known = {id(plans[i]) for i in needed}
    if any(id(plan) not in known for plan, _, _ in dirty):
        return False  # a feed the edit does not touch was changed or removed behind our back
    # Nothing is written above this line.
    for st in edits.touched:
        touch(cache, st)
    metas = [rows[s].meta for s in wanted]
    loaded = Loaded(
        docs=list(metas), digests={s: rows[s].digest for s in wanted} | digests, stats=run.stats, root=run.root
    )
    for source, (st, found) in edits.docs.items():
        assert found.doc is not None and found.digest is not None
        loaded.full[source] = store(cache, st, found.digest, found.doc)
    entries = Entries(tags, cache, loaded, site, Links(metas, run.content_dir))
    links = [
        feed_link(site, f.folder, f.title, f.description, f.tag, f.articles, f.updated)
        for f in feeds
        if not is_archive(f.folder)
    ]
    view = view_of(site, links)
    if not budget_holds((plans[i] for i in shown), entries, site, cache):
        return False  # the edit changes how many entries a current feed keeps: the full build plans
    main_plan, main_fp = plans[main], feeds[main].fingerprint
    edited = [loaded.full[source] for source in edits.docs]
    _publish(run, dirty, records, main_plan, main_fp, view, entries, previous, result, (edited, False))
    cache.drop_html(entries.html_key(edits.old[source].meta, edits.old[source].digest) for source in digests)
    remember(cache, replace(plan, files=run.recorded_files(), feeds=tuple(feeds)))
    return True


def _sources(refused: list[ContentError], content_dir: Path) -> dict[str, str]:
    """The content-relative source of each refused file (discover names them below content_dir).

    Error paths are escaped for display; a name that needed escaping maps to no cached source,
    so such a file, refused, drops out as before rather than keeping its last good version.
    """
    found = {}
    for error in refused:
        with contextlib.suppress(ValueError):
            found[Path(error.path).relative_to(content_dir).as_posix()] = error.path
    return found


def _write_outputs(
    run: _Run, docs: list[Planned], loaded: Loaded, result: BuildResult
) -> tuple[tuple[PlannedFeed, ...], tuple[tuple[str, Tag], ...]]:
    """Plan every feed, then render and write those whose inputs changed; remove feeds that no
    longer exist. Returns the plan (its feeds and tags), for the next build to reuse (``feeds.sameplan``)."""
    from feeds.archivepaths import is_archive
    from feeds.archives import Budget, arrange
    from feeds.entries import Entries
    from feeds.feedsets import newest_first, plan_feeds
    from feeds.migrate.links import Links
    from feeds.pages.view import site_view
    from feeds.sameplan import PlannedFeed
    from feeds.tags import index_authors, index_tags

    site, cache, out_dir = run.site, run.cache, run.out_dir
    ordered = newest_first(docs)
    tags = index_tags((d.tags for d in ordered), site.tag_aliases, _published_slugs(cache, out_dir, site))
    cache.put("tag_slugs", json.dumps({k: t.slug for k, t in tags.items() if k == t.key}, ensure_ascii=False))
    authors: dict[str, Tag] = {}
    if site.author_feeds:
        authors = index_authors((d.author_names for d in ordered), _published_slugs(cache, out_dir, site, "authors"))
        cache.put("author_slugs", json.dumps({k: a.slug for k, a in authors.items()}, ensure_ascii=False))
    entries = Entries(tags, cache, loaded, site, Links(loaded.docs, run.content_dir))
    base = run.feeds_base()

    def inputs_of(plan: FeedPlan) -> tuple[tuple[object, ...], ...]:
        return tuple(
            (d.source, loaded.digests.get(d.source), entries.categories(d), *_deps(entries, d)) for d in plan.docs
        )

    def key(plan: FeedPlan) -> str:
        return _feed_fingerprint(base, plan.folder, plan.title, plan.description, inputs_of(plan), site.max_bytes)

    plans = arrange(plan_feeds(ordered, site, tags, authors), site, Budget(site, entries, cache, key))
    view = site_view(site, [plan for plan in plans if not is_archive(plan.folder)], ordered, tags, authors=authors)
    planned = []
    for plan, link in zip(plans, _links_by_folder(view, plans), strict=True):
        inputs = inputs_of(plan)
        fp = _feed_fingerprint(base, plan.folder, plan.title, plan.description, inputs, *plan.links)
        planned.append(
            PlannedFeed(plan.folder, plan.title, plan.description, inputs, fp, link.name, link.articles, link.updated)
        )
    previous = cache.outputs()
    records, dirty = _unchanged_and_dirty(zip(plans, planned, strict=True), previous, out_dir, result)
    main = next(plan for plan in plans if not plan.folder)
    main_fp = next(feed.fingerprint for feed in planned if not feed.folder)
    _publish(run, dirty, records, main, main_fp, view, entries, previous, result, (ordered, True))
    cache.prune_html(entries.html_keys(doc for plan in plans for doc in plan.docs))  # what no feed shows goes
    return tuple(planned), tuple(tags.items())


def _feed_fingerprint(
    base: str, folder: str, title: str, description: str, entries: Sequence[object], *more: object
) -> str:
    """Of everything a feed's files depend on: ``_Run.feeds_base``, what the feed is, its entries
    (``sameplan.PlannedFeed.entries``) and ``more`` (its archive links)."""
    return _fingerprint(base, folder, title, description, entries, *more)


def _links_by_folder(view: SiteView, plans: Sequence[FeedPlan]) -> list[FeedLink]:
    """Each plan's link as the pages list it; an archive page, which they do not list, its own."""
    from feeds.pages.view import feed_link

    by_folder = {link.folder: link for link in view.feeds}
    return [
        by_folder.get(plan.folder) or feed_link(view.site, plan.folder, plan.title, plan.description, None, 0, None)
        for plan in plans
    ]


def _unchanged_and_dirty(
    feeds: Iterable[tuple[FeedPlan, PlannedFeed]], previous: dict[str, OutputRecord], out_dir: Path, result: BuildResult
) -> tuple[dict[str, OutputRecord], list[tuple[FeedPlan, str, dict[str, Path]]]]:
    """The records of the feeds still written as they would be now (added to ``result.unchanged``),
    and the feeds to write, each with its fingerprint and its files' checked paths."""
    from feeds.write import safe_paths

    records: dict[str, OutputRecord] = {}
    dirty = []
    for plan, feed in feeds:
        names = [plan.folder + name for name in filenames(plan.folder)]
        # Checked where they are, unresolved: only a feed to be written needs its resolved, checked
        # paths (safe_paths).
        if all(_still_written(previous.get(rel), feed.fingerprint, out_dir / rel) for rel in names):
            result.unchanged.extend(names)
            records.update((rel, previous[rel]) for rel in names)
        else:
            dirty.append((plan, feed.fingerprint, names))
    paths = safe_paths(out_dir, (rel for _, _, names in dirty for rel in names))
    return records, [(plan, fp, {rel: paths[rel] for rel in names}) for plan, fp, names in dirty]


def _publish(
    run: _Run,
    dirty: list[tuple[FeedPlan, str, dict[str, Path]]],
    records: dict[str, OutputRecord],
    main: FeedPlan,
    main_fp: str,
    view: SiteView,
    entries: Entries,
    previous: dict[str, OutputRecord],
    result: BuildResult,
    articles: tuple[Sequence[Planned], bool],
) -> None:
    """Render and write the ``dirty`` feeds and, if their inputs changed, the site pages; remove
    feeds that no longer exist; record every output (``records`` holds the unchanged ones).
    ``articles``: every published document and True, or the edited ones and False (``feeds.sitefiles``)."""
    from feeds.write import commit, drop, restore, set_aside

    site, out_dir, progress = run.site, run.out_dir, run.progress
    try:
        _remove_temp_files(out_dir)
    except OSError as exc:
        raise DiskError.from_os_error(exc.filename or out_dir, exc, "cannot remove") from exc
    # Every full document this build shows, before anything is written (StaleIndex may replan).
    entries.fetch(doc for plan in [main, *(plan for plan, _, _ in dirty)] for doc in plan.docs)
    entries.render_ahead((doc for plan, _, _ in dirty for doc in plan.docs), progress)
    # Every feed is finished here, in the parent, which alone uses the cache: the forked serializers
    # close over these Feeds and their paths only, so none can reach the SQLite connection.
    ready = [(entries.feed(plan), targets) for plan, _, targets in dirty]
    done: list[list[tuple[str, str | None]]] = [[] for _ in ready]  # each feed's (file, staged copy)
    try:
        # Every changed feed is staged, and stale ones set aside, before any replaces its old
        # version (and put back if one cannot): a disk fault (full, read-only, permission
        # denied) then stops the build with the old set of feeds in place.
        for filename in FORMATS:
            _stage_format(filename, ready, done, site, progress)
        staged = [(tmp, targets[rel]) for (_, _, targets), feed in zip(dirty, done, strict=True) for rel, tmp in feed]
        staged.sort(key=lambda item: item[1].parent == out_dir)  # main feeds last: never ahead of their tags
        current = {rel for _, _, targets in dirty for rel in targets} | set(records) | set(pages(site))
        result.removed, folders = _stale(out_dir, current, previous)
        aside = set_aside([out_dir / rel for rel in result.removed])
        try:
            commit([(tmp, path) for tmp, path in staged if tmp])
        except BaseException:
            restore(aside)
            raise
        drop(aside)
        _remove_empty(folders)
        for (_, fp, targets), feed in zip(dirty, done, strict=True):
            for rel, tmp in feed:
                (result.written if tmp else result.unchanged).append(rel)
                st = targets[rel].stat()
                records[rel] = OutputRecord(fp, st.st_size, st.st_mtime_ns)
        pages_fp = _fingerprint(run.site_fp, main_fp)
        records.update(_write_pages(run, view, pages_fp, lambda: entries.feed(main).entries, previous, result))
        records.update(_publish_site_files(run, view, entries, previous, result, frozenset(records), articles))
    except BaseException as exc:
        with contextlib.suppress(OSError):  # a failed build leaves no temporary file behind
            _remove_temp_files(out_dir)
        if isinstance(exc, OSError):  # stat or removal: writes are DiskErrors already
            raise DiskError.from_os_error(exc.filename or out_dir, exc, "cannot update") from exc
        raise
    run.cache.replace_outputs(records)


def _published_slugs(cache: Cache, out_dir: Path, site: Site, kind: str = "tags") -> dict[str, str]:
    """Each tag's (``kind`` "authors": author's) key -> the slug its feeds were published under,
    so that its URL never moves.

    The cache remembers them. Without one (``--no-cache``, a new or lost cache), they are read
    back from out/tags/*/ (out/authors/*/): a folder whose feed feeds wrote, titled "<site title>:
    <tag name>".
    Either is only a hint: ``index_tags`` checks every slug.
    """
    try:
        remembered = json.loads(cache.get(f"{kind[:-1]}_slugs") or "null")
    except ValueError:
        remembered = None
    if isinstance(remembered, dict):
        return {k: v for k, v in remembered.items() if isinstance(k, str) and isinstance(v, str)}
    from html import unescape

    from feeds.formats.common import generated_head
    from feeds.tags import tag_key

    found: dict[str, str] = {}
    prefix = f"{site.title}: "
    with contextlib.suppress(OSError):
        for folder in sorted((out_dir / kind).iterdir()):
            if folder.is_symlink() or not folder.is_dir():
                continue
            head = next(filter(None, (generated_head(folder / name) for name in FORMATS)), None)
            title = _TITLE.search(head) if head else None
            name = unescape(title.group(1).decode("utf-8", "replace")) if title else ""
            if name.startswith(prefix):
                found.setdefault(tag_key(name[len(prefix) :]), folder.name)
    return found


def _deps(entries: Entries, doc: Planned) -> tuple[str, ...]:
    # Only for documents that link to others, so other feeds' fingerprints stay as they were.
    deps = entries.dependencies(doc)
    return (deps,) if deps else ()


def _write_pages(
    run: _Run,
    view: SiteView,
    main_fp: str,
    main_entries: Callable[[], Sequence[Entry]],
    previous: dict[str, OutputRecord],
    result: BuildResult,
) -> dict[str, OutputRecord]:
    """The site pages (feeds.pages), written like the feeds: atomically, only when their inputs change.

    ``main_fp`` covers the site and the main feed's entries (the index page shows them), which
    ``main_entries`` builds only if the pages are rendered.
    """
    from feeds.pages import render_pages
    from feeds.write import safe_paths, write_if_changed

    fp = _fingerprint(main_fp, [f.key() for f in view.feeds], run.templates)
    targets = safe_paths(run.out_dir, pages(run.site))
    if all(_still_written(previous.get(rel), fp, path) for rel, path in targets.items()):
        result.unchanged.extend(targets)
        return {rel: previous[rel] for rel in targets}
    records = {}
    for rel, data in render_pages(replace(view, entries=tuple(main_entries()))):
        written = write_if_changed(targets[rel], data)
        (result.written if written else result.unchanged).append(rel)
        st = targets[rel].stat()
        records[rel] = OutputRecord(fp, st.st_size, st.st_mtime_ns)
    return records


def _publish_site_files(
    run: _Run,
    view: SiteView,
    entries: Entries,
    previous: dict[str, OutputRecord],
    result: BuildResult,
    reserved: frozenset[str],
    articles: tuple[Sequence[Planned], bool],
) -> dict[str, OutputRecord]:
    """Article pages, their assets, the static folder, the sitemap (``feeds.sitefiles``)."""
    from feeds.sitefiles import Context, publish

    listed = frozenset(st.source for st in run.stats)
    base = _fingerprint(run.site_fp, run.templates)
    ctx = Context(run.site, run.content_dir, run.root, run.out_dir, run.cache, base, listed, reserved, run.progress)
    return publish(ctx, entries, view, articles[0], articles[1], entries.digests, previous, result)


def _stage_format(
    filename: str,
    ready: list[tuple[Feed, dict[str, Path]]],
    done: list[list[tuple[str, str | None]]],
    site: Site,
    progress: Progress,
) -> None:
    """Serialize in the format of ``filename`` the feeds of ``ready`` that have it, and stage the
    files whose bytes changed, adding (path, temp file or None) to each feed's list in ``done``.

    Each entry is serialized once (across processes), then spliced into every feed that shows it.
    One format at a time: the entries' bytes in all three formats would take about 75 MB at
    10,000 documents, and the forked workers' copies of them more.
    """
    from feeds.formats import collect_parts, entry_jobs, render_job
    from feeds.parallel import imap_indexes

    todo = [i for i, (feed, _) in enumerate(ready) if filename in filenames(feed.folder)]
    jobs = entry_jobs([ready[i][0] for i in todo], filename)
    parts = None
    if jobs:
        serialized = imap_indexes(lambda k: render_job(filename, jobs[k], site), len(jobs), min_items=4)
        parts = collect_parts(jobs, list(progress.track(SERIALIZING, len(jobs), serialized)))

    def stage(k: int) -> tuple[str, str | None]:
        return _stage_file(*ready[todo[k]], filename, parts)

    # A feed takes milliseconds to serialize: a pool pays from a few dozen feeds on.
    staged = imap_indexes(stage, len(todo), min_items=32)
    for i, file in zip(todo, progress.track(WRITING, len(todo), staged), strict=True):
        done[i].append(file)


def _stage_file(feed: Feed, targets: dict[str, Path], filename: str, parts: Parts | None) -> tuple[str, str | None]:
    """Serialize ``feed`` in the format of ``filename`` and stage it if its bytes changed: (path, temp file or None)."""
    from feeds.formats import render_feed
    from feeds.write import stage_if_changed

    rel = feed.folder + filename
    return rel, stage_if_changed(targets[rel], render_feed(feed, filename, parts))


def _still_written(record: OutputRecord | None, fingerprint: str, path: Path) -> bool:
    if record is None or record.fingerprint != fingerprint:
        return False
    try:
        st = path.stat()
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == (record.size, record.mtime_ns)


def _stale(out_dir: Path, current: set[str], previous: dict[str, OutputRecord]) -> tuple[list[str], list[Path]]:
    """Feeds this build did not produce (those of tags that no longer exist), and their folders.

    Only feeds feeds wrote: the candidates are what the cache says we wrote and the feed files of
    out/tags/*/ (a lost cache must not leave dead tags behind), and each goes only when its own
    content says we generated it. A hand-made out/tags/podcast/rss.xml or out/robots.txt stays,
    whatever the cache (which is never trusted) claims.
    """
    from feeds.archivepaths import ARCHIVE_FILE
    from feeds.archives import archive_folders
    from feeds.formats.common import generated_by_us

    candidates = {rel for rel in previous if _TAG_FEED.fullmatch(rel) or ARCHIVE_FILE.fullmatch(rel)} | {XSL_PAGE}
    candidates.update(archive_folders(out_dir))
    for kind in SUBFOLDERS:
        if (kind_dir := out_dir / kind).is_dir():
            for folder in kind_dir.iterdir():
                if folder.is_dir() and not folder.is_symlink():
                    candidates.update(f"{kind}/{folder.name}/{name}" for name in FORMATS)
    stale = []
    folders: dict[Path, None] = {}
    for rel in sorted(candidates - current):
        path = out_dir / rel
        if path.parent.is_symlink() or not path.parent.is_dir():
            continue
        folders[path.parent] = None
        if ARCHIVE_FILE.fullmatch(rel):
            folders[path.parent.parent] = None  # archive/, empty once its last page goes
        if path.is_file() and not path.is_symlink() and generated_by_us(path):
            stale.append(rel)
    # Then out/tags/ or out/authors/ itself, once its last feed went (author_feeds = false).
    kinds = [out_dir / kind for kind in SUBFOLDERS]
    folders.update(dict.fromkeys(kind for kind in kinds if any(folder.parent == kind for folder in folders)))
    return stale, sorted(folders, key=lambda folder: -len(folder.parts))  # inner folders emptied first


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):  # not empty (a user's file), or gone: both fine
            if not any(folder.iterdir()):
                folder.rmdir()


def _remove_temp_files(out_dir: Path) -> None:
    if not out_dir.is_dir():
        return
    from feeds.archivepaths import ARCHIVE_GLOBS

    pages = [folder for pattern in ARCHIVE_GLOBS for folder in out_dir.glob(pattern)]
    subfolders = (folder for kind in SUBFOLDERS for folder in (out_dir / kind).glob("*/"))
    for folder in [out_dir, *subfolders, *pages]:
        for path in folder.glob(".*.tmp"):
            if _TEMP_FILE.match(path.name):
                path.unlink(missing_ok=True)


class _Callable(ModuleType):
    """``feeds.build`` is this module (the name is taken by it the moment it is imported), and
    calling it builds: ``feeds.build(content, out, site=...)`` is ``build_site``."""

    __call__ = staticmethod(build_site)


sys.modules[__name__].__class__ = _Callable
