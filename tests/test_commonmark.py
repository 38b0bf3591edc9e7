"""The CommonMark engine (``markdown = "commonmark"``): the spec's examples, the setting at its
three levels, and everything feeds does after Markdown (summaries, pictures, absolute links,
other generators' syntax, the cache) on a site built with it."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from feeds.build import build
from feeds.config import Site, site_from_mapping
from feeds.document import Document
from feeds.errors import ConfigError, ContentError
from feeds.fragments import absolutize, marked_html
from feeds.validate import validate_paths

from .commonmark_spec import examples, normalize
from .conftest import TEST_SITE, read_document
from .corpus import generate
from .test_shared_entries import assert_shared_equals_whole, built_feeds

AT = datetime(2026, 11, 1, tzinfo=UTC)
LINK = "https://example.com/posts/spec/"


def document(body: str, markup: str = "commonmark") -> Document:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    return Document(
        source="spec.md", format="frontmatter-yaml", title="Spec", published=when, updated=when, authors=(),
        tags=(), summary=None, language="en", slug="spec", link=LINK, id=LINK, body=body, markup=markup,
    )  # fmt: skip


# --------------------------------------------------------------------------- the spec's examples
def test_spec_examples_come_out_as_the_spec_says() -> None:
    """At least 95% of the CommonMark spec's examples, through feeds' rendering (the engine, then
    link absolutizing and XML cleaning), equal the spec's HTML with its links absolutized alike."""
    cases = examples()
    assert len(cases) == 655  # spec 0.31.2: a truncated or misread spec.txt fails here, not below
    failed = [
        case.number
        for case in cases
        if normalize(marked_html(document(case.markdown))) != normalize(absolutize(case.html, LINK))
    ]
    passed = len(cases) - len(failed)
    assert passed / len(cases) >= 0.95, f"{passed}/{len(cases)} pass; failing examples: {failed}"


def test_normalize_ignores_what_the_spec_harness_ignores() -> None:
    assert normalize("<p>a  \t\nb</p>\n") == normalize(" <p>a b</p>") == "<p>a b</p>"
    assert normalize('<a title="t" href="/u">x</a><br />') == '<a href="/u" title="t">x</a><br>'
    assert normalize("&forall;&amp;&lt;") == "\u2200&amp;&lt;"
    assert normalize("<pre><code>a  b\n</code></pre>") == "<pre><code>a  b\n</code></pre>"
    assert normalize("<p>a</p>") != normalize("<p>b</p>")


def test_python_markdown_is_not_commonmark() -> None:
    """The reason for the second engine: the same spec, far fewer examples as it says."""
    cases = examples()[:120]
    ok = sum(
        normalize(marked_html(document(c.markdown, "markdown"))) == normalize(absolutize(c.html, LINK)) for c in cases
    )
    assert ok < 0.8 * len(cases)


# --------------------------------------------------------------------------- GitHub's extensions
GFM = """A ~~struck~~ word, a bare URL https://example.org/x and www.example.net.

| a | b |
|---|:-:|
| 1 | 2 |

- [x] done
- [ ] to do

Text with a note.[^1]

```js {3,7-9}
let a = 1;
```

- item
  - nested by two spaces

    ```py
    fenced in a list item
    ```

<div>

*Markdown* inside an HTML block.

</div>

[^1]: The note.
"""


def test_github_extensions_and_what_python_markdown_reads_otherwise() -> None:
    html = marked_html(document(GFM))
    assert "<del>struck</del>" in html
    assert '<a href="https://example.org/x">https://example.org/x</a>' in html
    assert '<a href="http://www.example.net">www.example.net</a>' in html
    assert '<th align="center">b</th>' in html
    assert '<input type="checkbox" checked="" disabled="" /> done' in html
    assert '<pre><code class="language-js">let a = 1;' in html  # the text after the language is no class
    assert "<li>\n<p>nested by two spaces</p>" in html and html.count("<ul>") == 3
    assert '<pre><code class="language-py">fenced in a list item' in html
    assert "<p><em>Markdown</em> inside an HTML block.</p>" in html
    assert 'href="https://example.com/posts/spec/#fn-1"' in html  # footnote links, absolute as all links
    assert "<p>The note." in html


def test_raw_html_goes_through_as_with_python_markdown() -> None:
    """Raw HTML is published as written, by both engines; ``feeds validate`` warns about the risky."""
    body = '<script>track()</script>\n\n<iframe src="/v"></iframe>\n\n[x](javascript:alert(1))\n'
    for markup in ("markdown", "commonmark"):
        html = marked_html(document(body, markup))
        assert "<script>track()</script>" in html, markup
        assert '<iframe src="https://example.com/v"></iframe>' in html, markup
        assert 'href="javascript:alert(1)"' in html, markup


