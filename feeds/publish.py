"""Publishing a plan: render and write the feeds whose inputs changed (each staged, then all
renamed into place at once), the site pages likewise, and remove the feeds of tags that are
gone; every output recorded in the cache, and the plan kept for the next build.

The full build computes its plan (``computed_plan``); an edit recalls the last build's and patches
it (``feeds.incremental``). Either is published the one way: ``publish``."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feeds.archivepaths import is_archive
from feeds.cache import Cache, OutputRecord
from feeds.config import Site
from feeds.errors import DiskError
from feeds.formats import FORMATS, SUBFOLDERS, Parts, filenames
from feeds.pages import XSL_PAGE, pages
from feeds.progress import SERIALIZING, WRITING, Progress
from feeds.run import BuildResult, Run, begin_writing, done_writing, fingerprint

if TYPE_CHECKING:
    from feeds.document import Planned
    from feeds.entries import Entries
    from feeds.feed import Entry, Feed
    from feeds.load import Loaded
    from feeds.pages.view import SiteView
    from feeds.plan import Plan, PlannedFeed
    from feeds.tags import Tag

_TAG_FEED = re.compile(
    f"(?:{'|'.join(SUBFOLDERS)})" + r"/(?!\.\.?/)[^/]+/(?:" + "|".join(re.escape(name) for name in FORMATS) + ")"
)

_KIND_FOLDERS = tuple(f"{kind}/" for kind in SUBFOLDERS)  # where _TAG_FEED's files are

_TITLE = re.compile(rb"<title>([^<]*)</title>")

_TEMP_FILE = re.compile(r"\..+\.[^.]+\.tmp$")  # write_atomic's temporary files, left by a killed build


@dataclass(frozen=True)
class Ready:
    """A plan as ``publish`` takes it, with what it is published with."""

    plan: Plan  # every feed; those it may write with their documents
    entries: Entries
    # The documents whose article pages may change: every published one (``every``), or the edited ones.
    articles: Sequence[Planned]
    every: bool
    # The feeds (their folders) it may write: None, any; an edit's, those whose documents it loaded.
    writable: frozenset[str] | None = None
    previous: dict[str, OutputRecord] | None = None  # the cache's record of out/, if read already
    # The HTML the cache is to forget: None, all that no feed shows (a full plan shows every document).
    stale_html: tuple[str, ...] | None = None


def computed_plan(run: Run, docs: list[Planned], loaded: Loaded) -> Ready:
    """The full build's plan: every feed of ``docs`` (the published documents) cut to what it
    shows, its archive pages, what the site pages say of each, and each one's fingerprint."""
    from feeds.archives import Budget, arrange
    from feeds.dialects.links import Links
    from feeds.entries import Entries
    from feeds.plan import Plan, described, newest_first, plan_feeds
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

    inputs_of = _Inputs(entries, loaded.digests)

    def key(feed: PlannedFeed) -> str:
        return feed_fingerprint(base, feed.folder, feed.title, feed.description, inputs_of(feed), site.max_bytes)

    arranged = arrange(plan_feeds(ordered, site, tags, authors), site, Budget(site, entries, cache, key))
    feeds = []
    for feed in described(arranged, ordered, tags, authors):
        inputs = inputs_of(feed)
        since = (feed.since.isoformat(),) if feed.since else ()
        fp = feed_fingerprint(base, feed.folder, feed.title, feed.description, inputs, *feed.links, *since)
        feeds.append(replace(feed, inputs=inputs, fingerprint=fp))
    plan = Plan(run.plan_key(), run.recorded_files(), tuple(feeds), tuple(tags.items()))
    return Ready(plan, entries, ordered, every=True)


