"""CommonMark with GitHub's extensions, by cmarkgfm (GitHub's own C implementation, cmark-gfm).

The engine of a document whose setting is ``markdown = "commonmark"`` (``feeds.config``): it reads
a body the way Hugo, Jekyll (kramdown GFM), Zola, Eleventy and the remark family do, where
Python-Markdown does not (fence info after the language, lists nested by two spaces, fences in
list items, bare URLs, ``~~strike~~``, task lists).

Raw HTML goes through as written, as it does with Python-Markdown: feeds publishes a document's
full HTML, and ``feeds validate`` reports what readers strip (``<script>``, ``javascript:``).
So cmark's ``UNSAFE`` option is on and GitHub's ``tagfilter`` extension, which escapes
``<script>``, ``<iframe>`` and others, is off.

cmark is called here as cmarkgfm's ``markdown_to_html_with_extensions`` calls it, with one
difference: the body's syntax tree and its HTML, which cmark allocates and leaves to its caller,
are given back. cmarkgfm frees neither (its bindings lack ``cmark_node_free``), and a process
that renders thousands of bodies grew by several times their size. The two functions that free
them are taken from cmarkgfm's own library; should a build of it not export them, bodies render
through cmarkgfm's function, as before.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from typing import Any

from cmarkgfm import _cmark, cmark

# GitHub's extensions, as github.com renders Markdown (less tagfilter: see above); footnotes are
# an option of the parser, not an extension.
EXTENSIONS = ("table", "strikethrough", "autolink", "tasklist")
_SURROGATE = re.compile("[\ud800-\udfff]")
OPTIONS = cmark.Options.CMARK_OPT_UNSAFE | cmark.Options.CMARK_OPT_FOOTNOTES

_lib, _ffi = _cmark.lib, _cmark.ffi


class _Mem(ctypes.Structure):
    """cmark's ``cmark_mem``: the allocator a parser, its nodes and their HTML come from."""

    _fields_ = [
        ("calloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)),
        ("realloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


def _freeing() -> tuple[Callable[[int], None], Callable[[int], None]] | None:
    """cmark's ``cmark_node_free`` and the ``free`` of its default allocator (the one
    ``cmark_parser_new`` uses), from cmarkgfm's library; None where they cannot be had."""
    try:
        library = ctypes.CDLL(_cmark.__file__)
        node_free = library.cmark_node_free
        default_mem = library.cmark_get_default_mem_allocator
    except (OSError, AttributeError):
        return None
    node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
    default_mem.argtypes, default_mem.restype = [], ctypes.POINTER(_Mem)
    free = default_mem().contents.free
    return node_free, free


_FREEING = _freeing()
_lib.cmark_gfm_core_extensions_ensure_registered()
_EXTENSIONS = [_lib.cmark_find_syntax_extension(name.encode()) for name in EXTENSIONS]
if any(extension == _ffi.NULL for extension in _EXTENSIONS):  # pragma: no cover - cmarkgfm's own check
    raise ImportError(f"cmarkgfm lacks one of the extensions {EXTENSIONS}")


def to_html(body: str) -> str:
    """``body`` as CommonMark with GitHub's tables, strikethrough, autolinks, task lists and footnotes."""
    try:
        data = body.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate, which cmark (UTF-8 only) cannot be given: U+FFFD, as cmark does with
        # any invalid UTF-8.
        body = _SURROGATE.sub("\ufffd", body)
        data = body.encode("utf-8")
    if _FREEING is None:
        html: str = cmark.markdown_to_html_with_extensions(body, OPTIONS, list(EXTENSIONS))
        return html
    return _rendered(data, *_FREEING)


def _address(pointer: Any) -> int:
    return int(_ffi.cast("uintptr_t", pointer))


def _rendered(data: bytes, node_free: Callable[[int], None], free: Callable[[int], None]) -> str:
    parser = _lib.cmark_parser_new(OPTIONS)
    try:
        for extension in _EXTENSIONS:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        _lib.cmark_parser_feed(parser, data, len(data))
        root = _lib.cmark_parser_finish(parser)
        if _lib.cmark_node_get_type(root) == _lib.CMARK_NODE_NONE:  # cmark ran out of memory
            raise MemoryError("cmark could not parse the body")
        try:
            raw = _lib.cmark_render_html(root, OPTIONS, _lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return bytes(_ffi.string(raw)).decode("utf-8")
            finally:
                free(_address(raw))
        finally:
            node_free(_address(root))
    finally:
        _lib.cmark_parser_free(parser)