def test_lone_surrogates_and_nul_do_not_fail() -> None:
    assert marked_html(document("a \ud800 b\x00 c")) == "<p>a \ufffd b\ufffd c</p>\n"


PIECES = [*"*_`[]()<>!#|-~:^\\&\n\t >1.a한", "www.", "http://", "[^1]", "- [x] ", "<!--more-->"]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(MARKDOWNISH)
@hypothesis_settings(max_examples=200, deadline=None)
def test_any_text_renders(body: str) -> None:
    assert isinstance(marked_html(document(body)), str)


# --------------------------------------------------------------------------- the setting
def settings(**overrides: Any) -> Site:
    return site_from_mapping({**TEST_SITE, **overrides})


def markup_of(tmp_path: Path, site: Site, rel: str, front: str = "") -> str:
    path = tmp_path / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: T\ndate: 2026-01-02\n{front}---\nBody.\n", encoding="utf-8")
    return read_document(path, tmp_path / "content", site).markup


def test_the_setting_at_site_folder_and_document_level(tmp_path: Path) -> None:
    default = settings()
    assert default.markdown == "python-markdown" and markup_of(tmp_path, default, "a.md") == "markdown"
    site = settings(markdown="commonmark")
    assert markup_of(tmp_path, site, "a.md") == "commonmark"
    by_folder = settings(markdown_by_folder={"blog/**": "commonmark", "blog/old": "python-markdown"})
    assert markup_of(tmp_path, by_folder, "blog/new.md") == "commonmark"
    assert markup_of(tmp_path, by_folder, "blog/old/x.md") == "commonmark"  # the first glob that matches wins
    assert markup_of(tmp_path, by_folder, "notes/x.md") == "markdown"
    folder_first = settings(markdown="commonmark", markdown_by_folder={"archive": "python-markdown"})
    assert markup_of(tmp_path, folder_first, "archive/2019/x.md") == "markdown"
    assert markup_of(tmp_path, folder_first, "archived.md") == "commonmark"
    assert markup_of(tmp_path, default, "c.md", "markdown: commonmark\n") == "commonmark"
    assert markup_of(tmp_path, site, "d.md", "markdown: Python-Markdown\n") == "markdown"


