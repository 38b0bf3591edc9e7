"""The two short ways of building: nothing changed since the last build (``unchanged_result``:
only the content folder is stat'ed), and an edit that keeps the last build's plan
(``edit_build``: only the edited files are read, only the feeds that show them written)."""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from feeds.cache import Cache, Indexed, OutputRecord
from feeds.config import Site
from feeds.errors import ContentError
from feeds.pages import pages
from feeds.publish import Ready, feed_fingerprint, publish
from feeds.run import RACY, BuildResult, Run, last_result, last_run
from feeds.selection import not_articles
from feeds.sitefiles import is_site_file, remembered
from feeds.sources import Found

if TYPE_CHECKING:
    from feeds.load import Read
    from feeds.plan import Plan, PlannedFeed

log = logging.getLogger(__name__)


def unchanged_result(
    cache: Cache, inputs: str, at: datetime, out_dir: Path, stats: list[Found], root: str
) -> BuildResult | None:
    """The last run's result when nothing it depended on changed, else None (build).

    Each file's stat is as it was; but a file the last build found racy may have changed since
    with its stat as it is, so those few are read again, and must have the bytes that build read.
    """
    if cache.get("inputs") != inputs or (state := last_run(cache, at)) is None:
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
        result = last_result(state)
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


EDIT_MAX_FILES = 64  # more changed files than this are read in parallel, by the full build


def edit_build(run: Run) -> BuildResult | None:
    """The build of an edit that leaves every feed's documents as they were: the last build's plan
    (``feeds.planstore``) patched with the edit and published as the full build publishes its own.
    None when that may not hold, and then the full build runs. Nothing is written before it is known.
    """
    with collection_paused():
        patched = _patched_plan(run)
        if patched is None:
            return None
        ready, result, changed = patched
        if not publish(run, ready, result):
            return None
    log.debug("%s %d changed file(s)", PLAN_REUSED, changed)
    return result