class _Inputs:
    """Each feed's ``PlannedFeed.inputs``, made once: the budget keys the feeds as planned, the
    fingerprint as cut, mostly the same documents; and a document is in a feed per tag it has."""

    def __init__(self, entries: Entries, digests: Mapping[str, str]) -> None:
        self.entries, self.digests = entries, digests
        self.rows: dict[str, tuple[object, ...]] = {}
        self.feeds: dict[str, tuple[tuple[Planned, ...], tuple[tuple[object, ...], ...]]] = {}

    def __call__(self, feed: PlannedFeed) -> tuple[tuple[object, ...], ...]:
        known = self.feeds.get(feed.folder)
        if known is not None and known[0] == feed.docs:
            return known[1]
        inputs = tuple(map(self.row, feed.docs))
        self.feeds[feed.folder] = feed.docs, inputs
        return inputs

    def row(self, doc: Planned) -> tuple[object, ...]:
        found = self.rows.get(doc.source)
        if found is None:
            entries = self.entries
            found = (doc.source, self.digests.get(doc.source), entries.categories(doc), *_deps(entries, doc))
            self.rows[doc.source] = found
        return found


def feed_fingerprint(
    base: str, folder: str, title: str, description: str, inputs: Sequence[object], *more: object
) -> str:
    """Of everything a feed's files depend on: ``Run.feeds_base``, what the feed is, its entries
    (``PlannedFeed.inputs``) and ``more`` (its archive links)."""
    return fingerprint(base, folder, title, description, inputs, *more)


def publish(run: Run, ready: Ready, result: BuildResult) -> bool:
    """Write the feeds of ``ready`` whose inputs changed and, if theirs changed, the site pages;
    remove feeds that no longer exist; record every output; keep the plan for the next build. False,
    with nothing written, when a feed ``ready`` may not write needs writing."""
    feeds, cache = ready.plan.feeds, run.cache
    previous = cache.outputs() if ready.previous is None else ready.previous
    records, dirty = unchanged_and_dirty(feeds, previous, run.out_dir, result)
    if ready.writable is not None and any(feed.folder not in ready.writable for feed, _ in dirty):
        return False  # a feed the edit does not touch was changed or removed behind our back
    _write(run, ready, dirty, records, previous, result)
    if ready.stale_html is None:
        cache.prune_html(ready.entries.html_keys(doc for feed in feeds for doc in feed.docs))  # what no feed shows goes
    else:
        cache.drop_html(ready.stale_html)
    # A plan made with errors is not reused: the next build must read the broken files again.
    from feeds.planstore import remember

    remember(cache, None if result.errors or result.kept else ready.plan)
    return True


def site_view(site: Site, feeds: Iterable[PlannedFeed]) -> SiteView:
    """The feeds as the site's pages list them: every one but the archive pages."""
    from feeds.pages.view import feed_link, view_of

    links = [
        feed_link(site, f.folder, f.title, f.description, f.name, f.articles, f.updated)
        for f in feeds
        if not is_archive(f.folder)
    ]
    return view_of(site, links)


def unchanged_and_dirty(
    feeds: Iterable[PlannedFeed], previous: dict[str, OutputRecord], out_dir: Path, result: BuildResult
) -> tuple[dict[str, OutputRecord], list[tuple[PlannedFeed, dict[str, Path]]]]:
    """The records of the feeds still written as they would be now (added to ``result.unchanged``),
    and the feeds to write, each with its files' checked paths."""
    from feeds.write import safe_paths

    records: dict[str, OutputRecord] = {}
    dirty = []
    for feed in feeds:
        names = feed.files
        # Checked where they are, unresolved: only a feed to be written needs its resolved, checked
        # paths (safe_paths).
        if all((r := previous.get(rel)) and r.still_written(feed.fingerprint, out_dir, rel) for rel in names):
            result.unchanged.extend(names)
            records.update((rel, previous[rel]) for rel in names)
        else:
            dirty.append((feed, names))
    paths = safe_paths(out_dir, (rel for _, names in dirty for rel in names))
    return records, [(feed, {rel: paths[rel] for rel in names}) for feed, names in dirty]


