"""What the generator syntaxes share: the document being converted, verbatim stashes, code blocks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from feeds.config import Site
    from feeds.document import Document
    from feeds.migrate.links import Links

log = logging.getLogger("feeds.migrate")

# Private-use characters: no article holds them, and they survive every pass unchanged.
_STASH = re.compile("\ue000(\\d+)\ue001")


@dataclass
class Job:
    """One body being converted: where it came from, how to link, what is kept verbatim."""

    doc: Document
    site: Site
    links: Links | None
    stash: list[str] = field(default_factory=list)
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
        """Log ``message`` naming the file and the line of ``offset`` in ``body``."""
        line = self.doc.body_line + body.count("\n", 0, offset)
        where = self.links.label(self.doc.source) if self.links else self.doc.source
        log.warning("%s:%d: %s", where, line, message)


def code_block(code: str, lang: str = "") -> str:
    """A fenced Markdown code block holding ``code`` literally, on lines of its own."""
    code = code.strip("\n")
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    lang = re.sub(r"[^\w+#.-]", "", lang)
    return f"\n\n{fence}{lang}\n{code}\n{fence}\n\n"
