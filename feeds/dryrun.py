"""What subscribers will see: ``feeds build --dry-run`` builds a copy and compares its feeds.

The build runs as it would, on copies: of ``out/`` (with its files' times, so that what is
unchanged stays unchanged), of the cache, in a temporary folder; the ledger is read, never
written. Nothing the real build owns is touched. Each feed's entries, current page and archive
pages together, are then compared with what ``out/`` holds now, read from its JSON Feed files.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feeds.archivepaths import PAGE
from feeds.build import LOCK_FILE, BuildResult, build
from feeds.cache import FILENAME
from feeds.config import Site
from feeds.ledger import read_only

log = logging.getLogger(__name__)

FEED_FILE = "feed.json"  # the format compared: every feed has one, and it is plain JSON
FIELDS = ("title", "content", "date", "link", "id")  # what a change is told by, in this order
MATCHED_BY = FIELDS[:-1]  # an entry whose id changed is found by these...
MATCHING = 2  # ...at least this many of them the same


@dataclass(frozen=True)
class Shown:
    """An entry as a subscriber's reader shows it."""

    id: str
    title: str
    content: str
    date: str
    link: str

    def differences(self, other: Shown) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) != getattr(other, name)]


@dataclass
class FeedChanges:
    appear: list[Shown] = field(default_factory=list)
    change: list[tuple[Shown, Shown, list[str]]] = field(default_factory=list)  # (now, then, fields)
    leave: list[Shown] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.appear or self.change or self.leave)

    def as_json(self) -> dict[str, Any]:
        return {
            "appear": [{"id": e.id, "title": e.title} for e in self.appear],
            "change": [_change(now, then, fields) for now, then, fields in self.change],
            "leave": [{"id": e.id, "title": e.title} for e in self.leave],
        }


def _change(now: Shown, then: Shown, fields: list[str]) -> dict[str, Any]:
    told: dict[str, Any] = {"id": now.id, "title": now.title, "fields": fields}
    if now.id != then.id:
        told["was_id"] = then.id
    return told


@dataclass
class Preview:
    result: BuildResult  # the build's, as it would have been
    feeds: dict[str, FeedChanges]  # feed folder under out/ ("" is the main feed) -> its changes, changed ones only

    def as_json(self) -> dict[str, Any]:
        summary = self.result.summary()
        summary["dry_run"] = {folder: changes.as_json() for folder, changes in self.feeds.items()}
        return summary

    def lines(self, out_dir: Path) -> list[str]:
        """The changes as text, a feed at a time."""
        lines = []
        for folder, changes in self.feeds.items():
            counts = f"{len(changes.appear)} appear, {len(changes.change)} change, {len(changes.leave)} leave"
            lines.append(f"feed {out_dir / folder / FEED_FILE}: {counts}")
            lines += [f"  + {e.title} ({e.id})" for e in changes.appear]
            for now, then, fields in changes.change:
                was = f", was {then.id}" if now.id != then.id else ""
                lines.append(f"  ~ {now.title} ({now.id}{was}): {', '.join(fields)}")
            lines += [f"  - {e.title} ({e.id})" for e in changes.leave]
        written, removed = len(self.result.written), len(self.result.removed)
        lines.append(
            f"dry run: nothing written; {len(self.feeds)} feed(s) would change, "
            f"{written} file(s) would be written and {removed} removed"
        )
        return lines


def preview(
    site: Site,
    content_dir: Path,
    out_dir: Path,
    *,
    cache_dir: Path | None,
    include_future: bool = False,
    strict: bool = False,
    drafts: bool = False,
) -> Preview:
    """What ``feeds build`` would change in ``out_dir``'s feeds, writing nothing of its own."""
    with tempfile.TemporaryDirectory(prefix="feeds-dry-run-") as scratch:
        copy_out, copy_cache = Path(scratch) / "out", Path(scratch) / "cache"
        if out_dir.is_dir():
            shutil.copytree(out_dir, copy_out, symlinks=True, ignore=shutil.ignore_patterns(LOCK_FILE, ".*.tmp"))
        if cache_dir is not None:
            _copy_cache(cache_dir / FILENAME, copy_cache / FILENAME)
        with read_only():
            result = build(
                _not_reading(site, content_dir, (out_dir, cache_dir)),
                content_dir,
                copy_out,
                include_future=include_future,
                strict=strict,
                drafts=drafts,
                cache_dir=copy_cache if cache_dir is not None else None,
            )
        before, after = feeds_in(out_dir), feeds_in(copy_out)
    changes = {folder: compare(before.get(folder, {}), after.get(folder, {})) for folder in sorted({*before, *after})}
    return Preview(result, {folder: c for folder, c in changes.items() if c})


