"""The site around the feeds: article pages, the assets they link to, the static folder, the
sitemap and robots.txt. With them every URL under the site's ``url`` that out/ names is a file.

Written like the feeds: atomically, only when their inputs changed, each recorded in the
cache's outputs with a fingerprint that says what it is (``KINDS``), and removed when nothing
wants it any more, but only when the file is still the one feeds wrote. What each article
showed and linked to is remembered (``State``), so that an unchanged article is neither
rendered nor read again, and an edit build knows the whole site from one edited article.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from feeds import assets, sitemap
from feeds.cache import Cache, OutputRecord, StaleIndex
from feeds.config import Site
from feeds.errors import DiskError
from feeds.pages import articles
from feeds.sitestate import SITEMAP_KEY, Article, State

if TYPE_CHECKING:
    from feeds.document import Planned
    from feeds.entries import Entries
    from feeds.pages.view import FeedLink, SiteView
    from feeds.progress import Progress

log = logging.getLogger(__name__)

# The first word of an output record's fingerprint: which of this module's files it is.
ARTICLE, ASSET, SITEMAP, ROBOTS = "article ", "asset ", "sitemap ", "robots "
KINDS = (ARTICLE, ASSET, SITEMAP, ROBOTS)
CHUNK = 256  # articles rendered at once: their HTML is held until their pages are written
_GENERATOR = b'<meta name="generator" content="feeds">'
_TEMP_FILE = re.compile(r"\..+\.[^.]+\.tmp$")  # feeds.write's temporary files, left by a killed build


class Outcome(Protocol):
    """Where a build reports the files it wrote, left as they were, and removed (``BuildResult``)."""

    written: list[str]
    unchanged: list[str]
    removed: list[str]


def is_site_file(record: OutputRecord) -> bool:
    """Whether an output record is one of this module's files (not a feed or a site page)."""
    return record.fingerprint.startswith(KINDS)


def sources_unchanged(cache: Cache, site: Site, content_dir: Path, out_dir: Path) -> bool:
    """Whether every file the last build copied or looked for is as it was: else a build whose
    articles did not change must still run, to copy an edited picture or a new static file."""
    if not cache.enabled:
        return False
    state = State.load(cache, articles=False)
    paths, want = [], []
    for origin, source, size, mtime, _ in state.copied.values():
        paths.append(_origin_path(site, content_dir, origin, source))
        want.append((size, mtime))
    for source in state.missing:
        paths.append(os.path.join(content_dir, source))
        want.append((-1, 0))
    return assets.stats(paths) == want and state.static == _static_listing(site, out_dir)


def remembered(cache: Cache, previous: dict[str, OutputRecord]) -> bool:
    """Whether the state accounts for every page and copy the last build recorded: an edit build
    relies on it for the articles it does not load, and a damaged one needs the full build."""
    state = State.load(cache, hold=True)  # taken by the publish that follows
    pages = {a.page for a in state.articles.values() if a.page}
    copied = state.copied
    for rel, record in previous.items():
        fingerprint = record.fingerprint
        if fingerprint.startswith(ARTICLE):
            if rel not in pages:
                return False
        elif fingerprint.startswith(ASSET) and rel not in copied:
            return False
    return True


@dataclass
class Context:
    """What publishing the site files needs of the build."""

    site: Site
    content_dir: Path
    root: str  # the content folder, resolved
    out_dir: Path
    cache: Cache
    base: str  # fingerprint of the site and its templates
    listed: frozenset[str]  # every file the build may read as an article: never published as an asset
    reserved: frozenset[str]  # every other output of the build (feeds, pages): never overwritten here
    progress: Progress
    sweep: bool = True  # a build may have been killed while writing: look for its temporary files

    @cached_property
    def out_inside(self) -> str:
        """out/ resolved, as the start of the paths inside it: once, not once per article."""
        return os.path.realpath(self.out_dir) + os.sep