_paused = False  # garbage collection is off in this process for an edit build (not in its workers)


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection in this process inside: what an edit build loads (the plan, every
    output's record, the site files' state) holds no cycle and lives to its end, and each
    collection would only walk it again; what an edit of a few documents makes besides is small.
    A process forked inside (a guard's worker, a serializer) collects as usual: a document's
    work is bounded in memory as it always is."""
    global _paused
    if not gc.isenabled():
        yield
        return
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        _paused = False
        gc.enable()


def _collect_in_child() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_collect_in_child)


PLAN_REUSED = "the last build's plan held (no file added, removed or given new planning fields):"


def _patched_plan(run: Run) -> tuple[Ready, BuildResult, int] | None:
    """The last build's plan with the edit in it, the last build's result as this one starts
    from, and how many files changed; None when the plan may not hold."""
    from feeds.planstore import recall

    if not run.cache.enabled or (state := last_run(run.cache, run.at)) is None:
        return None
    try:
        result = last_result(state)
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
    ready = _patched(run, replace(plan, files=run.recorded_files()), edits)
    if ready is None:
        return None
    run.racy.update(edits.racy)
    return ready, result, len(changed)


@dataclass
class _Edits:
    """The changed files of an edit that keeps the plan: those with new bytes, and those only touched."""

    docs: dict[str, tuple[Found, Read]] = field(default_factory=dict)  # source -> its stat, what was read
    old: dict[str, Indexed] = field(default_factory=dict)  # source -> its cached row before the edit
    touched: list[Found] = field(default_factory=list)  # a new stat, the same bytes
    racy: dict[str, str | None] = field(default_factory=dict)  # Run.racy of the changed files


def _edits(changed: list[Found], cache: Cache, site: Site, root: str) -> _Edits | None:
    """What the changed files are now, or None if one is gone, broken or has new planning fields."""
    from feeds.guard import guarded_imap
    from feeds.load import Read, read_sent, same_planning

    edits = _Edits(old=cache.index([st.source for st in changed]))
    if any(st.source not in edits.old for st in changed):
        return None  # a new file, or a row that does not decode: the full build reads it

    def send(i: int) -> tuple[str, str, str | None]:
        return changed[i].path, changed[i].source, edits.old[changed[i].source].digest

    read = partial(read_sent, site, True, root)
    guarded = guarded_imap(read, len(changed), lambda i: changed[i].path, site.document_timeout, 1, send, shared=True)
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


def _patched(run: Run, plan: Plan, edits: _Edits) -> Ready | None:
    """``plan`` with the edited documents' new digests in the feeds that show them, and the
    documents of the feeds this build may write (those and the main feed, whose entries the site
    page shows), as the full build would plan them; None if the plan turns out not to hold."""
    from feeds.archives import budget_holds
    from feeds.dialects.links import Links
    from feeds.entries import Entries
    from feeds.load import Loaded, store, touch
    from feeds.tags import tag_key

    site, cache = run.site, run.cache
    digests = {source: found.digest for source, (_, found) in edits.docs.items() if found.digest}
    shown = set(plan.showing(digests))
    main = next((i for i, f in enumerate(plan.feeds) if not f.folder), None)
    if main is None:
        return None
    # The HTML of a feed that links to other documents depends on every document's link, which
    # only planning knows.
    needed = shown | {main}
    if any(plan.feeds[i].links_others() for i in needed):
        return None
    if any(found.doc is not None and found.doc.references for _, found in edits.docs.values()):
        return None  # its article page links to other documents: so does its HTML (above)
    wanted = list(dict.fromkeys(s for i in sorted(needed) for s in plan.feeds[i].sources))
    rows = cache.index(wanted)
    if any(rows.get(e[0]) is None or rows[e[0]].digest != e[1] for i in needed for e in plan.feeds[i].inputs):
        return None  # the index moved under the plan: the full build plans again
    feeds = _patched_feeds(run, plan.feeds, shown, needed, rows, digests)
    tags = plan.tag_index()
    if any(tag_key(t) not in tags for source in wanted for t in rows[source].meta.tags):
        return None
    previous = cache.outputs(run.out_dir)  # each output stat'ed here, once, in one pass
    if not _outputs_hold(run, feeds, previous):
        return None
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
    if not budget_holds((feeds[i] for i in shown), entries, site, cache):
        return None  # the edit changes how many entries a current feed keeps: the full build plans
    stale = tuple(entries.html_key(edits.old[source].meta, edits.old[source].digest) for source in digests)
    writable = frozenset(feeds[i].folder for i in needed)
    edited = [loaded.full[source] for source in edits.docs]
    return Ready(replace(plan, feeds=tuple(feeds)), entries, edited, False, writable, previous, stale)


def _patched_feeds(
    run: Run,
    feeds: Sequence[PlannedFeed],
    shown: set[int],
    needed: set[int],
    rows: dict[str, Indexed],
    digests: dict[str, str],
) -> list[PlannedFeed]:
    """``feeds`` with the archive links the full build gives them, the edited documents' digests
    and new fingerprints in those that show them (``shown``), and the documents of ``needed``."""
    from feeds.archives import chain_links

    base = run.feeds_base()
    chains = chain_links([(f.folder, len(f.inputs)) for f in feeds], run.site)
    patched = []
    for i, feed in enumerate(feeds):
        if i in shown:
            feed = feed.with_digests(digests)
            fp = feed_fingerprint(base, feed.folder, feed.title, feed.description, feed.inputs, *chains[i])
            feed = replace(feed, fingerprint=fp)
        docs = tuple(rows[s].meta for s in feed.sources) if i in needed else ()
        patched.append(replace(feed, docs=docs, links=chains[i]))
    return patched


def _outputs_hold(run: Run, feeds: Sequence[PlannedFeed], previous: dict[str, OutputRecord]) -> bool:
    """Whether the outputs the cache records are of the plan's feeds and the site files it remembers."""
    feed_files = {rel for rel, record in previous.items() if not is_site_file(record)}
    if {rel for f in feeds for rel in f.files} | set(pages(run.site)) != feed_files:
        return False  # the plan is not of the feeds the last build wrote
    return remembered(run.cache, previous)  # nor are the site files what it remembers (feeds.sitefiles)
