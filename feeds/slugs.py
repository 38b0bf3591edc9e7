"""Slugs: URL and path segments made from titles, tags and file names, in any script."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

_DASHES = re.compile(r"-{2,}")
# A slug is a folder name under out/: file systems allow 255 bytes (NAME_MAX), and 88 Hangul
# syllables already take 264. 100 bytes leave room for the hash and any suffix.
MAX_SLUG_BYTES = 100


def slugify(text: str, *, lower: bool = True, keep: str = "") -> str:
    """Letters (any script: Hangul stays Hangul), digits, '-' and the characters in ``keep``.

    Whitespace becomes '-', everything else is dropped, so a slug can never be '.', '..' or
    hold a path separator: it is always safe as one path segment.
    """
    text = unicodedata.normalize("NFC", text).strip()
    if lower:
        text = text.lower()
    if text.isascii() and _plain(keep).fullmatch(text) and not text.startswith("."):
        return text  # already a slug (a file name's "my-post"): every character kept as it is
    return by_character(text, keep)


def by_character(text: str, keep: str) -> str:
    """``slugify`` of ``text`` (normalized, stripped and lowered as it asks), one character at a time."""
    out = []
    for ch in text:
        if ch.isspace() or ch == "-":
            out.append("-")
        elif ch in keep or unicodedata.category(ch)[0] in "LMN":
            out.append(ch)
    slug = _DASHES.sub("-", "".join(out)).strip("-")
    return slug.lstrip(".")  # only possible when "." is in keep


@cache
def _plain(keep: str) -> re.Pattern[str]:
    """ASCII letters, digits and ``keep``, in runs joined by single '-': text ``slugify`` gives back as it is."""
    run = f"[A-Za-z0-9{re.escape(keep)}]+"
    return re.compile(f"{run}(?:-{run})*")


def cap_slug(slug: str, key: str, limit: int = MAX_SLUG_BYTES) -> str:
    """``slug`` cut to at most ``limit`` UTF-8 bytes, at a character, plus a hash of ``key``.

    The hash keeps two long names that share their first ``limit`` bytes apart, and depends
    only on ``key``, so a capped slug stays the same from build to build.
    """
    data = slug.encode()
    if len(data) <= limit:
        return slug
    cut = data[:limit].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
