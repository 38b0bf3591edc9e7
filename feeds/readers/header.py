"""Markdown with a Pelican / MultiMarkdown ``Key: value`` header.

    Title: My post
    Date: 2025-03-10 14:30
    Tags: python, feeds
    Authors: Doe, Jane; Roe, Rick

    Body in Markdown…

Keys are case-insensitive and an indented line continues the previous value. A first line
that merely contains a colon (``AI: 요약 가이드``) is not a header: every header line must be
a key, and at least one key must be one feeds knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from feeds.fields import KNOWN_KEYS
from feeds.readers import Parsed, from_line

NAME = "header"

_KEY = re.compile(r"([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)?)[ \t]*:(?:[ \t]+(.*))?")
_CONTINUATION = re.compile(r"[ \t]+\S")


def detect(text: str) -> bool:
    # Line 1 is a "Key: value" line or there is no header: a text whose first line holds no colon
    # (every news article's headline, most of them) is told so without reading it.
    end = text.find("\n")
    if text.find(":", 0, len(text) if end == -1 else end) == -1:
        return False
    return _split(text) is not None


def read(text: str, path: str) -> Parsed:
    split = _split(text)
    assert split is not None, "read() called without detect()"
    meta, lines, body_line = split
    body = from_line(text, body_line)
    # Copies: the cached split must not be changed by whoever gets this Parsed.
    return Parsed(format=NAME, meta=dict(meta), body=body, markup="markdown", body_line=body_line, lines=dict(lines))


@lru_cache(maxsize=4)  # detect() then read() ask about the same text: work it out once
def _split(text: str) -> tuple[dict[str, str], dict[str, int], int] | None:
    meta: dict[str, str] = {}
    lines: dict[str, int] = {}
    key: str | None = None
    number = 0
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            break
        m = _KEY.fullmatch(line.rstrip())
        if m:
            key = m.group(1).lower()
            value = (m.group(2) or "").strip()
            # A repeated key (two Tags: lines) adds to the value rather than replacing it.
            meta[key] = f"{meta[key]}, {value}" if key in meta and value else (value or meta.get(key, ""))
            lines.setdefault(key, number)
        elif key is not None and _CONTINUATION.match(line):
            meta[key] = f"{meta[key]} {line.strip()}".strip()
        else:
            return None
    if not meta or not any(k in KNOWN_KEYS for k in meta) or not {"title", "date"} & meta.keys():
        return None
    return meta, lines, number + 1


def _lines(text: str) -> Iterator[str]:
    """``text.split("\\n")``, one line at a time: a header is a few lines at the top, and every
    text that reaches this reader (a news article too) is asked whether it has one."""
    start = 0
    end = text.find("\n")
    while end != -1:
        yield text[start:end]
        start = end + 1
        end = text.find("\n", start)
    yield text[start:]
