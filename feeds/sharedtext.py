"""Long texts held outside Python's objects, where a forked process reads them without copying.

A worker forked to write feeds shares the parent's memory until it writes to a page; reading a
``str`` writes its reference count, on the page that holds the start of its text, so each worker
that reads every entry's HTML copies most of it. Kept here instead, in UTF-8 in private anonymous
maps that nobody writes once filled, a text is decoded into a new ``str`` where it is read, and
its bytes stay shared.
"""

from __future__ import annotations

import mmap

_CHUNK = 1 << 22  # bytes mapped at once; pages never written are never resident
_SMALL = 512  # shorter texts stay ``str``s: they lie among other small objects anyway


class SharedText:
    """A text in an ``Arena``: ``str(shared)`` is the text."""

    __slots__ = ("buffer", "end", "start")

    def __init__(self, buffer: mmap.mmap, start: int, end: int) -> None:
        self.buffer, self.start, self.end = buffer, start, end

    def __str__(self) -> str:
        return self.buffer[self.start : self.end].decode("utf-8", "surrogatepass")

    def __contains__(self, part: str) -> bool:
        """Whether the text holds ``part``, told from its bytes, not decoded: UTF-8 bytes match
        only on a character's start."""
        return self.buffer.find(part.encode("utf-8", "surrogatepass"), self.start, self.end) >= 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SharedText) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"SharedText({str(self)!r})"

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (str(self),)  # a map does not cross processes: the text does


class Arena:
    """Where texts are added, one after the other, in maps of ``_CHUNK`` bytes (a longer text
    has a map of its own). The maps are let go with the last text in them."""

    def __init__(self) -> None:
        self.buffer: mmap.mmap | None = None
        self.used = 0

    def add(self, text: str) -> str | SharedText:
        if len(text) < _SMALL:
            return text
        data = text.encode("utf-8", "surrogatepass")
        size = len(data)
        if self.buffer is None or self.used + size > len(self.buffer):
            # Private: a process that adds after a fork writes to its own copy of the page.
            self.buffer, self.used = mmap.mmap(-1, max(_CHUNK, size), flags=mmap.MAP_PRIVATE), 0
        start, self.used = self.used, self.used + size
        self.buffer[start : self.used] = data
        return SharedText(self.buffer, start, self.used)
