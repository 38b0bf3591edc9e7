"""Moving from Jekyll, Hugo or Pelican: file names, permalinks, skipped pages, markers, and no template syntax."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.dialects.links import Links
from feeds.document import Document
from feeds.errors import ConfigError
from feeds.fragments import content_html, marked_html, split_more
from feeds.load import parse

AT = datetime(2026, 11, 1, tzinfo=UTC)
SITE = {"title": "T", "url": "https://example.org/blog/", "timezone": "Asia/Seoul"}


def doc(source: str, text: str, **settings: object) -> Document:
    site = site_from_mapping({**SITE, **settings})
    return parse(text.encode(), source, site, source)[0]


def html(d: Document, *others: Document, **settings: object) -> str:
    site = site_from_mapping({**SITE, **settings})
    return content_html(d, site, Links([d, *others]))


# --------------------------------------------------------------------------- file names
def test_file_name_gives_date_and_slug() -> None:
    d = doc("2025-03-10-hello-world.md", "---\ntitle: Hi\n---\nbody\n")
    assert d.published == datetime.fromisoformat("2025-03-10T00:00:00+09:00")  # midnight, site zone
    assert d.slug == "hello-world" and d.link == "https://example.org/blog/posts/hello-world/"


def test_front_matter_date_wins_over_file_name() -> None:
    d = doc("2025-03-10-hello.md", "---\ntitle: Hi\ndate: 2024-01-02 10:00\n---\nbody\n")
    assert d.published == datetime.fromisoformat("2024-01-02T10:00:00+09:00") and d.slug == "hello"


def test_slug_in_front_matter_wins_over_file_name() -> None:
    assert doc("2025-03-10-hello.md", "---\ntitle: Hi\nslug: other\n---\nx\n").slug == "other"


def test_leaf_bundle_takes_folder_slug_and_images_resolve_against_link() -> None:
    d = doc("post/my-trip/index.md", "---\ntitle: Trip\ndate: 2025-01-01\n---\n![view](view.jpg)\n")
    assert d.slug == "my-trip" and d.link == "https://example.org/blog/posts/my-trip/"
    assert 'src="https://example.org/blog/posts/my-trip/view.jpg"' in html(d)


def test_jekyll_published_false_is_a_draft() -> None:
    assert doc("2025-03-10-x.md", "---\ntitle: X\npublished: false\n---\nx\n").draft
    assert not doc("2025-03-10-x.md", "---\ntitle: X\npublished: true\n---\nx\n").draft


# --------------------------------------------------------------------------- permalinks
@pytest.mark.parametrize(
    ("pattern", "source", "link"),
    [
        # 2025-03-10 23:30 UTC is the 11th in Seoul: the site's zone decides the day.
        ("{url}{year}/{month}/{day}/{slug}/", "a.md", "https://example.org/blog/2025/03/11/a/"),
        ("{url}{section}/{slug}/", "news/2025/a.md", "https://example.org/blog/news/a/"),
        ("{url}{section}/{slug}/", "a.md", "https://example.org/blog/a/"),  # no section: no empty segment
        ("{url}{filename}.html#{slug}", "2025-03-10-a.md", "https://example.org/blog/2025-03-10-a.html#a"),
        ("{url}{filename}/{slug}/", "trip/index.md", "https://example.org/blog/trip/trip/"),
    ],
)
def test_permalink_placeholders(pattern: str, source: str, link: str) -> None:
    text = "---\ntitle: T\ndate: 2025-03-10T23:30:00Z\n---\nx\n"
    assert doc(source, text, permalink=pattern).link == link


def test_unknown_placeholder_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"permalink: unknown placeholder \{title\}"):
        site_from_mapping({**SITE, "permalink": "{url}{title}/{slug}/"})


def test_one_slug_on_two_dates_is_two_entries_when_the_permalink_has_the_date(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for day in ("2024-01-01", "2025-01-01"):
        (content / f"{day}-release-notes.md").write_text("---\ntitle: Notes\n---\nx\n")
    dated = site_from_mapping({**SITE, "permalink": "{url}{year}/{slug}/"})
    assert build(dated, content, tmp_path / "out", at=AT).published == 2
    plain = site_from_mapping(SITE)  # both would be posts/release-notes/: neither is published
    assert len(build(plain, content, tmp_path / "out2", at=AT).errors) == 2


# --------------------------------------------------------------------------- pages that are not articles
def test_pages_skipped_not_rejected(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "post" / "drafts").mkdir(parents=True)
    (content / "post" / "_index.md").write_text("+++\ntitle = 'Posts'\n+++\n")
    (content / "post" / "drafts" / "a.md").write_text("---\ntitle: A\n---\nno date\n")
    (content / "post" / "2025-01-01-b.md").write_text("---\ntitle: B\npublished: false\n---\nb\n")
    (content / "post" / "2025-01-02-c.md").write_text("---\ntitle: C\n---\nc\n")
    site = site_from_mapping({**SITE, "exclude": ["post/drafts"]})
    result = build(site, content, tmp_path / "out", at=AT)
    assert result.errors == [] and result.published == 1
    assert result.skipped == [
        ("post/2025-01-01-b.md", "draft"),
        ("post/_index.md", "a Hugo section page (_index), not an article"),
        ("post/drafts/a.md", "excluded by the setting exclude = 'post/drafts'"),
    ]


# --------------------------------------------------------------------------- summary markers
def test_more_marker_is_the_summary_and_never_in_content() -> None:
    d = doc("a.md", "---\ntitle: T\ndate: 2025-01-01\n---\nFirst *part*.\n<!--more-->\n---\n\nRest.\n")
    content, summary = split_more(marked_html(d, site_from_mapping(SITE)))
    assert summary == "First part." and "more" not in content and "<hr>" in content and "<h2>" not in content


@pytest.mark.parametrize(
    ("front", "settings"),
    [("excerpt_separator: <!--cut-->\n", {}), ("", {"excerpt_separator": "<!--cut-->"})],
)
def test_jekyll_excerpt_separator(front: str, settings: dict[str, object]) -> None:
    d = doc("a.md", f"---\ntitle: T\ndate: 2025-01-01\n{front}---\nIntro.\n\n<!--cut-->\n\nRest.\n", **settings)
    content, summary = split_more(marked_html(d, site_from_mapping({**SITE, **settings})))
    assert summary == "Intro." and "cut" not in content and "Rest." in content


def test_description_wins_over_marker(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: T\ndate: 2025-01-01\ndescription: Given\n---\nA\n<!--more-->\nB\n")
    (content / "b.md").write_text("---\ntitle: U\ndate: 2025-01-02\n---\nBefore the cut.\n<!--more-->\nAfter.\n")
    build(site_from_mapping(SITE), content, tmp_path / "out", at=AT)
    entries = {e.title: e for e in feedparser.parse((tmp_path / "out" / "atom.xml").read_bytes()).entries}
    assert entries["T"].summary == "Given" and entries["U"].summary == "Before the cut."
    assert "more" not in entries["U"].content[0].value


# --------------------------------------------------------------------------- Jekyll Liquid
def jekyll(body: str, source: str = "2025-01-01-a.md") -> Document:
    return doc(source, f"---\ntitle: T\n---\n{body}")


def test_liquid_site_url_and_baseurl() -> None:
    out = html(jekyll("[a]({{ site.url }}{{ site.baseurl }}/x/) [b]({{ site.baseurl }}/y/) {{ site.url }}\n"))
    assert 'href="https://example.org/blog/x/"' in out and 'href="https://example.org/blog/y/"' in out
    assert "https://example.org/blog</p>" in out


def test_liquid_link_and_post_url_resolve_to_permalinks() -> None:
    other = doc("_posts/2024-05-06-older.md", "---\ntitle: O\n---\nx\n")
    body = "[a]({% link _posts/2024-05-06-older.md %}) [b]({% post_url 2024-05-06-older %})\n"
    out = html(jekyll(body, "_posts/2025-01-01-a.md"), other)
    assert out.count('href="https://example.org/blog/posts/older/"') == 2


def test_liquid_link_outside_content_removed_with_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        out = html(jekyll("line one\n\nSee [history]({% link _docs/history.md %}#v1).\n"))
    assert "{%" not in out and 'href="https://example.org/blog/posts/a/#v1"' in out
    assert "2025-01-01-a.md:6: {% link _docs/history.md %}: no such document" in caplog.text


def test_liquid_highlight_is_a_code_block_and_raw_is_verbatim() -> None:
    body = "{% highlight ruby %}\nputs '{{ x }}'\n{% endhighlight %}\n\n"
    body += "{% raw %}`{{ site.url }}` {% link x %}{% endraw %}\n"
    out = html(jekyll(body))
    assert "<pre><code class=\"language-ruby\">puts '{{ x }}'\n</code></pre>" in out
    assert "<code>{{ site.url }}</code> {% link x %}" in out


def test_liquid_assign_for_and_filters() -> None:
    body = (
        '{% assign ids = "1|2" | split: "|" %}{% for i in ids %}\n[#{{ i }}]: {{ site.repository }}/issues/{{ i }}\n'
        '{% endfor %}\n[#1][] [#2][] [d]({{ "/docs/" | relative_url }}) {{ page.title | upcase }}\n'
    )
    out = html(jekyll(body), site_variables={"repository": "https://github.com/o/r"})
    assert 'href="https://github.com/o/r/issues/1"' in out and 'href="https://github.com/o/r/issues/2"' in out
    assert 'href="https://example.org/blog/docs/"' in out and ">T<" not in out and " T</p>" in out


def test_liquid_unknown_tag_removed_with_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        out = html(jekyll("{% include note.html %}\n{% if page.x %}kept{% endif %}\n"))
    assert "{%" not in out and "kept" in out
    assert "2025-01-01-a.md:4: unsupported Liquid tag {% include %} removed" in caplog.text


def test_no_liquid_in_toml_documents() -> None:
    d = doc("2025-01-01-a.md", "+++\ntitle = 'T'\ndate = 2025-01-01\n+++\n`{{ .Title }}` {% x %}\n")
    assert "<code>{{ .Title }}</code> {% x %}" in html(d)


def test_no_liquid_outside_jekyll_posts() -> None:
    # Not a Jekyll post (no dated file name, no _posts folder): a post about Vue keeps its templates.
    d = doc("vue.md", "---\ntitle: T\ndate: 2025-01-01\n---\n`{{ message }}` `{% block %}`\n")
    assert "<code>{{ message }}</code> <code>{% block %}</code>" in html(d)
    assert "{{ site.url }}" not in html(doc("_posts/x.md", "---\ntitle: T\ndate: 2025-01-01\n---\n{{ site.url }}\n"))


# --------------------------------------------------------------------------- Hugo shortcodes
def hugo(body: str, source: str = "post/a.md") -> Document:
    return doc(source, f"+++\ntitle = 'T'\ndate = 2025-01-01\n+++\n{body}")


@pytest.mark.parametrize(
    ("shortcode", "expected"),
    [
        (
            '{{< youtube id="w7Ft2ymGmfc" title="A talk" >}}',
            '<p><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc"><img src="https://i.ytimg.com/vi/w7Ft2ymGmfc/'
            'hqdefault.jpg" alt="A talk"></a></p>',
        ),
        ("{{< vimeo 55073825 >}}", '<p><a href="https://vimeo.com/55073825">Vimeo video 55073825</a></p>'),
        (
            '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
            '<p><a href="https://x.com/SanDiegoZoo/status/1453110110599868418">Post by @SanDiegoZoo on X</a></p>',
        ),
        (
            "{{< tweet 1453110110599868418 >}}",
            '<p><a href="https://x.com/i/status/1453110110599868418">Post on X</a></p>',
        ),
        (
            "{{< instagram CxOWiQNP2MO >}}",
            '<p><a href="https://www.instagram.com/p/CxOWiQNP2MO/">Instagram post</a></p>',
        ),
        (
            "{{< gist jmooring 23932424365401ffa5e9d9810102a477 list.html >}}",
            '<p><a href="https://gist.github.com/jmooring/23932424365401ffa5e9d9810102a477#file-list-html">'
            "Gist list.html by jmooring</a></p>",
        ),
        (
            '{{< figure src="elephant.jpg" alt="An elephant" link="https://e.org/" caption="At dawn" >}}',
            '<figure><a href="https://e.org/"><img src="https://example.org/blog/posts/a/elephant.jpg" '
            'alt="An elephant"></a><figcaption><p>At dawn</p></figcaption></figure>',
        ),
        ("{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}", '<pre><code class="language-go">func main() {}'),
        ('[b]({{< ref "b.md" >}})', '<a href="https://example.org/blog/posts/b/">b</a>'),
        ('[b]({{< relref "/post/b#part" >}})', '<a href="https://example.org/blog/posts/b/#part">b</a>'),
        ("{{</* youtube x */>}}", "{{&lt; youtube x &gt;}}"),
    ],
)
def test_shortcodes(shortcode: str, expected: str) -> None:
    other = hugo("x\n", "post/b.md")
    assert expected in html(hugo(f"Intro.\n\n{shortcode}\n"), other)


def test_unknown_shortcode_keeps_inner_content_with_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        out = html(hugo("one\n\n{{% notice tip %}}\nInner **text**\n{{% /notice %}}\n"))
    assert "{{" not in out and "<strong>text</strong>" in out
    assert "post/a.md:7: unknown shortcode {{< notice >}}" in caplog.text


# --------------------------------------------------------------------------- Pelican
def test_pelican_links() -> None:
    other = doc("articles/other.md", "Title: O\nDate: 2025-01-01\n\nx\n")
    body = (
        "Title: P\nDate: 2025-01-02\n\n[a]({filename}/articles/other.md) [b]({filename}other.md#s) "
        "[c]({filename}../articles/other.md) ![i]({static}/images/i.png) ![j]({attach}j.png)\n"
    )
    out = html(doc("articles/p.md", body), other)
    assert out.count('href="https://example.org/blog/posts/other/') == 3 and "posts/other/#s" in out
    assert 'src="https://example.org/blog/images/i.png"' in out
    assert 'src="https://example.org/blog/articles/j.png"' in out


def test_conversions_are_deterministic() -> None:
    d = jekyll("{% for i in (1..3) %}{{ i }}{% endfor %} {% highlight %}x{% endhighlight %}\n")
    assert html(d) == html(d) and "123" in html(d)


# --------------------------------------------------------------------------- the cache
def test_link_to_another_document_follows_its_edits(tmp_path: Path) -> None:
    # a is alone in its tag's feed: only its dependency on b's link can tell that feed to change.
    content = tmp_path / "content"
    content.mkdir()
    (content / "2025-01-01-a.md").write_text("---\ntitle: A\ntags: [x]\n---\nSee [b]({% post_url 2025-01-02-b %}).\n")
    b = content / "2025-01-02-b.md"
    b.write_text("---\ntitle: B\n---\nb\n")
    site = site_from_mapping(SITE)
    cache = tmp_path / "cache"
    build(site, content, tmp_path / "out", at=AT, cache_dir=cache)
    assert "posts/b/" in (tmp_path / "out" / "tags" / "x" / "atom.xml").read_text(encoding="utf-8")
    b.write_text("---\ntitle: B\nslug: renamed\n---\nb\n")
    result = build(site, content, tmp_path / "out", at=AT, cache_dir=cache)
    assert "tags/x/atom.xml" in result.written
    feed = (tmp_path / "out" / "tags" / "x" / "atom.xml").read_text(encoding="utf-8")
    assert "posts/renamed/" in feed and "posts/b/" not in feed