def publish(
    ctx: Context,
    entries: Entries,
    view: SiteView,
    docs: Sequence[Planned],
    complete: bool,
    digests: Mapping[str, str | None],
    previous: dict[str, OutputRecord],
    result: Outcome,
) -> dict[str, OutputRecord]:
    """Bring the site files up to date; returns their output records.

    ``complete``: ``docs`` are every published document (a full build). Else they are the edited
    ones (an edit build): every other article is as the last build left it, unless its page was
    changed or removed behind our back (then it is read from the cache and written again).
    """
    state = State.load(ctx.cache)
    # What the last build wrote, by the records and by the state: a changed site setting empties
    # the records (the build starts again), never the state.
    wrote = {a.page: ARTICLE for a in state.articles.values() if a.page}
    wrote |= {out: ASSET + c[4] for out, c in state.copied.items() if c[4]}
    wrote |= {rel: r.fingerprint for rel, r in previous.items() if r.fingerprint.startswith(KINDS)}  # is_site_file
    records: dict[str, OutputRecord] = {}
    new: dict[str, Article] = {}
    if not complete:
        edited = {doc.source for doc in docs}
        damaged = []
        unchanged = []
        out_dir, get = ctx.out_dir, previous.get
        for source, article in state.articles.items():
            if source in edited:
                continue
            page = article.page
            if page is None:
                new[source] = article
            elif page and (r := get(page)) is not None and r.still_written(ARTICLE + article.fp, out_dir, page):
                new[source] = article
                records[page] = r
                unchanged.append(page)
            else:
                damaged.append(source)
        result.unchanged.extend(unchanged)
        rows = ctx.cache.index(damaged) if damaged else {}
        entries.digests.update({s: row.digest for s, row in rows.items() if s not in entries.digests})
        try:
            entries.fetch(row.meta for row in rows.values())
        except StaleIndex as exc:  # the cache disagrees with the files: the next full build writes them
            log.warning("cache: %s; their article pages wait for a full build", exc)
            rows = {s: row for s, row in rows.items() if s not in exc.sources}
        docs = [doc for doc in docs if doc.source in state.articles] + [rows[s].meta for s in damaged if s in rows]
    records.update(_articles(ctx, entries, view, docs, digests, state, new, previous, result))
    state.articles = dict(sorted(new.items()))
    state.static = _static_listing(ctx.site, ctx.out_dir)
    records.update(_copy_assets(ctx, state, previous, set(records), result))
    records.update(_write_sitemap(ctx, state, view, wrote, set(records), previous, result))
    result.removed.extend(_remove_stale(ctx.out_dir, wrote, set(records) | ctx.reserved))
    if ctx.sweep:
        _remove_temp_files(ctx.out_dir, [*wrote, *records])
    state.save(ctx.cache)
    return records


def _articles(
    ctx: Context,
    entries: Entries,
    view: SiteView,
    docs: Sequence[Planned],
    digests: Mapping[str, str | None],
    state: State,
    new: dict[str, Article],
    previous: dict[str, OutputRecord],
    result: Outcome,
) -> dict[str, OutputRecord]:
    """The pages of ``docs``: those whose inputs changed rendered (with the list of what they
    link to), the others as they were. Adds each article to ``new``."""
    records: dict[str, OutputRecord] = {}
    tag_links = {link.tag: link for link in view.tags}
    taken = {article.page: source for source, article in new.items() if article.page}
    todo: list[tuple[Planned, str, str | None]] = []
    for doc in docs:
        page = articles.page_path(ctx.site, doc.link) if ctx.site.article_pages else None
        if page is not None and (page in ctx.reserved or taken.get(page, doc.source) != doc.source):
            log.warning("%s: no article page: its link %s is the address of another output", doc.source, doc.link)
            page = None
        if page is not None:
            taken[page] = doc.source
        categories = entries.categories(doc)
        fp = _fingerprint(
            ctx.base, doc.link, page, doc.updated.isoformat(), digests.get(doc.source), entries.dependencies(doc),
            categories, [tag_links[c].folder_url for c in categories if c in tag_links],
        )  # fmt: skip
        old = state.articles.get(doc.source)
        record = previous.get(page) if page else None
        if old is not None and old.fp == fp and old.page == page:
            if page is None:
                new[doc.source] = old
                continue
            if record is not None and record.still_written(ARTICLE + fp, ctx.out_dir / page):
                new[doc.source] = old
                records[page] = record
                result.unchanged.append(page)
                continue
        todo.append((doc, fp, page))
    if not todo:
        return records
    from feeds.write import safe_paths

    targets = safe_paths(ctx.out_dir, [page for _, _, page in todo if page])
    chunks = [todo[start : start + CHUNK] for start in range(0, len(todo), CHUNK)]
    converted = entries.convert_chunks([[doc for doc, _, _ in chunk] for chunk in chunks], ctx.progress)
    try:
        for chunk in chunks:
            next(converted)
            _article_chunk(ctx, entries, view, chunk, targets, taken, tag_links, new, records, result)
    finally:
        converted.close()
    return records