def test_a_news_body_is_no_markdown(tmp_path: Path) -> None:
    news = Path(__file__).parent / "data" / "news" / "asiae_1.txt"
    shutil.copy(news, tmp_path / news.name)
    assert read_document(tmp_path / news.name, tmp_path, settings(markdown="commonmark")).markup == "news"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"markdown": "cmark"}, "markdown: must be 'python-markdown' or 'commonmark', got 'cmark'"),
        ({"markdown": ["commonmark"]}, "must be 'python-markdown' or 'commonmark', got ['commonmark']"),
        ({"markdown_by_folder": "blog"}, 'must be a table of "glob" = engine'),
        ({"markdown_by_folder": {"blog/**": "gfm"}}, "'blog/**' must be 'python-markdown' or 'commonmark', got 'gfm'"),
        ({"markdown_by_folder": {" ": "commonmark"}}, "must have globs of paths"),
    ],
)
def test_bad_settings_are_config_errors(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings(**overrides)
    assert message in str(caught.value)


def test_a_bad_front_matter_value_fails_its_file_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        markup_of(tmp_path, settings(), "bad.md", "markdown: gfm\n")
    assert str(caught.value).endswith(
        "bad.md:4: field 'markdown': must be 'python-markdown' or 'commonmark', got 'gfm'"
    )


# --------------------------------------------------------------------------- a site built with it
POSTS = {
    "post/2026-03-01-first.md": """---
title: First
date: 2026-03-01
tags: [cm]
---
The summary, with a [relative link](../other/).

<!--more-->

The rest, with ~~strike~~ and a bare https://example.org/ URL.

![A picture](pic.png)

| a | b |
|---|---|
| 1 | 2 |

- [x] a task
""",
    "post/2026-03-02-hugo.md": """---
title: Hugo
date: 2026-03-02
---
Intro.

{{< figure src="/img/fig.jpg" caption="A *caption*" >}}

See [the first]({{< ref "post/2026-03-01-first.md" >}}).
""",
    "_posts/2026-03-03-jekyll.md": """---
title: Jekyll
date: 2026-03-03
---
Before the excerpt.
<!-- cut -->
{% highlight ruby %}
puts "{{ x }}"
{% endhighlight %}

Go [back]({% link post/2026-03-01-first.md %}).
""",
    "pelican.md": """Title: Pelican
Date: 2026-03-04

See [the first]({filename}post/2026-03-01-first.md).

- one
  - nested by two
""",
}


def write_posts(content: Path) -> None:
    for rel, text in POSTS.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def items(out: Path) -> dict[str, dict[str, Any]]:
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    return {item["title"]: item for item in feed["items"]}


def test_a_commonmark_site_builds_and_validates(tmp_path: Path) -> None:
    site = settings(markdown="commonmark", excerpt_separator="<!-- cut -->")
    write_posts(tmp_path / "content")
    result = build(site, tmp_path / "content", tmp_path / "out", at=AT)
    assert not result.errors
    assert validate_paths([tmp_path / "out"], site_url=site.url) == []
    got = items(tmp_path / "out")
    first = got["First"]
    assert first["summary"] == "The summary, with a relative link."
    assert "<!--more-->" not in first["content_html"]
    assert 'href="https://example.com/posts/other/"' in first["content_html"]
    assert "<del>strike</del>" in first["content_html"]
    assert '<a href="https://example.org/">https://example.org/</a>' in first["content_html"]
    assert '<img src="https://example.com/posts/first/pic.png" alt="A picture" />' in first["content_html"]
    assert first["image"] == "https://example.com/posts/first/pic.png"
    assert "<table>" in first["content_html"] and 'type="checkbox"' in first["content_html"]
    hugo = got["Hugo"]["content_html"]
    assert '<figure><img src="https://example.com/img/fig.jpg" alt="A *caption*">' in hugo
    assert got["Hugo"]["image"] == "https://example.com/img/fig.jpg"
    assert 'href="https://example.com/posts/first/"' in hugo
    jekyll = got["Jekyll"]
    assert jekyll["summary"] == "Before the excerpt."
    assert '<pre><code class="language-ruby">puts &quot;{{ x }}&quot;' in jekyll["content_html"]
    assert 'href="https://example.com/posts/first/"' in jekyll["content_html"]
    pelican = got["Pelican"]["content_html"]
    assert 'href="https://example.com/posts/first/"' in pelican
    assert pelican.count("<ul>") == 2  # nested by two spaces: a nested list, where Python-Markdown sees one


def test_generated_corpus_builds_validates_and_shares_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bench corpus (every Markdown syntax, pictures, tags in many feeds) with CommonMark: valid
    feeds, and each entry built once and shared gives the bytes of the feed serialized whole."""
    content, out = tmp_path / "content", tmp_path / "out"
    generate(content, 150)  # enough for a tag feed to be full: AI, on 56 documents, shows 50
    # The feeds this test was written for: in author feeds and archive pages, two date-only
    # articles of one day share their updated time (W3C's DuplicateUpdated warning, until
    # first-seen dates tell them apart), which has nothing to do with the engine.
    site = settings(markdown="commonmark", author_feeds=False, archives=False)
    feeds = built_feeds(monkeypatch, site, content, out)
    assert any(entry.image for feed in feeds for entry in feed.entries)
    assert validate_paths([out], site_url=site.url) == []
    assert_shared_equals_whole(feeds, out)


def test_changing_the_setting_re_renders_and_an_edit_renders_again(tmp_path: Path) -> None:
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache"
    write_posts(content)
    python_markdown = settings()
    assert not build(python_markdown, content, out, at=AT, cache_dir=cache).errors
    assert "<del>" not in items(out)["First"]["content_html"]
    commonmark = settings(markdown="commonmark")
    assert not build(commonmark, content, out, at=AT, cache_dir=cache).errors
    assert "<del>strike</del>" in items(out)["First"]["content_html"]
    by_folder = settings(markdown_by_folder={"post": "commonmark"})  # the same engine, by another setting
    assert not build(by_folder, content, out, at=AT, cache_dir=cache).errors
    assert "<del>strike</del>" in items(out)["First"]["content_html"]
    assert "<del>" not in items(out)["Pelican"]["content_html"]
    (content / "pelican.md").write_text(POSTS["pelican.md"] + "\n~~gone~~\n", encoding="utf-8")
    assert not build(by_folder, content, out, at=AT, cache_dir=cache).errors
    assert "~~gone~~" in items(out)["Pelican"]["content_html"]
    edited = POSTS["pelican.md"].replace("Date:", "Markdown: commonmark\nDate:") + "\n~~gone~~\n"
    (content / "pelican.md").write_text(edited, encoding="utf-8")
    assert not build(by_folder, content, out, at=AT, cache_dir=cache).errors
    assert "<del>gone</del>" in items(out)["Pelican"]["content_html"]
    assert not build(python_markdown, content, out, at=AT, cache_dir=cache).errors
    assert "<del>" not in items(out)["First"]["content_html"]


def test_the_same_site_without_the_setting_is_unchanged(tmp_path: Path) -> None:
    """Naming the default engine is the same as naming none: the same bytes."""
    write_posts(tmp_path / "content")
    outs = []
    for name, site in (("none", settings()), ("named", settings(markdown="python-markdown"))):
        build(site, tmp_path / "content", tmp_path / name, at=AT)
        outs.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*.*")})
    assert outs[0] == outs[1]


def test_site_equality_is_unchanged_by_the_default() -> None:
    assert replace(settings(), markdown="python-markdown") == settings()
