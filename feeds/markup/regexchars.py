"""The characters a regular expression needs: one of them is in every text it can match, so a
text without any of them need not be searched (the fast Markdown engine skips such inline
patterns). Read from CPython's own parse of the pattern, which is private to CPython: without it,
nothing is known and every pattern is tried."""

from __future__ import annotations

import re
from functools import lru_cache
from types import ModuleType
from typing import Any

sre_parse: ModuleType | None
try:
    from re import _parser as sre_parse  # type: ignore[attr-defined,no-redef]  # private to CPython
except ImportError:
    sre_parse = None

# The names of CPython's parser that _required reads.
SRE_NAMES = (
    *("parse", "LITERAL", "IN", "SUBPATTERN", "BRANCH", "ASSERT"),
    *("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"),
)
_Chars = frozenset[str] | None  # None: the pattern might match text without any given character


_COMMON = {" ": 4, "\n": 2, "[": 1, ".": 1, ",": 1}  # else 3 for letters and digits, 0 for the rest


def _rank(chars: frozenset[str]) -> tuple[int, int]:
    # Prefer few characters and rare ones: "  \n" (a line break) is best tested by "\n".
    return (sum(_COMMON.get(c, 3 if c.isalnum() else 0) for c in chars), len(chars))


def _best(options: list[frozenset[str]]) -> _Chars:
    return min(options, key=_rank) if options else None


def _required(items: Any, ignorecase: bool) -> _Chars:
    """Characters of which one must be in any text a parsed sequence matches; None if unknown."""
    assert sre_parse is not None  # checked by _missing_names before the fast engine is used
    options: list[frozenset[str]] = []
    for op, arg in items:
        chars: _Chars = None
        if op is sre_parse.LITERAL:
            chars = frozenset(chr(arg))
        elif op is sre_parse.IN:
            if all(o is sre_parse.LITERAL for o, _ in arg):
                chars = frozenset(chr(a) for _, a in arg)
        elif op is sre_parse.SUBPATTERN:
            chars = _required(arg[-1], ignorecase)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            low, _, body = arg
            chars = _required(body, ignorecase) if low >= 1 else None
        elif op is sre_parse.ASSERT:  # a look-ahead or look-behind still looks inside the text
            chars = _required(arg[1], ignorecase)
        elif op is sre_parse.BRANCH:
            alternatives = [_required(alt, ignorecase) for alt in arg[1]]
            if all(alt is not None for alt in alternatives):
                chars = frozenset().union(*alternatives)  # type: ignore[arg-type]
        if chars is not None and ignorecase and any(c.lower() != c.upper() for c in chars):
            chars = None
        if chars:
            options.append(chars)
    return _best(options)


@lru_cache(maxsize=256)
def required_chars(pattern: re.Pattern[str]) -> _Chars:
    """One of these characters is in every string ``pattern`` can find a match in."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    return _required(parsed.data, bool(pattern.flags & re.IGNORECASE))


def parser_usable() -> bool:
    """Whether this Python has the parser ``required_chars`` reads, with every name it reads."""
    return sre_parse is not None and all(hasattr(sre_parse, name) for name in SRE_NAMES)
