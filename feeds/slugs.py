"""Slugs: URL and path segments made from titles, tags and file names, in any script."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"-{2,}")


def slugify(text: str, *, lower: bool = True, keep: str = "") -> str:
    """Letters (any script: Hangul stays Hangul), digits, '-' and the characters in ``keep``.

    Whitespace becomes '-', everything else is dropped, so a slug can never be '.', '..' or
    hold a path separator: it is always safe as one path segment.
    """
    text = unicodedata.normalize("NFC", text).strip()
    if lower:
        text = text.lower()
    out = []
    for ch in text:
        if ch.isspace() or ch == "-":
            out.append("-")
        elif ch in keep or unicodedata.category(ch)[0] in "LMN":
            out.append(ch)
    slug = _DASHES.sub("-", "".join(out)).strip("-")
    return slug.lstrip(".")  # only possible when "." is in keep
