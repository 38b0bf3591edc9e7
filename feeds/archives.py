"""RFC 5005 archived feeds, and each feed's size budget (``max_bytes``).

A feed (the main one, each tag's) shows its newest ``max_items`` documents; the older ones go into
archive documents, ``<feed>archive/<k>/``, numbered from the oldest and filled oldest first, each
``max_items`` long but the newest. So adding a document moves one entry from the current feed onto
the newest page: a build rewrites the current feed and that one page, and a full page never
changes again (caches may keep it forever). The current feed links to the newest page
(``prev-archive``); each page to the one before it, to the next once it is full (written once: a
full newest page is followed by an empty one, so the link always leads to a page), and to its
current feed (``current``); pages carry ``<fh:archive/>``. JSON Feed has no archives but paging:
``next_url`` follows the same chain, newest to oldest, and never changes on a full page either.

A deletion or a back-dated document shifts the pages after it: that is the one case where full
pages are rewritten.

The budget: no feed file is larger than ``max_bytes``. The oldest entries of a feed that would be
larger are shown by their summary alone (at render time: ``within_budget``); a current feed whose
summaries alone would still be larger keeps fewer entries, the rest going into its archives. How
many it keeps is decided when planning (``Budget``), since the archives depend on it, from the
entries' real bytes in every format, and remembered by the feed's inputs so that an unchanged
feed is not measured again.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from feeds.archivepaths import PAGE, is_archive, page_folder
from feeds.config import Site
from feeds.feed import Feed
from feeds.plan import ArchiveLinks, PlannedFeed

if TYPE_CHECKING:
    from feeds.cache import Cache
    from feeds.document import Author
    from feeds.entries import Entries
    from feeds.feed import Entry

log = logging.getLogger(__name__)

BUDGET_KEY = "budget"  # the cache's state row: each measured current feed's inputs -> entries kept
CUT_KEY = "budget_cut"  # the folders of the current feeds the budget cut at the last planning build


def links(folder: str, count: int, pages: int, site: Site) -> ArchiveLinks:
    """The archive links of the feed in ``folder`` showing ``count`` entries, of a chain of ``pages`` pages."""
    page = PAGE.fullmatch(folder)
    if page is None:
        return (("prev-archive", page_folder(folder, pages)),) if pages else ()
    base, k = page["base"], int(page["k"])
    found = [("current", base)]
    if k > 1:
        found.append(("prev-archive", page_folder(base, k - 1)))
    if count >= site.max_items:
        found.append(("next-archive", page_folder(base, k + 1)))
    return tuple(found)


def chain_links(feeds: Sequence[tuple[str, int]], site: Site) -> list[ArchiveLinks]:
    """``links`` of each (folder, entry count) of a whole plan, whose pages tell each chain's length."""
    pages = Counter(page["base"] for folder, _ in feeds if (page := PAGE.fullmatch(folder)))
    return [links(folder, count, pages[folder], site) for folder, count in feeds]


LinksFor = Callable[[int], ArchiveLinks]  # a current feed's links when it keeps that many entries
# How many entries each current feed may keep: (feed cut at max_items, LinksFor, all its documents).
Fits = Callable[[Sequence[tuple[PlannedFeed, LinksFor, int]]], list[int]]


def arrange(plans: Sequence[PlannedFeed], site: Site, fits: Fits) -> list[PlannedFeed]:
    """Each feed of ``plans`` (all its documents, newest first) cut to what it shows, followed by
    its archive pages (none with ``archives = false``: the documents past the cut are left out)."""
    n = site.max_items

    def links_for(plan: PlannedFeed) -> LinksFor:
        def at(kept: int) -> ArchiveLinks:
            rest = len(plan.docs) - kept if site.archives else 0
            return links(plan.folder, kept, _pages(rest, n), site)

        return at

    heads = [(replace(plan, docs=plan.docs[:n]), links_for(plan), len(plan.docs)) for plan in plans]
    arranged: list[PlannedFeed] = []
    for plan, (_, at, _), kept in zip(plans, heads, fits(heads), strict=True):
        arranged.append(replace(plan, docs=plan.docs[:kept], links=at(kept)))
        if not site.archives:
            continue
        oldest_first = plan.docs[kept:][::-1]
        pages = [oldest_first[i : i + n] for i in range(0, _pages(len(oldest_first), n) * n, n)]
        for k, page in enumerate(pages, 1):
            folder = page_folder(plan.folder, k)
            found = links(folder, len(page), len(pages), site)
            since = max(doc.updated for doc in pages[k - 2]) if not page and k > 1 else None
            arranged.append(PlannedFeed(folder, plan.title, plan.description, page[::-1], found, since))
    return arranged