def _write(
    run: Run,
    ready: Ready,
    dirty: list[tuple[PlannedFeed, dict[str, Path]]],
    records: dict[str, OutputRecord],
    previous: dict[str, OutputRecord],
    result: BuildResult,
) -> None:
    """Render and write the ``dirty`` feeds and, if their inputs changed, the site pages; remove
    feeds that no longer exist; record every output (``records`` holds the unchanged ones)."""
    from feeds.write import commit, drop, restore, set_aside

    site, out_dir, progress, entries = run.site, run.out_dir, run.progress, ready.entries
    main = next(feed for feed in ready.plan.feeds if not feed.folder)
    begin_writing(out_dir)  # before the first temporary file: a kill from here on is noticed
    try:
        if run.sweep:
            _remove_temp_files(out_dir)
    except OSError as exc:
        raise DiskError.from_os_error(exc.filename or out_dir, exc, "cannot remove") from exc
    # Every full document this build shows, before anything is written (StaleIndex may replan).
    entries.fetch(doc for feed in [main, *(feed for feed, _ in dirty)] for doc in feed.docs)
    entries.convert_ahead((doc for feed, _ in dirty for doc in feed.docs), progress)
    # Every feed is finished here, in the parent, which alone uses the cache: the forked serializers
    # close over these Feeds and their paths only, so none can reach the SQLite connection.
    staging = [_Staging(feed, entries.feed(feed), targets) for feed, targets in dirty]
    try:
        # Every changed feed is staged, and stale ones set aside, before any replaces its old
        # version (and put back if one cannot): a disk fault (full, read-only, permission
        # denied) then stops the build with the old set of feeds in place.
        _stage_formats(staging, site, progress)
        staged = [(tmp, feed.targets[rel]) for feed in staging for rel, tmp in feed.files]
        staged.sort(key=lambda item: item[1].parent == out_dir)  # main feeds last: never ahead of their tags
        current = {rel for _, targets in dirty for rel in targets} | set(records) | set(pages(site))
        result.removed, folders = _stale(out_dir, current, previous)
        aside = set_aside([out_dir / rel for rel in result.removed])
        try:
            commit([(tmp, path) for tmp, path in staged if tmp])
        except BaseException:
            restore(aside)
            raise
        drop(aside)
        left = [tmp for tmp, _ in aside if os.path.lexists(tmp)]  # would not go: the next build tries again
        _remove_empty(folders)
        for feed in staging:
            for rel, tmp in feed.files:
                (result.written if tmp else result.unchanged).append(rel)
                st = feed.targets[rel].stat()
                records[rel] = OutputRecord(feed.planned.fingerprint, st.st_size, st.st_mtime_ns)
        view = site_view(site, ready.plan.feeds)
        pages_fp = fingerprint(run.site_fp, _main_shown(run, main, entries))
        records.update(_write_pages(run, view, pages_fp, lambda: entries.feed(main).entries, previous, result))
        articles = (ready.articles, ready.every)
        records.update(_publish_site_files(run, view, entries, previous, result, frozenset(records), articles))
    except BaseException as exc:
        with contextlib.suppress(OSError):  # a failed build leaves no temporary file behind
            _remove_temp_files(out_dir)
        if isinstance(exc, OSError):  # stat or removal: writes are DiskErrors already
            raise DiskError.from_os_error(exc.filename or out_dir, exc, "cannot update") from exc
        raise
    if not left:
        done_writing(out_dir)
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
    deps = entries.dependencies(doc) + entries.pinned(doc)  # ledger: its ids and dates too
    return (deps,) if deps else ()


PAGES_KEY = "pages_main"  # the cache's state row: the main feed's fingerprint, and what the pages show of it


def _main_shown(run: Run, main: PlannedFeed, entries: Entries) -> str:
    """What the site pages show of the main feed's entries (``feeds.pages.shown_of``), remembered
    by the main feed's fingerprint; with a site's own templates, which may show anything of an
    entry, the fingerprint itself."""
    if run.site.templates is not None:
        return main.fingerprint
    from feeds.pages import shown_of

    try:
        known = json.loads(run.cache.get(PAGES_KEY) or "null")
    except ValueError:
        known = None
    if isinstance(known, list) and len(known) == 2 and known[0] == main.fingerprint and type(known[1]) is str:
        return known[1]
    shown = shown_of(entries.feed(main).entries)
    run.cache.put(PAGES_KEY, json.dumps([main.fingerprint, shown]))
    return shown


