"""Emoji shortcodes (``:rocket:``) as the emoji, where the site says so (the ``emoji`` setting,
Hugo's ``enableEmoji``).

As Hugo's Markdown does (the goldmark-emoji extension, GitHub's codes): only in text, never in
code blocks, indented code, code spans or HTML blocks, so a post that documents the codes still
shows them. A code is GitHub's name (``:+1:``, ``:see_no_evil:``) or Unicode's (``:rocket:``), from
the ``emoji`` package; anything else between colons (``10:30:45``, ``:not_a_code:``) stays. One
scan of the body, and one linear regular expression over its text lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from feeds.dialects.common import Job

_CODE = re.compile(r":([a-z0-9_+-]+):")
# The start of an HTML block: a tag, a closing tag or a comment at the start of a line.
_HTML_BLOCK = re.compile(r" {0,3}<(?:[A-Za-z]|/[A-Za-z]|!--)")


@lru_cache(maxsize=1)
def codes() -> dict[str, str]:
    """Every shortcode's emoji: GitHub's aliases first, then Unicode's names."""
    import emoji

    found: dict[str, str] = {}
    for character, data in emoji.EMOJI_DATA.items():
        for alias in data.get("alias", ()):
            found.setdefault(alias.strip(":"), character)
    for character, data in emoji.EMOJI_DATA.items():
        found.setdefault(str(data.get("en", "")).strip(":").lower(), character)
    return found


def expand(body: str, job: Job) -> str:
    del job  # nothing to warn about: an unknown code is text
    table = codes()
    out: list[str] = []
    fence = ""
    html_block = False
    for line in body.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if fence:
            if stripped.startswith(fence) and not stripped.strip().strip(fence[0]):
                fence = ""
        elif indent < 4 and stripped[:3] in ("```", "~~~"):
            fence = stripped[0] * (len(stripped) - len(stripped.lstrip(stripped[0])))
        elif html_block or _HTML_BLOCK.match(line):
            html_block = bool(line.strip())  # an HTML block ends at a blank line
        elif ":" in line and indent < 4 and not line.startswith("\t"):
            line = _outside_spans(line, table)
        out.append(line)
    return "".join(out)


def _outside_spans(line: str, table: dict[str, str]) -> str:
    pieces = line.split("`")
    # Even pieces are outside code spans (a backtick run of one; longer runs pair the same way).
    for i in range(0, len(pieces), 2):
        if ":" in pieces[i]:
            pieces[i] = _CODE.sub(lambda m: table.get(m.group(1), m.group(0)), pieces[i])
    return "`".join(pieces)
