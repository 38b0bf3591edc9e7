"""HTML fragments: a document's body as the full HTML its feed entries carry, its summary and plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from feeds.document import Document
from feeds.urls import PLAIN_URI, absolute
from feeds.xmlchars import clean_xml_chars

if TYPE_CHECKING:
    from feeds.config import Site
    from feeds.dialects.links import Links

MORE = "<!--more-->"


# Attributes that hold a URL (srcset: a list of them). A quick scan over the text finds every
# place such an attribute could be (and some that are not: words in prose, code); only when one
# of them would change is the HTML tokenized to tell real start tags from text.
_URL_ATTRS = frozenset(("href", "src", "poster", "cite", "srcset"))
# An "=" and the value after it; the name before it is checked apart. A pattern that starts with
# a literal is searched for fast: ten times faster than the names first, in Hangul text.
_MAYBE_URL_VALUE = re.compile(r"""=(=*\s*)("[^"]*"|'[^']*'|[^\s>]*)""")
_URL_ATTR_ENDINGS = tuple(_URL_ATTRS)
# One attribute of a start tag, exactly as html.parser reads it (its attrfind_tolerant), so what
# is rewritten is what the tokenizer saw: name, "=" and the value with its quotes.
_ATTR = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*")
# Markup as html.parser tokenizes it: a comment, a CDATA section, a declaration, processing
# instruction or end tag (to the next ">"), or a start tag (its locatestarttagend_tolerant, then
# ">" or "/>"). A "<" that starts none of these is text.
_MARKUP = re.compile(
    r"""<(?:
        !--.*?(?:-->|\Z)
      | !\[CDATA\[.*?(?:\]\]>|\Z)
      | [!?/][^>]*(?:>|\Z)
      | (?P<tag>(?:(?P<raw>[sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE])(?=[\s/>])|[a-zA-Z])[^\t\n\r\f />\x00]*
          (?:[\s/]*
            (?:(?<=['"\s/])[^\s/>][^\s/=>]*
              (?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?
              (?:\s|/(?!>))*
            )*
          )?
          \s*/?>)
    )""",
    re.DOTALL | re.VERBOSE,  # not IGNORECASE: it makes the search for "<" twice as slow
)
_RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE) for name in ("script", "style")}
_SRCSET_GAP = re.compile(r"[\s,]*")
_SRCSET_URL = re.compile(r"\S+")
_SRCSET_DESCRIPTORS = re.compile(r"[^,]*")
_UNQUOTED_SAFE = re.compile(r"[^\s\"'=<>`&]+")  # and no "&", which could start a character reference
_TAG = re.compile(r"<[^>]*>")
# What a page never shows as text: comments, and the content of script, style and template.
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|template)(?=[\s/>])[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
# Inline elements are part of a word ("*un*done"); block elements separate words.
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|cite|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^>]*>", re.I)


def content_html(doc: Document, site: Site | None = None, links: Links | None = None) -> str:
    """Full HTML of ``doc``: links and image sources absolute against the entry's link."""
    return split_more(marked_html(doc, site, links))[0]


def marked_html(doc: Document, site: Site | None = None, links: Links | None = None) -> str:
    """``content_html`` with the summary marker still in it, where the body has one (what is cached).

    Given the ``site``, a Markdown body's Jekyll, Hugo and Pelican syntax is converted first
    (``feeds.dialects``), with other documents' links from ``links``.
    """
    from feeds.markup import MARKDOWN_MARKUPS, converter

    if doc.body is None:
        raise ValueError(f"{doc.source}: rendered without its body; feeds.load says where to read it")
    body = doc.body
    if site is not None and doc.markup in MARKDOWN_MARKUPS:
        from feeds.dialects import transform

        body = transform(doc, site, links)
    raw = converter(doc.markup)(body)
    return clean_xml_chars(absolutize(raw, doc.link))


def split_more(fragment: str) -> tuple[str, str | None]:
    """The HTML without its summary marker, and the plain text before the marker (None: no marker)."""
    at = fragment.find(MORE)
    if at < 0:
        return fragment, None
    # Markdown puts the marker on a line of its own: that line goes with it.
    content = fragment[:at] + fragment[at + len(MORE) :].removeprefix("\n")
    return content, plain_text(_INLINE_TAG.sub("", fragment[:at])) or None


