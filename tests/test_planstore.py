"""An edit that leaves every feed's documents as they were reuses the last build's plan
(feeds.planstore) instead of planning every document again. Whatever path a build takes, its
output must be a from-scratch build's bytes, and the path it leaves must suit the next build."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from feeds.cache import FILENAME
from feeds.config import Site
from feeds.incremental import PLAN_REUSED

from .conftest import tree
from .corpus import generate
from .sweeps import sweep
from .test_light_index import clean_tree, run  # built the same way: at one date, with a cache

N = 30


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    generate(folder, N)
    return folder


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="feeds.incremental")
    return caplog


def shown(out: Path, content: Path, feed: str = "atom.xml") -> list[Path]:
    """The files of the entries ``feed`` shows, newest first."""
    import feedparser

    slugs = [e.link.rstrip("/").rsplit("/", 1)[-1] for e in feedparser.parse((out / feed).read_bytes()).entries]
    by_stem = {p.stem: p for p in content.iterdir()}
    return [by_stem[slug] for slug in slugs]


def front_matter(content: Path, out: Path) -> Path:
    """A shown document with YAML front matter."""
    return next(p for p in shown(out, content) if p.read_text(encoding="utf-8").startswith("---\n"))


def unshown(content: Path, out: Path) -> Path:
    """A document in no current feed's window (it may be on an archive page)."""
    current = [feed.relative_to(out) for feed in out.rglob("atom.xml")]
    seen = {p for feed in current if "archive" not in feed.parts for p in shown(out, content, str(feed))}
    return next(p for p in sorted(content.iterdir()) if p not in seen)


def append(path: Path, text: str = "\n\nOne more sentence.\n") -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def forget_plan(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        db.execute("DELETE FROM state WHERE key = 'plan'")


# Changes after which every feed shows the documents it showed: the plan holds.
def edit_body(content: Path, out: Path) -> None:
    append(shown(out, content)[0])


def edit_title(content: Path, out: Path) -> None:
    path = front_matter(content, out)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "title: Edited", 1), encoding="utf-8")


def edit_two(content: Path, out: Path) -> None:
    first, second = shown(out, content)[:2]
    append(first)
    append(second, "\n\nAnother paragraph, *emphasised*.\n")


def edit_unshown(content: Path, out: Path) -> None:
    append(unshown(content, out))


def touch(content: Path, out: Path) -> None:
    path = shown(out, content)[0]
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize("change", sweep([edit_body, edit_title, edit_two, edit_unshown, touch], keep=3))
def test_an_edit_that_keeps_the_plan_builds_what_a_clean_build_does(
    change: object, small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    first = run(small_windows, content, tmp_path)
    assert first.published == N and not first.errors and PLAN_REUSED not in log.text
    assert callable(change)
    change(content, tmp_path / "out")
    result = run(small_windows, content, tmp_path)
    assert PLAN_REUSED in log.text
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)
    assert (result.read, result.published, result.skipped, result.errors) == (
        first.read,
        first.published,
        first.skipped,
        first.errors,
    )
    assert sorted(result.written + result.unchanged) == sorted(first.written)
    if change is touch:
        assert result.written == []
    elif change is edit_unshown:  # in no current feed: its own page, and the archive pages it is on
        pages = [path for path in result.written if path.startswith("posts/")]
        archived = [path for path in result.written if "/archive/" in "/" + path]
        assert len(pages) == 1 and archived, result.written
        assert set(result.written) - {*pages, *archived} <= {"sitemap.xml", "robots.txt"}, result.written
    else:
        assert "atom.xml" in result.written and len(result.written) < len(first.written)
    # What it leaves suits either kind of build: nothing to do, and the full way agrees on every
    # fingerprint (it writes nothing either).
    assert run(small_windows, content, tmp_path).nothing_changed
    forget_plan(tmp_path)
    (content / "untouched-new-stat.md").write_text("---\ntitle: X\ndraft: true\n---\nx\n", encoding="utf-8")
    again = run(small_windows, content, tmp_path)
    assert again.written == [] and not again.nothing_changed


def add(content: Path, out: Path) -> None:
    (content / "brand-new.md").write_text(
        "---\ntitle: New\ndate: 2026-10-31\ntags: [AI]\n---\nNew.\n", encoding="utf-8"
    )


def delete(content: Path, out: Path) -> None:
    shown(out, content)[0].unlink()


