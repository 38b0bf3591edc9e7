"""Readers: one module per input format, each detected by content, never by file name.

Every reader module has the same three-part contract:

- ``NAME``: the format's name, reported in debug output and stored on the document;
- ``detect(text) -> bool``: cheap, looks only at the start of the text;
- ``read(text, path) -> Parsed``: metadata as written, plus the body and how to render it.

Adding a format is one new module and its name in ``READERS`` (order matters: the first
reader whose ``detect`` answers yes reads the file).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from feeds.errors import UnknownFormatError


@dataclass
class Parsed:
    """What a reader found, before normalization."""

    format: str
    meta: dict[str, Any]  # keys lower-cased, values as the format gives them
    body: str
    markup: str  # how the body renders: "markdown" or "news"
    body_line: int = 1  # line of the file where the body starts
    lines: dict[str, int] = field(default_factory=dict)  # metadata key -> line it was found on


def from_line(text: str, number: int) -> str:
    """``text`` from its line ``number`` (1-based) on: ``"\\n".join(text.split("\\n")[number - 1 :])``.

    Without splitting the whole text into lines to join most of them again.
    """
    if number < 1:  # never asked by a reader, but a slice from the end means what it says
        return "\n".join(text.split("\n")[number - 1 :])
    at = -1
    for _ in range(number - 1):
        at = text.find("\n", at + 1)
        if at == -1:
            return ""
    return text[at + 1 :]


class Reader(Protocol):
    NAME: str

    def detect(self, text: str) -> bool: ...

    def read(self, text: str, path: str) -> Parsed: ...


# Detection order: the first reader whose ``detect`` answers yes reads the file.
# Modules by name, imported when first needed; tests/test_layering.py reads them as imports.
READERS = ("feeds.readers.frontmatter", "feeds.readers.header", "feeds.readers.news")


@cache  # once per process: this runs for every file, and even a done import costs microseconds
def _reader(name: str) -> Reader:
    """The reader module ``name``, imported when a file first gets this far down ``READERS``.

    A process that reads only front matter (an edit of one Markdown file) never loads the news
    reader, nor a file with a header the front matter reader's YAML.
    """
    return importlib.import_module(name)


def read(text: str, path: str) -> Parsed:
    """Parse ``text`` with the first reader that recognises it."""
    for name in READERS:
        reader = _reader(name)
        if reader.detect(text):
            return reader.read(text, path)
    from feeds.readers import news

    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    raise UnknownFormatError(
        path,
        "unknown format: expected front matter ('---', '+++' or '{' on line 1), a 'Key: value' "
        "header (Title:, Date:, …), or a news article (a title, then a date line like "
        f"'입력 2025-03-10 14:30' or '2025-03-10 홍길동 기자': {news.why_not(text)}); "
        f"line 1 is {first[:60]!r}; if it is not an article, list it in the exclude setting",
        1,
    )