def absolutize(fragment: str, base: str) -> str:
    """Resolve the relative URLs of real attributes against ``base``: a feed reader has no page
    to resolve them in. Text that merely looks like an attribute (``src="x.png"`` in prose or in
    a code block, inside a comment or a script) is left alone, and so is every byte that does
    not change: the new values are spliced into the original string.
    """
    if not _would_change(fragment, base):
        return fragment  # most bodies: their links are absolute, or they have none
    edits: list[tuple[int, int, str]] = []
    for start, tag in _start_tags(fragment):
        lowered = tag.lower()
        if not any(name in lowered for name in ("href", "src", "poster", "cite")):  # srcset holds "src"
            continue  # <p>, <em>, </a>: most tags hold no URL
        name_end = _TAG_NAME.match(tag)
        pos = name_end.end() if name_end else len(tag)
        while pos < len(tag):
            m = _ATTR.match(tag, pos)
            if not m or m.end() == pos:
                break
            pos = m.end()
            if m.group(3) is None or m.group(1).lower() not in _URL_ATTRS:
                continue
            new = _attr_value(m.group(1), m.group(3), base)
            if new is not None:
                edits.append((start + m.start(3), start + m.end(3), new))
    out, last = [], 0
    for begin, end, new in edits:
        out += [fragment[last:begin], new]
        last = end
    return "".join(out) + fragment[last:]


def _would_change(fragment: str, base: str) -> bool:
    """Whether any ``name=value`` in the text, tag or not, has a URL that resolving changes."""
    for m in _MAYBE_URL_VALUE.finditer(fragment):
        end = m.start()
        while end and fragment[end - 1].isspace():
            end -= 1
        name = fragment[max(0, end - 6) : end].lower()
        if name.endswith(_URL_ATTR_ENDINGS):
            attr = "srcset" if name.endswith("srcset") else "href"
            if _attr_value(attr, m.group(2), base) is not None:
                return True
    return False


def _attr_value(name: str, written: str, base: str) -> str | None:
    """The attribute value ``written`` (quotes included) with its URLs resolved, or None if that
    changes nothing."""
    quote = written[:1] if written[:1] in ("'", '"') else ""
    raw = written[1:-1] if quote else written
    if PLAIN_URI.fullmatch(raw):  # resolves to itself, and has nothing to unescape
        return None
    value = html.unescape(raw)
    resolved = _srcset(value, base) if name.lower() == "srcset" else _resolve(value.strip(), base)
    if resolved is None:
        return None
    if not quote and _UNQUOTED_SAFE.fullmatch(resolved):
        new = resolved
    else:
        mark = quote or '"'  # an unquoted value that now needs quotes gets them
        new = f"{mark}{html.escape(resolved, quote=True)}{mark}"
    return None if new == written else new  # "?a=1&amp;b=2" resolves to itself


def _resolve(url: str, base: str) -> str | None:
    if not url or (url.startswith("#") and not base):
        return None
    try:
        return absolute(url, base)
    except ValueError:  # "https://[oops": urlsplit cannot read it, so neither can a reader
        return None


def _srcset(value: str, base: str) -> str | None:
    """Each image candidate's URL resolved, descriptors and separators kept (HTML's srcset rules:
    a URL runs to the next space, commas at its end separate candidates)."""
    out: list[str] = []
    changed = False
    pos = 0
    while pos < len(value):
        gap = _SRCSET_GAP.match(value, pos)
        assert gap is not None  # matches the empty string
        out.append(gap.group())
        pos = gap.end()
        word = _SRCSET_URL.match(value, pos)
        if word is None:
            break
        url = word.group().rstrip(",")
        new = _resolve(url, base)
        changed = changed or (new is not None and new != url)
        out += [new or url, word.group()[len(url) :]]
        pos = word.end()
        if len(url) == len(word.group()):  # no comma ended it: descriptors run to the next comma
            descriptors = _SRCSET_DESCRIPTORS.match(value, pos)
            assert descriptors is not None
            out.append(descriptors.group())
            pos = descriptors.end()
    return "".join(out) if changed else None


def _start_tags(text: str) -> Iterator[tuple[int, str]]:
    """Where each real start tag is, and its text, read the way html.parser reads HTML.

    A regex tokenizer, not html.parser itself: that costs over a millisecond a body of 50 tags,
    this a fifth of it. The tests check that the two find the same tags. Comments, declarations, processing
    instructions and end tags are skipped whole, and so is the content of script and style.
    """
    pos = 0
    while (m := _MARKUP.search(text, pos)) is not None:
        pos = m.end()
        if m.group("tag") is None:
            continue
        yield m.start(), m.group()
        if m.group("raw") is not None:  # <script>, <style>: text up to their end tag
            close = _RAW_TEXT_END[m.group("raw").lower()].search(text, pos)
            pos = close.start() if close else len(text)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment that a page shows, whitespace collapsed."""
    if "<!" in fragment or "<s" in fragment or "<S" in fragment or "<t" in fragment or "<T" in fragment:
        fragment = _HIDDEN.sub(" ", fragment)
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def excerpt(fragment: str, limit: int = 280) -> str:
    """A plain-text summary for documents that have none: the first words, cut at a word."""
    text = plain_text(fragment)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
