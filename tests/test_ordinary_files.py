"""A site folder's ordinary files (README, LICENSE, data, code, redirect stubs, pages) never fail a run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import build
from feeds.cli import main
from feeds.config import Site, site_from_mapping
from feeds.selection import excluded_by

from .conftest import TEST_SITE

AT = datetime(2026, 11, 1, tzinfo=UTC)

# What real site folders hold beside their posts: none of it is an article, none of it is an error.
ORDINARY = {
    "README.md": "# My blog\n\nBuilt with feeds.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2025 Someone\n",
    "docs/CHANGELOG.rst": "Changes\n=======\n\n1.0: first\n",
    "CONTRIBUTING.txt": "Send patches.\n",
    "authors.yml": "alice:\n  name: Alice\n  email: alice@example.com\n",
    "data.json": '{"menu": ["home", "about"]}\n',
    "snippet.html": "<div class='note'>A fragment</div>\n",
    "tools/main.go": 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n',
    "_headers": "/*\n  X-Frame-Options: DENY\n",
    "old-post.md": "---\nredirect: /blog/x\n---\n",
    "moved.md": "---\nredirect_to: https://example.org/y\nlayout: redirect\n---\n",
}
POST = "---\ntitle: A post\ndate: 2025-03-10\n---\nHello.\n"
ABOUT = "---\ntitle: About me\nlayout: page\n---\nI write here.\n"


def site_with(**settings: object) -> Site:
    return site_from_mapping({**TEST_SITE, **settings})


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    for name, text in {"2025-03-10-post.md": POST, **files}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def test_ordinary_files_are_skipped_and_counted(tmp_path: Path) -> None:
    content = folder(tmp_path, ORDINARY)
    result = build(site_with(), content, tmp_path / "out", at=AT)
    assert result.errors == []
    assert result.published == 1
    assert sorted(source for source, _ in result.others) == sorted(ORDINARY)
    assert all("exclude" in why for _, why in result.others), result.others


def test_ordinary_files_change_no_output(tmp_path: Path) -> None:
    plain = build(site_with(), folder(tmp_path / "a", {}), tmp_path / "a" / "out", at=AT)
    busy = build(site_with(), folder(tmp_path / "b", ORDINARY), tmp_path / "b" / "out", at=AT)
    assert plain.errors == busy.errors == []
    for name in ("rss.xml", "atom.xml", "feed.json"):
        assert (tmp_path / "a" / "out" / name).read_bytes() == (tmp_path / "b" / "out" / name).read_bytes()


def test_an_undated_page_is_a_notice_strict_makes_it_an_error(tmp_path: Path) -> None:
    content = folder(tmp_path, {"about.md": ABOUT})
    result = build(site_with(), content, tmp_path / "out", at=AT)
    assert result.errors == [] and result.published == 1
    (why,) = [why for source, why in result.skipped if source == "about.md"]
    assert "page" in why and "exclude" in why
    strict = build(site_with(), content, tmp_path / "out2", at=AT, strict=True)
    assert [e.path for e in strict.errors] == [str(content / "about.md")]
    assert "exclude" in strict.errors[0].message


def test_what_looks_like_an_article_and_cannot_be_read_stays_an_error(tmp_path: Path) -> None:
    content = folder(
        tmp_path,
        {
            "notes.md": "just some words, no front matter\n",  # an article's extension: an error
            "bad-date.html": "---\ntitle: T\ndate: someday\n---\nx\n",  # declared itself an article
            "unclosed.md": "---\ntitle: x\n",
        },
    )
    result = build(site_with(), content, tmp_path / "out", at=AT)
    assert sorted(Path(e.path).name for e in result.errors) == ["bad-date.html", "notes.md", "unclosed.md"]
    assert result.others == []


def test_a_page_that_is_an_article_elsewhere_is_published_with_a_date(tmp_path: Path) -> None:
    content = folder(tmp_path, {"snippet.html": "---\ntitle: Jekyll post\ndate: 2025-01-02\n---\nHi\n"})
    result = build(site_with(), content, tmp_path / "out", at=AT)
    assert result.errors == [] and result.published == 2 and result.others == []


@pytest.mark.parametrize(
    ("pattern", "source", "hit"),
    [
        ("README.md", "README.md", True),
        ("README.md", "a/b/README.md", True),
        ("*.txt", "deep/x/notes.txt", True),
        ("drafts", "post/drafts/a.md", True),
        ("**/drafts/**", "drafts/a.md", True),
        ("**/drafts/**", "a/drafts/b/c.md", True),
        ("post/drafts", "post/drafts/a.md", True),
        ("post/drafts", "other/post/drafts/a.md", False),
        ("drafts/**", "drafts/a.md", True),
        ("README.md", "README.md.bak/x.md", False),
        ("drafts", "drafts.md", False),
    ],
)
def test_exclude_matches_a_name_at_any_depth(pattern: str, source: str, hit: bool) -> None:
    assert (excluded_by(source, (pattern,)) == pattern) is hit


def test_exclude_silences_and_is_named(tmp_path: Path) -> None:
    content = folder(tmp_path, {"x/drafts/a.md": "words\n", "notes/README.md": "hi\n"})
    result = build(site_with(exclude=["**/drafts/**"]), content, tmp_path / "out", at=AT)
    assert result.errors == []
    assert ("x/drafts/a.md", "excluded by the setting exclude = '**/drafts/**'") in result.skipped


def test_cli_summary_counts_others_and_lists_them_with_v(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = folder(tmp_path, {**ORDINARY, "about.md": ABOUT})
    toml = tmp_path / "site.toml"
    toml.write_text('title = "T"\nurl = "https://example.com/"\n', encoding="utf-8")
    args = ["build", "--config", str(toml), "--content", str(content), "--out", str(tmp_path / "out")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"{len(ORDINARY)} other files skipped" in out
    assert "README.md" not in out  # listed only with -v
    assert "about.md" in out and "exclude" in out  # a page is a notice
    assert main([*args, "-v"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ORDINARY)
    assert main([*args, "--strict"]) == 1
    err = capsys.readouterr().err
    assert "about.md" in err and "exclude" in err


def test_cli_rejection_names_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = folder(tmp_path, {"notes.md": "words\n"})
    toml = tmp_path / "site.toml"
    toml.write_text('title = "T"\nurl = "https://example.com/"\n', encoding="utf-8")
    assert main(["build", "-q", "--config", str(toml), "--content", str(content), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "notes.md" in err and "exclude" in err


def test_cached_runs_keep_the_count(tmp_path: Path) -> None:
    content = folder(tmp_path, ORDINARY)
    cache = tmp_path / "cache"
    first = build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache)
    again = build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache)
    assert again.nothing_changed and again.others == first.others and again.errors == []
    (content / "2025-03-10-post.md").write_text(POST + "More.\n", encoding="utf-8")
    edited = build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache)
    assert edited.others == first.others and edited.errors == []


def test_a_published_post_that_loses_its_date_is_an_error_not_a_page(tmp_path: Path) -> None:
    content = folder(tmp_path, {})
    cache = tmp_path / "cache"
    assert build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache).published == 1
    (content / "2025-03-10-post.md").rename(content / "post.md")  # the name's date goes too
    assert build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache).published == 1
    (content / "post.md").write_text("---\ntitle: A post\n---\nHello.\n", encoding="utf-8")
    result = build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache)
    assert [Path(e.path).name for e in result.errors] == ["post.md"] and "page" in result.errors[0].message
    assert result.published == 1 and len(result.kept) == 1  # its last good version stays


def test_a_post_moved_away_leaves_a_redirect_stub_and_its_entry_goes(tmp_path: Path) -> None:
    content = folder(tmp_path, {"old.md": "---\ntitle: Old\ndate: 2025-01-01\n---\nx\n"})
    cache = tmp_path / "cache"
    assert build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache).published == 2
    (content / "old.md").write_text("---\nredirect_to: /posts/new/\n---\n", encoding="utf-8")
    result = build(site_with(), content, tmp_path / "out", at=AT, cache_dir=cache)
    assert result.errors == [] and result.published == 1 and [s for s, _ in result.others] == ["old.md"]