def _article_chunk(
    ctx: Context,
    entries: Entries,
    view: SiteView,
    chunk: Sequence[tuple[Planned, str, str | None]],
    targets: Mapping[str, Path],
    taken: Mapping[str, str],
    tag_links: Mapping[str | None, FeedLink],
    new: dict[str, Article],
    records: dict[str, OutputRecord],
    result: Outcome,
) -> None:
    """The pages and assets of ``chunk``, converted: each article in ``new``, each page written."""
    entries.fetch(doc for doc, _, _ in chunk)
    pages: dict[str, tuple[bytes, str]] = {}
    for doc, fp, page in chunk:
        entry = entries(doc)
        used, missing = _assets_of(ctx, doc, assets.urls(entry, ctx.site.url), taken)
        new[doc.source] = Article(fp, page, doc.link, doc.updated.isoformat(), used, missing)
        if page is not None:
            tags = [tag_links[c] for c in entry.categories if c in tag_links]
            pages[page] = (articles.article_page(ctx.site, entry, view.main, tags), ARTICLE + fp)
    records.update(_write_batch(targets, pages, result))
    entries.forget(doc.source for doc, _, _ in chunk)


def _write_batch(
    targets: Mapping[str, Path], files: Mapping[str, tuple[bytes, str]], result: Outcome
) -> dict[str, OutputRecord]:
    """Write ``files`` (path -> bytes, fingerprint) whose bytes changed, flushed to disk together
    (``feeds.write.commit``: one flush per file, one at a time, cost seconds per thousand files)."""
    from feeds.write import commit, discard, stage_if_changed

    staged: list[tuple[str, Path]] = []
    try:
        for rel, (data, _) in files.items():
            tmp = stage_if_changed(targets[rel], data)
            (result.written if tmp else result.unchanged).append(rel)
            if tmp:
                staged.append((tmp, targets[rel]))
        commit(staged)
    except BaseException:
        discard(staged)
        raise
    return {rel: _record(targets[rel], fingerprint) for rel, (_, fingerprint) in files.items()}


def _assets_of(
    ctx: Context, doc: Planned, urls: Sequence[str], pages: Mapping[str, str]
) -> tuple[list[tuple[str, str]], list[str]]:
    """The files ``doc``'s URLs name, other than ``pages``: (out path, content path) of those
    found, and the content paths looked for in vain (a dead link, until the file appears)."""
    used: list[tuple[str, str]] = []
    missing: list[str] = []
    out_dir = ctx.out_inside  # inside the content folder, it is no content
    for url in urls:
        out = assets.out_path(ctx.site, url)
        if out is None or out in ctx.reserved or out in pages:
            continue
        candidates = assets.candidates(ctx.site, doc, url)
        source = next(
            (
                c
                for c in candidates
                if c not in ctx.listed
                and (real := assets.inside(os.path.join(ctx.content_dir, c), ctx.root))
                and not real.startswith(out_dir)
            ),
            None,
        )
        if source is not None:
            used.append((out, source))
        elif not any(c in ctx.listed for c in candidates):
            missing.extend(candidates)
    return used, sorted(set(missing))


def _origin_path(site: Site, content_dir: Path, origin: str, source: str) -> str:
    if origin == assets.SETTINGS:
        return source
    folder = site.static if origin == assets.STATIC and site.static is not None else content_dir
    return os.path.join(folder, source)


