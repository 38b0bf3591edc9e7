"""Resolving the links and image sources of rendered HTML against the entry's link."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import feeds.fragments
import feeds.urls
from feeds.fragments import absolutize

from .sweeps import briefly, exhaustive

BASE = "https://example.org/posts/hello/"


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ('href="https://example.org/a/b.html"', 'href="https://example.org/a/b.html"'),
        ('href="img/x.png"', 'href="https://example.org/posts/hello/img/x.png"'),
        ('src="/media/x.png"', 'src="https://example.org/media/x.png"'),
        ('href="../other/"', 'href="https://example.org/posts/other/"'),
        ('href="#top"', 'href="https://example.org/posts/hello/#top"'),
        ('href="https://example.org/a?x=1&amp;y=2"', 'href="https://example.org/a?x=1&amp;y=2"'),
        ('href="https://example.org/한국 어"', 'href="https://example.org/%ED%95%9C%EA%B5%AD%20%EC%96%B4"'),
        ('href="https://bücher.example/"', 'href="https://xn--bcher-kva.example/"'),
        ('href="mailto:me@example.org"', 'href="mailto:me@example.org"'),
        ("href='  spaced.html '", "href='https://example.org/posts/hello/spaced.html'"),
        ('href=""', 'href=""'),
        ('href="https://[bad"', 'href="https://[bad"'),  # urlsplit raises on it: left as the author wrote it
    ],
)
def test_absolutize(attribute: str, expected: str) -> None:
    assert absolutize(f"<a {attribute}>x</a>", BASE) == f"<a {expected}>x</a>"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p>write src="x.png" here</p>', None),  # prose
        ('<pre><code>&lt;img src="x.png"&gt; href="y"</code></pre>', None),  # code
        ('<!-- <img src="x.png"> -->', None),
        ("<script>var s = ' src=\"x.png\"';</script>", None),
        ("<p title=' href=\"x\"'>a</p>", None),  # inside another attribute's value
        ("<img src=x.png>", "<img src=https://example.org/posts/hello/x.png>"),
        ("<IMG SRC = x.png/>", "<IMG SRC = https://example.org/posts/hello/x.png/>"),
        ("<a href=a?b=c>x</a>", '<a href="https://example.org/posts/hello/a?b=c">x</a>'),  # "=" needs quotes
        ("<img src=a&amp;copy.png>", '<img src="https://example.org/posts/hello/a&amp;copy.png">'),  # so does "&"
        (
            '<img srcset="a.png 1x,b.png 2x">',
            '<img srcset="https://example.org/posts/hello/a.png 1x,https://example.org/posts/hello/b.png 2x">',
        ),
        (
            '<source srcset="a.png, https://cdn.example/b.png 2x" src="c.png">',
            '<source srcset="https://example.org/posts/hello/a.png, https://cdn.example/b.png 2x" '
            'src="https://example.org/posts/hello/c.png">',
        ),
        ('<video poster="p.jpg">', '<video poster="https://example.org/posts/hello/p.jpg">'),
        ('<blockquote cite="/q">', '<blockquote cite="https://example.org/q">'),
        ('<img data-src="x.png" alt="src=y.png">', None),  # not URL attributes
        ("<a href='x.html?a=1&amp;b=2'>", "<a href='https://example.org/posts/hello/x.html?a=1&amp;b=2'>"),
    ],
)
def test_only_real_url_attributes_change(fragment: str, expected: str | None) -> None:
    assert absolutize(fragment, BASE) == (fragment if expected is None else expected)


URL_CHARS = "aZ09./:?#@!$&'()*+,;=%~-_ 한é<>\"[]{}|\\^`"


@exhaustive
@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["https://", "http://", "HTTPS://", "", "//", "/"]),
    st.text(alphabet=URL_CHARS, max_size=30),
)
def test_the_plain_url_shortcut_changes_nothing(scheme: str, rest: str) -> None:
    fragment = f'<a href="{scheme}{rest}">x</a><img src="{scheme}example.org{rest}">'
    fast = absolutize(fragment, BASE)
    with pytest.MonkeyPatch.context() as patch:  # a pattern that never matches: every URL the long way
        patch.setattr(feeds.fragments, "PLAIN_URI", re.compile(r"(?!)"))
        patch.setattr(feeds.urls, "PLAIN_URI", re.compile(r"(?!)"))
        assert fast == absolutize(fragment, BASE)


class _Oracle(HTMLParser):
    """html.parser's own start tags, with where they are: what fragments' tokenizer must find."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.tags: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        line, column = self.getpos()
        self.tags.append((self.line_starts[line - 1] + column, self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


PIECES = st.sampled_from(
    [
        "text ", "한국어 ", "\n", "a < b ", "x > y ", "&amp; ", "&lt;img src=\"x.png\"&gt;", ' src="x.png" ',
        "<p>", "</p>", "<br/>", "<br />", "<img src=x.png>", "<img alt='a>b' src=\"y.png\">",
        '<a href="z.html" title="<b>">', "</a>", "<IMG SRC=u.png>", "<video poster=p.jpg controls>",
        '<source srcset="a.png 1x, b.png 2x">', "<!-- <img src=c.png> -->", "<!DOCTYPE html>",
        '<script>var s = "<img src=d.png>";</script>', "<style>p{background:url(e.png)}</style>",
        '<SCRIPT src="f.js"></SCRIPT>', "<pre><code>", "</code></pre>", "<a\nhref=g.html\n>",
        "<input disabled value=\"v\">", "<?php x ?>", "<![CDATA[ <img src=h.png> ]]>",
    ]
)  # fmt: skip


@exhaustive
@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_start_tags_are_html_parsers(text: str) -> None:
    oracle = _Oracle(text)
    oracle.feed(text)
    oracle.close()
    assert list(feeds.fragments._start_tags(text)) == oracle.tags


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(test_the_plain_url_shortcut_changes_nothing, test_start_tags_are_html_parsers)
