"""[fields] (a site's own front matter keys), --drafts and summary_only."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from feeds.build import build
from feeds.cli import main
from feeds.config import site_from_mapping
from feeds.errors import ConfigError

from .conftest import TEST_SITE

AT = datetime(2026, 11, 1, tzinfo=UTC)


def write(content: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    return content


def test_fields_map_a_sites_own_keys(tmp_path: Path) -> None:
    content = write(
        tmp_path / "content",
        {
            "eleventy.md": "---\nnewstitle: Eleventy title\npublished_at: 2025-05-02\nspoiler: Short\n---\nBody\n",
            "plain.md": "---\ntitle: Plain\ndate: 2025-05-01\nexcerpt: Ex\n---\nBody\n",
        },
    )
    plain = build(site_from_mapping(TEST_SITE), content, tmp_path / "before", at=AT)
    assert plain.published == 1 and [source for source, _ in plain.skipped] == ["eleventy.md"]  # a page, before
    fields = {"title": ["newstitle"], "date": ["published_at"], "summary": ["spoiler", "excerpt"]}
    result = build(site_from_mapping({**TEST_SITE, "fields": fields}), content, tmp_path / "out", at=AT)
    assert result.errors == [] and result.published == 2
    feed = feedparser.parse((tmp_path / "out" / "atom.xml").read_bytes())
    assert [(e.title, e.summary) for e in feed.entries] == [("Eleventy title", "Short"), ("Plain", "Ex")]


def test_a_mapped_key_with_a_bad_value_names_its_line(tmp_path: Path) -> None:
    content = write(tmp_path / "content", {"a.md": "---\nnewstitle: T\n\npublished_at: someday\n---\nB\n"})
    site = site_from_mapping({**TEST_SITE, "fields": {"title": "newstitle", "date": ["published_at"]}})
    (error,) = build(site, content, tmp_path / "out", at=AT).errors
    assert error.line == 4 and "someday" in error.message


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"titel": ["x"]}, "unknown field 'titel' (did you mean 'title'?)"),
        ({"title": []}, "title must be a list of front matter keys"),
        (["title"], "must be a table of field = [keys]"),
    ],
)
def test_fields_are_checked(fields: object, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        site_from_mapping({**TEST_SITE, "fields": fields})


def test_drafts_published_only_with_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = write(
        tmp_path / "content",
        {
            "post.md": "---\ntitle: Post\ndate: 2025-05-01\n---\nB\n",
            "draft.md": "---\ntitle: Draft\ndate: 2025-05-02\ndraft: true\n---\nB\n",
        },
    )
    toml = tmp_path / "feeds.toml"
    toml.write_text('title = "T"\nurl = "https://e.org/"\n', encoding="utf-8")
    common = ["build", "-q", "--config", str(toml), "--content", str(content)]
    assert main([*common, "--out", str(tmp_path / "out")]) == 0
    assert main([*common, "--out", str(tmp_path / "preview"), "--drafts"]) == 0
    titles = {
        out: [e.title for e in feedparser.parse((tmp_path / out / "rss.xml").read_bytes()).entries]
        for out in ("out", "preview")
    }
    assert titles == {"out": ["Post"], "preview": ["Draft", "Post"]}
    # One cache, both ways: the option is part of what a kept result was made with.
    cache = tmp_path / "cache"
    site = site_from_mapping(TEST_SITE)
    assert build(site, content, tmp_path / "o2", at=AT, cache_dir=cache).published == 1
    assert build(site, content, tmp_path / "o2", at=AT, cache_dir=cache, drafts=True).published == 2
    assert build(site, content, tmp_path / "o2", at=AT, cache_dir=cache).published == 1


def test_summary_only(tmp_path: Path) -> None:
    content = write(
        tmp_path / "content", {"post.md": "---\ntitle: Post\ndate: 2025-05-01\nsummary: The gist\n---\nFull *text*\n"}
    )
    out = tmp_path / "out"
    assert build(site_from_mapping({**TEST_SITE, "summary_only": True}), content, out, at=AT).errors == []
    for name in ("rss.xml", "atom.xml"):
        data = (out / name).read_text(encoding="utf-8")
        assert "The gist" in data and "Full" not in data, name
    (item,) = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]
    assert item["content_text"] == item["summary"] == "The gist" and "content_html" not in item
    assert main(["validate", "-q", str(out)]) == 0
    with pytest.raises(ConfigError, match="summary_only: must be true or false"):
        site_from_mapping({**TEST_SITE, "summary_only": "yes"})
