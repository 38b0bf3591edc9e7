"""The last build's plan, kept so that an edit need not plan every document again.

Planning reads every document's planning fields (``feeds.document.Meta``): at 100,000 documents,
loading them and planning took most of a one-document edit. But when no file was added, removed
or refused, and every changed file still parses to the planning fields it had, every feed shows
the documents it showed, in the same order, under the same tags, and the site pages list the same
feeds: only the entries of the changed documents differ, and only the feeds that show them need
writing. So a build that planned leaves its plan in the cache (``feeds.plan.Plan``, saved by
``remember``), and the next one, if nothing but bodies changed, takes it back (``recall``) instead
of planning.

The plan keeps, of every feed's record (``feeds.plan.PlannedFeed``), what its fingerprint is made
of (each entry's source, file digest, categories and the fingerprint of the links it depends on)
and what the site pages say of it. ``feeds.incremental`` patches it: a changed file's new digest
goes into the entries that show it, and the fingerprints come out as a full build would make them,
so either kind of build can follow the other; it decides when the plan holds (``edit_build``), and
``feeds.build`` goes the full way for anything else.

The cache is never trusted: a plan that does not decode to exactly this shape is not used.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from feeds.cache import Cache, uncollected
from feeds.plan import Plan, PlannedFeed

if TYPE_CHECKING:  # imported when a plan is read
    from feeds.tags import Tag

KEY = "plan"  # its row in the cache's state table
# What the builds since the one that wrote KEY changed of it (``remember``): the files, the rows of
# the feeds they wrote, and the entries those name that KEY does not hold.
EDITS_KEY = "plan_edits"
# 2: the files' sizes and mtimes; 3: and their ctimes and inodes; 4: each entry once, the feeds
# naming it by its position (a document is in several feeds: main, tags, author, archive page)
VERSION = 4

# The plan ``recall`` returned, with the versions of the rows it was read from, the edits row's
# changed feeds and added entries as decoded, and its entries by position: the plan an edit build
# patches, so that ``remember`` can store what the build changed of it alone.
_Recalled = tuple[tuple[object, ...], tuple[list[Any], list[Any]], Plan, list[tuple[Any, ...]]]
_recalled: _Recalled | None = None


def remember(cache: Cache, plan: Plan | None) -> None:
    """Keep ``plan`` for the next build; None forgets the last one (this build's is not to be reused)."""
    global _recalled
    held, _recalled = _recalled, None
    if plan is None:
        cache.forget(KEY)
        cache.forget(EDITS_KEY)
        return
    # The plan of an edit is the recalled one but for a few feeds: those alone are written, as
    # long as the rows are still the ones it was read from.
    if held is not None and held[0] == cache.versions(KEY, EDITS_KEY):
        edits = _edits(held, plan)
        if edits is not None:
            cache.put(EDITS_KEY, edits)
            return
    # An entry is the same in every feed that shows it (its source, digest, categories, links):
    # stored once, it is read once, and the plan is a third of its size.
    positions: dict[str, int] = {}
    entries: list[tuple[Any, ...]] = []
    feeds = []
    for f in plan.feeds:
        feeds.append(_row(f, _positions(f.inputs, positions, entries)))
    tags = [[spelling, t.key, t.name, t.slug] for spelling, t in plan.tags]
    cache.put(KEY, json.dumps([VERSION, plan.key, plan.files, feeds, tags, entries], ensure_ascii=False))
    cache.forget(EDITS_KEY)


def _positions(
    inputs: Sequence[tuple[Any, ...]], positions: dict[str, int], entries: list[tuple[Any, ...]]
) -> list[int]:
    """Where each of a feed's entries is in ``entries`` (by source in ``positions``), appended
    when it is not there as it is now."""
    named = []
    for entry in inputs:
        at = positions.get(entry[0])
        if at is None or entries[at] != entry:
            at = positions[entry[0]] = len(entries)
            entries.append(entry)
        named.append(at)
    return named


def _row(f: PlannedFeed, named: list[int]) -> list[Any]:
    updated = f.updated.isoformat() if f.updated else None
    return [f.folder, f.title, f.description, named, f.fingerprint, f.name, f.articles, updated]


def _stored(f: PlannedFeed) -> tuple[object, ...]:
    """What a feed's row holds but its entries."""
    return f.folder, f.title, f.description, f.fingerprint, f.name, f.articles, f.updated


def _edits(held: _Recalled, plan: Plan) -> str | None:
    """The edits row that makes the held plan's rows read back as ``plan``; None when ``plan``
    is not the held one with a few feeds changed (then the whole plan is written again)."""
    _, (changed_rows, more), old, made = held
    if (plan.key, plan.tags) != (old.key, old.tags) or len(plan.feeds) != len(old.feeds):
        return None
    changed: dict[int, list[Any]] = dict(changed_rows)
    base = len(made) - len(more)  # the entries KEY holds
    positions = {entry[0]: at for at, entry in enumerate(made)}  # the last wins: edits come after
    for i, (new, was) in enumerate(zip(plan.feeds, old.feeds, strict=True)):
        if (new.inputs is was.inputs or new.inputs == was.inputs) and _stored(new) == _stored(was):
            continue
        changed[i] = _row(new, _positions(new.inputs, positions, made))
    # Past a tenth of the plan, it is written whole again, and the edits start over.
    if len(changed) > len(plan.feeds) // 10 + 8 or len(made) - base > base // 10 + 64:
        return None
    return json.dumps([plan.files, sorted(changed.items()), made[base:]], ensure_ascii=False)


def recall(cache: Cache, key: str) -> Plan | None:
    """The plan the last build left for ``key``, or None (none, another key, or not a plan)."""
    global _recalled
    versions = cache.versions(KEY, EDITS_KEY)
    text = cache.get(KEY)
    if text is None:
        return None
    edits = cache.get(EDITS_KEY)
    changed: list[Any] = []
    more: list[Any] = []
    try:
        with uncollected():
            version, stored_key, files, feeds, tags, entries = json.loads(text)
            if version != VERSION or stored_key != key or type(files) is not str or type(entries) is not list:
                return None
            if edits is not None:
                files, changed, more = json.loads(edits)
                if type(files) is not str or type(more) is not list or type(feeds) is not list:
                    return None
                entries = entries + more
                for at, row in changed:
                    if type(at) is not int or not 0 <= at < len(feeds):
                        return None
                    feeds[at] = row
            made = [_entry(e) for e in entries]
            plan = Plan(key, files, tuple(_feed(f, made) for f in feeds), tuple(_tag(t) for t in tags))
    except (ValueError, TypeError, IndexError, RecursionError):  # json, unpacking, shapes, positions and dates
        return None
    _recalled = versions, (changed, more), plan, made
    return plan


def _feed(row: Any, entries: list[tuple[Any, ...]]) -> PlannedFeed:
    folder, title, description, named, fingerprint, tag, articles, updated = row
    _texts(folder, title, description, fingerprint)
    if tag is not None:
        _texts(tag)
    if type(articles) is not int or type(named) is not list or min(named, default=0) < 0:
        raise TypeError("not a planned feed")
    when = None if updated is None else datetime.fromisoformat(updated)
    if when is not None and when.tzinfo is None:
        raise ValueError("a naive date")
    inputs = tuple(map(entries.__getitem__, named))  # TypeError or IndexError unless positions of entries
    return PlannedFeed(
        folder, title, description, name=tag, articles=articles, updated=when, inputs=inputs, fingerprint=fingerprint
    )


def _entry(row: Any) -> tuple[Any, ...]:
    if type(row) is not list or len(row) not in (3, 4) or type(row[2]) is not list:
        raise TypeError("not a planned entry")
    "".join([row[0], row[1], *row[2], *row[3:]])  # TypeError unless every part is text: a loop in C
    return (row[0], row[1], row[2], *row[3:])


def _tag(row: Any) -> tuple[str, Tag]:
    from feeds.tags import Tag

    spelling, key, name, slug = row
    _texts(spelling, key, name, slug)
    return spelling, Tag(key, name, slug)


def _texts(*values: object) -> None:
    for value in values:
        if type(value) is not str:
            raise TypeError("not text")
