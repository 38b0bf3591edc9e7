"""Other generators' conventions on real posts: path-like URL keys, Jekyll's string tags, authors.

Each sample is a real post of a public blog (tests/data/dialects/<generator>/SOURCE.md says where
from and under which licence); each expectation is written from that generator's documented rule,
quoted in the SOURCE.md beside it.
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.config import load_site, site_from_mapping
from feeds.document import Document
from feeds.errors import ConfigError, PageError
from feeds.load import parse

from .conftest import DATA

DIALECTS = DATA / "dialects"
SITE = {"title": "T", "url": "https://example.org/blog/"}


def read(folder: str, source: str, label: str | None = None) -> Document:
    """``DIALECTS/folder/source`` read with that folder's site.toml; ``label``: its name in the content folder."""
    site = load_site(DIALECTS / folder / "site.toml")
    name = label or source
    return parse((DIALECTS / folder / source).read_bytes(), name, site, name)[0]


def doc(source: str, text: str, **settings: object) -> Document:
    site = site_from_mapping({**SITE, **settings})
    return parse(text.encode(), source, site, source)[0]


# --------------------------------------------------------------------------- Zola's path
def test_zola_path_sets_the_link_with_zolas_final_slash() -> None:
    d = read("zola", "content/2019-09-11-why-parallel.md", "2019-09-11-why-parallel.md")
    assert d.link == "https://meta.plasm.us/posts/2019/09/11/why-parallel/"
    assert d.published == datetime(2019, 9, 11, tzinfo=UTC)  # the file name's date, as Zola reads it
    assert d.tags == ("scala", "fp", "typelevel", "cats")  # Zola's [taxonomies] table


def test_a_date_in_a_path_is_found_like_a_file_names() -> None:
    # The same real post under a name without a date: its path still carries one.
    d = read("zola", "content/2013-06-28-singleton-types-for-literals-in-scala.md", "singleton-types.md")
    assert d.published == datetime(2013, 6, 28, tzinfo=UTC)
    assert d.link == "https://meta.plasm.us/posts/2013/06/28/singleton-types-for-literals-in-scala/"


@pytest.mark.parametrize(
    ("front", "date"),
    [
        ('+++\ntitle = "A"\npath = "2030-01-01-optional-nullable"\n+++\nx\n', "2030-01-01"),
        ("---\ntitle: A\nurl: /2012/03/04/old-wordpress-post/\n---\nx\n", "2012-03-04"),
        ("---\ntitle: A\npermalink: /blog/2014/03/15/x/\n---\nx\n", "2014-03-15"),
    ],
)
def test_dates_in_path_url_and_permalink(front: str, date: str) -> None:
    assert doc("a.md", front).published.date().isoformat() == date


@pytest.mark.parametrize("name", ["2022-07-21_topic.md", "2022-07-21-topic.md", "2022-07-21_topic/index.md"])
def test_zola_takes_the_date_off_a_file_name_with_an_underscore_too(name: str) -> None:
    # Zola's rule (its docs, "Page"): a file name or a page bundle's folder that starts with a date
    # and "_" or "-" gives the page its date, and the rest of the name is the slug.
    d = doc(name, '+++\ntitle = "A topic"\n+++\nx\n')
    assert d.published.date().isoformat() == "2022-07-21" and d.slug == "topic"


def test_no_date_anywhere_is_still_a_page() -> None:
    with pytest.raises(PageError):
        doc("about.md", '+++\ntitle = "About"\npath = "about"\n+++\nx\n')


def test_front_matter_and_file_name_dates_win_over_the_paths() -> None:
    d = doc("2020-05-05-a.md", "---\ntitle: A\npath: posts/2019/01/01/a\n---\nx\n")
    assert d.published.date().isoformat() == "2020-05-05"


