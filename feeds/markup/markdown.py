"""Python-Markdown with ``extra``, made fast without changing a byte of its HTML.

Profiling a 10,000-document build (issue 5) put Markdown at more than half the CPU time, and two
things in it that do no work on most documents:

- **The inline pass tries every pattern on every text.** With ``extra`` that is 15 patterns on
  each of ~100,000 text nodes, through a ``Registry`` lookup and a method call each, though a
  plain paragraph matches none of them. Every pattern's regular expression needs one of a few
  characters (``[`` for links, ``*`` or ``_`` for emphasis, ``&`` for entities);
  ``SkippingInlineProcessor`` reads them from the compiled expression and skips a pattern when
  none is in the text, exactly as a failed match would. (It overrides one private method,
  ``InlineProcessor.__handleInline``, whose loop it copies; a pattern it cannot read is always
  tried.)
- **Every extension of ``extra`` runs on every document.** Each only acts on text that holds its
  syntax: a table needs ``|``, a footnote ``[^``, an abbreviation ``*[``, an attribute list
  ``{``. A document is rendered by an instance with only the extensions whose syntax it holds.

Together they halve it: 5.7 s -> 3.0 s for the 4,148 Markdown bodies of a 10k build. The tests compare the
output with stock Python-Markdown (``extra`` and ``sane_lists``) on every test document, a
document using every feature, generated corpora and hypothesis-generated text.

Both rely on names nobody promised to keep: ``InlineProcessor.__handleInline`` and
``__applyPattern``, CPython's ``re._parser``, and ``extra``'s list of extensions. So when this
module is imported it checks them, and renders a probe text both ways: if a name is missing or the
probe differs, every body is rendered by stock Python-Markdown, after one warning. An upgrade of
Python or Python-Markdown can cost speed, never correctness.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable
from functools import cache, lru_cache
from types import ModuleType
from typing import Any

import markdown.extensions.extra
from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

sre_parse: ModuleType | None
try:
    from re import _parser as sre_parse  # type: ignore[attr-defined,no-redef]  # private to CPython
except ImportError:
    sre_parse = None

log = logging.getLogger(__name__)

_Chars = frozenset[str] | None  # None: the pattern might match text without any given character


_COMMON = {" ": 4, "\n": 2, "[": 1, ".": 1, ",": 1}  # else 3 for letters and digits, 0 for the rest


def _rank(chars: frozenset[str]) -> tuple[int, int]:
    # Prefer few characters and rare ones: "  \n" (a line break) is best tested by "\n".
    return (sum(_COMMON.get(c, 3 if c.isalnum() else 0) for c in chars), len(chars))


def _best(options: list[frozenset[str]]) -> _Chars:
    return min(options, key=_rank) if options else None


def _required(items: Any, ignorecase: bool) -> _Chars:
    """Characters of which one must be in any text a parsed sequence matches; None if unknown."""
    assert sre_parse is not None  # checked by _missing_names before the fast engine is used
    options: list[frozenset[str]] = []
    for op, arg in items:
        chars: _Chars = None
        if op is sre_parse.LITERAL:
            chars = frozenset(chr(arg))
        elif op is sre_parse.IN:
            if all(o is sre_parse.LITERAL for o, _ in arg):
                chars = frozenset(chr(a) for _, a in arg)
        elif op is sre_parse.SUBPATTERN:
            chars = _required(arg[-1], ignorecase)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            low, _, body = arg
            chars = _required(body, ignorecase) if low >= 1 else None
        elif op is sre_parse.ASSERT:  # a look-ahead or look-behind still looks inside the text
            chars = _required(arg[1], ignorecase)
        elif op is sre_parse.BRANCH:
            alternatives = [_required(alt, ignorecase) for alt in arg[1]]
            if all(alt is not None for alt in alternatives):
                chars = frozenset().union(*alternatives)  # type: ignore[arg-type]
        if chars is not None and ignorecase and any(c.lower() != c.upper() for c in chars):
            chars = None
        if chars:
            options.append(chars)
    return _best(options)


@lru_cache(maxsize=256)
def required_chars(pattern: re.Pattern[str]) -> _Chars:
    """One of these characters is in every string ``pattern`` can find a match in."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    return _required(parsed.data, bool(pattern.flags & re.IGNORECASE))


