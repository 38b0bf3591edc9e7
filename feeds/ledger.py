"""Entry identity that survives moves: the id ledger, and the ids the cache remembers publishing.

A feed reader knows an entry by its id. feeds makes the id from the entry's link, so a renamed
file, a new slug, permalink pattern or domain would make every reader show old entries as new.
The ledger (setting ``id_ledger``) is a small TOML file, committed with the content, that pins
each entry's id the first time it is published: an entry is found in it by its source path, or,
when the file moved, by the hash of its bytes. It also keeps the time a date-only article was
first published, so a day's articles sort in the order they appeared.

Without the ledger the cache still remembers the ids it published, and a build warns before an
id changes under readers.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from feeds.errors import ConfigError

if TYPE_CHECKING:
    from feeds.cache import Cache
    from feeds.config import Site
    from feeds.document import Planned

log = logging.getLogger(__name__)

PUBLISHED_IDS = "published_ids"  # the cache's state row: source -> [id, digest] of the last build
HEADER = (
    "# The id ledger of feeds: each entry's id, pinned the first time it was published, so that\n"
    "# readers never see it as new after a move. Commit it with the content; the build keeps it.\n"
)
MAX_WARNINGS = 10  # id changes named one by one; the rest are counted
HASH_DIGITS = 16  # of a file's digest the cache remembers: enough to find a moved file
_DOCS = TypeVar("_DOCS", bound="Planned")
_ROW = TypeVar("_ROW")


@dataclass
class Pinned:
    """One entry of the ledger."""

    id: str
    hash: str  # sha256 of the source file's bytes when last published
    first_seen: datetime | None = None  # a date-only article: when it was first published


# --------------------------------------------------------------------------- the file
def read(path: Path) -> dict[str, Pinned]:
    """The ledger at ``path`` by source; empty if there is none yet. A broken one is a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"id ledger {str(path)!r} cannot be read: {exc}", key="id_ledger") from exc
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"id ledger {str(path)!r} is not valid TOML: {exc}", key="id_ledger") from exc
    rows: dict[str, Pinned] = {}
    for source, row in table.items():
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"]:
            raise ConfigError(
                f'id ledger {str(path)!r}: [{json.dumps(source, ensure_ascii=False)}] needs id = "..."',
                key="id_ledger",
            )
        seen = row.get("first_seen")
        if seen is not None and not (isinstance(seen, datetime) and seen.tzinfo is not None):
            raise ConfigError(
                f"id ledger {str(path)!r}: [{json.dumps(source, ensure_ascii=False)}] first_seen must be a "
                f"date and time with an offset, got {seen!r}",
                key="id_ledger",
            )
        digest = row.get("hash", "")
        rows[source] = Pinned(row["id"], digest if isinstance(digest, str) else "", seen)
    return rows


def _string(text: str) -> str:
    # JSON's escapes are TOML's basic string's; DEL is the one character TOML also wants escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def dump(rows: Mapping[str, Pinned]) -> str:
    """``rows`` as the ledger's text: one table per source, sorted, so a build's change is a small diff."""
    parts = [HEADER]
    for source in sorted(rows):
        row = rows[source]
        parts.append(f"\n[{_string(source)}]\nid = {_string(row.id)}\nhash = {_string(row.hash)}\n")
        if row.first_seen is not None:
            parts.append(f"first_seen = {row.first_seen.isoformat()}\n")
    return "".join(parts)