# --------------------------------------------------------------------------- Hugo's url
def test_hugo_url_wins_over_slug() -> None:
    d = read("hugo-docs", "commands/hugo_check.md")
    assert d.slug == "hugo_check"
    assert d.link == "https://gohugo.io/commands/hugo_check/"
    assert d.published == datetime(2018, 4, 16, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        # The examples of Hugo's URL management page, on a site served under /blog/.
        ("articles/my-first-article", "https://example.org/blog/articles/my-first-article/"),
        ("articles/my-first-article.html", "https://example.org/blog/articles/my-first-article.html"),
        ("/about", "https://example.org/blog/about/"),
        ("about", "https://example.org/blog/about/"),
        ("/about/", "https://example.org/blog/about/"),
        ("https://elsewhere.example/x", "https://elsewhere.example/x"),
    ],
)
def test_hugo_url_is_from_the_site_root_with_hugos_trailing_slash(url: str, link: str) -> None:
    assert doc("post/a.md", f"+++\ntitle = 'A'\ndate = 2025-01-01\nurl = '{url}'\n+++\nx\n").link == link


def test_link_key_is_as_before() -> None:
    d = doc("a.md", "---\ntitle: A\ndate: 2025-01-01\nlink: /about\n---\nx\n")
    assert d.link == "https://example.org/about"


def test_hugo_slug_falls_back_to_the_title() -> None:
    # Hugo's :slug is "the slug as defined in front matter, else the title as defined in front matter".
    site = {"permalink": "{url}post/{slug_or_title}/", "url": "https://gohugo.io/"}
    text = (DIALECTS / "hugo" / "post" / "markdown-syntax.md").read_text(encoding="utf-8")
    assert doc("markdown-syntax.md", text, **site).link == "https://gohugo.io/post/markdown-syntax-guide/"
    slugged = "+++\ntitle = 'Markdown Syntax Guide'\nslug = 'Syntax'\ndate = 2019-03-11\n+++\nx\n"
    assert doc("markdown-syntax.md", slugged, **site).link == "https://gohugo.io/post/syntax/"


def test_a_permalink_needs_a_slug_placeholder() -> None:
    with pytest.raises(ConfigError, match="slug_or_title"):
        site_from_mapping({**SITE, "permalink": "{url}{year}/"})


# --------------------------------------------------------------------------- Jekyll's and Eleventy's permalink
def test_jekyll_permalink_in_front_matter_sets_the_link() -> None:
    d = read("jekyll-permalink", "_posts/2015-04-10-learning-nosql-php-and-linux-scalability.markdown")
    assert d.link == "https://moiseevigor.github.io/learning-nosql-php-linux/"
    assert d.published.date().isoformat() == "2015-04-10"


def test_jekyll_permalink_placeholders() -> None:
    d = doc("_posts/2025-03-10-hello.md", "---\ntitle: Hi\npermalink: /news/:year/:month/:day/:title/\n---\nx\n")
    assert d.link == "https://example.org/blog/news/2025/03/10/hello/"


def test_eleventy_permalink_is_the_output_file() -> None:
    d = doc("posts/a.md", "---\ntitle: A\ndate: 2025-01-01\npermalink: /posts/my-post/index.html\n---\nx\n")
    assert d.link == "https://example.org/blog/posts/my-post/"


def test_eleventy_permalink_false_is_no_page() -> None:
    with pytest.raises(PageError, match="permalink: false"):
        doc("posts/a.md", "---\ntitle: A\ndate: 2025-01-01\npermalink: false\n---\nx\n")


def test_a_permalink_template_is_not_run(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="feeds"):
        d = doc("posts/a.md", "---\ntitle: A\ndate: 2025-01-01\npermalink: /b/{{ title | slugify }}/\n---\nx\n")
    assert d.link == "https://example.org/blog/posts/a/"
    assert "is a template feeds does not run" in caplog.text


def test_a_path_key_of_another_kind_is_passed_over() -> None:
    assert doc("a.md", "---\ntitle: A\ndate: 2025-01-01\npath: [a, b]\n---\nx\n").link.endswith("/posts/a/")