class SkippingInlineProcessor(InlineProcessor):  # type: ignore[misc]
    """``InlineProcessor`` that does not try a pattern on a text it cannot match."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # A plain list, read once per document: indexing the Registry re-checks its order each time.
        self._patterns = [(p, required_chars(p.getCompiledRegExp())) for p in self.inlinePatterns]
        self._chars = frozenset().union(*(chars for _, chars in self._patterns if chars))
        self._always = max((i for i, (_, chars) in enumerate(self._patterns) if chars is None), default=-1)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        # The loop of InlineProcessor.__handleInline, plus the skip. A skipped pattern leaves what
        # a failed match leaves: the text unchanged and the next pattern searching from 0.
        atomic: bool = isinstance(data, util.AtomicString)  # not narrowed: AtomicString is untyped
        if atomic:
            return data
        apply = self._InlineProcessor__applyPattern
        patterns = self._patterns
        present = {c for c in self._chars if c in data}
        startIndex = 0
        count = len(patterns)
        while patternIndex < count:
            if not present and patternIndex > self._always:
                break  # most text: no pattern left that could match
            pattern, chars = patterns[patternIndex]
            if chars is not None and present.isdisjoint(chars):
                patternIndex += 1
                startIndex = 0
                continue
            data, matched, startIndex = apply(pattern, data, patternIndex, startIndex)
            if matched:
                present = {c for c in self._chars if c in data}  # the match took characters out
            else:
                patternIndex += 1
        return data


class SkippingInlineExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        inline = md.treeprocessors["inline"]
        if type(inline) is not InlineProcessor:  # another extension's own inline pass stays as it is
            return
        if not all(hasattr(InlineProcessor, f"_InlineProcessor__{name}") for name in ("handleInline", "applyPattern")):
            return  # a Python-Markdown whose private loop we do not know: stock speed, stock output
        md.treeprocessors.register(SkippingInlineProcessor(md), "inline", 20)


MARKDOWN_EXTENSIONS = ("extra", "sane_lists")  # what every body is rendered with, in effect

# What a document's text must hold for each extension of ``extra`` to do anything. def_list's
# marker is ":" and at least one space (tabs are expanded to spaces before it looks); md_in_html
# only changes how raw HTML blocks are read. An extension ``extra`` gains in a later release has
# no entry here, so it is always used.
_MARKS: dict[str, tuple[str, ...]] = {
    "fenced_code": ("```", "~~~"),
    "footnotes": ("[^",),
    "attr_list": ("{",),
    "def_list": (": ", ":\t"),
    "tables": ("|",),
    "abbr": ("*[",),
    "md_in_html": ("<",),
}


def _extension(name: str) -> Extension:
    """The built-in extension ``name`` (as ``extra`` names them), from its module.

    Named by a string, Python-Markdown first looks the name up among the installed packages' entry
    points: importing importlib.metadata and reading every distribution's metadata, 75 ms at each
    start of a build, more than rendering 30 bodies. The built-in extensions are what those names
    resolve to, and their modules are where they live.
    """
    extension: Extension = importlib.import_module(f"markdown.extensions.{name}").makeExtension()
    return extension


@cache
def _instance(extensions: tuple[str, ...]) -> Markdown:
    # One instance per set of extensions, reset per document: building one costs more than a body.
    chosen = [_extension(name) for name in (*extensions, "sane_lists")]
    return Markdown(extensions=[*chosen, SkippingInlineExtension()], output_format="html")


def fast_render(body: str) -> str:
    """``body`` as stock Python-Markdown renders it, faster (see the module's docstring)."""
    needed = tuple(
        name
        for name in markdown.extensions.extra.extensions  # in extra's own order
        if name not in _MARKS or any(mark in body for mark in _MARKS[name])
    )
    return _convert(_instance(needed), body)


@cache
def _stock_instance() -> Markdown:
    # MARKDOWN_EXTENSIONS, each of extra's extensions from its module (see _extension), in the
    # order extra registers them; by name if a module is not where it was.
    try:
        chosen: list[Extension | str] = [
            _extension(name) for name in (*markdown.extensions.extra.extensions, "sane_lists")
        ]
    except (ImportError, AttributeError, TypeError):
        chosen = list(MARKDOWN_EXTENSIONS)
    return Markdown(extensions=chosen, output_format="html")


def stock_render(body: str) -> str:
    """``body`` as stock Python-Markdown renders it, with ``MARKDOWN_EXTENSIONS``."""
    return _convert(_stock_instance(), body)


def _convert(md: Markdown, body: str) -> str:
    try:
        return str(md.reset().convert(body))
    finally:
        md.reset()


# What the fast engine reads of others' internals: CPython's regular-expression parser,
# Python-Markdown's inline loop and the list of extensions ``extra`` loads.
_SRE_NAMES = (
    *("parse", "LITERAL", "IN", "SUBPATTERN", "BRANCH", "ASSERT"),
    *("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"),
)
_INLINE_NAMES = ("handleInline", "applyPattern")

# A few lines of every syntax the fast engine treats specially: inline patterns, and each extension of extra.
PROBE = """A *para* with **strong**, `code`, [a link](/a "t"), ![img](/i.png), <https://x.org>, &amp; &copy;,
a line break<2SP>
and a footnote[^1] about the HTML.

*[HTML]: Hyper Text Markup Language
[^1]: The *note*.

| a | b |
|---|---|
| `x` | [y](/y) |

Term
:   Definition
{: #id .c }

```python
x = "*kept*"
```

<div markdown="1">
*in* html
</div>

1. one
2. two
""".replace("<2SP>", "  ")


def _missing_names() -> list[str]:
    missing = []
    if sre_parse is None or not all(hasattr(sre_parse, name) for name in _SRE_NAMES):
        missing.append("re._parser")
    missing += [
        f"InlineProcessor.__{name}"
        for name in _INLINE_NAMES
        if not callable(getattr(InlineProcessor, f"_InlineProcessor__{name}", None))
    ]
    names = getattr(markdown.extensions.extra, "extensions", None)
    if not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
        missing.append("markdown.extensions.extra.extensions")
    return missing


def choose_engine() -> Callable[[str], str]:
    """``fast_render`` if it may be trusted here, else ``stock_render`` after one warning."""
    missing = _missing_names()
    if missing:
        why = f"it relies on {', '.join(missing)}, which this version lacks"
    else:
        try:
            same = fast_render(PROBE) == stock_render(PROBE)
        except Exception as exc:  # a changed internal can fail in any way; stock rendering still works
            same, why = False, f"it failed on a probe text ({type(exc).__name__}: {exc})"
        else:
            why = "it rendered a probe text differently from stock Python-Markdown"
        if same:
            return fast_render
    log.warning(
        "the fast Markdown engine is off with Python-Markdown %s: %s; rendering with stock Python-Markdown "
        "(the same HTML, about twice as slow)",
        markdown.__version__,
        why,
    )
    return stock_render


_engine = choose_engine()  # at import: a build imports this once, before it forks its renderers


def render(body: str) -> str:
    """``body`` as Python-Markdown renders it with ``MARKDOWN_EXTENSIONS``."""
    return _engine(body)
