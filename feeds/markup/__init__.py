"""Markups: one module per way a body is written, each with ``to_html(body) -> str`` (an HTML fragment).

A reader says which markup its body is in (``Parsed.markup``); a Markdown body's engine is then
chosen by the ``markdown`` setting and front matter key (``feeds.normalize``), and ``feeds.fragments``
looks the document's markup up in ``MARKUPS``. A new markup is one module here and one entry
there. Modules are imported only when a body is rendered: a build with nothing to do never loads
Python-Markdown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# Document.markup -> the module that converts it to HTML.
MARKUPS: dict[str, str] = {
    "markdown": "feeds.markup.markdown",
    "commonmark": "feeds.markup.commonmark",
    "news": "feeds.markup.news",
}

# The ``markdown`` setting's values (site, folder, front matter) -> the markup a Markdown body gets.
MARKDOWN_ENGINES: dict[str, str] = {
    "python-markdown": "markdown",
    "commonmark": "commonmark",
}
DEFAULT_MARKDOWN = "python-markdown"
# The markups that are Markdown: other generators' syntax is converted before they render.
MARKDOWN_MARKUPS = frozenset(MARKDOWN_ENGINES.values())


def converter(markup: str) -> Callable[[str], str]:
    """The ``to_html`` function of ``markup``'s module."""
    to_html: Callable[[str], str] = importlib.import_module(MARKUPS[markup]).to_html
    return to_html
