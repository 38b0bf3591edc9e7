"""The characters XML 1.0 allows: one table for the publisher, which drops the others, and for
``feeds validate``, which reports them."""

from __future__ import annotations

import re

# XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Written as what is left out: the same class, but Python compiles a class one code point at a
# time, and the allowed ranges made this one pattern slow to compile at every start.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_xml_chars(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, surrogates, U+FFFE/FFFF)."""
    return FORBIDDEN.sub("", text)
