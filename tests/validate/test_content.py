"""Rules for the escaped HTML inside content, summary, description and content:encoded."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.validate.content import check_html
from feeds.validate.findings import Collector

from ._cases import check_case, file_cases


@pytest.mark.parametrize("source", file_cases("content"))
def test_case(source: Path) -> None:
    check_case(source)


def _check(html: str, base: str | None = None) -> list[tuple[str, int | None]]:
    out = Collector("x.xml")
    check_html(html, out, line=10, where="item description", base=base)
    return [(f.code, f.line) for f in out.findings]


def test_lines_count_from_the_element() -> None:
    assert _check('<p>a</p>\n<p>b</p>\n<img src="x.png">') == [("ContainsRelRef", 12)]


def test_absolute_base_resolves_relative_urls() -> None:
    assert _check('<img src="x.png">', base="https://example.com/posts/") == []
    assert _check('<img src="x.png">', base="posts/") == [("ContainsRelRef", 10)]


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://example.com/">x</a>',
        '<a href="#top">x</a>',
        '<a href="mailto:a@example.com">x</a>',
        '<img src="data:image/png;base64,AAAA">',
        '<img src="//cdn.example.com/x.png">',
        '<a href="">x</a>',
        "<details open><summary>s</summary>d</details>",
        "<p>one<p>two",
        "<br></br>",
    ],
)
def test_clean_html(html: str) -> None:
    assert _check(html) == []


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ('<a href="page.html">x</a>', "ContainsRelRef"),
        ('<a href="/page">x</a>', "ContainsRelRef"),
        ('<video poster="p.jpg" src="https://e.com/v.mp4"></video>', "ContainsRelRef"),
        ('<img src="https://e.com/x.png" onerror="x()">', "SecurityRiskAttr"),
        ('<a href="java\tscript:alert(1)">x</a>', "JavaScriptURL"),
        ("<object data='https://e.com/x.swf'></object>", "SecurityRisk"),
        ("<embed src='https://e.com/x.swf'>", "SecurityRisk"),
        ("<b>bold", "NotHtml"),
    ],
)
def test_flagged_html(html: str, code: str) -> None:
    assert [c for c, _ in _check(html)] == [code]
