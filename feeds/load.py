"""Loading the content folder into documents: parsed in worker processes, or taken from the cache.

Two entry points: ``parse`` turns one file's bytes into a document, body included; ``load`` turns
the whole content folder into what planning reads of each document (``Planned``: the ``Meta`` of
the light index for a cached one, the ``Document`` itself for one parsed now), and says where each
body can be found again: in the cache, or at a ``BodyRef`` (``BodyRef.read``). ``fetch`` then
gives the full documents of the few that some changed feed shows.

No body stays in memory: 100,000 of them would not fit the build's budget, and most documents
are in no feed's window, so their bodies are never needed. With a cache each body is stored there
as it arrives; without one, a ``BodyRef`` says where to read it again if its entry is rendered.
A file that no longer parses keeps its last good version from the cache.
"""

from __future__ import annotations

import codecs
import gc
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial

from feeds.cache import Cache, Indexed, StaleIndex, digest
from feeds.config import Site
from feeds.document import Document, Planned, meta, without_body
from feeds.errors import (
    ContentError,
    FrontMatterError,
    MissingField,
    PageError,
    RedirectStub,
    UnknownFormatError,
    UnreadableText,
    printable,
)
from feeds.progress import NO_PROGRESS, READING, Progress
from feeds.sources import Found, read_bytes

log = logging.getLogger(__name__)
FREEZE_EVERY = 64  # documents taken between two gc.freeze() calls while loading


def parse(data: bytes, source: str, site: Site, label: str) -> tuple[Document, int | None]:
    """Decode, detect, parse and normalize one file's bytes; raise ContentError naming ``label``.

    Returns the document, body included, and where its body starts in the decoded text (None: the
    body is not a tail of it, so it cannot be read again from the file by offset).
    """
    doc, at, _ = parse_tail(data, source, site, label)
    return doc, at


def parse_tail(data: bytes, source: str, site: Site, label: str) -> tuple[Document, int | None, int | None]:
    """``parse``, and also where the body starts in ``data`` when the text is the bytes' plain
    UTF-8 decoding (``Text.raw``), else None: such a body is read again by decoding that tail alone."""
    from feeds import readers
    from feeds.normalize import to_document
    from feeds.sources import decode

    decoded = decode(data, label)
    text = decoded.text
    doc = to_document(readers.read(text, label), source, site, label=label)
    body = doc.body or ""
    if not text.endswith(body):
        return doc, None, None
    at = len(text) - len(body)
    if not decoded.raw:
        return doc, at, None
    bom = len(codecs.BOM_UTF8) if decoded.encoding == "utf-8-sig" else 0
    return doc, at, bom + len(text[:at].encode("utf-8"))


@dataclass(frozen=True)
class BodyRef:
    """Where to read a document's body again: the build keeps only the metadata of every file."""

    path: str
    source: str
    digest: str  # of the bytes the document was parsed from
    offset: int  # where the body starts in the decoded text
    root: str | None = None  # the content folder, resolved: the file read must still be inside it
    tail: int | None = None  # where the body starts in the bytes, when only that tail need be decoded

    def read(self, site: Site) -> tuple[str, bool]:
        """The body, and whether it is the one parsed (False: the file changed since).

        A file edited or deleted in the middle of a build gives its new body, or none; the next
        build sees the new bytes and renders them properly. The bytes themselves are compared, by
        their digest, not the file's stat: an edit in place that keeps the size and the times (in
        the same clock tick, or restored by a tool) must not have new bytes cut at the old offset.
        """
        same: list[bool] = []  # whether the bytes read are those parsed: hashed once

        def parsed(data: bytes) -> bool:
            same.append(digest(data) == self.digest)
            return same[0]

        try:
            data = read_bytes(self.path, root=self.root, known=parsed)
            if same[0] if same else parsed(data):
                # The very bytes parsed: every check decoding made passed on them already.
                if self.tail is not None:
                    return str(memoryview(data)[self.tail :], "utf-8"), True
                from feeds.sources import decode

                return decode(data, self.path, quiet=True).text[self.offset :], True  # warned when parsed
            return parse(data, self.source, site, self.path)[0].body or "", False
        except (OSError, ContentError) as exc:
            log.warning("%s: changed while the build ran (%s); its entry is rebuilt on the next run", self.path, exc)
            return "", False


@dataclass(frozen=True)
class Read:
    """What reading one file found (in a worker process, so it must pickle)."""

    digest: str | None = None
    doc: Document | None = None
    error: ContentError | None = None
    gone: bool = False  # deleted since it was listed
    same: bool = False  # bytes equal to the cached version's: not parsed again
    body_at: int | None = None  # doc came without its body, which starts here in the decoded text
    tail: int | None = None  # and here in the bytes, when decoding that tail alone gives it (BodyRef.tail)
    skip: tuple[str, str] | None = None  # (PAGE or OTHER, why): error is no error, the file is no article


