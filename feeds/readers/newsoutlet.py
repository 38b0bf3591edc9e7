"""The outlet the text names at its opening, where no line of the head names one.

A wire's or a web paper's story opens its first paragraph with the outlet's name in brackets,
where a dateline stands ("[비즈한국] 국내 재계 서열 …"), whatever the name's words: names with no
kind of outlet in them ("비즈한국", "뉴스스텝") are read only there, before a sentence of the text.
A cue (``[앵커]``), a speaker (``[홍길동]``), a section's or a notice's label (``[단독]``,
``[알림]``) opens a text too and names no outlet; a bracket over a short line is a heading.
"""

from __future__ import annotations

import re

from feeds.readers.newscaptions import is_caption
from feeds.readers.newswords import ANY_ROLE_WORD, JUNK, SECTION, is_bare_name

_OPENING = re.compile(r"\s*[\[【]\s*(?P<name>[가-힣A-Za-z0-9]{2,12})\s*[\]】]\s*(?P<text>\S.*)")
_NOTICE = re.compile(r"알림|공지|정정|반론|해명|부고|인사|동정|속보|특집|창간특집|기획|연재|논평|성명|보도자료")
_PARAGRAPH_MIN = 40  # a sentence of the text after the bracket, not a heading


def opening_outlet(body: str) -> str | None:
    """The bracketed name opening the text's first paragraph (after a photo's caption), set
    before a sentence; None when it is a cue, a speaker, a label, or opens no sentence."""
    lines = [line for line in body.split("\n", 12)[:12] if line.strip()]
    first = next((line for line in lines[:3] if not is_caption(line) and not line.lstrip().startswith("▲")), "")
    m = _OPENING.match(first)
    if m is None or len(m.group("text")) < _PARAGRAPH_MIN or "다." not in m.group("text"):
        return None
    name = m.group("name")
    if SECTION.fullmatch(name) or JUNK.match(name) or _NOTICE.fullmatch(name) or ANY_ROLE_WORD.search(name):
        return None
    return None if is_bare_name(name) else name