def _pages(archived: int, n: int) -> int:
    """How many pages hold ``archived`` entries, ``n`` a page: a full newest page is followed by an
    empty one, so that the ``next-archive`` link the full page was written with never leads nowhere,
    and the full page need not change when the next entry arrives."""
    return archived // n + 1 if archived else 0


class Budget:
    """``Fits`` from the entries' real bytes: the newest entries whose summaries alone fit
    ``max_bytes`` in every format. Each feed's answer is remembered by ``key`` (its inputs)."""

    def __init__(self, site: Site, entries: Entries, cache: Cache, key: Callable[[PlannedFeed], str]) -> None:
        self.site, self.entries, self.cache, self.key = site, entries, cache, key
        try:
            memo = json.loads(cache.get(BUDGET_KEY) or "{}")
        except ValueError:
            memo = {}
        self.memo = {k: v for k, v in memo.items() if type(v) is int} if isinstance(memo, dict) else {}

    def __call__(self, heads: Sequence[tuple[PlannedFeed, LinksFor, int]]) -> list[int]:
        keys = [f"{self.key(head)} {total}" for head, _, total in heads]
        todo = [i for i, key in enumerate(keys) if not 0 <= self.memo.get(key, -1) <= len(heads[i][0].docs)]
        # Rendered ahead, across processes: the entries of the feeds to measure.
        self.entries.convert_ahead(doc for i in todo for doc in heads[i][0].docs)
        for i in todo:
            head, at, _ = heads[i]
            self.memo[keys[i]] = fitting([self.entries(doc) for doc in head.docs], head, at, self.site)
        kept = [self.memo[key] for key in keys]
        cut = sorted(head.folder for (head, _, _), k in zip(heads, kept, strict=True) if k < len(head.docs))
        self.cache.put(BUDGET_KEY, json.dumps(dict(zip(keys, kept, strict=True)), ensure_ascii=False))
        self.cache.put(CUT_KEY, json.dumps(cut, ensure_ascii=False))
        return kept


def unlimited(heads: Sequence[tuple[PlannedFeed, LinksFor, int]]) -> list[int]:
    """``Fits`` that keeps every entry (a plan that measures nothing)."""
    return [len(head.docs) for head, _, _ in heads]


def fitting(entries: Sequence[Entry], plan: PlannedFeed, at: LinksFor, site: Site) -> int:
    """How many of ``entries`` (newest first) a feed may show with every one cut to its summary
    and stay within ``max_bytes`` in every format."""
    from feeds.formats import module
    from feeds.formats.common import entry_authors
    from feeds.mediatypes import LABELS

    kept = len(entries)
    # Most feeds are far below the budget: a bound on their size spares serializing them.
    bound = sum(_bound(entry, entry_authors(entry, site)) for entry in entries)
    if bound <= site.max_bytes:  # else the feed's head could not make it fit: spared too
        if _head_bound(plan, at(kept), site) + bound <= site.max_bytes:  # most feeds: nothing serialized
            return kept
        empty = max(
            len(module(name).serialize(Feed(plan.folder, plan.title, plan.description, site, (), at(kept)), []))
            for name in LABELS
        )
        if empty + bound <= site.max_bytes:
            return kept
    summaries = [replace(entry, summary_only=True) for entry in entries]
    for filename in LABELS:
        form = module(filename)
        parts = form.make_entries(summaries[:kept], site)

        def size(k: int) -> int:
            feed = Feed(plan.folder, plan.title, plan.description, site, tuple(summaries[:k]), at(k))
            return len(form.serialize(feed, parts[:k]))  # noqa: B023 (called in this iteration only)

        while kept > 0 and size(kept) > site.max_bytes:
            kept -= 1
    return kept