def _write_pages(
    run: Run,
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
    from feeds.pages import site_pages
    from feeds.write import safe_paths, write_if_changed

    fp = fingerprint(main_fp, [f.key() for f in view.feeds], run.templates)
    targets = safe_paths(run.out_dir, pages(run.site))
    if all((r := previous.get(rel)) and r.still_written(fp, path) for rel, path in targets.items()):
        result.unchanged.extend(targets)
        return {rel: previous[rel] for rel in targets}
    records = {}
    for rel, data in site_pages(replace(view, entries=tuple(main_entries()))):
        written = write_if_changed(targets[rel], data)
        (result.written if written else result.unchanged).append(rel)
        st = targets[rel].stat()
        records[rel] = OutputRecord(fp, st.st_size, st.st_mtime_ns)
    return records


def _publish_site_files(
    run: Run,
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
    base = fingerprint(run.site_fp, run.templates)
    ctx = Context(
        run.site, run.content_dir, run.root, run.out_dir, run.cache, base, listed, reserved, run.progress, run.sweep
    )
    return publish(ctx, entries, view, articles[0], articles[1], entries.digests, previous, result)


@dataclass(frozen=True)
class _Staging:
    """A feed being written: its record, the feed finished (every entry built), its files' checked
    paths, and each file as staged: (path under out/, temp file, or None when its bytes are as they were)."""

    planned: PlannedFeed
    feed: Feed
    targets: dict[str, Path]
    files: list[tuple[str, str | None]] = field(default_factory=list)


# Staged by a forked worker while this process stages the others: about half the work each.
# JSON Feed first, so that the worker's Atom, whose entries weigh most, runs beside this
# process's feed pages and not beside its RSS.
_BESIDE = ("feed.json", "atom.xml")
_Staged = tuple[int, list[tuple[int, tuple[str, str | None]]]]  # entry jobs, (feed's index, file)


def _stage_formats(staging: list[_Staging], site: Site, progress: Progress) -> None:
    """Serialize every feed of ``staging`` in each of its formats and stage the files whose bytes
    changed, adding (path, temp file or None) to each feed's ``files``, in ``FORMATS`` order.

    Two processes share the formats, whole: a format's entries are built once, in the process that
    serializes its feeds (lxml elements do not cross processes), so each process holds one
    format's entries at a time, and of those only the ones a feed still to be written shows
    (``_Parts``); only the temporary files' names come back from the worker.
    """
    from feeds.parallel import MIN_ITEMS, beside
    from feeds.progress import NO_PROGRESS

    def aside() -> list[_Staged]:
        return [_stage_format(filename, staging, site, NO_PROGRESS) for filename in _BESIDE]

    # A few entries are staged sooner here than a fork (and the pages it unshares) costs.
    few = sum(len(staged.feed.entries) for staged in staging) < MIN_ITEMS
    done: dict[str, _Staged] = {}
    with contextlib.nullcontext(aside) if few else beside(aside) as theirs:
        for filename in FORMATS:
            if filename not in _BESIDE:
                done[filename] = _stage_format(filename, staging, site, progress)
        for filename, (jobs, files) in zip(_BESIDE, theirs(), strict=True):
            done[filename] = jobs, files
            for name, total in ((SERIALIZING, jobs), (WRITING, len(files))):
                for _ in progress.track(name, total, range(total)):
                    pass
    for filename in FORMATS:
        for i, file in done[filename][1]:
            staging[i].files.append(file)


def _stage_format(filename: str, staging: list[_Staging], site: Site, progress: Progress) -> _Staged:
    """Serialize in the format of ``filename`` the feeds of ``staging`` that have it, and stage the
    files whose bytes changed: how many entry jobs that took, and (feed's index, (path, temp file
    or None)) for each. Each entry is built once, then serialized in every feed that shows it."""
    from feeds.formats import entry_frames, entry_jobs

    todo = [i for i, staged in enumerate(staging) if filename in filenames(staged.feed.folder)]
    # Feeds in the order of their middle entry's date, newest first: an entry's feeds (its tags',
    # its author's, their archive documents) then come near one another, and its part is let go
    # sooner than in the plan's order, where an author's feeds come after every other.
    todo.sort(key=lambda i: _middle(staging[i].feed), reverse=True)
    feeds = [staging[i].feed for i in todo]
    jobs = entry_jobs(feeds, filename)
    # XML entries are serialized once, to bytes that each feed showing them joins: an element is
    # freed once serialized instead of held until the last feed is written.
    parts = _Parts(filename, jobs, feeds, site, entry_frames(feeds, filename) if jobs else None)
    staged = (_stage_file(staging[i].feed, staging[i].targets, filename, parts.of(n)) for n, i in enumerate(todo))
    done = list(zip(todo, progress.track(WRITING, len(todo), staged), strict=True))
    # The entries were serialized as the feeds needed them (_Parts), among the writes: their stage
    # is reported once they are all done, so the progress still counts every job.
    for _ in progress.track(SERIALIZING, len(jobs), range(len(jobs))):
        pass
    del parts
    _trim()
    return len(jobs), done


def _middle(feed: Feed) -> tuple[bool, datetime | None]:
    if not feed.entries:
        return False, None
    dates = sorted(entry.doc.published for entry in feed.entries)
    return True, dates[len(dates) // 2]


class _Parts:
    """A format's shared entries (``make_job``'s parts) as the feeds, in order, need them: each
    job of entries is built when the first feed showing one of them is written, and each entry
    let go once the last feed showing it is, so a format never holds every entry's bytes at once."""

    def __init__(
        self, filename: str, jobs: list[tuple[Entry, ...]], feeds: list[Feed], site: Site, frames: Any
    ) -> None:
        from feeds.formats import part_key

        self.filename, self.jobs, self.site, self.frames = filename, jobs, site, frames
        self.keys = [[part_key(entry) for entry in job] for job in jobs]
        job_of = {key: j for j, keys in enumerate(self.keys) for key in keys}
        self.left: dict[str, int] = {}  # each entry's uses by the feeds not yet written
        self.uses: list[list[str]] = []  # each feed's entries' keys
        self.needs: list[int] = []  # each feed's last job
        for feed in feeds:
            used = [part_key(entry) for entry in feed.entries] if jobs else []
            for key in used:
                self.left[key] = self.left.get(key, 0) + 1
            self.uses.append(used)
            self.needs.append(max(map(job_of.__getitem__, used), default=-1))
        self.parts: dict[str, Any] = {}
        self.made = 0  # jobs built so far: in order of first use
        self.last = -1  # the feed whose parts were given last

    def of(self, n: int) -> Parts | None:
        """The parts of the ``n``-th feed's entries (called for each feed in order)."""
        from feeds.formats import make_job

        if not self.jobs:
            return None
        left, parts = self.left, self.parts
        for key in self.uses[self.last] if self.last >= 0 else ():
            left[key] -= 1
            if not left[key]:
                del parts[key]
        self.last = n
        while self.made <= self.needs[n]:
            job = self.jobs[self.made]
            parts.update(zip(self.keys[self.made], make_job(self.filename, job, self.site, self.frames), strict=True))
            self.made += 1
        return parts


def _trim() -> None:
    """Give the heap a format's parts were freed from back to the system: glibc keeps it for the
    process otherwise, and the next format's parts would add to it in the whole tree's memory."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError, TypeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def _stage_file(feed: Feed, targets: dict[str, Path], filename: str, parts: Parts | None) -> tuple[str, str | None]:
    """Serialize ``feed`` in the format of ``filename`` and stage it if its bytes changed: (path, temp file or None)."""
    from feeds.formats import serialize_feed
    from feeds.write import stage_if_changed

    rel = feed.folder + filename
    return rel, stage_if_changed(targets[rel], serialize_feed(feed, filename, parts))


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

    # A cheap test first: most outputs are article pages, in neither kind of folder.
    candidates = {
        rel
        for rel in previous
        if (rel.startswith(_KIND_FOLDERS) or "archive/" in rel)
        and (_TAG_FEED.fullmatch(rel) or ARCHIVE_FILE.fullmatch(rel))
    }
    candidates.add(XSL_PAGE)
    candidates.update(archive_folders(out_dir))
    for kind in SUBFOLDERS:
        try:
            with os.scandir(out_dir / kind) as entries:  # a directory entry tells a folder from a link
                names = [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
        except OSError:  # none (or not a folder)
            continue
        candidates.update(f"{kind}/{name}/{file}" for name in names for file in FORMATS)
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
