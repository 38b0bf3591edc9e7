"""Selecting what a build publishes: the files that may be articles (``not_articles``,
``excluded_by``), the documents that are due (``select``), and one document per slug and link
(``reject_duplicates``: the one published before keeps its place)."""

from __future__ import annotations

import contextlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from feeds.cache import Cache, Indexed
from feeds.config import Site
from feeds.errors import ContentError
from feeds.formats import SUBFOLDERS
from feeds.run import Run
from feeds.sources import Found

if TYPE_CHECKING:
    from feeds.document import Planned
    from feeds.load import Loaded


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
        first = name[:1]  # most names start with none of these: one test, not three, for every file
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


def established_for(run: Run, loaded: Loaded) -> Callable[[list[Planned]], dict[str, int]]:
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


def remember_duplicates(cache: Cache, errors: list[ContentError], content_dir: Path) -> None:
    """Keep which documents this build rejected as duplicates: they were not published, so the next
    build must not take them for established ones."""
    rejected = sorted(refused_sources(errors, content_dir))
    text = json.dumps(rejected, ensure_ascii=False) if rejected else None
    if cache.get(DUPLICATES) != text:
        if text is None:
            cache.forget(DUPLICATES)
        else:
            cache.put(DUPLICATES, text)


def refused_sources(refused: list[ContentError], content_dir: Path) -> dict[str, str]:
    """The content-relative source of each refused file (discover names them below content_dir).

    Error paths are escaped for display; a name that needed escaping maps to no cached source,
    so such a file, refused, drops out as before rather than keeping its last good version.
    """
    found = {}
    for error in refused:
        with contextlib.suppress(ValueError):
            found[Path(error.path).relative_to(content_dir).as_posix()] = error.path
    return found
