"""Tags: one tag however it is spelled, its display name, and a safe, stable slug."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from feeds.slugs import cap_slug, slugify

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Tag:
    key: str  # what makes two spellings one tag
    name: str  # display name
    slug: str  # the folder under out/tags/


@lru_cache(maxsize=65536)  # called for every tag of every document; a site has a few hundred
def tag_key(text: str) -> str:
    """``AI``, ``ai`` and `` AI `` are one tag."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def index_tags(doc_tags: Iterable[Iterable[str]], aliases: Mapping[str, str] | None = None) -> dict[str, Tag]:
    """Map every spelling's ``tag_key`` (aliases included) to its Tag, given each document's tags.

    The display name is the most common spelling (ties: first in sorted order), unless the
    site's ``tag_aliases`` names it. A slug longer than ``MAX_SLUG_BYTES`` is cut and given a
    hash of the tag (a folder name may hold 255 bytes). Slugs that would collide get a short hash suffix, so two
    tags never share a feed and a tag keeps its slug however many documents come and go.
    """
    alias_of = {tag_key(k): v.strip() for k, v in (aliases or {}).items()}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for tags in doc_tags:
        for key, spelling in {canonical_key(t, alias_of): t.strip() for t in tags if t.strip()}.items():
            spellings[key][spelling] += 1
    names: dict[str, str] = {}
    for key, counts in spellings.items():
        forced = next((v for v in alias_of.values() if tag_key(v) == key), None)
        names[key] = forced or min(counts, key=lambda s: (-counts[s], s))
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key, name in names.items():
        by_slug[cap_slug(slugify(name), key)].append(key)
    index: dict[str, Tag] = {}
    for base, keys in by_slug.items():
        for key in keys:
            unique = base and (len(keys) == 1 or key == base)
            slug = base if unique else f"{base or 'tag'}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
            index[key] = Tag(key, names[key], slug)
    for alias, target in alias_of.items():
        if tag_key(target) in index:
            index.setdefault(alias, index[tag_key(target)])
    return index


def canonical_key(text: str, alias_of: Mapping[str, str]) -> str:
    key = tag_key(text)
    return tag_key(alias_of[key]) if key in alias_of else key
