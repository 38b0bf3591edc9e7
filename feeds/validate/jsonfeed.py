"""JSON Feed 1.x checks (https://www.jsonfeed.org/version/1.1/): the required fields and their
types, absolute URLs, RFC 3339 dates, unique item ids and the HTML of ``content_html``.

JSON has no element line numbers; an item's line is where its ``"id"`` is written, found by
searching the text, so findings still point near the item.
"""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from feeds.validate.content import check_html
from feeds.validate.dates import parse_rfc3339
from feeds.validate.findings import Collector
from feeds.validate.iri import is_absolute
from feeds.validate.model import SeenEntry, SeenFeed, duplicates

VERSION_PREFIX = "https://jsonfeed.org/version/"
CURRENT_VERSION = "https://jsonfeed.org/version/1.1"
_FEED_STRINGS = ("title", "description", "user_comment", "language")
_FEED_URLS = ("home_page_url", "feed_url", "next_url", "icon", "favicon")
_ITEM_STRINGS = ("title", "content_html", "content_text", "summary", "language")
_ITEM_URLS = ("url", "external_url", "image", "banner_image")


def looks_like_json(data: bytes) -> bool:
    """Whether a file is JSON rather than XML, by its first non-blank byte (after any BOM)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def check_json_feed(data: bytes, out: Collector) -> SeenFeed | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        out.error("InvalidEncoding", None, f"JSON Feeds must be UTF-8, but byte {exc.start} is not; save it as UTF-8")
        return None
    if text.startswith("\ufeff"):
        out.warning("UnexpectedBOM", 1, "the file starts with a byte order mark, which JSON forbids; remove it")
        text = text[1:]
    try:
        root = json.loads(text)
    except json.JSONDecodeError as exc:
        out.error("InvalidJSON", exc.lineno, f"not valid JSON ({exc.msg} at column {exc.colno}); fix the syntax")
        return None
    except RecursionError:
        out.error(
            "InvalidJSON", _deepest_line(text), "arrays or objects nested too deep to read; a feed needs a few levels"
        )
        return None
    except ValueError:  # int() of a number of more digits than Python reads (sys.get_int_max_str_digits)
        long = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        out.error("InvalidJSON", line, "a number too long to read (thousands of digits); no reader takes it")
        return None
    if not isinstance(root, dict):
        out.error("UnknownFeedType", 1, "a JSON Feed is a JSON object; this file's top level is not one")
        return None
    version = root.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        out.error(
            "UnknownFeedType",
            _line_of_key(text, "version"),
            f'"version" is {_shown(version)}, not a JSON Feed version URL; write "{CURRENT_VERSION}"',
        )
        return None
    _check_strings(root, _FEED_STRINGS, out, text, "the feed")
    _check_urls(root, _FEED_URLS, out, text, "the feed")
    if not isinstance(root.get("title"), str) or not root["title"].strip():
        out.error("MissingTitle", _line_of_key(text, "title"), 'the feed has no "title"; JSON Feed requires one')
    if "feed_url" not in root:
        out.warning("MissingSelf", None, 'the feed has no "feed_url"; add the URL the feed is published at')
    if "home_page_url" not in root:
        out.warning("MissingHomePage", None, 'the feed has no "home_page_url"; add the URL of the site')
    _check_authors(root, out, _line_of_key(text, "authors"), "the feed")
    items = root.get("items")
    if not isinstance(items, list):
        out.error("MissingItems", None, 'the feed has no "items" array; JSON Feed requires one (it may be empty)')
        items = []
    entries = []
    position = 0
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            out.error("InvalidItem", None, f"item {index + 1} is not a JSON object")
            continue
        line, position = _item_line(text, item.get("id"), position)
        entries.append(_check_item(item, index, line, out))
    for entry, first in duplicates(entries):
        out.error(
            "DuplicateIds",
            entry.line,
            f"item id {entry.id!r} is also used by the item on line {first}; every item needs its own id",
        )
    feed_url = root.get("feed_url")
    return SeenFeed("json", feed_url if isinstance(feed_url, str) else None, _line_of_key(text, "feed_url"), entries)


def _check_item(item: Mapping[str, Any], index: int, line: int | None, out: Collector) -> SeenEntry:
    what = f"item {index + 1}"
    raw_id = item.get("id")
    if raw_id is None or raw_id == "":
        out.error("MissingId", line, f'{what} has no "id"; give every item a unique, permanent id (its URL)')
    elif not isinstance(raw_id, str):
        # 1.0 allowed numbers; 1.1 says strings, and readers compare ids as strings.
        out.warning(
            "InvalidId", line, f'{what}: "id" is {type(raw_id).__name__} {_shown(raw_id)}; write it as a string'
        )
    item_id = str(raw_id) if raw_id not in (None, "") else None
    _check_strings(item, _ITEM_STRINGS, out, None, what, line)
    _check_urls(item, _ITEM_URLS, out, None, what, line)
    if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
        out.error("MissingContent", line, f'{what} has neither "content_html" nor "content_text"; add one')
    if isinstance(item.get("content_html"), str):
        base = item.get("url") if isinstance(item.get("url"), str) else None
        check_html(item["content_html"], out, line=line, where=f"{what} content_html", base=base)
    dates: dict[str, datetime | None] = {}
    for key in ("date_published", "date_modified"):
        value = item.get(key)
        dates[key] = None
        if value is None:
            continue
        if not isinstance(value, str):
            out.error("InvalidRFC3339Date", line, f'{what}: "{key}" must be an RFC 3339 string, got {_shown(value)}')
            continue
        parsed = parse_rfc3339(value)
        if parsed.problem:
            out.add(parsed.level, parsed.code, line, f'{what} "{key}": {parsed.problem}')
        dates[key] = parsed.value
    if "date_published" not in item:
        out.warning("MissingDate", line, f'{what} has no "date_published"; readers then sort it by when they saw it')
    tags = item.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        out.error("InvalidTags", line, f'{what}: "tags" must be an array of strings')
    _check_authors(item, out, line, what)
    attachments = item.get("attachments")
    if attachments is not None:
        if not isinstance(attachments, list):
            out.error("InvalidAttachment", line, f'{what}: "attachments" must be an array')
        else:
            for attachment in attachments:
                if not (
                    isinstance(attachment, dict)
                    and isinstance(attachment.get("url"), str)
                    and isinstance(attachment.get("mime_type"), str)
                ):
                    out.error("InvalidAttachment", line, f'{what}: every attachment needs a "url" and a "mime_type"')
    title, link = item.get("title"), item.get("url")
    return SeenEntry(
        item_id,
        link if isinstance(link, str) else None,
        title if isinstance(title, str) else None,
        dates["date_published"],
        dates["date_modified"],
        line,
    )


def _check_strings(
    obj: Mapping[str, Any], keys: tuple[str, ...], out: Collector, text: str | None, what: str, line: int | None = None
) -> None:
    for key in keys:
        if key in obj and not isinstance(obj[key], str):
            where = _line_of_key(text, key) if text is not None else line
            out.error("InvalidValue", where, f'{what}: "{key}" must be a string, got {_shown(obj[key])}')


def _check_urls(
    obj: Mapping[str, Any], keys: tuple[str, ...], out: Collector, text: str | None, what: str, line: int | None = None
) -> None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and not is_absolute(value):
            where = _line_of_key(text, key) if text is not None else line
            out.error("InvalidFullLink", where, f'{what}: "{key}" {value!r} is not an absolute URL; write it in full')


def _check_authors(obj: Mapping[str, Any], out: Collector, line: int | None, what: str) -> None:
    if "author" in obj and "authors" not in obj:
        out.info("DeprecatedAuthor", line, f'{what}: "author" is deprecated in JSON Feed 1.1; use "authors"')
    authors = obj.get("authors")
    if authors is None:
        return
    if not isinstance(authors, list):
        out.error("InvalidAuthor", line, f'{what}: "authors" must be an array of author objects')
        return
    for author in authors:
        fields = {k: author.get(k) for k in ("name", "url", "avatar")} if isinstance(author, dict) else {}
        if not any(isinstance(v, str) and v for v in fields.values()):
            out.error("InvalidAuthor", line, f'{what}: every author needs a "name", "url" or "avatar" string')
        elif any(v is not None and not isinstance(v, str) for v in fields.values()):
            out.error("InvalidAuthor", line, f"{what}: an author's name, url and avatar must be strings")


_LONG_NUMBER = re.compile(r"\d{4300,}")
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 60
_SHORT.maxlevel = 2


def _shown(value: object) -> str:
    """``repr(value)``, cut short: a value in a message may be a whole nested tree, or 4,000 digits."""
    return _SHORT.repr(value)


def _deepest_line(text: str) -> int:
    """The line where the nesting is deepest (ignoring brackets in strings, which is good enough here)."""
    depth = deepest = at = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, i
        elif ch in "]}":
            depth -= 1
    return text.count("\n", 0, at) + 1


def _line_of_key(text: str | None, key: str) -> int | None:
    if text is None:
        return None
    at = text.find(f'"{key}"')
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _item_line(text: str, item_id: object, start: int) -> tuple[int | None, int]:
    """The line of ``"id": <item_id>`` at or after ``start``, and where to search for the next item."""
    if item_id is None:
        return None, start
    needle = json.dumps(item_id, ensure_ascii=False)
    at = text.find(needle, start)
    while at >= 0 and not _after_colon(text, at):
        at = text.find(needle, at + 1)
    if at < 0:
        return None, start
    return text.count("\n", 0, at) + 1, at + len(needle)


def _after_colon(text: str, at: int) -> bool:
    before = at - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    return before >= 0 and text[before] == ":"
