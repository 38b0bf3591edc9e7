"""The normalized document model every reader's output is turned into."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple, Protocol


@dataclass(frozen=True)
class Author:
    name: str
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """One article, whatever format it was written in.

    ``body`` is the body exactly as written and ``markup`` names how to render it
    (``fragments.content_html``): rendering is deferred because most documents of a large
    site are in no feed's window and never need HTML. ``body`` is None when the document was
    loaded without it (``feeds.load``): the build keeps the metadata of every document, and
    reads a body again only to render it.
    """

    source: str  # path relative to the content folder, with forward slashes
    format: str  # the reader that recognised the file
    title: str
    published: datetime  # always timezone-aware
    updated: datetime  # always timezone-aware, >= published unless the source says otherwise
    authors: tuple[Author, ...]
    tags: tuple[str, ...]  # as written (trimmed); site-wide spelling is decided by feeds.tags
    summary: str | None  # plain text
    language: str
    slug: str
    link: str  # absolute, percent-encoded URL
    id: str  # stable across title edits and rebuilds
    body: str | None  # None: not loaded (see above); "" is an empty body
    markup: str
    publication: str | None = None  # the news outlet named in a byline like "[애플경제 전윤미 기자]"
    draft: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)  # metadata keys feeds has no use for, kept
    body_line: int = 1  # line of the file the body starts on, for messages about the body
    # Other documents the body links to by path ({% link %}, {{< ref >}}, {filename}): its HTML
    # depends on their links too (feeds.dialects).
    references: tuple[str, ...] = ()

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.authors)


def without_body(doc: Document) -> Document:
    """``dataclasses.replace(doc, body=None)``, without running ``__init__`` again: the fields
    are the ones ``doc`` was made with, and this runs for every document parsed."""
    copy = object.__new__(Document)
    copy.__dict__.update(doc.__dict__, body=None)
    return copy


class Planned(Protocol):
    """What choosing and ordering a site's entries reads of a document (select, duplicates, feed
    plans, tags, fingerprints, links): a ``Document`` or its ``Meta``."""

    @property
    def source(self) -> str: ...
    @property
    def published(self) -> datetime: ...
    @property
    def updated(self) -> datetime: ...
    @property
    def id(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def link(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def draft(self) -> bool: ...
    @property
    def references(self) -> tuple[str, ...]: ...
    @property
    def author_names(self) -> tuple[str, ...]: ...


class Meta(NamedTuple):
    """A document's planning fields only (``Planned``): what the cache gives back for every
    document, so an edit at 100,000 documents decodes the full ``Document`` of only the few dozen
    that a changed feed shows. A NamedTuple: 100,000 of them are made on every incremental build."""

    source: str
    published: datetime
    updated: datetime
    id: str
    slug: str
    link: str
    tags: tuple[str, ...]
    draft: bool
    references: tuple[str, ...]
    author_names: tuple[str, ...] = ()  # the document's own authors: author feeds are planned from them


def meta(doc: Planned) -> Meta:
    return Meta(
        doc.source, doc.published, doc.updated, doc.id, doc.slug, doc.link, doc.tags, doc.draft, doc.references,
        doc.author_names,
    )  # fmt: skip