def _static_listing(site: Site, out_dir: Path) -> str:
    if site.static is None:
        return ""
    found = list(assets.static_files(str(site.static), str(out_dir)))
    listing = list(zip([rel for rel, _ in found], assets.stats(full for _, full in found), strict=True))
    return hashlib.sha256(json.dumps(listing, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _copy_assets(
    ctx: Context, state: State, previous: dict[str, OutputRecord], taken: set[str], result: Outcome
) -> dict[str, OutputRecord]:
    """Copy every file an article uses, and the static folder, where it is not there yet as it is."""
    from feeds.write import commit, discard, safe_paths

    wanted: dict[str, tuple[str, str, str]] = {}  # out -> origin, source, full path
    if ctx.site.static is not None:
        for rel, full in assets.static_files(str(ctx.site.static), str(ctx.out_dir)):
            wanted[rel] = (assets.STATIC, rel, full)
    for image in (ctx.site.icon_file, ctx.site.logo_file):
        if image is not None:  # published where config.site_from_mapping said: the top of out/, by name
            wanted.setdefault(image.name, (assets.SETTINGS, str(image), str(image)))
    for source, article in state.articles.items():
        for out, used in article.assets:
            if out not in wanted:
                wanted[out] = (assets.CONTENT, used, os.path.join(ctx.content_dir, used))
            elif wanted[out][:2] != (assets.CONTENT, used):
                log.warning("%s: %s is published from %s already; not from %s", source, out, wanted[out][1], used)
    for out in sorted(set(wanted) & (taken | ctx.reserved)):
        log.warning("%s is an output of the build: %s is not copied there", out, wanted.pop(out)[1])
    records: dict[str, OutputRecord] = {}
    copied: dict[str, tuple[str, str, int, int, str]] = {}
    targets = safe_paths(ctx.out_dir, sorted(wanted))
    staged: list[tuple[str, Path]] = []
    fingerprints: dict[str, str] = {}
    try:
        for out in sorted(wanted):
            _copy_one(
                ctx, out, wanted[out], targets[out], state, previous, result, records, copied, staged, fingerprints
            )
        commit(staged)  # flushed together: see _write_batch
    except BaseException:
        discard(staged)
        raise
    records.update({out: _record(targets[out], fp) for out, fp in fingerprints.items()})
    state.copied = copied
    return records


def _copy_one(
    ctx: Context,
    out: str,
    want: tuple[str, str, str],
    target: Path,
    state: State,
    previous: dict[str, OutputRecord],
    result: Outcome,
    records: dict[str, OutputRecord],
    copied: dict[str, tuple[str, str, int, int, str]],
    staged: list[tuple[str, Path]],
    fingerprints: dict[str, str],
) -> None:
    """One file of ``_copy_assets``: kept as it is (added to ``records``), staged, or missing."""
    from feeds.write import stage_if_changed

    origin, source, full = want
    root = os.path.realpath(ctx.site.static) if origin == assets.STATIC and ctx.site.static else ctx.root
    if origin == assets.SETTINGS:
        root = os.path.dirname(os.path.realpath(full))
    (size, mtime), record = assets.stats([full])[0], previous.get(out)
    known = state.copied.get(out)
    if (
        record is not None
        and known is not None
        and known[:4] == (origin, source, size, mtime)
        and record.still_written(record.fingerprint, target)
        and record.fingerprint.startswith(ASSET)
    ):
        records[out], copied[out] = record, known
        result.unchanged.append(out)
        return
    read = assets.read_inside(full, root)
    if read is None:
        log.warning("%s: not copied to %s: not a file inside its folder", full, out)
        copied[out] = (origin, source, -1, 0, "")  # looked for again when it appears
        return
    data, st = read
    tmp = stage_if_changed(target, data)
    (result.written if tmp else result.unchanged).append(out)
    if tmp:
        staged.append((tmp, target))
    sha = assets.digest(data)
    fingerprints[out] = ASSET + sha
    copied[out] = (origin, source, st.st_size, st.st_mtime_ns, sha)


def _write_sitemap(
    ctx: Context,
    state: State,
    view: SiteView,
    wrote: dict[str, str],
    taken: set[str],
    previous: dict[str, OutputRecord],
    result: Outcome,
) -> dict[str, OutputRecord]:
    """sitemap.xml of the site's pages, and robots.txt naming it where crawlers read one: not
    where a file of the site's own is (``taken``), or a robots.txt feeds did not write.

    The sitemap is made again only when what it lists changed (``SITEMAP_KEY``): an edit to an
    article's text changes no page's address or date."""
    from feeds.write import safe_paths, write_if_changed

    feeds_pages = [(link.folder_url, link.updated) for link in view.feeds]
    by_link = sorted((a.link, a.updated) for a in state.articles.values() if a.page is not None)
    listed = _fingerprint(ctx.site.url, feeds_pages, by_link)
    files: dict[str, tuple[str, bytes]] = {}
    records: dict[str, OutputRecord] = {}
    kept = [rel for rel, record in previous.items() if record.fingerprint.startswith(SITEMAP)]
    if sitemap.FILENAME in taken:
        pass
    elif (
        kept
        and ctx.cache.get(SITEMAP_KEY) == listed
        and not ctx.reserved.intersection(kept)
        and all(
            previous[rel].still_written(previous[rel].fingerprint, path)
            for rel, path in safe_paths(ctx.out_dir, kept).items()
        )
    ):
        records.update((rel, previous[rel]) for rel in kept)
        result.unchanged.extend(kept)
    else:
        pages: list[tuple[str, datetime | None]] = list(feeds_pages)
        pages += [(link, datetime.fromisoformat(updated)) for link, updated in by_link]
        files = {k: (SITEMAP, v) for k, v in sitemap.sitemaps(ctx.site.url, pages).items()}
        ctx.cache.put(SITEMAP_KEY, listed)
    robots = ctx.out_dir / sitemap.ROBOTS
    ours = sitemap.ours(str(robots)) or wrote.get(sitemap.ROBOTS, "").startswith(ASSET)  # a static copy that went
    if sitemap.robots_wanted(ctx.site.url) and sitemap.ROBOTS not in taken and ours:
        files[sitemap.ROBOTS] = (ROBOTS, sitemap.robots(ctx.site.url))
    targets = safe_paths(ctx.out_dir, [rel for rel in files if rel not in ctx.reserved])
    for rel, path in targets.items():
        kind, data = files[rel]
        written = write_if_changed(path, data)
        (result.written if written else result.unchanged).append(rel)
        records[rel] = _record(path, kind + assets.digest(data))
    return records


def _remove_stale(out_dir: Path, wrote: dict[str, str], current: set[str]) -> list[str]:
    """Remove the files of this module's kinds the last build wrote (``wrote``: path -> fingerprint)
    and this one did not write (``current``: every output of this build), each only if it is still
    what feeds wrote: a page with feeds' generator mark, a copy with the bytes copied."""
    removed = []
    folders: set[Path] = set()
    for rel, fingerprint in sorted(wrote.items()):
        if rel in current:
            continue
        path = out_dir / rel
        if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(out_dir.resolve()):
            continue
        kind, _, digest = fingerprint.partition(" ")
        if kind + " " == ARTICLE:
            ours = _generated_page(path)
        elif kind + " " == ROBOTS:
            ours = sitemap.ours(str(path))
        else:
            ours = assets.file_digest(str(path)) == digest
        if ours:
            try:
                path.unlink()
            except OSError as exc:
                raise DiskError.from_os_error(path, exc, "cannot remove") from exc
            removed.append(rel)
            folders.update(p for p in path.parents if p.is_relative_to(out_dir) and p != out_dir)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty (another file), or gone: both fine
            folder.rmdir()
    return removed


def _remove_temp_files(out_dir: Path, files: Iterable[str]) -> None:
    """Remove the temporary files a killed build left beside the files of this module (the
    build's own clean-up looks only in out/ and out/tags/*/)."""
    folders = {rel.rpartition("/")[0] for rel in files if "/" in rel and not rel.startswith("tags/")}
    for folder in sorted(folders):
        with contextlib.suppress(OSError):
            for entry in os.scandir(out_dir / folder):
                if _TEMP_FILE.match(entry.name) and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def _generated_page(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return _GENERATOR in f.read(4096)
    except OSError:
        return False


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


def _record(path: Path, fingerprint: str) -> OutputRecord:
    st = path.stat()
    return OutputRecord(fingerprint, st.st_size, st.st_mtime_ns)
