"""golang.org/x/website-style posts: their template actions converted or removed, never shown as text.

The posts are real (tests/data/dialects/gotemplate/SOURCE.md); the expectations follow
x/website's own code (``internal/web/code.go``), quoted there.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import build
from feeds.config import load_site, site_from_mapping
from feeds.dialects import gotemplate
from feeds.dialects.links import Links
from feeds.document import Document
from feeds.fragments import content_html
from feeds.load import parse

from .conftest import DATA

GO = DATA / "dialects" / "gotemplate"
AT = datetime(2026, 1, 1, tzinfo=UTC)


def rendered(source: str, content: Path = GO) -> tuple[Document, str]:
    site = load_site(GO / "site.toml")
    d = parse((content / source).read_bytes(), source, site, source)[0]
    return d, content_html(d, site, Links([d], content))


def test_code_includes_the_files_beside_the_post() -> None:
    d, out = rendered("blog/cover.md")
    assert "{{" not in out
    pkg = (GO / "blog" / "cover" / "pkg.go").read_text(encoding="utf-8")
    assert "func Size(a int) string {" in out and out.count("<pre>") >= 3
    # The whole file, its tabs as four spaces, HTML-escaped in a code block.
    assert "    switch {\n    case a &lt; 0:" in out and pkg.count("\n") > 10
    # `/func/` to the first `^}` after it: the function, not the struct after it.
    cover = out[out.index("GoCover.Count[0] = 1") - 200 :]
    block = cover[: cover.index("</pre>")]
    assert 'return "enormous"' not in block or block.rstrip().endswith("}</code>")
    assert "var GoCover" not in block
    assert 'src="https://example.org/blog/cover/set.png"' in out  # the image beside the post
    assert d.references == (
        "file\x1fblog/cover/pkg.go",
        "file\x1fblog/cover/pkg_test.go",
        "file\x1fblog/cover/pkg.cover",
    )


def test_missing_files_are_removed_with_a_warning_and_raw_is_verbatim(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="feeds"):
        _, out = rendered("blog/constants.md")
    assert "{{" not in out and "constants/string1.go" not in out
    assert (
        'blog/constants.md:139: {{play "constants/string1.go"}}: no such file beside the post; removed' in caplog.text
    )
    # {{raw "`1<<('\t'+2.0)`"}}: a Go string (its \t a tab), put into the Markdown as it is: a code span.
    assert "<code>1&lt;&lt;('" in out and "'+2.0)</code>" in out and "\\t" not in out


def test_an_included_file_changes_the_html_key(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(GO / "blog", tmp_path / "blog")
    site = load_site(GO / "site.toml")
    d = parse((tmp_path / "blog" / "cover.md").read_bytes(), "blog/cover.md", site, "blog/cover.md")[0]
    before = Links([d], tmp_path).fingerprint(d)
    (tmp_path / "blog" / "cover" / "pkg.go").write_text("package other\n", encoding="utf-8")
    assert Links([d], tmp_path).fingerprint(d) != before


def test_a_go_blog_builds_with_no_action_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(load_site(GO / "site.toml"), GO / "blog", out, at=AT)
    assert result.published == 2 and not result.errors
    atom = (out / "atom.xml").read_text(encoding="utf-8")
    assert "{{code" not in atom and "{{play" not in atom and "{{image" not in atom and "{{raw" not in atom


SITE = {"title": "T", "url": "https://example.org/"}


def doc(source: str, text: str) -> Document:
    return parse(text.encode(), source, site_from_mapping(SITE), source)[0]


def test_actions_inside_code_are_a_sample_not_a_template() -> None:
    text = '---\ntitle: Handlebars\ndate: 2025-01-01\n---\n```\n{{image "x.png"}}\n```\n\nAnd `{{image "y"}}`.\n'
    d = doc("hb.md", text)
    out = content_html(d, site_from_mapping(SITE), Links([d]))
    assert "{{image &quot;x.png&quot;}}" in out and '{{image "y"}}' in out and "<img" not in out


def test_not_in_jekyll_posts_or_toml_documents() -> None:
    assert not gotemplate.applies('{{image "x.png"}}\n', "frontmatter-toml")
    d = doc("_posts/2025-01-01-a.md", '---\ntitle: A\n---\n{% raw %}{{image "x.png"}}{% endraw %}\n')
    assert '{{image "x.png"}}' in content_html(d, site_from_mapping(SITE), Links([d]))


def test_video_and_image_width() -> None:
    d = doc("blog/a.md", '---\ntitle: A\ndate: 2025-01-01\n---\n{{image "a/x.png" 446}}\n\n{{video "a/v.mp4"}}\n')
    out = content_html(d, site_from_mapping(SITE), Links([d]))
    assert '<img src="https://example.org/blog/a/x.png" alt="" width="446">' in out
    assert '<video controls src="https://example.org/blog/a/v.mp4">' in out


def test_a_file_outside_the_content_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "secret.go").write_text("package secret\n", encoding="utf-8")
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    text = '---\ntitle: A\ndate: 2025-01-01\n---\n{{code "../../secret.go"}}\n\n{{code "/../secret.go"}}\n'
    d = doc("blog/a.md", text)
    assert "secret" not in content_html(d, site_from_mapping(SITE), Links([d], content))


@pytest.mark.parametrize(
    "worst",
    [
        "{{raw `" * 15_000,
        '{{code "' * 12_500,
        "`{{image " * 11_000,
        "{{image " * 12_500,
        '{{play "x" `/a/` ' * 6_000,
        '```\n{{image "x"}}\n' * 5_000,
        '{{image "x"}}\n' * 7_000,
        "{{raw `" + "a" * 100_000,
        '{{raw "' + "\\" * 100_000,
    ],
)
def test_worst_cases_are_linear(worst: str) -> None:
    from feeds.dialects.common import Job

    body = worst[: 100 * 1024]
    d = doc("blog/a.md", f"---\ntitle: A\ndate: 2025-01-01\n---\n{body}\n")
    started = time.process_time()  # CPU: a loaded machine does not stretch it
    gotemplate.applies(body, d.format)
    gotemplate.references(body, d.source)
    gotemplate.expand(body, Job(d, site_from_mapping(SITE), Links([d])))
    assert time.process_time() - started < 0.5


def test_an_edit_to_an_included_file_shows_at_the_next_build(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(GO / "blog", tmp_path / "blog")
    site = load_site(GO / "site.toml")
    build(site, tmp_path / "blog", tmp_path / "out", at=AT)
    (tmp_path / "blog" / "cover" / "pkg.go").write_text("package main\n\nfunc Changed() {}\n", encoding="utf-8")
    build(site, tmp_path / "blog", tmp_path / "out", at=AT)
    assert "func Changed() {}" in (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")


def test_template_true_runs_the_actions_in_code_blocks_too() -> None:
    # x/website's switch: with `template: true` the whole body is a template, code blocks included.
    text = '---\ntitle: A\ndate: 2025-01-01\ntemplate: true\n---\n```\ncum {{raw "<"}}= 0.59s\n```\n'
    assert "cum &lt;= 0.59s" in content_html(doc("blog/a.md", text), site_from_mapping(SITE), Links([]))


def test_raw_of_a_file_puts_in_its_text(tmp_path: Path) -> None:
    (tmp_path / "blog" / "a").mkdir(parents=True)
    (tmp_path / "blog" / "a" / "t.html").write_text("<table><tr><td>en-US</td></tr></table>\n", encoding="utf-8")
    d = doc("blog/a.md", '---\ntitle: A\ndate: 2025-01-01\n---\n{{raw (file "a/t.html")}}\n')
    assert d.references == ("file\x1fblog/a/t.html",)
    assert "<td>en-US</td>" in content_html(d, site_from_mapping(SITE), Links([d], tmp_path))


def test_an_address_may_hold_a_dot() -> None:
    lines = ["package main\n", "func f() {\n", "\tuserip.NewContext(ctx)\n", "}\n"]
    assert gotemplate._line(lines, "/userip.NewContext/", 0) == 2
    assert gotemplate._line(lines, "/a+/", 0) is None  # a real regular expression: not run