# What a file that is not an article is: a page (a notice; --strict makes it an error), or another
# of a site folder's files (counted, listed with -v).
PAGE, OTHER = "page", "other"
ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
EXCLUDE_HINT = "the exclude setting leaves such files out unread"
_WHY_NOT: tuple[tuple[type[ContentError], str], ...] = (
    (UnknownFormatError, "no reader recognises it"),
    (FrontMatterError, "its front matter does not parse"),
    (MissingField, "it has no title or no date"),
    (UnreadableText, ""),  # the error's own message says why
)


def not_an_article(exc: ContentError, source: str) -> tuple[str, str] | None:
    """Whether the error ``exc`` that reading ``source`` met says the file is not an article, and why.

    A site folder holds pages, redirect stubs, data, code and fragments beside its posts. A file
    with an article's extension that cannot be read stays an error: nothing is lost silently.
    """
    if isinstance(exc, RedirectStub):
        return OTHER, f"{exc.message}; {EXCLUDE_HINT}"
    article = source.lower().endswith(ARTICLE_SUFFIXES)
    if isinstance(exc, PageError) and article:
        return PAGE, f"{exc.message}; give it a date to publish it, or list it in the exclude setting"
    if article:
        return None
    why = next((why or exc.message for kind, why in _WHY_NOT if isinstance(exc, kind)), None)
    if why is None:
        return None  # it declared itself an article (a title and a date, say) and something in it is wrong
    suffix = source.rpartition("/")[2].rpartition(".")
    ext = f"'.{suffix[2]}'" if suffix[1] and suffix[0] else "a name without an extension"
    return OTHER, f"not an article: {why}, and {ext} is not an article's; {EXCLUDE_HINT}"


def read_sent(site: Site, with_body: bool, root: str | None, i: int, sent: tuple[str, str, str | None]) -> Read:
    """``read_file`` of a file sent to a guard worker: its path, its source and its known digest."""
    path, source, known_digest = sent
    return read_file(path, source, known_digest, site, with_body=with_body, root=root)


def read_file(
    path: str, source: str, known_digest: str | None, site: Site, with_body: bool, root: str | None = None
) -> Read:
    """Read and parse one file, unless its bytes have ``known_digest``; never raises for the file."""
    digests: list[str] = []  # of the bytes read: hashed once

    def cached(data: bytes) -> bool:
        digests.append(digest(data))
        return digests[0] == known_digest

    try:
        data = read_bytes(path, root=root, known=cached if known_digest is not None else None)
    except FileNotFoundError:
        return Read(gone=True)
    except ContentError as exc:
        return Read(error=exc, skip=not_an_article(exc, source))
    file_digest = digests[0] if digests else digest(data)
    if file_digest == known_digest:
        return Read(file_digest, same=True)
    try:
        doc, body_at, tail = parse_tail(data, source, site, path)
    except ContentError as exc:
        return Read(file_digest, error=exc, skip=not_an_article(exc, source))
    if with_body or body_at is None:
        return Read(file_digest, doc=doc)
    # The body stays behind: the parent holds every document, and reads a body again only to
    # render it.
    return Read(file_digest, doc=without_body(doc), body_at=body_at, tail=tail)


@dataclass
class Loaded:
    """Every document's planning fields, and where the build finds the full documents and bodies."""

    docs: list[Planned] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # source -> sha256 of the file's bytes
    refs: dict[str, BodyRef] = field(default_factory=dict)  # bodies not in the cache
    errors: list[ContentError] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    pages: list[tuple[str, str, ContentError]] = field(default_factory=list)  # (source, why, as an error)
    others: list[tuple[str, str]] = field(default_factory=list)  # (source, why): no articles, no errors
    # Full documents: those parsed by this build, and those fetched from the cache (``fetch``).
    # Bodies left out (body None: in the cache, or at refs), but for the rare one that is not a
    # tail of its text and was loaded without a cache.
    full: dict[str, Document] = field(default_factory=dict)
    stats: list[Found] = field(default_factory=list)  # to read a file again when its cached row is bad
    root: str | None = None
    # The cache's index as the last build left it: what each document was then (``feeds.build``
    # tells an article published before from a newcomer that takes its slug).
    previous: Mapping[str, Indexed] = field(default_factory=dict)
    # Of the racy files (``feeds.sources.Found.racy``), the digest of the bytes read (None: unreadable).
    racy: dict[str, str | None] = field(default_factory=dict)

    def use_cached(self, source: str, hit: Indexed) -> None:
        """Plan ``source`` from its cached planning fields."""
        self.docs.append(hit.meta)
        self.digests[source] = hit.digest

    def keep_last_good(self, source: str, hit: Indexed, label: str) -> None:
        """``source`` broke (``label`` names it): publish its cached version until it is fixed."""
        self.use_cached(source, hit)
        self.kept.append(printable(label))  # the command says so, once, after the file's error


