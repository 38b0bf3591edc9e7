"""IRI helpers: absolute-ness and xml:base, shared by the Atom, RSS and content checks."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Schemes whose URLs are useless without a host: "http:foo" is relative in disguise.
_HIERARCHICAL = {"http", "https", "ftp", "ws", "wss"}


def is_absolute(value: str) -> bool:
    """True for an absolute IRI (``https://…``, ``tag:…``, ``urn:…``); IRIs may hold non-ASCII."""
    if not value or any(c.isspace() for c in value) or not _SCHEME.match(value):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() in _HIERARCHICAL:
        return bool(parts.netloc)
    return True


def is_http_url(value: str) -> bool:
    return is_absolute(value) and urlsplit(value).scheme.lower() in ("http", "https")


def xml_base(element: etree._Element) -> str | None:
    """The xml:base in scope at ``element`` (Atom resolves relative references against it)."""
    chain = [element, *element.iterancestors()]
    base: str | None = None
    for node in reversed(chain):
        value = node.get(XML_BASE)
        if value:
            base = urljoin(base, value) if base else value
    return base


def resolve(value: str, base: str | None) -> str:
    return urljoin(base, value) if base and not is_absolute(value) else value
