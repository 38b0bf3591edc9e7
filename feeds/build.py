"""The build: content folder in, feeds out, incrementally and safely enough to run from cron.

The stages are pure functions (parse, select, plan, render); this module runs them and adds the
I/O around them: the lock, the cache, and writing only what changed. Loading the documents is in
``feeds.load``, building the entries in ``feeds.entries``. A run whose inputs did not change
since the last one only stats the content folder: it imports no renderer and reads no article
(but for the few the last build found racy, changed in the second it began: ``feeds.sources.Found``).

By job: ``feeds.run`` (the run's state and result), ``feeds.selection`` (what is published),
``feeds.plan`` (one record per feed, and which feeds there are), ``feeds.incremental`` (a build
where nothing changed, and an edit: the last build's plan, recalled and patched), ``feeds.publish``
(the full build's plan, and publishing a plan, whichever build made it); this module locks,
chooses the way, and builds in full when neither short way holds.

The module can be called: ``feeds.build(content, out, site=...)`` is ``build_site``, the library's
entry point (docs/python.md).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import math
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from feeds.cache import Cache, Indexed, StaleIndex
from feeds.config import Site, default_cache_dir, load_settings, resolve_folders, site_from_mapping
from feeds.errors import ConfigError, ContentError
from feeds.incremental import edit_build, unchanged_result
from feeds.lock import exclusive
from feeds.pages import templates_state
from feeds.progress import NO_PROGRESS, Progress
from feeds.publish import computed_plan, publish
from feeds.run import (
    LOCK_FILE,
    RACY,
    BuildResult,
    Run,
    fingerprint,
    interrupted,
    lock_path,
    now,
    result_state,
    site_fingerprint,
)
from feeds.selection import (
    established_for,
    not_articles,
    refused_sources,
    reject_duplicates,
    remember_duplicates,
    select,
)
from feeds.sitefiles import sources_unchanged
from feeds.sources import discover, listing, racy_since

log = logging.getLogger(__name__)

__all__ = [
    "LOCK_FILE",
    "BuildResult",
    "build",
    "build_site",
    "check_arguments",
    "default_cache_dir",
    "lock_path",
    "now",
]


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
    from feeds import guard

    # One guard worker for the build's small stages, forked at the first: not one per stage.
    with exclusive(lock_path(out_dir), wait), guard.session():
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
    inputs = fingerprint(
        site_fp, include_future, strict, hashlib.sha256(files.encode("utf-8", "surrogatepass")).hexdigest(),
        templates, [str(error) for error in refused], site.document_timeout, *(("drafts",) if drafts else ()),
    )  # fmt: skip
    if cache.get("site") != site_fp:
        with cache.transaction():  # documents were normalized for another site: none can be reused
            cache.delete_documents()
            cache.replace_outputs({})
            cache.put("site", site_fp)
    root = os.path.realpath(content_dir)
    # A build killed while writing may have left temporary files, which only writing removes.
    sweep = interrupted(out_dir)
    unchanged = (
        unchanged_result(cache, inputs, at, out_dir, stats, root)
        if not sweep and sources_unchanged(cache, site, content_dir, out_dir)
        else None
    )
    if unchanged is not None:
        return unchanged
    run = Run(
        site, content_dir, out_dir, include_future, strict, at, cache, stats, files, root, progress, site_fp, templates,
        drafts=drafts, sweep=sweep,
    )  # fmt: skip
    failed: dict[str, tuple[str, ContentError]] = {}  # versions that failed to render: source -> (digest, error)
    with cache.transaction():
        # ledger: a site with an id ledger plans every build, the ledger pinning each document
        quick = not refused and site.id_ledger is None
        result = _undone_if_render_fails(run, failed, lambda: edit_build(run)) if quick else None
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
            cache.put("result", json.dumps(result_state(result, at), ensure_ascii=False))
            if run.racy:
                cache.put(RACY, json.dumps(run.racy, ensure_ascii=False))
            else:
                cache.forget(RACY)
    return result


def _undone_if_render_fails(
    run: Run, failed: dict[str, tuple[str, ContentError]], attempt: Callable[[], BuildResult | None]
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


def _full_build(
    run: Run,
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

    loaded = load(stats, site, cache, refused_sources(refused, content_dir), run.root, run.progress, previous, failed)
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
    published, duplicates = reject_duplicates(published, content_dir, by_slug, established_for(run, loaded))
    remember_duplicates(cache, duplicates, content_dir)
    from feeds.ledger import apply as pin_ids  # ledger: ids kept across moves, published ids checked

    published, ledger = pin_ids(site, cache, published, loaded.digests, run.at, drafts=run.drafts)  # ledger
    result.errors = sorted(refused + loaded.errors + duplicates, key=lambda e: (e.path, e.line or 0))
    result.published = len(published)
    if run.strict and result.errors:
        return result
    # What was loaded lives to the end of the build: frozen, the collections that planning and
    # writing trigger do not walk its documents again and again (as the edit build does).
    gc.freeze()
    try:
        publish(run, computed_plan(run, published, loaded), result)
        if ledger is not None:  # ledger: kept once the output it pins is written
            ledger.save()
    except StaleIndex as exc:
        # Planned again, from an index this build has written to: what the last build left is this one's.
        exc.previous = loaded.previous
        raise
    finally:
        gc.unfreeze()
    return result


class _Callable(ModuleType):
    """``feeds.build`` is this module (the name is taken by it the moment it is imported), and
    calling it builds: ``feeds.build(content, out, site=...)`` is ``build_site``."""

    __call__ = staticmethod(build_site)


sys.modules[__name__].__class__ = _Callable
