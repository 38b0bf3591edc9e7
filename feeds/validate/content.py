"""Checks on the HTML that feeds carry as escaped text (Atom html/xhtml content and summary, RSS
description and content:encoded).

The standard library's tolerant ``html.parser`` is enough: we only need tags, attributes and
whether the fragment is balanced, not a full HTML5 tree.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from feeds.validate.findings import Collector
from feeds.validate.iri import is_absolute

# Elements readers strip or sandbox: script runs code, the others embed other documents.
_RISKY_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet"}
_URL_ATTRIBUTES = {"href", "src", "poster", "srcset"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "basefont",
    "frame",
    "keygen",
}
# End tags HTML lets authors leave out (they close implicitly); anything else left open is a bug.
_OPTIONAL_END = {
    "p",
    "li",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "option",
    "optgroup",
    "colgroup",
    "caption",
    "rt",
    "rp",
    "rb",
    "rtc",
    "html",
    "head",
    "body",
}


def check_html(html: str, out: Collector, *, line: int | None, where: str, base: str | None = None) -> None:
    """Check one escaped-HTML payload; ``line`` is the source line the payload starts on."""
    checker = _Checker(out, line, where, base)
    checker.feed(html)
    checker.close()
    checker.finish()


class _Checker(HTMLParser):
    def __init__(self, out: Collector, line: int | None, where: str, base: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.first_line = line
        self.where = where
        self.base_is_absolute = bool(base) and is_absolute(base or "")
        self.open: list[tuple[str, int | None]] = []
        self.structure_reported = False

    def _line(self) -> int | None:
        if self.first_line is None:
            return None
        return self.first_line + self.getpos()[0] - 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_tag(tag, attrs)
        name = tag.rsplit(":", 1)[-1]
        if name not in _VOID:
            self.open.append((name, self._line()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name in _VOID:
            return
        names = [n for n, _ in self.open]
        if name not in names:
            self._not_html(self._line(), f"</{name}> closes an element that is not open")
            return
        while self.open:
            open_name, open_line = self.open.pop()
            if open_name == name:
                break
            if open_name not in _OPTIONAL_END:
                self._not_html(
                    self._line(), f"</{name}> closes <{open_name}> (opened on line {open_line}) before its own end tag"
                )

    def finish(self) -> None:
        for name, line in self.open:
            if name not in _OPTIONAL_END:
                self._not_html(line, f"<{name}> is never closed")

    def _not_html(self, line: int | None, what: str) -> None:
        # One structural finding per payload: the first one usually causes the rest.
        if not self.structure_reported:
            self.structure_reported = True
            self.out.warning(
                "NotHtml",
                line,
                f"invalid HTML in {self.where}: {what}; readers may render the "
                "rest of the entry wrongly, so balance the tags",
            )

    def _check_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag.rsplit(":", 1)[-1]
        line = self._line()
        if name in _RISKY_ELEMENTS:
            self.out.warning(
                "SecurityRisk",
                line,
                f"{self.where} contains <{name}>; readers strip it, so link to what it shows instead",
            )
        for attribute, value in attrs:
            if attribute.startswith("on") and attribute[2:].isalpha():
                self.out.warning(
                    "SecurityRiskAttr",
                    line,
                    f"{self.where} has an event-handler attribute "
                    f"{attribute} on <{name}>; readers strip scripts, "
                    "remove it",
                )
            elif attribute in _URL_ATTRIBUTES and value:
                self._check_url(name, attribute, value, line)

    def _check_url(self, name: str, attribute: str, value: str, line: int | None) -> None:
        urls = [c.split()[0] for c in value.split(",") if c.split()] if attribute == "srcset" else [value]
        for url in urls:
            url = url.strip()
            # Browsers ignore control characters and whitespace inside the scheme, so must we.
            scheme = "".join(c for c in url.split(":", 1)[0] if c > " ").lower() if ":" in url else ""
            if scheme == "javascript":
                self.out.warning(
                    "JavaScriptURL",
                    line,
                    f"{self.where} has a javascript: URL in {attribute} of "
                    f"<{name}>; readers strip scripts, use a real link",
                )
            elif _is_relative(url) and not self.base_is_absolute:
                self.out.warning(
                    "ContainsRelRef",
                    line,
                    f"{self.where} has a relative URL {url!r} in "
                    f"{attribute} of <{name}>; readers cannot resolve it, "
                    "make it absolute",
                )


def _is_relative(url: str) -> bool:
    if not url or url.startswith("#"):
        return False  # same-document references work in any reader
    if url.startswith("//"):
        return False  # network-path references take the reader's scheme; host is known
    try:
        return not urlsplit(url).scheme
    except ValueError:  # e.g. an unclosed IPv6 bracket: not resolvable either
        return True
