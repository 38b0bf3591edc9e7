"""MDX posts: ES module lines dropped, components unwrapped or made media, never shown as text.

The real post is tests/data/dialects/mdx/posts/gatsby-v4/index.mdx (SOURCE.md beside it says where
from, and MDX's rules the expectations follow).
"""

from __future__ import annotations

import logging
import time

import pytest

from feeds.config import load_site, site_from_mapping
from feeds.dialects import mdx
from feeds.dialects.common import Job
from feeds.dialects.links import Links
from feeds.document import Document
from feeds.fragments import content_html
from feeds.load import parse

from .conftest import DATA

MDX = DATA / "dialects" / "mdx"
SITE = {"title": "T", "url": "https://example.org/"}


def doc(source: str, text: str) -> Document:
    return parse(text.encode(), source, site_from_mapping(SITE), source)[0]


def html(d: Document) -> str:
    return content_html(d, site_from_mapping(SITE), Links([d]))


def test_a_gatsby_mdx_post(caplog: pytest.LogCaptureFixture) -> None:
    site = load_site(MDX / "site.toml")
    source = "posts/gatsby-v4/index.mdx"
    d = parse((MDX / source).read_bytes(), source, site, source)[0]
    with caplog.at_level(logging.WARNING, logger="feeds"):
        out = content_html(d, site, Links([d]))
    assert "import {" not in out and "CodeBlock" not in out and "codeString" not in out
    assert "<YouTube" not in out and "<Tweet" not in out and "Aside" not in out
    assert "I chose this video to test my theme. I did this to myself" in out  # the Aside's text
    assert '<code class="language-js">const a = &quot;code block&quot;;' in out  # the fenced block, untouched
    warned = [r.getMessage() for r in caplog.records]
    assert [m.split(": ", 1)[0].rsplit(":", 1)[1] for m in warned] == ["43", "53", "55", "57"]
    assert "<Aside> is not HTML a feed can show: its tags removed, its content kept" in warned[2]
    assert d.slug == "gatsby-version-bump" and [a.name for a in d.authors] == ["nicky", "max"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<Image src="/static/images/ocean.jpg" alt="ocean" width={256} />',
            '<img src="https://example.org/static/images/ocean.jpg" alt="ocean">',
        ),
        (
            "import cat from './cat.png'\n\n<Figure src={cat} title=\"A cat\" />",
            '<img src="https://example.org/posts/a/cat.png" alt="A cat">',
        ),
        ('<Video src="/clips/intro.mp4" />', '<video controls src="https://example.org/clips/intro.mp4">'),
        ("<Audio src={'/a/b.mp3'} />", '<audio controls src="https://example.org/a/b.mp3">'),
    ],
)
def test_a_component_with_a_src_is_the_media_element(body: str, expected: str) -> None:
    d = doc("posts/a/index.mdx", f"---\ntitle: A\ndate: 2025-01-01\n---\n{body}\n")
    assert expected in html(d)


def test_esm_blocks_comments_and_fragments_go() -> None:
    text = (
        "---\ntitle: A\ndate: 2025-01-01\n---\n"
        "import { Chart } from '../components/chart'\nexport const meta = {\n  x: 1,\n}\n\n"
        "Some <>text</> here {/* a note */} and `<Chart />` in code.\n\n"
        "    <Indented />\n"
    )
    out = html(doc("a.mdx", text))
    assert "import" not in out and "export" not in out and "meta" not in out and "a note" not in out
    assert "Some text here  and <code>&lt;Chart /&gt;</code> in code." in out
    assert "&lt;Indented /&gt;" in out  # indented code stays code


def test_md_files_are_not_mdx() -> None:
    out = html(doc("a.md", "---\ntitle: A\ndate: 2025-01-01\n---\nimport x from 'y'\n"))
    assert "import x from" in out


@pytest.mark.parametrize(
    "worst",
    [
        "<A {" * 25_000,
        '<A x="' * 17_000,
        "{/*" * 33_000,
        "<A b c d " * 11_000,
        "<A/>" * 25_000,
        "`<A>" * 25_000,
        "import a from 'b.png'\n" * 4_500,
        "<A x={`" + "{" * 100_000,
        "<A>\n" * 25_000,
        "a<B " * 25_000,
    ],
)
def test_worst_cases_are_linear(worst: str) -> None:
    body = worst[: 100 * 1024]
    d = doc("a.mdx", f"---\ntitle: A\ndate: 2025-01-01\n---\n{body}\n")
    started = time.process_time()  # CPU: a loaded machine does not stretch it
    mdx.expand(body, Job(d, site_from_mapping(SITE), Links([d])))
    assert time.process_time() - started < 0.5