def write(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically, only if it differs; whether it was written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


# --------------------------------------------------------------------------- pinning
def date_only(doc: Planned, site: Site) -> bool:
    """Whether ``doc`` was dated without a time of day. A date alone is read as midnight in the
    site's zone (``feeds.dates``), and no other trace of it is kept: an article that gives
    00:00:00 itself is taken as date-only too, and gets the time it was first published."""
    return doc.published.astimezone(site.timezone).time() == time()


def _with(doc: _DOCS, **fields: Any) -> _DOCS:
    """``doc`` (a Document or a Meta) with ``fields`` changed."""
    if isinstance(doc, tuple):
        return doc._replace(**fields)
    return replace(doc, **fields)  # type: ignore[type-var]


class _Gone(Generic[_ROW]):
    """The rows of files no longer read, by the hash of their bytes: where a moved file was."""

    def __init__(self, rows: Mapping[str, _ROW], present: set[str], hash_of: Callable[[_ROW], str]) -> None:
        self.by_hash: dict[str, list[str]] = {}
        for source in sorted(source for source in rows if source not in present):
            if digest := hash_of(rows[source]):
                self.by_hash.setdefault(digest, []).append(source)

    def claim(self, digest: str) -> str | None:
        """The first source whose file had bytes ``digest``, taken: no two files claim one row."""
        sources = self.by_hash.get(digest) if digest else None
        return sources.pop(0) if sources else None


@dataclass
class Pending:
    """What a build will keep once it has written its output: the ledger's new text."""

    path: Path
    text: str

    def save(self) -> None:
        if not _READ_ONLY.get():
            write(self.path, self.text)


_READ_ONLY = contextvars.ContextVar("ledger_read_only", default=False)


@contextlib.contextmanager
def read_only() -> Iterator[None]:
    """Builds inside it read the ledger and never write it (``feeds build --dry-run``)."""
    token = _READ_ONLY.set(True)
    try:
        yield
    finally:
        _READ_ONLY.reset(token)


def pin(
    site: Site, docs: Sequence[_DOCS], digests: Mapping[str, str], at: datetime, *, previous: dict[str, Pinned]
) -> tuple[list[_DOCS], dict[str, Pinned]]:
    """``docs`` with the ids (and first-seen times) of the ledger ``previous``; the new ledger.

    A document is found by its source, else by the hash of its bytes among sources no longer
    read (a renamed file); a new one is pinned as it is now. Date-only articles first published
    by this build get this build's time of day on their own date, a second apart when several
    share a date, in the order of their paths.
    """
    rows = dict(previous)
    gone = _Gone(rows, set(digests), lambda row: row.hash)
    ids_in_use: dict[str, str] = {}  # id -> the source that holds it in this build
    seen_times = {row.first_seen for row in rows.values() if row.first_seen is not None}
    by_source = {doc.source: doc for doc in docs}
    out: dict[str, _DOCS] = {}
    for source in sorted(by_source):
        if source not in rows:
            old = gone.claim(digests.get(source, ""))
            if old is not None:
                rows[source] = rows.pop(old)
    clock = at.astimezone(site.timezone).timetz().replace(microsecond=0)
    for source in sorted(by_source):
        doc = by_source[source]
        digest = digests.get(source, "")
        row = rows.get(source)
        if row is None or ids_in_use.get(row.id, source) != source:
            row = Pinned(doc.id, digest)
        row.hash = digest or row.hash
        ids_in_use[row.id] = source
        fields: dict[str, Any] = {}
        if row.id != doc.id:
            fields["id"] = row.id
        if date_only(doc, site):
            day = doc.published.astimezone(site.timezone).date()
            if row.first_seen is None or row.first_seen.astimezone(site.timezone).date() != day:
                seen = datetime.combine(day, clock).replace(tzinfo=site.timezone)
                while seen in seen_times:
                    seen += timedelta(seconds=1)
                seen_times.add(seen)
                row.first_seen = seen
            fields["published"] = row.first_seen
            # An update of its own is kept; none, or an earlier one, is the first-seen time.
            fields["updated"] = row.first_seen if doc.updated == doc.published else max(doc.updated, row.first_seen)
        else:
            row.first_seen = None
        rows[source] = row
        out[source] = _with(doc, **fields) if fields else doc
    return [out[doc.source] for doc in docs], rows


# --------------------------------------------------------------------------- the build's part
def apply(
    site: Site, cache: Cache, docs: Sequence[_DOCS], digests: Mapping[str, str], at: datetime, *, drafts: bool = False
) -> tuple[list[_DOCS], Pending | None]:
    """``docs`` as the build publishes them: with the ledger's ids and first-seen times when the
    site has one; warns of every published id that changes. Returns what to save once the build
    has written its output (None: no ledger, or a build with ``drafts``, a preview that publishes
    nothing: its drafts must not be pinned at the time they were previewed)."""
    pending = None
    published = list(docs)
    if site.id_ledger is not None:
        published, rows = pin(site, docs, digests, at, previous=read(site.id_ledger))
        pending = None if drafts else Pending(site.id_ledger, dump(rows))
    warn_changed_ids(cache, published, digests, ledger=site.id_ledger is not None)
    return published, pending


def warn_changed_ids(cache: Cache, docs: Sequence[Planned], digests: Mapping[str, str], *, ledger: bool) -> None:
    """Warn of each id the last build published that this one changes (matched by source, then
    by the bytes of a file that moved); remember this build's ids in the cache."""
    if not cache.enabled:
        return
    ordered = sorted(docs, key=lambda d: d.source)
    # A flat JSON list (source, id, digest's first 16 hex digits, ...): 100,000 documents cost a
    # tenth of a second to write and to read, and nothing more when no id changed.
    text = json.dumps(
        [x for d in ordered for x in (d.source, d.id, digests.get(d.source, "")[:HASH_DIGITS])], ensure_ascii=False
    )
    old = cache.get(PUBLISHED_IDS)
    if text == old:
        return
    cache.put(PUBLISHED_IDS, text)
    try:
        flat = json.loads(old or "[]")
        if not isinstance(flat, list) or len(flat) % 3:
            return  # not ours, or from another version: nothing to compare with
        remembered = {flat[k]: (str(flat[k + 1]), str(flat[k + 2])) for k in range(0, len(flat), 3)}
        gone = _Gone(remembered, set(digests), lambda row: row[1])
    except (ValueError, TypeError):  # a tampered cache: a list for a source
        return
    changed: list[tuple[str, str, str]] = []
    for doc in ordered:
        source = doc.source if doc.source in remembered else gone.claim(digests.get(doc.source, "")[:HASH_DIGITS])
        if source is not None and remembered[source][0] != doc.id:
            changed.append((doc.source, remembered[source][0], doc.id))
    advice = "" if ledger else " (an id_ledger setting keeps ids across moves)"
    for source, was, now in changed[:MAX_WARNINGS]:
        log.warning("%s: its id changes from %s to %s: readers will show it as a new entry%s", source, was, now, advice)
    if len(changed) > MAX_WARNINGS:
        log.warning("%d more published ids change", len(changed) - MAX_WARNINGS)
