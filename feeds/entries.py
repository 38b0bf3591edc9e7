"""Feed entries: built once per document and shared by every feed it is in, HTML cached by digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from feeds.cache import Cache
from feeds.config import Site
from feeds.document import Document, Planned
from feeds.load import Loaded, fetch
from feeds.migrate.links import Links
from feeds.progress import NO_PROGRESS, RENDERING, Progress

if TYPE_CHECKING:
    from feeds.feedsets import Entry, Feed, FeedPlan
    from feeds.tags import Tag


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

    def categories(self, doc: Planned) -> tuple[str, ...]:
        from feeds.tags import tag_key

        return tuple(dict.fromkeys(self.tags[tag_key(t)].name for t in doc.tags))

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
            from feeds.feedsets import Entry
            from feeds.pictures import entry_image
            from feeds.render import excerpt, split_more

            doc = self.document(planned)
            content, before_marker = split_more(self._content(doc))
            summary = doc.summary or before_marker or excerpt(content) or doc.title
            self.built[doc.source] = Entry(doc, self.categories(doc), summary, content, entry_image(doc, content))
        return self.built[planned.source]

    def feed(self, plan: FeedPlan) -> Feed:
        """``plan`` as a finished feed, every entry built: what the output formats serialize."""
        from feeds.feedsets import Feed

        return Feed(plan.folder, plan.title, plan.description, self.site, tuple(self(d) for d in plan.docs))

    def _content(self, doc: Document) -> str:
        if doc.source in self.rendered:
            return self.rendered.pop(doc.source)
        key = self._html_key(doc)
        cached = self.cache.html(key) if key else None
        if cached is not None:
            return cached
        html, cacheable = self._render(doc, self._stored_bodies([doc]))
        if key and cacheable:
            self.cache.put_html(key, html)
        return html

    def _stored_bodies(self, docs: Iterable[Document]) -> dict[str, str]:
        # Read in the parent, in one query: a forked worker must not touch the SQLite connection.
        return self.cache.bodies([d.source for d in docs if d.body is None and d.source not in self.refs])

    def _render(self, doc: Document, stored: dict[str, str]) -> tuple[str, bool]:
        """The document's HTML, and whether it may be cached under its file's digest."""
        from feeds.render import marked_html

        body, cacheable = doc.body, True
        if body is None:
            ref = self.refs.get(doc.source)
            body, cacheable = ref.read(self.site) if ref else (stored.get(doc.source, ""), True)
        return marked_html(replace(doc, body=body), self.site, self.links), cacheable

    def render_ahead(self, docs: Iterable[Planned], progress: Progress = NO_PROGRESS) -> None:
        """Render, across processes, the HTML of every document not cached yet, counting each in ``progress``."""
        from feeds.markup import renderer
        from feeds.parallel import imap_indexes

        todo: dict[str, Planned] = {}
        for doc in docs:
            if doc.source in todo or doc.source in self.built or doc.source in self.rendered:
                continue
            key = self._html_key(doc)
            if key is None or self.cache.html(key) is None:
                todo[doc.source] = doc
        self.fetch(todo.values())
        pending = [self.loaded.full[source] for source in todo]
        for markup in sorted({doc.markup for doc in pending}):
            renderer(markup)  # imported here, before the fork: a markup's one-time checks run once
        stored = self._stored_bodies(pending)
        results = progress.track(
            RENDERING, len(pending), imap_indexes(lambda i: self._render(pending[i], stored), len(pending))
        )
        for doc, (html, cacheable) in zip(pending, results, strict=True):
            self.rendered[doc.source] = html
            if cacheable and (key := self._html_key(doc)):
                self.cache.put_html(key, html)

    def dependencies(self, doc: Planned) -> str:
        """What ``doc``'s HTML depends on besides its file and link: the links of the documents it
        names (``{% link %}``, ``ref``, ``{filename}``). Empty for most documents."""
        return self.links.fingerprint(doc)

    def _html_key(self, doc: Planned) -> str | None:
        file_digest = self.digests.get(doc.source)
        return self.html_key(doc, file_digest) if file_digest else None

    def html_key(self, doc: Planned, file_digest: str) -> str:
        """The key of ``doc``'s HTML in the cache, when its file's bytes have ``file_digest``."""
        # The file's bytes and the link its relative URLs resolve against: a file renamed or moved
        # to another slug keeps its digest but not its HTML. A body that links to other documents
        # also depends on their links: an edit there must not leave a stale link here.
        deps = self.dependencies(doc) + self.settings
        return f"{file_digest} {doc.link} {deps}" if deps else f"{file_digest} {doc.link}"

    def html_keys(self, docs: Iterable[Planned]) -> set[str]:
        return {key for doc in docs if (key := self._html_key(doc))}

    def forget(self, sources: Iterable[str]) -> None:
        """Let go of the built entries (and full documents) of ``sources``: an article page is
        written once, and a large site's HTML need not all be held at once."""
        for source in sources:
            self.built.pop(source, None)
            self.loaded.full.pop(source, None)
