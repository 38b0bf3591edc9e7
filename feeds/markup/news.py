"""The body of a plain-text news article as HTML: paragraphs, subheadings, captions and notes.

What each line *is* (a caption, a copyright note, a byline) is read with the patterns of
``feeds.readers.news``, the module that recognises these articles; nothing here drops a line.
"""

from __future__ import annotations

import html

from feeds.readers.news import BYLINE, CAPTION, CLOSING, NOTE, plain

SUBHEADING_MAX = 60


def render(body: str) -> str:
    """The body as HTML: paragraphs, subheadings, photo captions and notes, nothing dropped."""
    blocks = _blocks(body)
    out: list[str] = []
    for i, (kind, lines) in enumerate(blocks):
        text = "\n".join(html.escape(line, quote=False) for line in lines)
        if kind == "p" and _is_subheading(blocks, i):
            out.append(f"<h3>{text}</h3>")
        elif kind == "caption":
            out.append(f"<figure><figcaption>{text}</figcaption></figure>")
        elif kind == "note":
            out.append(f"<p><small>{text}</small></p>")
        else:
            out.append(f"<p>{text}</p>")
    return "\n".join(out)


def _blocks(body: str) -> list[tuple[str, list[str]]]:
    """Blank-line separated paragraphs; a caption or note line is always a block of its own."""
    blocks: list[tuple[str, list[str]]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(("p", current.copy()))
            current.clear()

    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif CAPTION.search(plain(line)):
            flush()
            blocks.append(("caption", [line]))
        elif NOTE.search(line) and len(line) <= 120:
            flush()
            blocks.append(("note", [line]))
        else:
            current.append(line)
    flush()
    return blocks


def _is_subheading(blocks: list[tuple[str, list[str]]], i: int) -> bool:
    _, lines = blocks[i]
    if len(lines) != 1 or i == 0 or i == len(blocks) - 1:
        return False
    line = lines[0]
    if len(line) > SUBHEADING_MAX or line.endswith(CLOSING) or BYLINE.match(line):
        return False
    # Between paragraphs: what follows must be body text, not another heading or a caption.
    following = blocks[i + 1]
    return following[0] == "p" and (
        len(following[1]) > 1 or len(following[1][0]) > SUBHEADING_MAX or following[1][0].endswith(CLOSING)
    )
