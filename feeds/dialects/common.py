"""What the generator syntaxes share: the document being converted, verbatim stashes, code blocks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from feeds.errors import ContentError
from feeds.lazyre import LazyPattern

if TYPE_CHECKING:
    from feeds.config import Site
    from feeds.dialects.links import Links
    from feeds.document import Document

log = logging.getLogger("feeds.dialects")

# Private-use characters: no article holds them, and they survive every pass unchanged.
MAX_WARNINGS = 20  # logged for one file

_STASH = re.compile("\ue000(\\d+)\ue001")


@dataclass
class Job:
    """One body being converted: where it came from, how to link, what is kept verbatim."""

    doc: Document
    site: Site
    links: Links | None
    stash: list[str] = field(default_factory=list)
    warnings: int = 0
    _counted: tuple[str | None, int, int] = (None, 0, 0)  # a text, an offset in it, its newlines before it
    memo: dict[str, object] = field(default_factory=dict)  # what a converter found once per body (a listing)

    def keep(self, text: str) -> str:
        """A token for ``text``: no later pass sees it, ``restore`` puts it back before Markdown."""
        self.stash.append(text)
        return f"\ue000{len(self.stash) - 1}\ue001"

    def restore(self, text: str) -> str:
        while _STASH.search(text):  # a kept text can hold another's token (raw inside highlight)
            text = _STASH.sub(lambda m: self.stash[int(m.group(1))], text)
        return text

    def warn(self, body: str, offset: int, message: str) -> None:
        """Log ``message`` naming the file and the line of ``offset`` in ``body``; past
        ``MAX_WARNINGS``, one line says more were left out (a body can hold thousands)."""
        self.warnings += 1
        if self.warnings <= MAX_WARNINGS:
            log.warning("%s:%d: %s", self._where(), self._line(body, offset), message)
        elif self.warnings == MAX_WARNINGS + 1:
            log.warning("%s:%d: more warnings about this file left out", self._where(), self._line(body, offset))

    def fail(self, body: str, offset: int, message: str) -> NoReturn:
        """Give up on this file: ContentError naming it and the line of ``offset`` in ``body``."""
        raise ContentError(self._where(), message, self._line(body, offset))

    def _where(self) -> str:
        return self.links.label(self.doc.source) if self.links else self.doc.source

    def _line(self, body: str, offset: int) -> int:
        # Counted on from the last place asked about, when it is before this one in the same text:
        # a body of thousands of warnings is not counted from its start for each.
        if self._counted[0] is not body or self._counted[1] > offset:
            self._counted = (body, 0, 0)
        _, counted_to, lines = self._counted
        lines += body.count("\n", counted_to, offset)
        self._counted = (body, offset, lines)
        return self.doc.body_line + lines


class Next:
    """Where ``marker`` next occurs in ``text`` at or after a position, asked in increasing order.

    A scanner that looked for the end of each opening it meets (``{%`` to ``%}``) would read the
    rest of the text again for every unclosed one; this reads it once in all. ``marker`` is a
    string or a pattern; ``stop`` is where the occurrence found ends.
    """

    def __init__(self, text: str, marker: str | LazyPattern) -> None:
        self.text = text
        self.marker = marker
        self.at: int | None = None  # the last answer; -1: there is none after it either
        self.stop = -1

    def find(self, pos: int) -> int:
        if self.at is None or (self.at != -1 and self.at < pos):
            if isinstance(self.marker, str):
                self.at = self.text.find(self.marker, pos)
                self.stop = self.at + len(self.marker)
            else:
                m = self.marker.search(self.text, pos)
                self.at, self.stop = (m.start(), m.end()) if m else (-1, -1)
        return self.at


def code_block(code: str, lang: str = "") -> str:
    """A fenced Markdown code block holding ``code`` literally, on lines of its own."""
    code = code.strip("\n")
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    lang = re.sub(r"[^\w+#.-]", "", lang)
    return f"\n\n{fence}{lang}\n{code}\n{fence}\n\n"
