"""The pages' look: one small inline stylesheet with no outside requests, dark mode, Korean line
breaking, readable feed addresses (IRIs) whose links stay percent-encoded, and a copy field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from feeds.pages import BUILTIN_TEMPLATES
from feeds.pages.jinja import iri

from .test_pages import HTML_NS, parse_html5

GOLDEN = Path(__file__).parent / "data" / "sites" / "seeds" / "expected"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://e.org/tags/%EC%97%AC%ED%96%89/rss.xml", "https://e.org/tags/여행/rss.xml"),
        ("https://e.org/tags/a%2Fb/rss.xml", "https://e.org/tags/a%2Fb/rss.xml"),  # an encoded "/" stays
        ("https://e.org/a%20b%25/", "https://e.org/a%20b%25/"),  # ASCII escapes stay
        ("https://e.org/%E2%80%AE/", "https://e.org/%E2%80%AE/"),  # right-to-left override: invisible
        ("https://e.org/%D7%90/", "https://e.org/%D7%90/"),  # a right-to-left letter would reorder the line
        ("https://e.org/%FF%FE/", "https://e.org/%FF%FE/"),  # not UTF-8
        ("https://e.org/%C2%A0/", "https://e.org/%C2%A0/"),  # a no-break space
    ],
)
def test_addresses_are_shown_as_iris_only_where_that_is_safe(url: str, shown: str) -> None:
    assert iri(url) == shown


def test_one_small_stylesheet_with_no_outside_requests() -> None:
    css = (BUILTIN_TEMPLATES / "style.html.j2").read_text(encoding="utf-8")
    assert len(css.encode()) < 5000
    for needle in ("word-break: keep-all", "prefers-color-scheme: dark", "@media (max-width", "line-height"):
        assert needle in css or needle.replace("line-height", "/1.75") in css, needle
    assert not re.search(r"url\(|@import|@font-face|https?:", css)


def test_golden_pages_show_readable_addresses_and_link_encoded_ones() -> None:
    page = parse_html5((GOLDEN / "authors" / "전윤미" / "index.html").read_bytes())
    inputs = list(page.iter(f"{HTML_NS}input"))
    assert inputs and all(i.get("readonly") is not None and i.get("onfocus") == "this.select()" for i in inputs)
    assert inputs[0].get("value") == "https://example.com/blog/authors/전윤미/rss.xml"
    hrefs = [a.get("href") for a in page.iter(f"{HTML_NS}a") if (a.get("href") or "").endswith("rss.xml")]
    assert "https://example.com/blog/authors/%EC%A0%84%EC%9C%A4%EB%AF%B8/rss.xml" in hrefs
    for path in GOLDEN.rglob("*.html"):
        data = path.read_text(encoding="utf-8")
        assert data.count("<style>") == 1, path  # one stylesheet, inline: no request for it
        # No request for a script or a stylesheet: the one script is the copy buttons', inline.
        assert "<script src" not in data and '<link rel="stylesheet"' not in data, path
        assert data.count("<script") == (1 if 'class="copy"' in data else 0), path


def test_copy_buttons_stay_hidden_without_javascript() -> None:
    """Each address has a copy button, hidden until the page's one script finds a clipboard: without
    JavaScript the address field, selectable as it is, is the way to copy."""
    page = parse_html5((GOLDEN / "index.html").read_bytes())
    buttons = [b for b in page.iter(f"{HTML_NS}button") if b.get("class") == "copy"]
    inputs = list(page.iter(f"{HTML_NS}input"))
    assert buttons and len(buttons) == len(inputs)
    for button, field in zip(buttons, inputs, strict=True):
        assert button.get("hidden") is not None and button.get("data-url") == field.get("value")
