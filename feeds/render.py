"""Rendering a document's body to the full HTML its feed entries carry."""

from __future__ import annotations

import html
import re

from feeds.document import Document
from feeds.sources import clean_xml_chars
from feeds.urls import PLAIN_URI, absolute

_URL_ATTR = re.compile(r"""(\s(?:href|src|poster|cite)=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def content_html(doc: Document) -> str:
    """Full HTML of ``doc``: links and image sources absolute against the entry's link."""
    from feeds.markup import renderer

    raw = renderer(doc.markup)(doc.body)
    return clean_xml_chars(absolutize(raw, doc.link))


def absolutize(fragment: str, base: str) -> str:
    """Resolve relative ``href``/``src`` against ``base``: a feed reader has no page to resolve them in."""

    def fix(m: re.Match[str]) -> str:
        if PLAIN_URI.fullmatch(m.group(3)):  # resolves to itself, and has nothing to unescape
            return m.group(0)
        url = html.unescape(m.group(3)).strip()
        if not url or (url.startswith("#") and not base):
            return m.group(0)
        try:
            resolved = absolute(url, base)
        except ValueError:  # "https://[oops": urlsplit cannot read it, so neither can a reader
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{html.escape(resolved, quote=True)}{m.group(2)}"

    return _URL_ATTR.sub(fix, fragment)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def excerpt(fragment: str, limit: int = 280) -> str:
    """A plain-text summary for documents that have none: the first words, cut at a word."""
    text = plain_text(fragment)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