def rename(content: Path, out: Path) -> None:
    path = shown(out, content)[0]
    path.rename(path.with_name("renamed" + path.suffix))


def retag(content: Path, out: Path) -> None:
    path = front_matter(content, out)
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)  # the last of two keys wins: before the closing line
    path.write_text(text[:end] + "\ntags: [a-brand-new-tag]" + text[end:], encoding="utf-8")


def redate(content: Path, out: Path) -> None:
    path = unshown(content, out)
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        path.write_text("---\ndate: 2026-10-30T10:00:00+09:00\n" + text[4:], encoding="utf-8")
    else:
        path.write_text("---\ntitle: Redated\ndate: 2026-10-30T10:00:00+09:00\n---\n" + text, encoding="utf-8")


def draft(content: Path, out: Path) -> None:
    path = front_matter(content, out)
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")


def break_one(content: Path, out: Path) -> None:
    path = front_matter(content, out)
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\n: [unclosed\n", 1), encoding="utf-8")


def link_another(content: Path, out: Path) -> None:
    """A document whose body names another (Pelican's ``{filename}``): its HTML depends on that one's link."""
    first = front_matter(content, out)
    second = next(p for p in shown(out, content) if p != first)
    append(first, f"\n\nSee [the other one]({{filename}}{second.name}).\n")


@pytest.mark.parametrize("change", sweep([add, delete, rename, retag, redate, draft, break_one], keep=3))
def test_a_change_to_the_plan_goes_the_full_way(
    change: object, small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    assert callable(change)
    change(content, tmp_path / "out")
    result = run(small_windows, content, tmp_path)
    assert PLAN_REUSED not in log.text
    if change is break_one:
        assert result.errors and result.kept  # its last good version stays in the feeds
        return
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)
    # The plan the full build left is used by the next edit.
    edit_body(content, tmp_path / "out")
    run(small_windows, content, tmp_path)
    assert PLAN_REUSED in log.text
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)