# --------------------------------------------------------------------------- Jekyll's string tags
def test_jekyll_categories_string_is_space_separated() -> None:
    d = read("jekyll-tags", "_posts/2015-10-22-scaffolding-a-phoenix-project.md")
    assert d.tags == ("english", "elixir")
    assert d.link == "https://www.rymai.me/2015/10/22/scaffolding-a-phoenix-project/"


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: android tip", ("android", "tip")),
        ("tags: android, tip", ("android", "tip")),
        ("tag: machine learning", ("machine learning",)),  # the singular key is one tag
        ("category: release notes\ntags: a b", ("a", "b", "release notes")),
        ("tags: [machine learning, ai]", ("machine learning", "ai")),
    ],
)
def test_jekyll_string_tags(front: str, tags: tuple[str, ...]) -> None:
    assert doc("_posts/2025-01-01-a.md", f"---\ntitle: A\n{front}\n---\nx\n").tags == tags


def test_string_tags_outside_jekyll_posts_are_comma_separated_as_before() -> None:
    assert doc("a.md", "---\ntitle: A\ndate: 2025-01-01\ntags: machine learning, ai\n---\nx\n").tags == (
        "machine learning",
        "ai",
    )
    toml = '+++\ntitle = "A"\ndate = 2025-01-01\ntags = "android tip"\n+++\nx\n'
    assert doc("_posts/2025-01-01-a.md", toml).tags == ("android tip",)  # Jekyll reads no TOML


# --------------------------------------------------------------------------- authors
def test_authors_first_present_key_wins() -> None:
    d = doc("a.md", "---\ntitle: A\ndate: 2025-01-01\nauthor: Jane Doe\nauthors: [Rick Roe, Sam Poe]\n---\nx\n")
    assert [a.name for a in d.authors] == ["Jane Doe"]


def test_a_semicolon_inside_a_yaml_list_item_is_part_of_one_name() -> None:
    d = doc("a.md", "---\ntitle: A\ndate: 2025-01-01\nauthors:\n  - Doe; Jane\n  - Roe, Rick\n---\nx\n")
    assert [a.name for a in d.authors] == ["Doe; Jane", "Roe, Rick"]


def test_a_string_of_authors_still_splits_as_before() -> None:
    pelican = doc("a.md", "Title: A\nDate: 2025-01-01\nAuthors: Doe, Jane; Roe, Rick\n\nx\n")
    assert [a.name for a in pelican.authors] == ["Doe, Jane", "Roe, Rick"]


def test_minima_author_list_is_two_authors() -> None:
    # jekyll/minima's demo post "This post demonstrates post content styles": a YAML list of two.
    front = "---\nlayout: post\ntitle: T\nauthor:\n- Bart Simpson\n- Nelson Mandela Muntz\n---\nx\n"
    assert [a.name for a in doc("_posts/2016-05-20-x.md", front).authors] == ["Bart Simpson", "Nelson Mandela Muntz"]


def test_a_zola_site_builds(tmp_path: Path) -> None:
    from feeds.build import build
    from feeds.validate import validate_paths

    content = tmp_path / "content"
    shutil.copytree(DIALECTS / "zola" / "content", content)
    site = load_site(DIALECTS / "zola" / "site.toml")
    result = build(site, content, tmp_path / "out", at=datetime(2026, 1, 1, tzinfo=UTC))
    assert result.published == 2 and not result.errors
    findings = validate_paths([tmp_path / "out"], site_url=site.url)
    assert [f"{f.path}:{f.line}: {f.code}" for f in findings if f.level == "error"] == []


def test_pelicans_url_header_is_as_before() -> None:
    # Hugo's trailing-slash rule is for front matter: Pelican's URL is the page's URL as written.
    d = doc("a.md", "Title: A\nDate: 2025-01-01\nURL: pages/a\n\nx\n")
    assert d.link == "https://example.org/blog/pages/a"
