"""Feed entries: built once per document and shared by every feed it is in, HTML cached by digest."""

from __future__ import annotations

import hashlib
from collections.abc import Generator, Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from feeds.cache import Cache
from feeds.config import Site
from feeds.dialects.links import Links
from feeds.document import Document, Planned
from feeds.load import BodyRef, Loaded, fetch
from feeds.markup import DEFAULT_MARKDOWN
from feeds.progress import NO_PROGRESS, RENDERING, Progress

if TYPE_CHECKING:
    from feeds.feed import Entry, Feed
    from feeds.guard import RenderFailed
    from feeds.plan import PlannedFeed
    from feeds.tags import Tag

BODIES = 256  # stored bodies read from the cache at once, as their documents are handed to the workers


class Entries:
    """Entries built once per document and shared by every feed it is in; HTML cached by file digest."""

    def __init__(self, tags: dict[str, Tag], cache: Cache, loaded: Loaded, site: Site, links: Links) -> None:
        self.tags = tags
        self.links = links  # built before any fork: rendering workers share it
        self.cache = cache
        self.loaded = loaded
        self.digests = loaded.digests
        self.refs = loaded.refs
        self.site = site
        # Settings the HTML depends on beyond each document: Liquid's site variables, the separator.
        settings = (dict(site.site_variables), site.excerpt_separator)
        self.settings = "" if settings == ({}, None) else hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
        self.built: dict[str, Entry] = {}
        self.rendered: dict[str, str] = {}  # HTML rendered ahead, not yet taken by an entry
        self._paths: dict[str, str] | None = None  # source -> path, for errors (_label)
        self._categories: dict[tuple[str, ...], tuple[str, ...]] = {}  # a document's tags -> their names

    def categories(self, doc: Planned) -> tuple[str, ...]:
        # Asked for each feed a document is in, when its feed's fingerprint is made: made once per
        # set of tags.
        found = self._categories.get(doc.tags)
        if found is None:
            from feeds.tags import tag_key

            found = self._categories[doc.tags] = tuple(dict.fromkeys(self.tags[tag_key(t)].name for t in doc.tags))
        return found

    def fetch(self, docs: Iterable[Planned]) -> None:
        """Load the full documents of ``docs`` ahead, in one query (``feeds.load.fetch``)."""
        fetch(self.loaded, docs, self.site, self.cache)

    def document(self, planned: Planned) -> Document:
        """The full document ``planned`` is the planning fields of."""
        if planned.source not in self.loaded.full:
            self.fetch([planned])
        return self.loaded.full[planned.source]

    def __call__(self, planned: Planned) -> Entry:
        if planned.source not in self.built:
            from feeds.feed import Entry
            from feeds.fragments import excerpt, split_more
            from feeds.pictures import entry_image

            doc = self.document(planned)
            if (doc.id, doc.published, doc.updated) != (planned.id, planned.published, planned.updated):
                # As planned: the id ledger pins ids and first-seen dates (feeds.ledger).
                doc = replace(doc, id=planned.id, published=planned.published, updated=planned.updated)
            html = self._content(doc)
            try:
                content, before_marker = split_more(html)
                summary = doc.summary or before_marker or excerpt(content) or doc.title
                image = entry_image(doc, content)
            except Exception as exc:  # whatever one document does fails it alone
                raise self._failed({doc.source: exc}) from exc
            self.built[doc.source] = Entry(doc, self.categories(doc), summary, content, image)
        return self.built[planned.source]

    def feed(self, plan: PlannedFeed) -> Feed:
        """``plan`` as a finished feed, every entry built: what the output formats serialize."""
        from feeds.feed import Feed

        entries = tuple(self(d) for d in plan.docs)
        return Feed(plan.folder, plan.title, plan.description, self.site, entries, plan.links, plan.since)

    def _content(self, doc: Document) -> str:
        if doc.source in self.rendered:
            return self.rendered.pop(doc.source)
        key = self._html_key(doc)
        cached = self.cache.html(key) if key else None
        if cached is not None:
            return cached
        ((html, cacheable),) = self._convert_guarded([doc])
        if key and cacheable:
            self.cache.put_html(key, html)
        return html

    def _stored_bodies(self, docs: Iterable[Document]) -> dict[str, str]:
        # Read in the parent, in one query: a forked worker must not touch the SQLite connection.
        return self.cache.bodies([d.source for d in docs if d.body is None and d.source not in self.refs])

    def _convert(self, doc: Document, stored: dict[str, str]) -> tuple[str, bool]:
        """The document's HTML, and whether it may be cached under its file's digest."""
        from feeds.fragments import marked_html

        body, cacheable = doc.body, True
        if body is None:
            ref = self.refs.get(doc.source)
            body, cacheable = ref.read(self.site) if ref else (stored.get(doc.source, ""), True)
        return marked_html(replace(doc, body=body), self.site, self.links), cacheable

    def convert_ahead(self, docs: Iterable[Planned], progress: Progress = NO_PROGRESS) -> None:
        """Convert to HTML, across processes, every document not cached yet, counting each in ``progress``."""
        from feeds.markup import converter

        todo: dict[str, Planned] = {}
        cached = self.cache.enabled  # without a cache no HTML is stored: no key to make
        for doc in docs:
            if doc.source in todo or doc.source in self.built or doc.source in self.rendered:
                continue
            key = self._html_key(doc) if cached else None
            if key is None or self.cache.html(key) is None:
                todo[doc.source] = doc
        self.fetch(todo.values())
        pending = [self.loaded.full[source] for source in todo]
        for markup in sorted({doc.markup for doc in pending}):
            converter(markup)  # imported here, before the fork: a markup's one-time checks run once
        results = self._convert_guarded(pending, progress)
        for doc, (html, cacheable) in zip(pending, results, strict=True):
            self.rendered[doc.source] = html
            if cached and cacheable and (key := self._html_key(doc)):
                self.cache.put_html(key, html)

    def convert_chunks(
        self, chunks: Sequence[Sequence[Planned]], progress: Progress = NO_PROGRESS
    ) -> Generator[None, None, None]:
        """``convert_ahead`` of each of ``chunks`` in turn: yields when a chunk's HTML is ready.

        One set of workers converts every chunk, and the next chunks while the caller uses one
        (writes its pages, then ``forget``s it): they are forked once, not once per chunk, and
        neither side waits for the other. A chunk's documents are fetched, and its stored bodies
        read, when its first document is handed to a worker; each document travels to its worker
        with its body, as the workers were forked before it was fetched. RenderFailed, when a
        document failed, after the rest of its chunk is converted.
        """
        from feeds.guard import guarded_imap
        from feeds.markup import converter
        from feeds.parallel import MIN_ITEMS, workers

        cached = self.cache.enabled
        wanted: list[list[Planned]] = []
        seen: set[str] = set()
        for chunk in chunks:
            todo = []
            for doc in chunk:
                if doc.source in seen or doc.source in self.built or doc.source in self.rendered:
                    continue
                seen.add(doc.source)
                key = self._html_key(doc) if cached else None
                if key is None or self.cache.html(key) is None:
                    todo.append(doc)
            wanted.append(todo)
        flat = [(k, doc) for k, todo in enumerate(wanted) for doc in todo]
        # Imported before the fork: a markup's one-time checks run once (those of the documents
        # fetched already, every one in a full build).
        full = self.loaded.full
        for markup in sorted({full[doc.source].markup for _, doc in flat if doc.source in full}):
            converter(markup)
        ready: dict[str, tuple[Document, str | None]] = {}  # the chunk being handed out

        def send(i: int) -> tuple[Document, str | None, BodyRef | None]:
            k, doc = flat[i]
            if doc.source not in ready:
                ready.clear()
                self.fetch(wanted[k])
                full = [self.loaded.full[d.source] for d in wanted[k]]
                stored = self._stored_bodies(full)
                ready.update((d.source, (d, stored.get(d.source))) for d in full)
            full_doc, body = ready[doc.source]
            return full_doc, body, self.refs.get(doc.source)

        procs = workers() if len(flat) >= MIN_ITEMS else 1  # one worker: there to be killed
        results = guarded_imap(
            partial(convert_sent, self.site, self.links),
            len(flat),
            lambda i: self._label(flat[i][1].source),
            self.site.document_timeout,
            procs,
            send,
            shared=True,
        )
        tracked = progress.track(RENDERING, len(flat), results)
        try:
            for todo in wanted:
                failures: dict[str, BaseException] = {}
                for doc, outcome in zip(todo, tracked, strict=False):
                    if isinstance(outcome, BaseException):
                        failures[doc.source] = outcome
                        continue
                    html, cacheable = outcome
                    self.rendered[doc.source] = html
                    if cached and cacheable and (key := self._html_key(doc)):
                        self.cache.put_html(key, html)
                if failures:
                    raise self._failed(failures)
                yield
        finally:
            results.close()

    def _convert_guarded(self, docs: list[Document], progress: Progress = NO_PROGRESS) -> list[tuple[str, bool]]:
        """``_convert`` of each of ``docs``, inside the guard (``feeds.guard``): in worker processes
        that are killed past ``document_timeout``. RenderFailed names every document that failed."""
        from feeds.guard import guarded_imap
        from feeds.parallel import MIN_ITEMS, workers

        procs = workers() if len(docs) >= MIN_ITEMS else 1  # one worker: there to be killed
        label = lambda i: self._label(docs[i].source)  # noqa: E731
        # The stored bodies are read BODIES at a time, as their documents are handed out, and each
        # travels with its document: neither side holds every body of a full build at once.
        window: list[int] = [0, 0]
        stored: dict[str, str] = {}

        def send(i: int) -> tuple[Document, str | None, BodyRef | None]:
            if not window[0] <= i < window[1]:
                window[:] = [i, i + BODIES]
                stored.clear()
                stored.update(self._stored_bodies(docs[i : i + BODIES]))
            return docs[i], stored.get(docs[i].source), self.refs.get(docs[i].source)

        if procs == 1:  # the build's session worker, forked before these documents: they travel to it
            guarded = guarded_imap(
                partial(convert_sent, self.site, self.links),
                len(docs),
                label,
                self.site.document_timeout,
                procs,
                send,
                shared=True,
            )
        else:  # forked here: the documents are inherited, only the bodies travel
            guarded = guarded_imap(
                lambda i, body: convert_sent(self.site, self.links, i, (docs[i], body, self.refs.get(docs[i].source))),
                len(docs),
                label,
                self.site.document_timeout,
                procs,
                lambda i: send(i)[1],
            )
        results: list[tuple[str, bool]] = []
        failures: dict[str, BaseException] = {}
        for doc, outcome in zip(docs, progress.track(RENDERING, len(docs), guarded), strict=True):
            if isinstance(outcome, BaseException):
                failures[doc.source] = outcome
            else:
                results.append(outcome)
        if failures:
            raise self._failed(failures)
        return results

    def _label(self, source: str) -> str:
        """The file ``source`` was read from, as errors name it."""
        if self._paths is None:  # made once, and only when a document failed
            self._paths = {st.source: st.path for st in self.loaded.stats}
        return self._paths.get(source, source)

    def _failed(self, failures: dict[str, BaseException]) -> RenderFailed:
        """RenderFailed for ``failures`` (source -> what it raised, a ContentError naming it or not)."""
        from feeds.errors import ContentError
        from feeds.guard import GuardError, RenderFailed, describe

        named: dict[str, tuple[str, ContentError]] = {}
        for source, exc in failures.items():
            error = exc if isinstance(exc, ContentError) else GuardError(self._label(source), describe(exc))
            named[source] = (self.digests.get(source, ""), error)
        return RenderFailed(named)

    def dependencies(self, doc: Planned) -> str:
        """What ``doc``'s HTML depends on besides its file and link: the links of the documents it
        names (``{% link %}``, ``ref``, ``{filename}``). Empty for most documents."""
        return self.links.fingerprint(doc)

    def pinned(self, doc: Planned) -> str:
        """What the id ledger (``feeds.ledger``) sets of ``doc`` beyond its file: a feed showing it
        is written again when that changes. Empty without a ledger."""
        if self.site.id_ledger is None:
            return ""
        return f" id={doc.id} published={doc.published.isoformat()} updated={doc.updated.isoformat()}"

    def _html_key(self, doc: Planned) -> str | None:
        file_digest = self.digests.get(doc.source)
        return self.html_key(doc, file_digest) if file_digest else None

    def html_key(self, doc: Planned, file_digest: str) -> str:
        """The key of ``doc``'s HTML in the cache, when its file's bytes have ``file_digest``."""
        # The file's bytes and the link its relative URLs resolve against: a file renamed or moved
        # to another slug keeps its digest but not its HTML. A body that links to other documents
        # also depends on their links: an edit there must not leave a stale link here.
        deps = self.dependencies(doc) + self.settings
        # The Markdown engine is the file's (its front matter, in the digest) or the settings' for
        # its path: changing the settings, or moving the file to a folder with another, re-renders.
        engine = self.site.markdown_for(doc.source)
        if engine != DEFAULT_MARKDOWN:
            deps += f" markdown={engine}"
        return f"{file_digest} {doc.link} {deps}" if deps else f"{file_digest} {doc.link}"

    def html_keys(self, docs: Iterable[Planned]) -> set[str]:
        if not self.cache.enabled:
            return set()
        # A document is in several feeds (its tags', the archives'): its key is made once.
        return {key for doc in {doc.source: doc for doc in docs}.values() if (key := self._html_key(doc))}

    def forget(self, sources: Iterable[str]) -> None:
        """Let go of the built entries (and full documents) of ``sources``: an article page is
        written once, and a large site's HTML need not all be held at once."""
        for source in sources:
            self.built.pop(source, None)
            self.loaded.full.pop(source, None)


def convert_sent(
    site: Site, links: Links, i: int, sent: tuple[Document, str | None, BodyRef | None]
) -> tuple[str, bool]:
    """A document's HTML, and whether it may be cached, in a guard worker it was sent to with its
    stored body or its reference (``Entries._convert`` there)."""
    from feeds.fragments import marked_html

    doc, stored, ref = sent
    body, cacheable = doc.body, True
    if body is None:
        body, cacheable = ref.read(site) if ref else (stored or "", True)
    return marked_html(replace(doc, body=body), site, links), cacheable
