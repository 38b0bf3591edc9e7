"""Python-Markdown with ``extra``, made fast without changing a byte of its HTML.

Markdown is most of a full build's CPU time, and most of what Python-Markdown does there does
nothing on most documents. Each of these skips such work, with the same result
(bench/results.md has what each one bought):

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
- **Every block processor is tried on every block.** Most documents have no header, quote, rule,
  bullet, indented code or link reference, yet each paragraph is tested by all of them, through a
  ``Registry`` that is re-sorted and copied for every block. ``SkippingBlockParser`` keeps, for
  each document, only the processors whose syntax it holds (``#``, ``>``, ``]:``, four spaces,
  ...: ``_BLOCK_MARKS``), in a plain list.
- **Reference links are looked for in documents that define none.** ``[text]`` is tried by four
  reference patterns, whose ``handleMatch`` makes no node for an id not in ``md.references``; a
  document without definitions skips them (most bodies have links, few define references).
- **A link's address is read a character at a time.** ``LinkInlineProcessor.getLink`` walks it
  to balance parentheses and find a title; up to the first ``)``, text without ``(`` or a quote
  leaves that walk nothing to do, and ``_PlainLinkMixin`` slices it.
- **Two passes over the whole tree do little on most documents.** The unescape pass restores what
  a backslash escaped, so it is not run on a body without one (``SkippingUnescapeTreeprocessor``);
  and ``is_block_level``, asked for every element, searches a list of 60 names, where ``_Markdown``
  looks in a set made from it for each document.
- **Text without a placeholder still goes through the placeholder loop.**
  ``InlineProcessor.__processPlaceholders`` then only appends it to its parent's text or tail,
  which ``SkippingInlineProcessor`` does directly.

The tests compare the output with stock Python-Markdown (``extra`` and ``sane_lists``) on every
test document, a document using every feature, generated corpora and hypothesis-generated text
and blocks.

All rely on names nobody promised to keep: ``InlineProcessor.__handleInline``,
``__applyPattern``, ``__processPlaceholders`` and ``__placeholder_prefix``, the loop of
``BlockParser.parseBlocks``, what reference patterns do without a definition, CPython's
``re._parser``, and ``extra``'s list of extensions. So when this module is imported it checks
them, and renders two probe texts both ways: if a name is missing or a probe differs, every body
is rendered by stock Python-Markdown, after one warning. An upgrade of Python or Python-Markdown
can cost speed, never correctness.
"""

from __future__ import annotations

import importlib
import logging
import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from itertools import accumulate
from typing import Any

import markdown.extensions.extra
import markdown.inlinepatterns
from markdown import Markdown, util
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, UnescapeTreeprocessor

from feeds.markup import regexchars
from feeds.markup.regexchars import required_chars

log = logging.getLogger(__name__)

# The private names of InlineProcessor that SkippingInlineProcessor calls or overrides.
_INLINE_NAMES = ("handleInline", "applyPattern", "processPlaceholders")


def _reference_patterns() -> frozenset[type]:
    names = ("Reference", "ShortReference", "ImageReference", "ShortImageReference")
    found = (getattr(markdown.inlinepatterns, f"{name}InlineProcessor", None) for name in names)
    return frozenset(cls for cls in found if isinstance(cls, type))


_REFERENCE_PATTERNS = _reference_patterns()


