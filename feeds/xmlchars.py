"""The characters XML 1.0 allows: one table for the publisher, which drops the others, and for
``feeds validate``, which reports them."""

from __future__ import annotations

import re

# XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_xml_chars(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, surrogates, U+FFFE/FFFF)."""
    return FORBIDDEN.sub("", text)
