"""Korean mojibake in a feed's human-readable text: titles, subtitles, summaries and content.

A publisher that read EUC-KR or UTF-8 with the wrong codec shows readers ``ÀÔ·Â`` or
``ìž…ë ¥`` instead of 입력, and no XML rule notices: the text is well-formed, just wrong.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from feeds import mojibake
from feeds.validate.findings import Collector

# Atom title, subtitle, summary, content; RSS title, description, content:encoded.
_TEXT_ELEMENTS = frozenset({"title", "subtitle", "summary", "content", "description", "encoded"})
_TAG = re.compile(r"<[^>]*>")


def check_mojibake(root: etree._Element, out: Collector) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        # Not etree.QName: a feed with an undeclared prefix parses (recovered) to tags it rejects.
        name = element.tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        if name not in _TEXT_ELEMENTS:
            continue
        text = "".join(element.itertext())
        if not mojibake.suspect(text):  # the cheap test first: nearly every element stops here
            continue
        plain = html.unescape(_TAG.sub(" ", text))  # escaped HTML: judge the words, not the markup
        if not mojibake.is_korean_mojibake(plain):
            continue
        fixed = mojibake.repair(plain)
        hint = "bytes were lost"
        if fixed is not None:
            hint = f"it reads {' '.join(fixed.text.split())[:12]!r} once repaired ({fixed.how})"
        out.error(
            "KoreanMojibake",
            element,
            f"<{name}> holds Korean text decoded with the wrong codec "
            f"({mojibake.sample(plain)!r}…); {hint}; decode the source with its real charset (UTF-8 or CP949)",
        )
