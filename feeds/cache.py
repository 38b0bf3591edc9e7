"""The build cache: parsed documents, rendered HTML and feed fingerprints, in SQLite.

The cache only ever saves work. Every value is checked on the way out, and a cache that is
missing, corrupt, from another schema or another feeds version is thrown away and rebuilt:
the worst a bad cache can cost is one full build. It holds plain data only (text, numbers and
JSON), never pickles: anyone who can write the cache file must not be able to run code.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from feeds import __version__
from feeds.cacherows import doc_from_json, doc_json, document_model, meta_from_json, meta_json

if TYPE_CHECKING:
    from feeds.document import Document, Meta

log = logging.getLogger(__name__)

# Bumped whenever the same bytes parse or render differently, or rows change shape, so an old
# cache's documents and HTML are dropped rather than served (2: the news reader's rewrite;
# 3: documents stored as JSON, never pickles; 4: documents carry the references their HTML
# depends on, and slugs lose file-name dates; 5: a document without its body has body None, not "";
# 6: the light index, table metas; 7: files' ctimes and inodes, author urls checked, path
# placeholders percent-encoded; 8: the light index holds the authors' names).
SCHEMA = 8
FILENAME = "cache.sqlite"
_TABLES = """
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY,   -- path relative to the content folder
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,      -- sha256 of the file's bytes when doc was read from it
    doc TEXT NOT NULL,         -- the Document without its body, as JSON (doc_json)
    body TEXT NOT NULL,
    ctime_ns INTEGER NOT NULL,
    ino INTEGER NOT NULL
);
-- The light index: what planning reads of every document (feeds.document.Meta), apart from the
-- documents' rows so that an incremental build reads 100,000 short rows, not 100,000 long ones.
CREATE TABLE IF NOT EXISTS metas (
    source TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,
    meta TEXT NOT NULL,        -- as JSON (meta_json)
    ctime_ns INTEGER NOT NULL,
    ino INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,     -- under out/
    fingerprint TEXT NOT NULL, -- of everything the file's bytes depend on
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
"""

_TABLE_NAMES = ("state", "documents", "metas", "html", "outputs")
_PROBES = (
    "SELECT key, value FROM state LIMIT 0",
    "SELECT source, size, mtime_ns, digest, doc, body, ctime_ns, ino FROM documents LIMIT 0",
    "SELECT source, size, mtime_ns, digest, meta, ctime_ns, ino FROM metas LIMIT 0",
    "SELECT key, html FROM html LIMIT 0",
    "SELECT path, fingerprint, size, mtime_ns FROM outputs LIMIT 0",
)


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """No garbage collection inside: for a loop that makes an object per document or output and
    no cycle, where each collection would only walk them again (and every object made before)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class StaleIndex(Exception):
    """Cached rows whose full document is unreadable, or disagrees with the light index the build
    was planned from (a damaged or tampered cache): the build forgets them and plans again."""

    def __init__(self, sources: list[str]) -> None:
        super().__init__(f"{len(sources)} cached document(s) do not match the index")
        self.sources = sources
        self.previous: Mapping[str, Indexed] | None = None  # the index before the build (feeds.build)


@dataclass(frozen=True)
class CachedDocument:
    size: int
    mtime_ns: int
    digest: str
    doc: Document  # body is None: load it with Cache.bodies() when it is needed


class Indexed(NamedTuple):
    """A document as the light index holds it (a NamedTuple: 100,000 are made per incremental build)."""

    size: int
    mtime_ns: int
    digest: str
    meta: Meta
    ctime_ns: int = 0
    ino: int = 0

    def stat(self) -> tuple[int, int, int, int]:
        """The file's stat when it was read (``feeds.sources.Found.stat``)."""
        return self.size, self.mtime_ns, self.ctime_ns, self.ino


class OutputRecord(NamedTuple):
    """One output as the last build wrote it (a NamedTuple: an edit build reads one per output)."""

    fingerprint: str
    size: int
    mtime_ns: int
    # Whether the file still had this size and mtime when the records were read (``Cache.outputs``
    # given out/), so that asking again stats nothing; None: not looked at.
    intact: bool | None = None

    def still_written(self, fingerprint: str, path: Path | str, rel: str = "") -> bool:
        """Whether ``path`` (or ``rel`` in the folder ``path``) is still the file this record says
        was written from ``fingerprint``: the same inputs, and its size and mtime untouched since."""
        if self.fingerprint != fingerprint:
            return False
        if self.intact is not None:
            return self.intact
        try:
            st = os.stat(os.path.join(path, rel) if rel else path)
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == (self.size, self.mtime_ns)


class Cache:
    """A connection to the cache database, or a no-op stand-in when caching is off."""

    def __init__(self, db: sqlite3.Connection | None) -> None:
        self._db = db
        # The outputs table as ``outputs`` last read it, until ``replace_outputs`` writes it, and
        # the records ``outputs`` made of it then.
        self._written: dict[Any, tuple[Any, ...]] | None = None
        self._read: dict[str, OutputRecord] = {}
        # How many times each state row was written through this connection, and transactions
        # begun or undone: ``versions``, by which a caller knows a long row is still the one it read.
        self._puts: dict[str, int] = {}
        self._epochs = 0
        self._writing = False  # in a transaction: no other connection writes

    @classmethod
    def open(cls, folder: Path | None) -> Cache:
        """Open (or create) the cache in ``folder``; ``None`` gives a cache that remembers nothing."""
        if folder is None:
            return cls(None)
        path = folder / FILENAME
        for attempt in (1, 2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, isolation_level=None)
                cache = cls(db)
                cache._prepare()
                return cache
            except (sqlite3.Error, OSError, ValueError) as exc:
                with contextlib.suppress(Exception):
                    db.close()
                if attempt == 2:
                    log.warning("cache %s unusable (%s); building without it", path, exc)
                    return cls(None)
                log.warning("cache %s unusable (%s); starting a new one", path, exc)
                for stale in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
                    # A folder where the database should be, or a file where its folder should be:
                    # not ours to delete. The second attempt fails too, and the build goes on without.
                    with contextlib.suppress(OSError):
                        stale.unlink()
        raise AssertionError("unreachable")

    def _prepare(self) -> None:
        assert self._db is not None
        db = self._db
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_TABLES)
        # No integrity check here: it reads the whole file on every run. A damaged page raises
        # sqlite3.DatabaseError when touched, and the build then starts over without the cache.
        try:
            for probe in _PROBES:
                db.execute(probe).fetchall()
        except sqlite3.Error:
            # Tables of the right names but another shape: not ours to trust. Start over.
            db.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in _TABLE_NAMES))
            db.executescript(_TABLES)
        stamp = f"{SCHEMA}/{__version__}"
        if self.get("stamp") != stamp:
            # Another schema or feeds version: what it parsed or rendered may differ from ours.
            with self.transaction():
                for table in _TABLE_NAMES:
                    db.execute(f"DELETE FROM {table}")
                self.put("stamp", stamp)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def discard(self) -> None:
        """Delete the database: used when it failed in the middle of a build."""
        if self._db is not None:
            path = self._db.execute("PRAGMA database_list").fetchone()[2]
            self.close()
            for stale in (path, path + "-journal", path + "-wal"):
                with contextlib.suppress(OSError):
                    Path(stale).unlink()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._db is None:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._epochs += 1  # what was read before may have changed since: versions never match across
        self._writing = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            self._written = None  # the outputs table may be as it was before outputs() read it
            raise
        finally:
            self._epochs += 1
            self._writing = False
        self._db.execute("COMMIT")

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part of the open transaction that is undone, alone, if it raises."""
        if self._db is None:
            yield
            return
        self._db.execute("SAVEPOINT part")
        try:
            yield
        except BaseException:
            self._written = None
            self._epochs += 1
            self._db.execute("ROLLBACK TO part")
            self._db.execute("RELEASE part")
            raise
        self._db.execute("RELEASE part")

    # ---------------------------------------------------------------- state
    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str) -> None:
        if self._db is not None:
            self._puts[key] = self._puts.get(key, 0) + 1
            self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def forget(self, key: str) -> None:
        if self._db is not None:
            self._puts[key] = self._puts.get(key, 0) + 1
            self._db.execute("DELETE FROM state WHERE key = ?", (key,))

    def versions(self, *keys: str) -> tuple[object, ...]:
        """What changes whenever one of the state rows of ``keys`` may have: equal twice inside
        one transaction (no other connection writes then), they are the rows read in between."""
        if not self._writing:
            return (object(),)  # another process may write between two reads: never equal
        return (self, self._epochs, *(self._puts.get(key, 0) for key in keys))

    # ---------------------------------------------------------------- documents
    def index(self, sources: Sequence[str] | None = None) -> dict[str, Indexed]:
        """The planning fields of the cached documents of ``sources`` (None: all) by source, in
        queries of short rows; rows that do not convert back are dropped (their files are read again)."""
        if self._db is None:
            return {}
        document_model()
        found: dict[str, Indexed] = {}
        dropped = 0
        with uncollected():
            for source, size, mtime_ns, digest, text, ctime_ns, ino in self._rows(
                "SELECT source, size, mtime_ns, digest, meta, ctime_ns, ino FROM metas", sources
            ):
                planned = meta_from_json(source, text)
                if (
                    planned is None or type(size) is not int or type(mtime_ns) is not int or type(digest) is not str
                    or type(ctime_ns) is not int or type(ino) is not int
                ):  # fmt: skip
                    dropped += 1
                else:
                    found[source] = Indexed(size, mtime_ns, digest, planned, ctime_ns, ino)
        if dropped:
            log.warning("cache: %d unreadable document row(s) dropped; their files are read again", dropped)
        return found

    def documents(self, sources: Sequence[str] | None = None) -> dict[str, CachedDocument]:
        """The full cached documents of ``sources`` (None: all), by source, one query per 500;
        rows that do not convert back to a Document are left out."""
        if self._db is None:
            return {}
        document_model()
        found: dict[str, CachedDocument] = {}
        dropped = 0
        for source, size, mtime_ns, digest, text in self._rows(
            "SELECT source, size, mtime_ns, digest, doc FROM documents", sources
        ):
            doc = doc_from_json(source, text)
            if doc is not None and type(size) is int and type(mtime_ns) is int and type(digest) is str:
                found[source] = CachedDocument(size, mtime_ns, digest, doc)
            else:
                dropped += 1
        if dropped:
            log.warning("cache: %d unreadable document row(s) dropped; their files are read again", dropped)
        return found

    def _rows(self, query: str, sources: Sequence[str] | None) -> Iterator[tuple[Any, ...]]:
        """The rows of ``query`` (a table with a source column), for ``sources`` only unless None:
        one query per 500, SQLite's limit on parameters being 999 in old versions."""
        assert self._db is not None
        if sources is None:
            yield from self._db.execute(query)
            return
        for start in range(0, len(sources), 500):
            chunk = tuple(sources[start : start + 500])
            yield from self._db.execute(f"{query} WHERE source IN ({','.join('?' * len(chunk))})", chunk)

    def bodies(self, sources: Sequence[str]) -> dict[str, str]:
        """The stored bodies of ``sources``, by source; one query per 500."""
        if self._db is None:
            return {}
        return {
            source: body
            for source, body in self._rows("SELECT source, body FROM documents", sources)
            if isinstance(body, str)
        }

    def put_document(
        self, size: int, mtime_ns: int, digest: str, doc: Document, ctime_ns: int = 0, ino: int = 0
    ) -> Document:
        """Store ``doc``, its body apart; return it without its body, as documents() gives it back."""
        bodiless = replace(doc, body=None)
        if self._db is not None:
            size, mtime_ns, ctime_ns, ino = _int64(size), _int64(mtime_ns), _int64(ctime_ns), _int64(ino)
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.source, size, mtime_ns, digest, doc_json(doc), doc.body or "", ctime_ns, ino),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO metas VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc.source, size, mtime_ns, digest, meta_json(doc), ctime_ns, ino),
            )
        return bodiless

    def touch_document(self, source: str, size: int, mtime_ns: int, ctime_ns: int = 0, ino: int = 0) -> None:
        """The file's stat changed but not its bytes (a `touch`, a checkout): remember the new stat."""
        if self._db is not None:
            for table in ("documents", "metas"):
                self._db.execute(
                    f"UPDATE {table} SET size = ?, mtime_ns = ?, ctime_ns = ?, ino = ? WHERE source = ?",
                    (_int64(size), _int64(mtime_ns), _int64(ctime_ns), _int64(ino), source),
                )

    def delete_documents(self, sources: Iterable[str] | None = None) -> None:
        """Forget the documents of ``sources`` (None: every document)."""
        if self._db is None:
            return
        chosen = None if sources is None else [(s,) for s in sources]  # once: read for both tables
        for table in ("documents", "metas"):
            if chosen is None:
                self._db.execute(f"DELETE FROM {table}")
            else:
                self._db.executemany(f"DELETE FROM {table} WHERE source = ?", chosen)

    # ---------------------------------------------------------------- rendered HTML
    def html(self, key: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT html FROM html WHERE key = ?", (key,)).fetchone()
        return row[0] if row and isinstance(row[0], str) else None

    def put_html(self, key: str, html: str) -> None:
        if self._db is not None:
            # Bound as UTF-8 bytes and stored as text: a str bound as text keeps its UTF-8 copy
            # for as long as it lives, and the entry showing this HTML holds it to the last feed.
            self._db.execute("INSERT OR REPLACE INTO html VALUES (?, CAST(? AS TEXT))", (key, html.encode()))

    def drop_html(self, keys: Iterable[str]) -> None:
        if self._db is not None:
            self._db.executemany("DELETE FROM html WHERE key = ?", ((k,) for k in keys))

    def prune_html(self, keep: Iterable[str]) -> None:
        if self._db is not None:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_html (key TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM keep_html")
            self._db.executemany("INSERT OR IGNORE INTO keep_html VALUES (?)", ((k,) for k in keep))
            self._db.execute("DELETE FROM html WHERE key NOT IN (SELECT key FROM keep_html)")

    # ---------------------------------------------------------------- outputs
    def outputs(self, out_dir: Path | None = None) -> dict[str, OutputRecord]:
        """What the last build wrote. A row of the wrong types (a tampered cache) is left out, as
        if that file had never been recorded: it is written again if it is still a feed.

        With ``out_dir``, each file is stat'ed here, in one pass relative to the open folder (no
        Path made per file), and its record says whether it was found as recorded (``intact``).
        """
        if self._db is None:
            return {}
        with uncollected():
            return self._outputs(out_dir)

    def _outputs(self, out_dir: Path | None) -> dict[str, OutputRecord]:
        assert self._db is not None
        self._read = {}
        rows = self._db.execute("SELECT path, fingerprint, size, mtime_ns FROM outputs").fetchall()
        # What the table holds, tampered rows too: ``replace_outputs`` writes only what differs.
        self._written = {row[0]: row[1:] for row in rows}
        rows = [
            row
            for row in rows
            if type(row[0]) is str and type(row[1]) is str and type(row[2]) is int and type(row[3]) is int
        ]
        if out_dir is None:
            made = {path: OutputRecord(fp, size, mtime_ns) for path, fp, size, mtime_ns in rows}
            self._read = made.copy()  # the caller's to change
            return made
        found: dict[str, OutputRecord] = {}
        try:
            folder = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return {path: OutputRecord(fp, size, mtime_ns, False) for path, fp, size, mtime_ns in rows}
        try:
            for path, fp, size, mtime_ns in rows:
                try:
                    st = os.stat(path, dir_fd=folder)
                    intact = st.st_size == size and st.st_mtime_ns == mtime_ns
                except (OSError, ValueError):  # gone, or a name no file can have (a NUL)
                    intact = False
                found[path] = OutputRecord(fp, size, mtime_ns, intact)
        finally:
            os.close(folder)
        self._read = found.copy()  # the caller's to change
        return found

    def output_stats(self) -> list[tuple[str, int, int]]:
        """(path, size, mtime_ns) of every output recorded: what a no-change build compares,
        without making an OutputRecord of each."""
        if self._db is None:
            return []
        return self._db.execute("SELECT path, size, mtime_ns FROM outputs").fetchall()

    def replace_outputs(self, records: dict[str, OutputRecord]) -> None:
        if self._db is None:
            return
        written, self._written = self._written, None
        read, self._read = self._read, {}
        if written is None:
            self._db.execute("DELETE FROM outputs")
            self._db.executemany(
                "INSERT INTO outputs VALUES (?, ?, ?, ?)",
                ((p, r.fingerprint, _int64(r.size), _int64(r.mtime_ns)) for p, r in records.items()),
            )
            return
        # The table is as ``outputs`` read it (nothing else writes it): only the rows that differ
        # change, a few of 15,000 in an edit. A record ``outputs`` made is its row as read; any
        # other is compared as it is stored.
        changed = []
        for p, r in records.items():
            if read.get(p) is r:
                continue
            row = (r.fingerprint, _int64(r.size), _int64(r.mtime_ns))
            if written.get(p) != row:
                changed.append((p, *row))
        self._db.executemany("DELETE FROM outputs WHERE path = ?", [(p,) for p in written.keys() - records.keys()])
        self._db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)", changed)


def _int64(n: int) -> int:
    """``n`` as a signed 64-bit integer, all SQLite holds. A file's mtime in nanoseconds passes that
    after 2262 (``touch -d 2300-01-01``): it wraps, then never equals the file's stat, so the file
    is read again (and its digest compared) on every build: slower for that file, never wrong."""
    return (n + 2**63) % 2**64 - 2**63


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