def fetch(loaded: Loaded, docs: Iterable[Planned], site: Site, cache: Cache) -> None:
    """Put the full documents of ``docs`` in ``loaded.full``: from the cache, one query per 500.

    A row that does not decode is parsed again from its file. When that gives other planning
    fields than the ones the build was planned from (a tampered cache, or a file changed since
    it was listed), StaleIndex: the build forgets those rows and plans again.
    """
    wanted = {doc.source: doc for doc in docs if doc.source not in loaded.full}
    if not wanted:
        return
    for source, hit in cache.documents(list(wanted)).items():
        # The index and the documents are written together: a full row that disagrees with its
        # index row was changed behind our back, and is not used.
        if hit.digest == loaded.digests.get(source) and same_planning(hit.doc, wanted[source]):
            loaded.full[source] = hit.doc
    missing = [source for source in wanted if source not in loaded.full]
    if not missing:
        return
    stats = {st.source: st for st in loaded.stats}
    bad = []
    for source in missing:
        st = stats.get(source)
        found = read_file(st.path, source, None, site, with_body=True, root=loaded.root) if st else Read()
        unchanged = found.digest is not None and found.digest == loaded.digests.get(source)
        if st and found.doc and found.digest and unchanged and same_planning(found.doc, wanted[source]):
            loaded.full[source] = store(cache, st, found.digest, found.doc)
        else:
            bad.append(source)
    if bad:
        raise StaleIndex(bad)


def store(cache: Cache, st: Found, file_digest: str, doc: Document) -> Document:
    """``cache.put_document`` of ``doc``, read from the file of ``st`` (as ``Found.recorded``)."""
    size, mtime_ns, ctime_ns, ino = st.recorded()
    return cache.put_document(size, mtime_ns, file_digest, doc, ctime_ns, ino)


def touch(cache: Cache, st: Found) -> None:
    """``cache.touch_document`` for the file of ``st``, whose bytes are as cached (as ``Found.recorded``)."""
    cache.touch_document(st.source, *st.recorded())


def same_planning(doc: Planned, planned: Planned) -> bool:
    """Whether ``doc`` has the planning fields ``planned`` has."""
    return _planning(doc) == _planning(planned)


def _planning(doc: Planned) -> tuple[object, ...]:
    # Offsets too: equal instants print differently.
    return (*meta(doc), doc.published.utcoffset(), doc.updated.utcoffset())


def load(
    stats: list[Found],
    site: Site,
    cache: Cache,
    refused: Mapping[str, str] | None = None,
    root: str | None = None,
    progress: Progress = NO_PROGRESS,
    previous: Mapping[str, Indexed] | None = None,
    failed: Mapping[str, tuple[str, ContentError]] | None = None,
) -> Loaded:
    """Documents for every file: from the cache when its bytes did not change, else parsed.

    A file that no longer parses keeps its last good version from the cache, so an editor's
    half-saved file or a typo never takes a published entry out of the feeds. So does a file that
    ``discover`` now refuses (``refused``: source -> path, such as a file swapped for a broken
    symlink or one pointing outside the content folder), and every file below a folder it refuses:
    it broke, it was not deleted. No body stays in memory: with a cache each is stored there as it
    arrives, without one the file is read again if its entry is rendered. With ``root`` (the
    content folder, resolved), a file that resolves outside it when opened is not read.
    ``progress`` counts the files read, as they come back. ``previous``: the index the last build
    left, when the cache's index is no longer that.

    Each file is read inside the guard (``feeds.guard``): whatever it raises, or a parse that
    overruns ``site.document_timeout``, is that file's error. ``failed`` (source -> (digest,
    error)) names the versions whose rendering failed earlier in this build: rejected like a file
    that does not parse, they keep their last good version.
    """
    from feeds.guard import guarded_imap
    from feeds.parallel import MIN_ITEMS, workers

    failed = failed or {}
    cached = cache.index()
    loaded = Loaded(stats=stats, root=root, previous=cached if previous is None else previous)
    stale: list[Found] = []
    not_articles: list[str] = []  # cached as articles once: no longer
    for st in stats:
        hit = cached.get(st.source)
        bad = failed.get(st.source)
        if hit and hit.stat() == st.stat() and not (bad and bad[0] == hit.digest):
            loaded.use_cached(st.source, hit)
            if st.racy:
                loaded.racy[st.source] = hit.digest
        else:
            stale.append(st)
    known = [hit.digest if (hit := cached.get(st.source)) else None for st in stale]

    def send(i: int) -> tuple[str, str, str | None]:
        return stale[i].path, stale[i].source, known[i]

    read = partial(read_sent, site, cache.enabled, root)

    if stale:
        # Imported here, before the workers fork: once, not again in each worker (and in each
        # one that replaces a killed worker).
        import feeds.normalize
        import feeds.readers  # noqa: F401
    # Below MIN_ITEMS files one worker: it is there to be killed, not to spread the work.
    procs = workers() if len(stale) >= MIN_ITEMS else 1
    guarded = guarded_imap(read, len(stale), lambda i: stale[i].path, site.document_timeout, procs, send, shared=True)
    results = progress.track(READING, len(stale), guarded)
    thawed = gc.get_freeze_count() == 0
    try:
        for n, (st, outcome) in enumerate(zip(stale, results, strict=True), start=1):
            found = outcome if isinstance(outcome, Read) else Read(error=outcome)
            if _take(loaded, st, found, cached.get(st.source), failed.get(st.source), cache, root):
                not_articles.append(st.source)
            if n % FREEZE_EVERY == 0:
                # The documents taken so far live to the end of the build: frozen, the collections
                # that unpickling the next ones triggers do not walk them again and again.
                gc.freeze()
    finally:
        if thawed:
            gc.unfreeze()
    listed = {st.source for st in stats}
    kept = _below_refused(cached, refused or {}, listed)
    for source, label in kept.items():
        loaded.keep_last_good(source, cached[source], printable(label))
    cache.delete_documents(set(cached) - listed - set(kept) | set(not_articles))
    return loaded