_ENTRY_MARKUP = 2048  # an entry's element names, attributes, dates and separators, in any format
# The bytes one character of text can take in a feed: "&" is "&amp;amp;" in an RSS description
# (HTML-escaped, then XML-escaped), a control character "\\u0001" in JSON, and UTF-8 takes 4 at most.
_WORST = 9


def _bound(entry: Entry, authors: Iterable[Author]) -> int:
    """More bytes than ``entry`` cut to its summary takes in any format."""
    doc, image = entry.doc, entry.image
    texts = [doc.title, doc.link, doc.id, entry.summary, entry.summary, doc.publication or "", doc.language]
    texts += entry.categories
    texts += [part or "" for author in authors for part in (author.name, author.email, author.url)]
    if image is not None:
        texts += [image.url, image.url, image.type or ""]
    return len(texts) * 64 + _ENTRY_MARKUP + _WORST * sum(map(len, texts))


_HEAD_MARKUP = 4096  # a feed's own element names, attributes, fixed texts and namespaces, in any format


def _head_bound(plan: PlannedFeed, links: ArchiveLinks, site: Site) -> int:
    """More bytes than ``plan``'s feed without entries takes in any format, with ``links``."""
    from feeds.mediatypes import LABELS
    from feeds.urls import feed_url

    texts = [plan.title, plan.title, plan.description, site.title, site.author or "", site.language]
    texts += [site.url] * 4 + [site.hub or ""] * 2 + [site.logo or "", site.icon or ""] * 2
    texts += [feed_url(site.url, folder, name) for folder in (plan.folder, *(f for _, f in links)) for name in LABELS]
    return len(texts) * 64 + _HEAD_MARKUP + _WORST * sum(map(len, texts))


def budget_holds(plans: Iterable[PlannedFeed], entries: Entries, site: Site, cache: Cache) -> bool:
    """Whether an edit leaves each of ``plans``' current feeds (archive pages need no check) keeping
    what it kept: none was cut by the budget, and each still fits cut to its summaries."""
    try:
        cut = set(json.loads(cache.get(CUT_KEY) or "[]"))
    except (ValueError, TypeError):
        return False
    for plan in plans:
        if is_archive(plan.folder):
            continue
        if plan.folder in cut:
            return False
        docs = [entries(doc) for doc in plan.docs]
        if fitting(docs, plan, _same(plan.links), site) < len(docs):
            return False
    return True


def _same(found: ArchiveLinks) -> LinksFor:
    """``LinksFor`` of a feed whose entries stay as they are."""
    return lambda _: found


def archive_folders(out_dir: Path) -> list[str]:
    """The archive pages' files found in ``out_dir`` (of feeds now gone, too), for stale-file removal."""
    from feeds.formats import SUBFOLDERS
    from feeds.mediatypes import LABELS

    # Only where feeds are (out/ itself and a folder per name of each kind): not every folder two
    # deep, which would be every article page's folder too. No folder on the way may be a
    # symbolic link; a directory entry says so without a stat.
    found: list[str] = []

    def pages(base: str) -> None:
        """The pages of ``base``archive/, a folder and no link (``base`` "" is out/ itself)."""
        folder = os.path.join(out_dir, base, "archive")
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return
            with os.scandir(folder) as entries:
                for entry in entries:
                    rel = f"{base}archive/{entry.name}/"
                    if entry.is_dir(follow_symlinks=False) and PAGE.fullmatch(rel):
                        found.extend(rel + name for name in LABELS)
        except OSError:  # gone, or not readable: no page of ours there
            return

    if not out_dir.is_symlink():
        pages("")
    for kind in SUBFOLDERS:
        try:
            with os.scandir(out_dir / kind) as entries:
                named = [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        for name in named:
            pages(f"{kind}/{name}/")
    return found