class SkippingInlineProcessor(InlineProcessor):  # type: ignore[misc]
    """``InlineProcessor`` that does not try a pattern on a text it cannot match."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # A plain list, read once per document: indexing the Registry re-checks its order each time.
        # A reference link makes a node only for an id in md.references (else handleMatch returns no
        # node and the text is left as it was): with no definition in the document it is skipped.
        no_references = not self.md.references
        self._patterns = [
            (
                p,
                frozenset() if no_references and type(p) in _REFERENCE_TYPES else required_chars(p.getCompiledRegExp()),
            )
            for p in self.inlinePatterns
        ]
        self._chars = frozenset().union(*(chars for _, chars in self._patterns if chars))
        self._prefix: str = self._InlineProcessor__placeholder_prefix
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

    def _InlineProcessor__processPlaceholders(self, data: str | None, parent: Any, isText: bool = True) -> Any:
        # Most text comes out of the patterns with no placeholder in it: the loop of
        # InlineProcessor.__processPlaceholders would then only append it to the parent's text or
        # tail, which is all this does, without building its closure and result list.
        if not data or self._prefix in data:
            return super()._InlineProcessor__processPlaceholders(data, parent, isText)
        text = util.AtomicString(data) if isinstance(data, util.AtomicString) else data
        if isText:
            parent.text = parent.text + text if parent.text else text
        else:
            parent.tail = parent.tail + text if parent.tail else text
        return []


class _PlainLinkMixin:
    """``getLink`` of ``LinkInlineProcessor`` with a short cut for the common ``(url)``.

    Its loop walks the parentheses a character at a time, to balance nested ones and find a quoted
    title. Up to the first ``)``, text with no ``(`` and no quote gives that loop nothing to track:
    it stops at that ``)`` with the text before it as the address. So does this, and hands any
    other text to the loop.
    """

    RE_LINK: re.Pattern[str]
    unescape: Callable[[str], str]

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        m = self.RE_LINK.match(data, pos=index)
        if m and not m.group(1):  # not the <address> form, which the loop does not read either
            start = m.end()
            close = data.find(")", start)
            if close != -1:
                address = data[start:close]
                if "(" not in address and '"' not in address and "'" not in address:
                    return self.unescape(address).strip(), None, close + 1, True
        link: tuple[str, str | None, int, bool] = super().getLink(data, index)  # type: ignore[misc]
        return link


_BRACKET = re.compile(r"[\[\]]")
_WALK = 32  # brackets walked from a "[" before the text's brackets are listed


class _Brackets:
    """The brackets of one text, listed once: where each ``]`` takes the depth, in a few passes in C."""

    def __init__(self, data: str) -> None:
        self.data = data
        self.positions = [m.start() for m in _BRACKET.finditer(data)]
        signs = _BRACKET.findall(data)
        self.depths = list(accumulate(map(_SIGN.__getitem__, signs)))
        self.closes: dict[int, list[int]] = {}
        for at, sign, depth in zip(self.positions, signs, self.depths, strict=True):
            if sign == "]":
                self.closes.setdefault(depth, []).append(at)

    def close(self, index: int) -> int | None:
        """The ``]`` that balances an opening just before ``index``, if there is one."""
        before = bisect_left(self.positions, index)
        closes = self.closes.get((self.depths[before - 1] if before else 0) - 1, [])
        found = bisect_left(closes, index)
        return closes[found] if found < len(closes) else None


_SIGN = {"[": 1, "]": -1}
_listed: list[_Brackets] = []  # the last text listed: the patterns of one text share it


class _BracketTextMixin:
    """``getText`` of ``LinkInlineProcessor``, without walking the whole text for each ``[``.

    It walks from a ``[`` to the ``]`` that balances it, a character at a time; for a ``[`` that
    is never balanced, to the end of the text. A line of ``[`` was thus walked once for each of
    them, quadratic in the line's length. This walks from bracket to bracket; past ``_WALK`` of them it lists the
    text's brackets once (each pattern's later calls on it look there) and finds the same ``]``:
    the first after ``index`` where the depth falls one below the depth at ``index``. Its
    callers read the text only of a balanced ``[``; of another this gives none (copying the
    rest of the text for each of them would make a line of ``[`` quadratic again).
    """

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        close: int | None = None
        listed = _listed[0] if _listed else None
        # What balances a "[" depends only on the text after it. A match puts a placeholder in
        # place of what it took, before the "[" asked about next: the brackets listed for the text
        # before that still answer for this one, moved by the difference in length.
        moved = len(data) - len(listed.data) if listed else 0
        if listed and (listed.data is data or (index >= moved and listed.data.startswith(data[index:], index - moved))):
            found = listed.close(index - moved)
            close = None if found is None else found + moved
        else:
            pos, depth = index, 1
            for _ in range(_WALK):
                m = _BRACKET.search(data, pos)
                if m is None:
                    return "", len(data), False
                pos = m.end()
                depth += _SIGN[m.group()]
                if depth == 0:
                    close = m.start()
                    break
            else:
                _listed[:] = [_Brackets(data)]
                close = _listed[0].close(index)
        if close is None:
            return "", len(data), False
        return data[index:close], close + 1, True


class _PlainLinkInlineProcessor(_BracketTextMixin, _PlainLinkMixin, markdown.inlinepatterns.LinkInlineProcessor):  # type: ignore[misc]
    pass


class _PlainImageInlineProcessor(_BracketTextMixin, _PlainLinkMixin, markdown.inlinepatterns.ImageInlineProcessor):  # type: ignore[misc]
    pass


def _with_bracket_text(cls: type) -> type:
    return type(cls.__name__, (_BracketTextMixin, cls), {"__doc__": cls.__doc__})


# Links and images whose getLink is the one _PlainLinkMixin shortens; exact types: a subclass may
# read links its own way. References read their text as links do: only that is replaced.
_PLAIN_LINKS: dict[type, type] = {
    markdown.inlinepatterns.LinkInlineProcessor: _PlainLinkInlineProcessor,
    markdown.inlinepatterns.ImageInlineProcessor: _PlainImageInlineProcessor,
    **{
        cls: _with_bracket_text(cls)
        for cls in _REFERENCE_PATTERNS
        if getattr(cls, "getText", None) is markdown.inlinepatterns.LinkInlineProcessor.getText
    },
}
# A reference pattern is skipped in a document without definitions, whichever getText it has.
_REFERENCE_TYPES = _REFERENCE_PATTERNS | {_PLAIN_LINKS[cls] for cls in _REFERENCE_PATTERNS if cls in _PLAIN_LINKS}


class SkippingInlineExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        inline = md.treeprocessors["inline"]
        if type(inline) is not InlineProcessor:  # another extension's own inline pass stays as it is
            return
        if not all(hasattr(InlineProcessor, f"_InlineProcessor__{name}") for name in _INLINE_NAMES):
            return  # a Python-Markdown whose private loop we do not know: stock speed, stock output
        inline = SkippingInlineProcessor(md)
        if not isinstance(getattr(inline, "_InlineProcessor__placeholder_prefix", None), str):
            return  # set by InlineProcessor.__init__, read by our copy of its placeholder loop
        md.treeprocessors.register(inline, "inline", 20)
        for pattern in md.inlinePatterns:
            if type(pattern) in _PLAIN_LINKS:
                pattern.__class__ = _PLAIN_LINKS[type(pattern)]


def _block_marks() -> dict[type, tuple[str, ...]]:
    """What a document must hold for a block processor's ``test`` to ever be true, by its class.

    A class not named here (a later release's, another extension's) is always tried; so is one
    whose test does not depend only on the text: the empty-block, list and paragraph processors.
    ``"    "`` stands for the processor's ``tab_length`` in spaces. A mark is a character, or a
    string the parser cannot make by taking a quote's ``>`` or an indent off the start of a line:
    a setext underline, which follows a line break in the block, may follow ``> `` in the document.
    """
    from markdown import blockprocessors as bp
    from markdown.extensions import sane_lists

    named = {
        ("ListIndentProcessor", bp): ("    ",),  # block.startswith(tab_length spaces)
        ("CodeBlockProcessor", bp): ("    ",),
        ("HashHeaderProcessor", bp): ("#",),
        ("SetextHeaderProcessor", bp): ("=", "-"),  # a second line of = or -
        ("HRProcessor", bp): ("-", "_", "*"),
        ("UListProcessor", bp): ("*", "+", "-"),
        ("SaneUListProcessor", sane_lists): ("*", "+", "-"),
        ("BlockQuoteProcessor", bp): (">",),
        ("ReferenceProcessor", bp): ("]:",),  # its test is always true, its run gives up without it
    }
    return {
        cls: marks for (name, module), marks in named.items() if isinstance(cls := getattr(module, name, None), type)
    }


_BLOCK_MARKS = _block_marks()
_ALL_BLOCK_MARKS = frozenset(mark for marks in _BLOCK_MARKS.values() for mark in marks)


def as_parsed(body: str, tab_length: int = 4) -> str:
    """``body`` as the parser sees it: after NormalizeWhitespace, which deletes STX and ETX, turns
    CR into LF and tabs into spaces. Marks are looked for in this text, so that none those edits
    could make is missed. The other preprocessors only take text out (into placeholders of letters,
    digits, ``:`` and STX/ETX, which make no mark); raw HTML that md_in_html parses later is read
    here in place."""
    return body.replace(util.STX, "").replace(util.ETX, "").replace("\r", "\n").expandtabs(tab_length)


def block_marks(text: str, tab_length: int = 4) -> frozenset[str]:
    """The marks of ``_BLOCK_MARKS`` that the block parser may see in ``text`` (``as_parsed``)."""
    return frozenset(mark for mark in _ALL_BLOCK_MARKS if mark.replace("    ", " " * tab_length) in text)


class SkippingBlockParser(BlockParser):  # type: ignore[misc]
    """``BlockParser`` that does not try a block processor on a document it cannot act on."""

    marks: frozenset[str] | None = None  # set before each document; None: try every processor

    def parseDocument(self, lines: Any) -> Any:
        marks = self.marks
        self._processors = [
            p
            for p in self.blockprocessors
            if marks is None or type(p) not in _BLOCK_MARKS or any(mark in marks for mark in _BLOCK_MARKS[type(p)])
        ]
        try:
            return super().parseDocument(lines)
        finally:
            del self._processors

    def parseBlocks(self, parent: Any, blocks: list[str]) -> None:
        # BlockParser.parseBlocks's loop, over the processors kept for this document (a plain list:
        # iterating the Registry re-sorts it and builds a list for every block).
        processors = getattr(self, "_processors", None)
        if processors is None:  # called outside a document: every processor
            return super().parseBlocks(parent, blocks)  # type: ignore[no-any-return]
        while blocks:
            for processor in processors:
                if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break  # run returns True or None
        return None


class SkippingBlockExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        if type(md.parser) is BlockParser:  # another extension's own parser stays as it is
            md.parser.__class__ = SkippingBlockParser


class SkippingUnescapeTreeprocessor(UnescapeTreeprocessor):  # type: ignore[misc]
    """``UnescapeTreeprocessor`` that is not run on a document without a backslash.

    It turns ``STX`` + digits + ``ETX`` back into the character a backslash escaped, and only the
    escape patterns (inline and in code spans) write that: the source's own STX and ETX are deleted
    first, and every other placeholder holds letters. Without a backslash the walk of every
    element's text, tail and attributes changes nothing.
    """

    backslash = True  # set before each document

    def run(self, root: Any) -> None:
        if self.backslash:
            super().run(root)


class SkippingUnescapeExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        if type(md.treeprocessors["unescape"]) is UnescapeTreeprocessor:
            md.treeprocessors.register(SkippingUnescapeTreeprocessor(md), "unescape", 0)


MARKDOWN_EXTENSIONS = ("extra", "sane_lists")  # what every body is rendered with, in effect

# What a document's text must hold for each extension of ``extra`` to do anything. def_list's
# marker is ":" and at least one space (tabs are expanded to spaces before it looks); md_in_html
# only changes how raw HTML blocks are read. An extension ``extra`` gains in a later release has
# no entry here, so it is always used.
_MARKS: dict[str, tuple[str, ...]] = {
    "fenced_code": ("```", "~~~"),
    "footnotes": ("[^",),
    "attr_list": ("{",),
    "def_list": (": ",),  # a tab after the colon is a space by then (as_parsed)
    "tables": ("|",),
    "abbr": ("*[",),
    "md_in_html": ("<",),
}


def _extension(name: str) -> Extension:
    """The built-in extension ``name`` (as ``extra`` names them), from its module.

    Named by a string, Python-Markdown first looks the name up among the installed packages' entry
    points: importing importlib.metadata and reading every distribution's metadata, at each start
    of a build, which costs more than rendering dozens of bodies. The built-in extensions are what those names
    resolve to, and their modules are where they live.
    """
    extension: Extension = importlib.import_module(f"markdown.extensions.{name}").makeExtension()
    return extension


class _Markdown(Markdown):  # type: ignore[misc]
    """``Markdown`` whose ``is_block_level`` looks a tag up in a set, not a list.

    The tree is walked with it for every element (45,000 calls for 800 bodies), each a linear
    search of ``block_level_elements``'s 60 names. The set is taken from the list at each
    document, after every extension has edited it.
    """

    _block_level: frozenset[str] | None = None

    def convert(self, source: str) -> str:
        self._block_level = frozenset(self.block_level_elements)
        try:
            return str(super().convert(source))
        finally:
            self._block_level = None

    def is_block_level(self, tag: Any) -> bool:
        if self._block_level is None:
            return bool(super().is_block_level(tag))
        return isinstance(tag, str) and tag.lower().rstrip("/") in self._block_level


@cache
def _instance(extensions: tuple[str, ...]) -> Markdown:
    # One instance per set of extensions, reset per document: building one costs more than a body.
    chosen = [_extension(name) for name in (*extensions, "sane_lists")]
    return _Markdown(
        extensions=[*chosen, SkippingInlineExtension(), SkippingBlockExtension(), SkippingUnescapeExtension()],
        output_format="html",
    )


def fast_to_html(body: str) -> str:
    """``body`` as stock Python-Markdown renders it, faster (see the module's docstring)."""
    text = as_parsed(body)  # every instance has Python-Markdown's default tab_length, 4
    needed = tuple(
        name
        for name in markdown.extensions.extra.extensions  # in extra's own order
        if name not in _MARKS or any(mark in text for mark in _MARKS[name])
    )
    md = _instance(needed)
    if isinstance(md.parser, SkippingBlockParser):
        md.parser.marks = block_marks(text if md.tab_length == 4 else as_parsed(body, md.tab_length), md.tab_length)
    unescape = md.treeprocessors["unescape"]
    if isinstance(unescape, SkippingUnescapeTreeprocessor):
        unescape.backslash = "\\" in body
    return _convert(md, body)


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


def stock_to_html(body: str) -> str:
    """``body`` as stock Python-Markdown renders it, with ``MARKDOWN_EXTENSIONS``."""
    return _convert(_stock_instance(), body)


def _convert(md: Markdown, body: str) -> str:
    try:
        return str(md.reset().convert(body))
    finally:
        md.reset()
        # reset() leaves the block parser's state stack, which a body that raised mid-list (3.5
        # fails on "<![a") leaves at "list": the instance's next body would lose its <p>s.
        del md.parser.state[:]


# What the fast engine reads of others' internals: CPython's regular-expression parser
# (regexchars.SRE_NAMES), Python-Markdown's inline loop and the list of extensions ``extra`` loads.

# A few lines of every syntax the fast engine treats specially: inline patterns, each extension of
# extra, and each block processor it may skip.
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

# Hash header
Setext header
-------------

> A quote

    indented code

* item
+ item

- - -
A [reference][ref], [ref] and ![ref][].
Links [nested](/a(b)c), [quoted](/q 'T'), [spaced]( /s p\\( ) and ![](<x y> "t"), [open](/o

[ref]: /r "Ref"
""".replace("<2SP>", "  ")

# Reference links without definitions, whose patterns are skipped.
PROBE_UNDEFINED = "An [undefined][ref] reference, [ref], [ref][] and ![ref][], *[a]*."


def _missing_names() -> list[str]:
    missing = []
    if not regexchars.parser_usable():
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
    """``fast_to_html`` if it may be trusted here, else ``stock_to_html`` after one warning."""
    missing = _missing_names()
    if missing:
        why = f"it relies on {', '.join(missing)}, which this version lacks"
    else:
        try:
            same = all(fast_to_html(probe) == stock_to_html(probe) for probe in (PROBE, PROBE_UNDEFINED))
        except Exception as exc:  # a changed internal can fail in any way; stock rendering still works
            same, why = False, f"it failed on a probe text ({type(exc).__name__}: {exc})"
        else:
            why = "it rendered a probe text differently from stock Python-Markdown"
        if same:
            return fast_to_html
    log.warning(
        "the fast Markdown engine is off with Python-Markdown %s: %s; rendering with stock Python-Markdown "
        "(the same HTML, about twice as slow)",
        markdown.__version__,
        why,
    )
    return stock_to_html


_engine = choose_engine()  # at import: a build imports this once, before it forks its workers


def to_html(body: str) -> str:
    """``body`` as Python-Markdown renders it with ``MARKDOWN_EXTENSIONS``."""
    return _engine(body)
