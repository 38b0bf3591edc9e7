"""Tags: one tag however it is spelled, its display name, and a safe, stable slug.

Authors are named the same way (``index_authors``): one author however their name is spelled,
and a folder under out/authors/ as safe and stable as a tag's."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from feeds.slugs import MAX_SLUG_BYTES, cap_slug, slugify

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


def index_tags(
    doc_tags: Iterable[Iterable[str]],
    aliases: Mapping[str, str] | None = None,
    published: Mapping[str, str] | None = None,
    fallback: str = "tag",
) -> dict[str, Tag]:
    """Map every spelling's ``tag_key`` (aliases included) to its Tag, given each document's tags.

    The display name is the most common spelling (ties: first in sorted order), unless the
    site's ``tag_aliases`` names it. A slug longer than ``MAX_SLUG_BYTES`` is cut and given a
    hash of the tag (a folder name may hold 255 bytes). ``published`` maps a tag's key to the
    slug it was published under: a tag keeps that slug while it exists, so its feed's URL never
    moves. Any other tag gets its name's slug when that is free and no other tag wants it (or it
    is the tag's own key); else the slug plus a short hash of its key, lengthened until it is
    free. So a newcomer never takes an incumbent's folder, not even by being named like a
    hashed slug. A name with no letter or digit gets ``fallback`` plus the hash.
    """
    alias_of = {tag_key(k): v.strip() for k, v in (aliases or {}).items()}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    keyed: dict[str, tuple[str, str]] = {}  # as written -> (key, trimmed): a site has few spellings
    for tags in doc_tags:
        mine: dict[str, str] = {}
        for text in tags:
            if (known := keyed.get(text)) is None:
                known = keyed[text] = (canonical_key(text, alias_of), text.strip())
            if known[1]:
                mine[known[0]] = known[1]
        for key, spelling in mine.items():
            spellings[key][spelling] += 1
    names: dict[str, str] = {}
    for key, counts in spellings.items():
        forced = next((v for v in alias_of.values() if tag_key(v) == key), None)
        names[key] = forced or min(counts, key=lambda s: (-counts[s], s))
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(names):  # incumbents first: a published URL stays
        old = (published or {}).get(key)
        if old and is_slug(old) and old not in taken:
            slugs[key] = old
            taken.add(old)
    bases = {key: cap_slug(slugify(name), key) for key, name in names.items() if key not in slugs}
    wanted = Counter(bases.values())
    for key, base in sorted(bases.items()):
        if base and base not in taken and (wanted[base] == 1 or key == base):
            slugs[key] = base
            taken.add(base)
    for key, base in sorted(bases.items()):
        if key not in slugs:
            slugs[key] = _hashed(key, base or fallback, taken)
            taken.add(slugs[key])
    index = {key: Tag(key, names[key], slug) for key, slug in slugs.items()}
    for alias, target in alias_of.items():
        if tag_key(target) in index:
            index.setdefault(alias, index[tag_key(target)])
    return index


def index_authors(doc_authors: Iterable[Iterable[str]], published: Mapping[str, str] | None = None) -> dict[str, Tag]:
    """``index_tags`` for the documents' own authors' names: the folder of each under out/authors/."""
    return index_tags(doc_authors, None, published, fallback="author")


def _hashed(key: str, base: str, taken: set[str]) -> str:
    """``base`` plus the shortest prefix (from 6 hex digits) of the key's hash that is free."""
    digest = hashlib.sha1(key.encode()).hexdigest()
    for size in range(6, len(digest) + 1, 2):
        if (slug := f"{base}-{digest[:size]}") not in taken:
            return slug
    return f"{base}-{hashlib.sha256(key.encode()).hexdigest()}"  # 20 taken slugs of one base: never


def is_slug(text: str) -> bool:
    """Whether ``text`` could be a tag slug (so a folder name from the cache or out/tags/ is safe)."""
    # The length bound leaves room for the hashes a capped, colliding slug gets, far below the
    # 255 bytes a folder name may hold: a tampered cache cannot name a folder too long to write.
    return bool(text) and len(text.encode()) <= MAX_SLUG_BYTES + 64 and slugify(text) == text


def canonical_key(text: str, alias_of: Mapping[str, str]) -> str:
    key = tag_key(text)
    return tag_key(alias_of[key]) if key in alias_of else key
