"""CommonMark with GitHub's extensions, by cmarkgfm (GitHub's own C implementation, cmark-gfm).

The engine of a document whose setting is ``markdown = "commonmark"`` (``feeds.config``): it reads
a body the way Hugo, Jekyll (kramdown GFM), Zola, Eleventy and the remark family do, where
Python-Markdown does not (fence info after the language, lists nested by two spaces, fences in
list items, bare URLs, ``~~strike~~``, task lists).

Raw HTML goes through as written, as it does with Python-Markdown: feeds publishes a document's
full HTML, and ``feeds validate`` reports what readers strip (``<script>``, ``javascript:``).
So cmark's ``UNSAFE`` option is on and GitHub's ``tagfilter`` extension, which escapes
``<script>``, ``<iframe>`` and others, is off.
"""

from __future__ import annotations

import re

from cmarkgfm import cmark

# GitHub's extensions, as github.com renders Markdown (less tagfilter: see above); footnotes are
# an option of the parser, not an extension.
EXTENSIONS = ("table", "strikethrough", "autolink", "tasklist")
_SURROGATE = re.compile("[\ud800-\udfff]")
OPTIONS = cmark.Options.CMARK_OPT_UNSAFE | cmark.Options.CMARK_OPT_FOOTNOTES


def to_html(body: str) -> str:
    """``body`` as CommonMark with GitHub's tables, strikethrough, autolinks, task lists and footnotes."""
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate, which cmark (UTF-8 only) cannot be given: U+FFFD, as cmark does with
        # any invalid UTF-8.
        body = _SURROGATE.sub("\ufffd", body)
    html: str = cmark.markdown_to_html_with_extensions(body, OPTIONS, list(EXTENSIONS))
    return html
