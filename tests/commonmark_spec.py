"""The CommonMark spec's examples, and HTML normalized the way the spec's own test harness does.

``examples`` reads spec.txt as commonmark-spec's test/spec_tests.py does (a fence of 32 backticks
and ``example``, a line of one ``.`` between the Markdown and the HTML, ``→`` for a tab).
``normalize`` follows the idea of its test/normalize.py: output that differs only in
insignificant ways compares equal (whitespace runs collapsed outside ``<pre>``, none around block
tags, attributes sorted, ``<br />`` as ``<br>``, character references as the characters they
stand for except the four that must stay escaped).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SPEC = Path(__file__).parent / "data" / "commonmark" / "spec.txt"
_FENCE = "`" * 32 + " example"


@dataclass(frozen=True)
class Example:
    number: int
    section: str
    line: int
    markdown: str
    html: str


def examples(path: Path = SPEC) -> list[Example]:
    found: list[Example] = []
    section = ""
    state = 0  # 0: prose, 1: an example's Markdown, 2: its HTML
    markdown: list[str] = []
    output: list[str] = []
    start = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), 1):
        stripped = line.strip()
        if state == 0 and stripped == _FENCE:
            state, start, markdown, output = 1, number, [], []
        elif state == 0 and (m := re.match(r"#+ +(.*)", line)):
            section = m.group(1).strip()
        elif state == 1 and stripped == ".":
            state = 2
        elif state == 2 and stripped == "`" * 32:
            state = 0
            found.append(
                Example(
                    len(found) + 1,
                    section,
                    start,
                    "".join(markdown).replace("→", "\t"),
                    "".join(output).replace("→", "\t"),
                )
            )
        elif state == 1:
            markdown.append(line)
        elif state == 2:
            output.append(line)
    return found


_BLOCK_TAGS = frozenset((
    "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
    "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
    "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption",
    "th", "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video",
    "script", "style",
))  # fmt: skip
_SPACES = re.compile(r"\s+")
_CHUNK = re.compile(r"<!\[CDATA\[.*?\]\]>|<[^>]*>|[^<]+", re.DOTALL)


class _Normalizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.last = "starttag"
        self.last_tag = ""
        self.in_pre = False
        self.out = ""

    def handle_data(self, data: str) -> None:
        after_tag = self.last in ("starttag", "endtag")
        after_block = after_tag and self.last_tag in _BLOCK_TAGS
        if after_tag and self.last_tag == "br":
            data = data.lstrip("\n")
        if not self.in_pre:
            data = _SPACES.sub(" ", data)
        if after_block and not self.in_pre:
            data = data.lstrip() if self.last == "starttag" else data.strip()
        self.out += data
        self.last = "data"

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False
        elif tag in _BLOCK_TAGS:
            self.out = self.out.rstrip()
        self.out += f"</{tag}>"
        self.last_tag, self.last = tag, "endtag"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.in_pre = True
        if tag in _BLOCK_TAGS:
            self.out = self.out.rstrip()
        self.out += "<" + tag
        for name, value in sorted(attrs, key=lambda a: (a[0], a[1] or "")):
            self.out += " " + name
            if value is not None:
                self.out += '="' + html.escape(value, quote=True) + '"'
        self.out += ">"
        self.last_tag, self.last = tag, "starttag"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.last = "endtag"

    def handle_comment(self, data: str) -> None:
        self.out += f"<!--{data}-->"
        self.last = "comment"

    def handle_decl(self, decl: str) -> None:
        self.out += f"<!{decl}>"
        self.last = "decl"

    def unknown_decl(self, data: str) -> None:
        self.out += f"<!{data}>"
        self.last = "decl"

    def handle_pi(self, data: str) -> None:
        self.out += f"<?{data}>"
        self.last = "pi"

    def handle_entityref(self, name: str) -> None:
        self._char(html.unescape(f"&{name};"), f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._char(html.unescape(f"&#{name};"), f"&#{name};")

    def _char(self, char: str, written: str) -> None:
        escaped = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
        self.out += escaped.get(char, written if char == written else char)
        self.last = "ref"


def normalize(fragment: str) -> str:
    """``fragment`` with the differences the spec's harness ignores taken out."""
    parser = _Normalizer()
    # html.parser mangles CDATA sections: they go through as written, as the harness does it.
    for chunk in _CHUNK.finditer(fragment):
        if chunk.group().startswith("<![CDATA["):
            parser.out += chunk.group()
        else:
            parser.feed(chunk.group())
    parser.close()
    return parser.out
