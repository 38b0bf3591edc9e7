"""The cache's rows of documents, as plain data: a Document (without its body) or the planning
fields of one as a flat JSON array, and back, checked field by field so that a damaged or tampered
row comes back as None, never as a wrong document (feeds.cache stores and reads them)."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # bound by document_model() when rows are read
    from feeds.document import Author, Document, Meta

# ------------------------------------------------------------------- documents as plain data
# A flat JSON array, one json.loads a row: a no-change rebuild of 10,000 documents reads them all.
# Dates, times and datetimes in ``extra`` (YAML and TOML make them) travel as one-key objects
# whose key no front matter can write as text by accident (it starts with NUL).
_WHEN = {"\0datetime": datetime.fromisoformat, "\0date": date.fromisoformat, "\0time": time.fromisoformat}


def document_model() -> None:
    """Bind the classes rows convert back to (``meta_from_json``, ``doc_from_json``), before
    the first is read. Not at the top: a no-change build reads no document, and making them
    (frozen dataclasses) is a cost it need not pay; nor in those functions, which run for every row."""
    global Author, Document, Meta
    from feeds.document import Author, Document, Meta


def doc_json(doc: Document) -> str:
    return json.dumps(
        [
            doc.format, doc.title, doc.published.isoformat(), doc.updated.isoformat(),
            [[a.name, a.email, a.url] for a in doc.authors], list(doc.tags), doc.summary, doc.language,
            doc.slug, doc.link, doc.id, doc.markup, doc.publication, doc.draft, _plain(dict(doc.extra)),
            doc.body_line, list(doc.references),
        ],
        ensure_ascii=False,
    )  # fmt: skip


def meta_json(doc: Document) -> str:
    return json.dumps(
        [doc.published.isoformat(), doc.updated.isoformat(), doc.id, doc.slug, doc.link, list(doc.tags), doc.draft,
         list(doc.references), list(doc.author_names)],
        ensure_ascii=False,
    )  # fmt: skip


_LIST_DECODER = json.JSONDecoder()  # a meta holds no objects: no hook to call


def meta_from_json(source: str, text: object) -> Meta | None:
    """The planning fields stored for ``source``, or None when the row is not one (damaged, tampered)."""
    # Runs for every cached document on every incremental build: kept to a few microseconds.
    try:
        if type(text) is not str or type(source) is not str:
            return None
        published, updated, doc_id, slug, link, tags, draft, references, names = _LIST_DECODER.decode(text)
        if not (
            type(doc_id) is str and type(slug) is str and type(link) is str and type(draft) is bool
            and type(tags) is list and type(references) is list and type(names) is list
        ):  # fmt: skip
            return None
        "".join(tags), "".join(references), "".join(names)  # TypeError unless every item is text: a loop in C
        first = datetime.fromisoformat(published)
        last = first if updated == published else datetime.fromisoformat(updated)  # mostly the same
        if first.tzinfo is None or last.tzinfo is None:
            return None
        return Meta(source, first, last, doc_id, slug, link, tuple(tags), draft, tuple(references), tuple(names))
    except (ValueError, TypeError, RecursionError):  # json, unpacking and date errors
        return None


def _plain(value: Any) -> Any:
    """``value`` as JSON can carry it; what it cannot (bytes, sets) becomes text."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, datetime):
        return {"\0datetime": value.isoformat()}
    if isinstance(value, date):
        return {"\0date": value.isoformat()}
    if isinstance(value, time):
        return {"\0time": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _revive(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        key, value = next(iter(obj.items()))
        if key in _WHEN and isinstance(value, str):
            return _WHEN[key](value)
    return obj


_DECODER = json.JSONDecoder(object_hook=_revive)  # made once: json.loads(..., object_hook=) makes one a call


def doc_from_json(source: str, text: object) -> Document | None:
    """The Document stored for ``source``, or None when the row is not one (damaged, tampered)."""
    # Checked field by field, without generators: this runs for every cached document on every
    # incremental build, so it is kept to a few microseconds.
    try:
        if type(text) is not str or type(source) is not str:
            return None
        (fmt, title, published, updated, authors, tags, summary, language, slug, link,
         doc_id, markup, publication, draft, extra, body_line, references) = _DECODER.decode(text)  # fmt: skip
        if not (
            type(fmt) is str and type(title) is str and type(language) is str and type(slug) is str
            and type(link) is str and type(doc_id) is str and type(markup) is str and type(draft) is bool
            and (summary is None or type(summary) is str) and (publication is None or type(publication) is str)
            and type(extra) is dict and type(tags) is list and type(authors) is list
            and type(body_line) is int and type(references) is list
        ):  # fmt: skip
            return None
        for text_item in (*tags, *references):
            if type(text_item) is not str:
                return None
        people = []
        for author in authors:
            if not _is_author(author):
                return None
            people.append(Author(*author))
        first, last = datetime.fromisoformat(published), datetime.fromisoformat(updated)
        if first.tzinfo is None or last.tzinfo is None:
            return None
        return Document(
            source, fmt, title, first, last, tuple(people), tuple(tags), summary,
            language, slug, link, doc_id, None, markup, publication, draft, extra, body_line, tuple(references),
        )  # fmt: skip
    except (ValueError, TypeError, RecursionError):  # json, unpacking and date errors
        return None


def _is_author(value: object) -> bool:
    return (
        type(value) is list
        and len(value) == 3
        and type(value[0]) is str
        and (value[1] is None or type(value[1]) is str)
        and (value[2] is None or type(value[2]) is str)
    )
