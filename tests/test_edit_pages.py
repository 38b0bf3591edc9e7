"""The site pages after an edit that keeps the plan (feeds.incremental): made again when what they
show of the main feed's entries changed (title, summary, date...), left alone when the edit is
below every summary; either way the bytes of a build from scratch."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from feeds.config import Site
from feeds.incremental import PLAN_REUSED

from .conftest import tree
from .test_light_index import clean_tree, run

LONG = "A first paragraph that is long enough to be cut. " * 12  # past the 280 characters of a summary


def article(title: str, date: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: [notes]\n---\n\n{body}\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "long.md").write_text(article("Long", "2026-03-03T09:00:00Z", LONG), encoding="utf-8")
    (folder / "short.md").write_text(article("Short", "2026-03-02T09:00:00Z", "Short and done."), encoding="utf-8")
    (folder / "old.md").write_text(article("Old", "2026-03-01T09:00:00Z", "Older still."), encoding="utf-8")
    return folder


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="feeds.incremental")
    return caplog


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, old text, new text, whether the index page shows the change)
EDITS = {
    "below the summary": ("long.md", LONG, LONG + "\n\nOne more sentence, below the summary.", False),
    "a short body, all summary": ("short.md", "Short and done.", "Short and done, and more.", True),
    "a title": ("long.md", "title: Long", "title: Longer", True),
    "the first words": ("long.md", "A first paragraph", "The first paragraph", True),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_the_pages_after_an_edit_are_a_clean_builds(
    what: str, site: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    name, old, new, shown = EDITS[what]
    run(site, content, tmp_path)
    replace_text(content / name, old, new)
    log.clear()
    result = run(site, content, tmp_path)
    assert PLAN_REUSED in log.text
    assert ("index.html" in result.written) == shown
    assert tree(tmp_path / "out") == clean_tree(site, content, tmp_path)


def test_a_sites_own_index_template_is_made_again_after_any_edit(
    site: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    # A site's own template may show anything of an entry: here its whole text.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "index.html.j2").write_text(
        '<meta name="generator" content="feeds">{% for e in view.entries %}{{ e.content }}{% endfor %}\n',
        encoding="utf-8",
    )
    own = replace(site, templates=templates)
    run(own, content, tmp_path)
    replace_text(content / "long.md", LONG, LONG + "\n\nOne more sentence, below the summary.")
    log.clear()
    result = run(own, content, tmp_path)
    assert PLAN_REUSED in log.text
    assert "index.html" in result.written
    assert b"below the summary" in (tmp_path / "out" / "index.html").read_bytes()
    assert tree(tmp_path / "out") == clean_tree(own, content, tmp_path)


def test_an_index_page_changed_behind_our_back_is_made_again(site: Site, content: Path, tmp_path: Path) -> None:
    run(site, content, tmp_path)
    (tmp_path / "out" / "index.html").write_text("changed by hand", encoding="utf-8")
    replace_text(content / "long.md", LONG, LONG + "\n\nOne more sentence, below the summary.")
    result = run(site, content, tmp_path)
    assert "index.html" in result.written
    assert tree(tmp_path / "out") == clean_tree(site, content, tmp_path)
