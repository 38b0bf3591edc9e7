"""Where a Markdown body holds code: what a conversion must leave as it is.

Pelican rewrites its ``{filename}`` and ``{index}`` only in links, never in a code sample that
prints them; a ``<!--more-->`` in a code block is part of the sample, not the summary's end. Code
is found the way Python-Markdown reads it, closely enough for that: fenced blocks (``fenced_code``),
blocks indented four spaces after a blank line (not a list item's paragraph), and code spans.
Each is found in one pass over the text.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right

from feeds.lazyre import LazyPattern

# An opening fence line, as fenced_code's FENCED_BLOCK_RE reads it, and a closing one.
_FENCE_START = LazyPattern(r"^(?:~{3,}|`{3,})", re.M)
_FENCE_OPEN = LazyPattern(r"""(~{3,}|`{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=("|')[^\n]*?\2[ ]*)?)?\n""")
_FENCE_CLOSE = LazyPattern(r"^(~{3,}|`{3,})[ ]*$", re.M)
_LINE = LazyPattern(r"[^\n]*\n?")
_LIST_ITEM = LazyPattern(r" {0,3}(?:[*+-]|\d+[.)])[ \t]")
_RUN = LazyPattern(r"`+")
_BLANK = LazyPattern(r"\n[ \t]*\n")


def code_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that are code, in order, as (start, end) offsets."""
    blocks = _fenced(text) if "```" in text or "~~~" in text else []
    blocks = _merge(blocks, _indented(text, blocks))
    spans: list[tuple[int, int]] = []
    if "`" in text:
        pos = 0
        for start, end in [*blocks, (len(text), len(text))]:
            spans += _code_spans(text, pos, start)
            pos = end
    return _merge(blocks, spans)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether offset ``pos`` is in one of ``spans`` (from ``code_spans``)."""
    i = bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def find_outside(text: str, needle: str, spans: list[tuple[int, int]] | None = None) -> int:
    """Where ``needle`` first occurs in ``text`` outside code; -1 if it does not."""
    at = text.find(needle)
    if at < 0:
        return -1
    spans = code_spans(text) if spans is None else spans
    while at >= 0 and inside(spans, at):
        at = text.find(needle, at + 1)
    return at


def _fenced(text: str) -> list[tuple[int, int]]:
    closings: dict[str, list[tuple[int, int]]] = {}
    for m in _FENCE_CLOSE.finditer(text):
        closings.setdefault(m.group(1), []).append(m.span())
    blocks: list[tuple[int, int]] = []
    pos = 0
    while (start := _FENCE_START.search(text, pos)) is not None:
        pos = start.end()
        opening = _FENCE_OPEN.match(text, start.start())
        if opening is None:
            continue
        candidates = closings.get(opening.group(1), [])
        i = bisect_left(candidates, (opening.end(), -1))
        if i == len(candidates):
            continue
        end = candidates[i][1]
        blocks.append((start.start(), end))
        pos = end
    return blocks


def _code_spans(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Code spans: a run of backticks, then the next run as long, with no blank line between."""
    runs = [m.span() for m in _RUN.finditer(text, pos, end)]
    if len(runs) < 2:
        return []
    by_length: dict[int, list[int]] = {}
    for i, (start, stop) in enumerate(runs):
        by_length.setdefault(stop - start, []).append(i)
    blanks = [m.start() for m in _BLANK.finditer(text, pos, end)]
    spans = []
    i = 0
    while i < len(runs):
        start, stop = runs[i]
        same = by_length[stop - start]
        k = bisect_right(same, i)
        if (start == 0 or text[start - 1] != "\\") and k < len(same):
            close = runs[same[k]]
            blank = bisect_left(blanks, stop)
            if blank == len(blanks) or blanks[blank] >= close[0]:
                spans.append((start, close[1]))
                i = same[k] + 1
                continue
        i += 1
    return spans


def _indented(text: str, fenced: list[tuple[int, int]]) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    blank, code, listed = True, False, False  # after a blank line; in a code block; in a list
    skip = iter([*fenced, (len(text) + 1, len(text) + 1)])
    next_fence = next(skip)
    for m in _LINE.finditer(text):
        start, end = m.span()
        if start == end:
            break
        if start >= next_fence[0]:
            if start < next_fence[1]:
                blank, code, listed = False, False, False
                continue
            next_fence = next(skip)
        line = m.group()
        if not line.strip():
            blank = True
            continue
        if line.startswith(("    ", "\t")):
            if code or (blank and not listed):
                code = True
                if blocks and blocks[-1][1] == start:
                    blocks[-1] = (blocks[-1][0], end)
                else:
                    blocks.append((start, end))
        else:
            code = False
            listed = _LIST_ITEM.match(line) is not None or (listed and not blank)
        blank = False
    return blocks


def _merge(*lists: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(span for spans in lists for span in spans)