def _copy_cache(source: Path, target: Path) -> None:
    """A consistent copy of the cache database, read only; none when there is none or it is busy."""
    if not source.is_file():
        return
    target.parent.mkdir(parents=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)) as db,
            contextlib.closing(sqlite3.connect(target)) as copy,
        ):
            db.backup(copy)
    except sqlite3.Error as exc:
        log.warning("cache %s unreadable (%s); the dry run builds without it", source, exc)
        target.unlink(missing_ok=True)


def _not_reading(site: Site, content_dir: Path, folders: tuple[Path | None, ...]) -> Site:
    """``site`` excluding the real output and cache where they are inside the content folder: the
    build skips its own folders, and the copy's are elsewhere."""
    from dataclasses import replace

    root = content_dir.resolve()
    extra = []
    for folder in folders:
        if folder is None:
            continue
        try:
            rel = folder.resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        extra.append(f"{glob.escape(rel)}/*")
    return replace(site, exclude=site.exclude + tuple(extra)) if extra else site


def feeds_in(out_dir: Path) -> dict[str, dict[str, Shown]]:
    """Each feed's entries by id, its archive pages' with its own: folder -> id -> entry."""
    found: dict[str, dict[str, Shown]] = {}
    if not out_dir.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(out_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if FEED_FILE not in filenames:
            continue
        rel = Path(dirpath).relative_to(out_dir).as_posix()
        folder = "" if rel == "." else rel + "/"
        page = PAGE.fullmatch(folder)
        entries = found.setdefault(page["base"] if page else folder, {})
        for entry in _entries(Path(dirpath) / FEED_FILE):
            entries.setdefault(entry.id, entry)
    return found


def _entries(path: Path) -> list[Shown]:
    try:
        items = json.loads(path.read_text(encoding="utf-8")).get("items", [])
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("%s: not a JSON Feed (%s); its entries are left out of the comparison", path, exc)
        return []
    shown = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            dates = (item.get("date_published") or "", item.get("date_modified") or "")
            shown.append(
                Shown(
                    id=item["id"],
                    title=str(item.get("title") or ""),
                    content=str(item.get("content_html") or item.get("content_text") or item.get("summary") or ""),
                    date=" ".join(d for d in dates if isinstance(d, str) and d),
                    link=str(item.get("url") or ""),
                )
            )
    return shown


def compare(before: Mapping[str, Shown], after: Mapping[str, Shown]) -> FeedChanges:
    """The entries of ``after`` (in its order) that are new, changed or gone since ``before``. An
    entry is the same entry by its id; failing that, by agreeing in at least two of its title,
    content, date and link: a moved file, whose id changes, is a change of id, not an entry that
    leaves and one that appears, and two short articles with one body are not one entry."""
    gone = [e for i, e in before.items() if i not in after]
    new = [e for i, e in after.items() if i not in before]
    having: dict[tuple[str, str], list[int]] = {}  # (field, value) -> the gone entries with it
    for g, old in enumerate(gone):
        for name in MATCHED_BY:
            having.setdefault((name, getattr(old, name)), []).append(g)
    candidates = []
    for n, now in enumerate(new):
        sharing = {g for name in MATCHED_BY for g in having.get((name, getattr(now, name)), ())}
        for g in sharing:
            score = sum(getattr(now, name) == getattr(gone[g], name) for name in MATCHED_BY)
            if score >= MATCHING:
                candidates.append((-score, n, g))
    was: dict[str, Shown] = {}  # new id -> the gone entry it is
    claimed: set[int] = set()
    for _, n, g in sorted(candidates):
        if new[n].id not in was and g not in claimed:
            was[new[n].id] = gone[g]
            claimed.add(g)
    changes = FeedChanges()
    for entry in after.values():
        then = before.get(entry.id) or was.get(entry.id)
        if then is None:
            changes.appear.append(entry)
        elif differences := entry.differences(then):
            changes.change.append((entry, then, differences))
    changes.leave = [old for g, old in enumerate(gone) if g not in claimed]
    return changes
