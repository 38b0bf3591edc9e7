"""BCP 47 language tags: the well-formedness rules of RFC 5646 section 2.1 (its ABNF).

Well-formed, not registered: ``en``, ``ko-KR``, ``zh-Hant-TW``, ``sl-rozaj-biske``, ``x-private``
and the grandfathered ``i-klingon`` pass; ``en--US``, ``english``, ``ko_KR`` or ``not a language``
do not. Feeds copy the tag into ``xml:lang`` and ``<language>``, where readers expect exactly this.
"""

from __future__ import annotations

import re

_ALNUM = "[a-z0-9]"
_LANGUAGE = r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # with up to three extlangs
_SCRIPT = r"(?:-[a-z]{4})?"
_REGION = r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
_VARIANTS = rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
_EXTENSIONS = rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"
_PRIVATE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|"
    "i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|"
    "zh-min-nan|zh-xiang"
)
_TAG = re.compile(
    rf"{_LANGUAGE}{_SCRIPT}{_REGION}{_VARIANTS}{_EXTENSIONS}(?:-{_PRIVATE})?|{_PRIVATE}|{_GRANDFATHERED}",
    re.IGNORECASE | re.ASCII,
)


def is_language_tag(text: str) -> bool:
    """Whether ``text`` is a well-formed BCP 47 language tag (RFC 5646), in any letter case."""
    return _TAG.fullmatch(text) is not None