def test_after_a_build_with_errors_the_plan_is_not_reused(
    small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    break_one(content, tmp_path / "out")
    assert run(small_windows, content, tmp_path).errors
    edit_body(content, tmp_path / "out")
    result = run(small_windows, content, tmp_path)
    assert PLAN_REUSED not in log.text and result.errors and result.kept  # the broken file was read again


def test_a_document_that_names_another_goes_the_full_way(
    small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    link_another(content, tmp_path / "out")  # new references: new planning fields
    run(small_windows, content, tmp_path)
    append(front_matter(content, tmp_path / "out"))  # a document whose HTML depends on another's link
    run(small_windows, content, tmp_path)
    assert PLAN_REUSED not in log.text
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)


def test_a_feed_changed_behind_our_back_is_written_again(
    small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    out = tmp_path / "out"
    untouched = next(p for p in sorted(out.glob("tags/*/rss.xml")))
    untouched.write_bytes(b"<rss>changed by hand</rss>")
    (out / "atom.xml").unlink()
    append(shown(out, content, "rss.xml")[0])
    run(small_windows, content, tmp_path)
    assert tree(out) == clean_tree(small_windows, content, tmp_path)


def plan_row(tmp_path: Path) -> list[object]:
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        (text,) = db.execute("SELECT value FROM state WHERE key = 'plan'").fetchone()
    row = json.loads(text)
    assert isinstance(row, list)
    return row


def set_plan(tmp_path: Path, value: object) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    with sqlite3.connect(tmp_path / "cache" / FILENAME) as db:
        db.execute("UPDATE state SET value = ? WHERE key = 'plan'", (text,))


def _damaged(what: str, row: list[object]) -> object:
    version, key, files, feeds, tags, entries = row
    assert isinstance(feeds, list) and isinstance(tags, list) and isinstance(files, str) and isinstance(entries, list)
    if what == "not json":
        return "[1, 2"
    if what == "another version":
        return [99, key, files, feeds, tags, entries]
    if what == "another shape":
        return {"feeds": feeds}
    if what == "a number for a title":
        feeds[0][1] = 7
        return row
    if what == "a naive date":
        feeds[0][7] = "2025-01-01T00:00:00"
        return row
    if what == "a feed left out":
        del feeds[-1]
        return row
    if what == "a feed made up":
        feeds.append(["tags/made-up/", "Made up", "Made up", [], "0" * 64, "made up", 1, None])
        return row
    if what == "a fingerprint changed":
        for feed in feeds:
            feed[4] = "0" * 64
        return row
    if what == "an entry's source changed":
        entries[feeds[0][3][0]][0] = "no-such-file.md"
        return row
    if what == "an entry's digest changed":
        entries[feeds[0][3][0]][1] = "0" * 64
        return row
    if what == "a tag dropped":
        return [version, key, files, feeds, [], entries]
    if what == "files of a number":
        return [version, key, 7, feeds, tags, entries]
    if what == "a file left out":
        return [version, key, files.rsplit("\0", 1)[0], feeds, tags, entries]
    if what == "files that say every file changed":
        every = "\0".join("0 0 " + line.split(" ", 2)[2] for line in files.split("\0"))
        return [version, key, every, feeds, tags, entries]
    if what == "deeply nested":
        return "[" * 100_000 + "]" * 100_000
    raise AssertionError(what)


@pytest.mark.parametrize(
    "what",
    sweep(
        [
            "not json",
            "another version",
            "another shape",
            "a number for a title",
            "a naive date",
            "a feed left out",
            "a feed made up",
            "a fingerprint changed",
            "an entry's source changed",
            "an entry's digest changed",
            "a tag dropped",
            "files of a number",
            "a file left out",
            "files that say every file changed",
            "deeply nested",
        ],
        keep=3,
    ),
)
def test_a_damaged_plan_never_reaches_the_output(
    what: str, small_windows: Site, content: Path, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    run(small_windows, content, tmp_path)
    set_plan(tmp_path, _damaged(what, plan_row(tmp_path)))
    edit_body(content, tmp_path / "out")
    run(small_windows, content, tmp_path)
    # Every file then looks changed: read again, the plan still holds, as it should.
    assert (PLAN_REUSED in log.text) == (what == "files that say every file changed")
    assert tree(tmp_path / "out") == clean_tree(small_windows, content, tmp_path)


def test_the_main_feed_rendered_again_keeps_its_links_to_other_documents(
    site: Site, tmp_path: Path, log: pytest.LogCaptureFixture
) -> None:
    content, out = tmp_path / "content", tmp_path / "out"
    content.mkdir()
    posts = {  # name: (date, tag, extra body); the main feed shows the newest two
        "a": ("2025-04-01", "x", "See [the oldest]({filename}c.md)."),  # its HTML needs c's link
        "b": ("2025-03-01", "y", ""),
        "d": ("2025-02-01", "y", ""),
        "c": ("2025-01-01", "z", ""),
    }
    for name, (date, tag, extra) in posts.items():
        (content / f"{name}.md").write_text(f"---\ntitle: {name}\ndate: {date}\ntags: [{tag}]\n---\n{name}. {extra}\n")
    two = replace(site, max_items=2)
    run(two, content, tmp_path)
    (out / "atom.xml").unlink()  # the main feed must be written again, with a's entry
    append(content / "d.md")  # in the feed of y only, with b, which links nowhere
    run(two, content, tmp_path)
    assert tree(out) == clean_tree(two, content, tmp_path)
    assert b"https://example.com/posts/c/" in (out / "atom.xml").read_bytes()


def test_a_changed_template_goes_the_full_way(tmp_path: Path, log: pytest.LogCaptureFixture) -> None:
    from feeds.config import load_site
    from feeds.pages import BUILTIN_TEMPLATES

    from .conftest import write_site_toml

    content = tmp_path / "content"
    generate(content, 20)
    templates = tmp_path / "site" / "t"
    templates.mkdir(parents=True)
    page = templates / "feed.html.j2"
    page.write_bytes((BUILTIN_TEMPLATES / "feed.html.j2").read_bytes())
    site = replace(load_site(write_site_toml(tmp_path / "site" / "site.toml", templates="t")), max_items=3)
    run(site, content, tmp_path)
    page.write_text(page.read_text(encoding="utf-8").replace("<body", '<body data-edited="yes"', 1), encoding="utf-8")
    edit_body(content, tmp_path / "out")  # an edit the plan would hold for, but every feed page changes
    run(site, content, tmp_path)
    assert PLAN_REUSED not in log.text
    assert tree(tmp_path / "out") == clean_tree(site, content, tmp_path)
    assert all(b'data-edited="yes"' in p.read_bytes() for p in (tmp_path / "out").glob("tags/*/index.html"))
