"""Atom 1.0 (RFC 4287) structure: required elements, dates, IRIs, text constructs, links, ids."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from feeds.validate.content import check_html
from feeds.validate.dates import parse_rfc3339
from feeds.validate.findings import Collector
from feeds.validate.iri import is_absolute, resolve, xml_base
from feeds.validate.model import SeenEntry, SeenFeed, duplicates

ATOM_NS = "http://www.w3.org/2005/Atom"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_TEXT_TYPES = ("text", "html", "xhtml")
# RFC 2045 token "/" token, optionally followed by parameters.
_MIME = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+\s*(;.*)?$")
_ALTERNATE = ("alternate", "http://www.iana.org/assignments/relation/alternate")


def _q(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _children(parent: etree._Element, name: str) -> list[etree._Element]:
    return list(parent.iterchildren(_q(name)))


def check_atom(root: etree._Element, out: Collector) -> SeenFeed:
    _cardinality(
        root,
        "feed",
        out,
        once=("id", "title", "updated"),
        at_most_once=("subtitle", "rights", "icon", "logo", "generator"),
    )
    _check_id(root, "feed", out)
    for name in ("title", "subtitle", "rights"):
        for element in _children(root, name):
            _check_text(element, out, f"feed {name}")
    _check_date(root, "updated", "feed", out)
    self_link, _alternate = _check_links(root, "feed", out)
    if self_link is None:
        out.warning(
            "MissingSelf",
            root,
            'the feed has no <link rel="self" href="…"/>; add one with the URL '
            "the feed is published at, so readers can subscribe to it",
        )
    feed_has_author = _check_persons(root, out)
    entries = [_check_entry(entry, feed_has_author, out) for entry in _children(root, "entry")]
    for entry, first in duplicates(entries):
        out.error(
            "DuplicateIds",
            entry.line,
            f"entry id {entry.id!r} is also used by the entry on line {first}; every entry needs its own id",
        )
    _check_updated_unique(root, out)
    return SeenFeed("atom", self_link[0] if self_link else None, self_link[1] if self_link else None, entries)


def _check_entry(entry: etree._Element, feed_has_author: bool, out: Collector) -> SeenEntry:
    _cardinality(
        entry,
        "entry",
        out,
        once=("id", "title", "updated"),
        at_most_once=("published", "content", "summary", "rights", "source"),
    )
    entry_id = _check_id(entry, "entry", out)
    for name in ("title", "rights"):
        for element in _children(entry, name):
            _check_text(element, out, f"entry {name}")
    for name in ("summary", "content"):
        for element in _children(entry, name):
            kind = _check_text(element, out, f"entry {name}", content=name == "content")
            _check_payload(element, kind, f"entry {name}", out)
    updated = _check_date(entry, "updated", "entry", out)
    published = _check_date(entry, "published", "entry", out)
    _self, alternate = _check_links(entry, "entry", out)
    has_author = _check_persons(entry, out) or any(_children(source, "author") for source in _children(entry, "source"))
    if not has_author and not feed_has_author:
        out.error(
            "MissingElement",
            entry,
            "the entry has no <author> and neither has the feed; add "
            "<author><name>…</name></author> to the feed or to every entry",
        )
    if not _children(entry, "content") and alternate is None:
        out.error(
            "MissingContentOrAlternate",
            entry,
            'the entry has neither <content> nor a <link rel="alternate">; add the article link or its content',
        )
    titles = _children(entry, "title")
    title = " ".join("".join(titles[0].itertext()).split()) if titles else None
    return SeenEntry(entry_id, alternate, title, published, updated, entry.sourceline)


def _check_updated_unique(root: etree._Element, out: Collector) -> None:
    """The W3C service's DuplicateUpdated: two entries of a feed with one atom:updated, as written.

    Its rule (feedvalidator's entry.py, ``unique('updated', feed, DuplicateUpdated)``) compares the
    text, not the instant: ``…T09:00:00Z`` and ``…T18:00:00+09:00`` are two values to it.
    """
    generator = root.find(_q("generator"))
    ours = generator is not None and (generator.text or "").strip() == "feeds"
    seen: dict[str, int | None] = {}
    for entry in _children(root, "entry"):
        for element in _children(entry, "updated"):
            value = element.text or ""
            if not value:
                continue  # an empty date has its own finding
            if value not in seen:
                seen[value] = element.sourceline
                continue
            message = (
                f"this entry's <updated> {value} is the same as the entry's on line {seen[value]}; "
                "the W3C Feed Validation Service warns, as dates should be as precise as they can be"
            )
            if ours and value[10:19] == "T00:00:00":
                message += (
                    ". feeds wrote midnight because the articles give a date without a time "
                    "(date: 2025-03-10); give them their times (date: 2025-03-10 14:30) to tell them apart"
                )
            else:
                message += "; if both entries really changed at that moment, nothing needs doing"
            out.warning("DuplicateUpdated", element, message)


def _cardinality(
    parent: etree._Element, what: str, out: Collector, *, once: tuple[str, ...], at_most_once: tuple[str, ...]
) -> None:
    for name in once + at_most_once:
        found = _children(parent, name)
        if not found and name in once:
            code = "MissingTitle" if name == "title" else "MissingElement"
            out.error(code, parent, f"the {what} has no <{name}>; RFC 4287 requires exactly one")
        elif len(found) > 1:
            out.error(
                "DuplicateElement",
                found[1],
                f"the {what} has {len(found)} <{name}> elements; RFC 4287 allows one, remove the others",
            )


def _check_id(parent: etree._Element, what: str, out: Collector) -> str | None:
    found = _children(parent, "id")
    if not found:
        return None
    value = (found[0].text or "").strip()
    if not is_absolute(value):
        out.error(
            "InvalidFullLink",
            found[0],
            f"{what} id {value!r} is not an absolute IRI; use a full URL (https://…) or a tag: or urn: IRI",
        )
    return value or None


def _check_date(parent: etree._Element, name: str, what: str, out: Collector) -> datetime | None:
    found = _children(parent, name)
    if not found:
        return None
    parsed = parse_rfc3339(found[0].text or "")
    if parsed.problem:
        out.add(parsed.level, parsed.code, found[0], f"{what} {name}: {parsed.problem}")
    return parsed.value


def _check_text(element: etree._Element, out: Collector, where: str, *, content: bool = False) -> str:
    """Check a text construct (or atom:content); return its type."""
    kind = (element.get("type") or "text").strip()
    children = [c for c in element if isinstance(c.tag, str)]
    if content and element.get("src") is not None:
        if (element.text or "").strip() or children:
            out.error(
                "ContentSrcNotEmpty",
                element,
                f"{where} has a src attribute and also text; content given by src must be empty, so drop one of them",
            )
        if kind in _TEXT_TYPES:
            out.error(
                "InvalidTextType",
                element,
                f'{where} with src must have a MIME type such as type="text/html", not type="{kind}"',
            )
        return "src"
    if kind in ("text", "html"):
        if children:
            out.error(
                "NotEscaped",
                children[0],
                f'{where} has type="{kind}" but contains the element '
                f"<{etree.QName(children[0]).localname}>; escape the HTML "
                '(type="html") or use type="xhtml" with a <div>',
            )
    elif kind == "xhtml":
        div = f"{{{XHTML_NS}}}div"
        text_outside = (element.text or "").strip() or any((c.tail or "").strip() for c in children)
        if len(children) != 1 or children[0].tag != div or text_outside:
            out.error(
                "MissingXhtmlDiv",
                element,
                f'{where} has type="xhtml" but its content is not wrapped in '
                'exactly one <div xmlns="http://www.w3.org/1999/xhtml">',
            )
    elif not content or not _MIME.match(kind) or kind.lower().startswith("multipart/"):
        allowed = "text, html, xhtml or a non-composite MIME type" if content else "text, html or xhtml"
        out.error("InvalidTextType", element, f'type="{kind}" on {where} is not valid; use {allowed}')
    return kind


def _check_payload(element: etree._Element, kind: str, where: str, out: Collector) -> None:
    """The content checks on escaped HTML (type="html") and inline XHTML."""
    base = xml_base(element)
    if kind == "html":
        check_html(element.text or "", out, line=element.sourceline, where=where, base=base)
    elif kind == "xhtml":
        for div in element.iterchildren(f"{{{XHTML_NS}}}div"):
            markup = etree.tostring(div, encoding="unicode", with_tail=False)
            check_html(markup, out, line=div.sourceline, where=where, base=base)


def _check_links(parent: etree._Element, what: str, out: Collector) -> tuple[tuple[str, int | None] | None, str | None]:
    """Check the links; return the self link (href, line) and the alternate href, if any."""
    self_link: tuple[str, int | None] | None = None
    preferred: str | None = None
    fallback: str | None = None
    alternates: dict[tuple[str, str], int | None] = {}
    for link in _children(parent, "link"):
        href = (link.get("href") or "").strip()
        rel = (link.get("rel") or "alternate").strip()
        if not href:
            out.error("MissingHref", link, f"a <link> of the {what} has no href; add the URL it points to")
            continue
        resolved = resolve(href, xml_base(link))
        if not is_absolute(resolved):
            out.error(
                "InvalidFullLink",
                link,
                f'{what} link href {href!r} (rel="{rel}") is not an absolute IRI; make it a full URL',
            )
        if rel in _ALTERNATE:
            key = ((link.get("type") or "").strip().lower(), (link.get("hreflang") or "").strip().lower())
            if key in alternates:
                same = (
                    (f'type="{key[0]}"' if key[0] else "no type")
                    + " and "
                    + (f'hreflang="{key[1]}"' if key[1] else "no hreflang")
                )
                out.error(
                    "DuplicateAtomLink",
                    link,
                    f'the {what} has a second rel="alternate" link with {same} '
                    f"(the first is on line {alternates[key]}); keep one",
                )
            else:
                alternates[key] = link.sourceline
            # The entry's web page: the first untyped or HTML alternate, else the first alternate.
            if key[0] in ("", "text/html", "application/xhtml+xml") and preferred is None:
                preferred = resolved
            fallback = fallback or resolved
        elif rel == "self" and self_link is None:
            self_link = (resolved, link.sourceline)
    return self_link, preferred or fallback


def _check_persons(parent: etree._Element, out: Collector) -> bool:
    """Check author/contributor constructs; return whether ``parent`` has an author."""
    for name in ("author", "contributor"):
        for person in _children(parent, name):
            if len(_children(person, "name")) != 1:
                out.error("MissingElement", person, f"<{name}> must contain exactly one <name>; add the person's name")
    return bool(_children(parent, "author"))
