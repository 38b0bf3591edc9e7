"""RSS 2.0 structure: channel and item elements, RFC 822 dates, guids, authors, enclosures."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from feeds.validate.atom import ATOM_NS
from feeds.validate.content import check_html
from feeds.validate.dates import parse_rfc822
from feeds.validate.findings import Collector
from feeds.validate.iri import is_absolute, is_http_url
from feeds.validate.model import SeenEntry, SeenFeed, duplicates

CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
# Versions whose elements are a subset of RSS 2.0, so the RSS 2.0 rules still apply.
_COMPATIBLE_VERSIONS = ("0.91", "0.92", "0.93", "0.94")
# RSS 2.0 wants "email" or "email (Real Name)".
_EMAIL = re.compile(r"^[^@\s()<>]+@[^@\s()<>]+\.[^@\s()<>]+(\s+\(.*\))?$")
_MIME = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+\s*(;.*)?$")


def _text(element: etree._Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def check_rss(root: etree._Element, out: Collector) -> SeenFeed:
    version = (root.get("version") or "").strip()
    if version in _COMPATIBLE_VERSIONS:
        out.warning(
            "InvalidRSSVersion", root, f'version="{version}" is obsolete; checked as RSS 2.0, write version="2.0"'
        )
    elif version != "2.0":
        out.error("InvalidRSSVersion", root, f'<rss> must have version="2.0" (found {version or "none"!r})')
    channels = list(root.iterchildren("channel"))
    if not channels:
        out.error("MissingElement", root, "<rss> has no <channel>; RSS 2.0 requires exactly one")
        return SeenFeed("rss", None, None)
    if len(channels) > 1:
        out.error("DuplicateElement", channels[1], "<rss> has more than one <channel>; keep one")
    return _check_channel(channels[0], out)


def _check_channel(channel: etree._Element, out: Collector) -> SeenFeed:
    required = (("title", "MissingTitle"), ("link", "MissingLink"), ("description", "MissingDescription"))
    for name, code in required:
        if channel.find(name) is None:
            out.error(
                code, channel, f"the channel has no <{name}>; RSS 2.0 requires channel title, link and description"
            )
    _at_most_once(channel, "channel", ("title", "link", "description", "pubDate", "lastBuildDate"), out)
    _check_link(channel.find("link"), "channel", out)
    for name in ("pubDate", "lastBuildDate"):
        _check_date(channel.find(name), f"channel {name}", out)
    for name in ("managingEditor", "webMaster"):
        _check_contact(channel.find(name), f"channel {name}", out)
    self_href, self_line = _check_self(channel, out)
    entries = [_check_item(item, out) for item in channel.iterchildren("item")]
    for entry, first in duplicates(entries):
        out.error(
            "DuplicateGuid",
            entry.line,
            f"guid {entry.id!r} is also used by the item on line {first}; every item needs its own guid",
        )
    return SeenFeed("rss", self_href, self_line, entries)


def _check_self(channel: etree._Element, out: Collector) -> tuple[str | None, int | None]:
    for link in channel.iterchildren(f"{{{ATOM_NS}}}link"):
        if (link.get("rel") or "").strip() == "self":
            href = (link.get("href") or "").strip()
            if not is_absolute(href):
                out.error(
                    "InvalidFullLink",
                    link,
                    f'atom:link rel="self" href {href!r} is not an absolute URL; '
                    "use the full URL the feed is published at",
                )
            return href or None, link.sourceline
    out.warning(
        "MissingAtomSelfLink",
        channel,
        'the channel has no <atom:link rel="self" href="…" '
        'type="application/rss+xml"/>; add one with the URL the feed '
        f'is published at (xmlns:atom="{ATOM_NS}")',
    )
    return None, None


def _check_item(item: etree._Element, out: Collector) -> SeenEntry:
    title, description = item.find("title"), item.find("description")
    if title is None and description is None:
        out.error(
            "ItemMustContainTitleOrDescription",
            item,
            "the item has neither <title> nor <description>; add at least one",
        )
    _at_most_once(item, "item", ("title", "link", "description", "guid", "pubDate", "author"), out)
    link = item.find("link")
    _check_link(link, "item", out)
    published = _check_date(item.find("pubDate"), "item pubDate", out)
    _check_contact(item.find("author"), "item author", out)
    guid = _check_guid(item.find("guid"), item, out)
    for enclosure in item.iterchildren("enclosure"):
        _check_enclosure(enclosure, out)
    if description is not None:
        check_html(description.text or "", out, line=description.sourceline, where="item description")
    for encoded in item.iterchildren(CONTENT_ENCODED):
        check_html(encoded.text or "", out, line=encoded.sourceline, where="item content:encoded")
    return SeenEntry(
        guid, _text(link) or None, _text(title) if title is not None else None, published, published, item.sourceline
    )


def _at_most_once(parent: etree._Element, what: str, names: tuple[str, ...], out: Collector) -> None:
    for name in names:
        found = parent.findall(name)
        if len(found) > 1:
            out.error("DuplicateElement", found[1], f"the {what} has {len(found)} <{name}> elements; keep one")


def _check_link(link: etree._Element | None, what: str, out: Collector) -> None:
    if link is None:
        return
    value = _text(link)
    if not is_absolute(value):
        out.error(
            "InvalidFullLink",
            link,
            f"{what} link {value!r} is not an absolute URL; readers cannot resolve it, make it a full URL",
        )


def _check_date(element: etree._Element | None, what: str, out: Collector) -> datetime | None:
    if element is None:
        return None
    parsed = parse_rfc822(element.text or "")
    if parsed.problem:
        out.add(parsed.level, parsed.code, element, f"{what}: {parsed.problem}")
    return parsed.value


def _check_contact(element: etree._Element | None, what: str, out: Collector) -> None:
    if element is None:
        return
    value = _text(element)
    if not _EMAIL.match(value):
        out.warning(
            "InvalidContact",
            element,
            f"{what} {value!r} is not an e-mail address; RSS wants "
            "'name@example.com (Name)', so put a bare name in <dc:creator> "
            "instead",
        )


def _check_guid(guid: etree._Element | None, item: etree._Element, out: Collector) -> str | None:
    if guid is None:
        out.warning(
            "MissingGuid",
            item,
            "the item has no <guid>; readers use it to tell items apart, add "
            'the permalink as <guid isPermaLink="true">',
        )
        return None
    value = _text(guid)
    permalink = (guid.get("isPermaLink") or "true").strip()
    if permalink not in ("true", "false"):
        out.error("InvalidBooleanAttribute", guid, f'isPermaLink="{permalink}" must be "true" or "false"')
    elif permalink == "true" and not is_absolute(value):
        absent = " (isPermaLink is absent, which means true)" if guid.get("isPermaLink") is None else ""
        out.error(
            "InvalidHttpGUID",
            guid,
            f"guid {value!r} is a permalink{absent} but not a full URL; use the "
            'absolute URL or set isPermaLink="false"',
        )
    return value or None


def _check_enclosure(enclosure: etree._Element, out: Collector) -> None:
    for attribute in ("url", "length", "type"):
        if enclosure.get(attribute) is None:
            out.error(
                "MissingAttribute",
                enclosure,
                f"<enclosure> has no {attribute} attribute; RSS 2.0 requires url, length (bytes) and type",
            )
    url, length, kind = enclosure.get("url"), enclosure.get("length"), enclosure.get("type")
    if url is not None and not is_http_url(url.strip()):
        out.error("InvalidURLAttribute", enclosure, f"enclosure url {url!r} must be a full http(s) URL")
    if length is not None and not re.fullmatch(r"[0-9]+", length.strip()):
        out.error(
            "InvalidIntegerAttribute",
            enclosure,
            f"enclosure length {length!r} must be the size in bytes, a whole number (0 if unknown)",
        )
    if kind is not None and not _MIME.match(kind.strip()):
        out.error("InvalidMIMEAttribute", enclosure, f"enclosure type {kind!r} is not a MIME type such as audio/mpeg")