def _take(
    loaded: Loaded,
    st: Found,
    found: Read,
    hit: Indexed | None,
    bad: tuple[str, ContentError] | None,
    cache: Cache,
    root: str | None,
) -> bool:
    """Add to ``loaded`` what reading ``st`` found: its document, its error (and the last good
    version, ``hit``), or why it is not an article. True if ``hit``, cached as an article, is one
    no longer. ``bad``: the version whose rendering failed earlier in this build, if any."""
    if st.racy:
        loaded.racy[st.source] = found.digest
    if found.gone:
        return False  # deleted while we were building: gone, like any deleted file
    if bad and found.digest == bad[0]:
        loaded.errors.append(bad[1])
        if hit and hit.digest != found.digest:
            loaded.keep_last_good(st.source, hit, st.path)
        return False
    if found.same and hit:
        touch(cache, st)
        loaded.use_cached(st.source, hit)
    elif found.doc is not None and found.digest is not None:
        doc = found.doc
        if found.body_at is not None:
            loaded.refs[st.source] = BodyRef(st.path, st.source, found.digest, found.body_at, root, found.tail)
        elif cache.enabled:
            doc = store(cache, st, found.digest, doc)
        loaded.docs.append(doc)
        loaded.full[st.source] = doc
        loaded.digests[st.source] = found.digest
    elif found.skip is not None and not (hit and found.skip[0] == PAGE):
        kind, why = found.skip
        assert found.error is not None
        if kind == PAGE:
            loaded.pages.append((st.source, why, ContentError(found.error.path, why, found.error.line)))
        else:  # a redirect stub where a post was is a post moved: its entry goes
            loaded.others.append((st.source, why))
        return bool(hit)
    else:
        # A published post that lost its date is a post broken, not a page: it stays an error.
        assert found.error is not None
        loaded.errors.append(
            found.error if found.skip is None else ContentError(found.error.path, found.skip[1], found.error.line)
        )
        if hit:  # unreadable or invalid now: publish the last good version
            loaded.keep_last_good(st.source, hit, st.path)
    return False


def _below_refused(cached: Mapping[str, Indexed], refused: Mapping[str, str], listed: set[str]) -> dict[str, str]:
    """The cached sources that ``refused`` (source -> how errors name it) covers, each with its
    label, in order: a refused file, and every file below a refused folder (one swapped for a
    symbolic link out of the content folder, or one that cannot be listed). Either broke; neither
    was deleted."""
    found: dict[str, str] = {}
    if not refused:
        return found
    from bisect import bisect_left

    ordered = sorted(cached)  # each folder's files are then one run, however many are refused
    for source, label in refused.items():
        if source in cached and source not in listed:
            found[source] = label
        prefix = source.rstrip("/") + "/"
        i = bisect_left(ordered, prefix)
        while i < len(ordered) and ordered[i].startswith(prefix):
            if ordered[i] not in listed:
                found[ordered[i]] = label.rstrip("/") + "/" + ordered[i][len(prefix) :]
            i += 1
    return dict(sorted(found.items()))
