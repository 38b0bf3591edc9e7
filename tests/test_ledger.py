"""The id ledger: published ids survive renames, new slugs, permalink patterns and domains."""

from __future__ import annotations

import json
import logging
import tomllib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from feeds.build import BuildResult, build
from feeds.config import Site, load_settings
from feeds.validate import validate_paths

AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def post(folder: Path, name: str, title: str, date: str, slug: str | None = None) -> None:
    meta: dict[str, object] = {"title": title, "date": date, "tags": ["alpha"]}
    if slug:
        meta["slug"] = slug
    (folder / name).write_text(json.dumps(meta) + "\n\nBody of " + title + ".\n", encoding="utf-8")


def settings(tmp_path: Path, ledger: bool = True, **more: str) -> Site:
    lines = {
        "title": "T",
        "url": "https://example.com/",
        "language": "en",
        "timezone": "Asia/Seoul",
        "permalink": "{url}posts/{slug}/",
    }
    lines.update(more)
    if ledger:
        lines["id_ledger"] = "ids.toml"
    text = "".join(f"{k} = {json.dumps(v)}\n" for k, v in lines.items())
    (tmp_path / "feeds.toml").write_text(text, encoding="utf-8")
    return load_settings(tmp_path / "feeds.toml").site


def run(site: Site, tmp_path: Path, at: datetime = AT) -> BuildResult:
    result = build(site, tmp_path / "content", tmp_path / "out", at=at, cache_dir=tmp_path / "cache")
    assert not result.errors, result.errors
    return result


def ids(out: Path) -> dict[str, str]:
    """Each entry's title -> its id, as a reader sees them (Atom, RSS and JSON Feed agree)."""
    found: dict[str, dict[str, str]] = {}
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        found[name] = {e.title: e.id for e in parsed.entries}
    items = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]
    found["feed.json"] = {item["title"]: item["id"] for item in items}
    assert found["atom.xml"] == found["rss.xml"] == found["feed.json"]
    return found["atom.xml"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "one.md", "One", "2025-01-01T10:00:00+09:00")
    post(folder, "two.md", "Two", "2025-02-01T11:00:00+09:00", slug="second")
    post(folder, "three.md", "Three", "2025-03-01T12:00:00+09:00")
    return folder


def test_ids_survive_rename_slug_permalink_and_domain(tmp_path: Path, content: Path) -> None:
    run(settings(tmp_path), tmp_path)
    first = ids(tmp_path / "out")
    assert first["One"] == "https://example.com/posts/one/"
    ledger = (tmp_path / "ids.toml").read_text(encoding="utf-8")
    assert sorted(tomllib.loads(ledger)) == ["one.md", "three.md", "two.md"]
    (content / "one.md").rename(content / "first.md")  # renamed: found by its bytes
    post(content, "two.md", "Two", "2025-02-01T11:00:00+09:00", slug="deuxieme")  # found by its path
    run(settings(tmp_path), tmp_path)
    assert ids(tmp_path / "out") == first
    run(settings(tmp_path, permalink="{url}{year}/{slug}.html"), tmp_path)
    assert ids(tmp_path / "out") == first
    site = settings(tmp_path, url="https://new.example.org/blog/", permalink="{url}{year}/{slug}.html")
    run(site, tmp_path)
    out = tmp_path / "out"
    assert ids(out) == first
    links = {e.title: e.link for e in feedparser.parse((out / "atom.xml").read_bytes()).entries}
    assert links["One"] == "https://new.example.org/blog/2025/first.html"  # the link moves, the id stays
    assert sorted(tomllib.loads((tmp_path / "ids.toml").read_text(encoding="utf-8"))) == [
        "first.md",
        "three.md",
        "two.md",
    ]
    assert [f for f in validate_paths([out], site_url=site.url) if f.level == "error"] == []


def test_ledger_written_only_when_it_changes(tmp_path: Path, content: Path) -> None:
    run(settings(tmp_path), tmp_path)
    path = tmp_path / "ids.toml"
    before = path.stat().st_mtime_ns, path.read_bytes()
    post(content, "three.md", "Three, edited", "2025-03-01T12:00:00+09:00")  # same path, same id: new hash
    run(settings(tmp_path), tmp_path)
    assert path.read_bytes() != before[1]
    after = path.stat().st_mtime_ns, path.read_bytes()
    run(settings(tmp_path), tmp_path, at=AT.replace(hour=10))
    draft = {"title": "Four", "date": "2025-04-01", "draft": True}
    (tmp_path / "content" / "four.md").write_text(json.dumps(draft) + "\n\nNot yet.\n", encoding="utf-8")
    run(settings(tmp_path), tmp_path, at=AT.replace(hour=11))
    assert (path.stat().st_mtime_ns, path.read_bytes()) == after
    assert not list(tmp_path.glob(".ids.toml.*"))  # no temp file left beside it


def test_warns_when_a_published_id_would_change_without_ledger(
    tmp_path: Path, content: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = settings(tmp_path, ledger=False)
    run(site, tmp_path)
    before = ids(tmp_path / "out")
    caplog.clear()
    (content / "one.md").rename(content / "first.md")
    with caplog.at_level(logging.WARNING):
        run(site, tmp_path)
    assert ids(tmp_path / "out")["One"] != before["One"]
    warned = [r.getMessage() for r in caplog.records if "its id changes" in r.getMessage()]
    assert warned == [
        "first.md: its id changes from https://example.com/posts/one/ to https://example.com/posts/first/: "
        "readers will show it as a new entry (an id_ledger setting keeps ids across moves)"
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        run(replace(site, url="https://example.net/"), tmp_path)
    assert len([r for r in caplog.records if "its id changes" in r.getMessage()]) == 3
    assert not (tmp_path / "ids.toml").exists()


def test_no_warning_with_ledger(tmp_path: Path, content: Path, caplog: pytest.LogCaptureFixture) -> None:
    run(settings(tmp_path), tmp_path)
    (content / "one.md").rename(content / "first.md")
    with caplog.at_level(logging.WARNING):
        run(settings(tmp_path, url="https://example.net/"), tmp_path)
    assert not [r for r in caplog.records if "its id changes" in r.getMessage()]


def test_broken_ledger_is_a_clear_error(tmp_path: Path, content: Path) -> None:
    from feeds.errors import ConfigError

    (tmp_path / "ids.toml").write_text('["one.md"]\nhash = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="needs id"):
        run(settings(tmp_path), tmp_path)
    (tmp_path / "ids.toml").write_text("[[[", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        run(settings(tmp_path), tmp_path)


# --------------------------------------------------------------------------- first-seen dates
def published(out: Path) -> dict[str, str]:
    """Each entry's title -> its atom:updated, as written (what DuplicateUpdated compares)."""
    return {e.title: e.updated for e in feedparser.parse((out / "atom.xml").read_bytes()).entries}


def duplicate_updated(out: Path) -> list[str]:
    return [f.message for f in validate_paths([out / "atom.xml"]) if "DuplicateUpdated" in str(f)]


def dated(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    post(folder, "morning.md", "Morning", "2026-11-01")
    return folder


def test_date_only_articles_get_the_time_they_were_first_published(tmp_path: Path) -> None:
    content = dated(tmp_path)
    run(settings(tmp_path), tmp_path)  # 18:30 in Seoul
    post(content, "evening.md", "Evening", "2026-11-01")
    run(settings(tmp_path), tmp_path, at=AT.replace(hour=11, minute=5))  # 20:05 in Seoul
    out = tmp_path / "out"
    assert published(out) == {"Evening": "2026-11-01T20:05:00+09:00", "Morning": "2026-11-01T18:30:00+09:00"}
    assert [e.title for e in feedparser.parse((out / "rss.xml").read_bytes()).entries] == ["Evening", "Morning"]
    assert duplicate_updated(out) == []
    ledger = tomllib.loads((tmp_path / "ids.toml").read_text(encoding="utf-8"))
    assert ledger["morning.md"]["first_seen"].isoformat() == "2026-11-01T18:30:00+09:00"
    post(content, "morning.md", "Morning, edited", "2026-11-01")  # an edit keeps the time
    run(settings(tmp_path), tmp_path, at=AT.replace(hour=12))
    assert published(out)["Morning, edited"] == "2026-11-01T18:30:00+09:00"


def test_date_only_articles_of_one_build_are_a_second_apart(tmp_path: Path) -> None:
    content = dated(tmp_path)
    post(content, "noon.md", "Noon", "2026-11-01")
    post(content, "old.md", "Old", "2024-05-03")  # its own date, the build's time of day
    post(content, "timed.md", "Timed", "2026-10-31T07:15:00+09:00")  # a time of its own: as written
    run(settings(tmp_path), tmp_path)
    assert published(tmp_path / "out") == {
        "Morning": "2026-11-01T18:30:00+09:00",
        "Noon": "2026-11-01T18:30:01+09:00",
        "Old": "2024-05-03T18:30:00+09:00",
        "Timed": "2026-10-31T07:15:00+09:00",
    }
    assert duplicate_updated(tmp_path / "out") == []


def test_without_ledger_date_only_articles_stay_at_midnight(tmp_path: Path) -> None:
    content = dated(tmp_path)
    post(content, "noon.md", "Noon", "2026-11-01")
    run(settings(tmp_path, ledger=False), tmp_path)
    assert set(published(tmp_path / "out").values()) == {"2026-11-01T00:00:00+09:00"}
    assert len(duplicate_updated(tmp_path / "out")) == 1


def test_first_seen_honours_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from feeds.cli import main

    dated(tmp_path)
    settings(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(AT.timestamp())))
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--config", "feeds.toml", "-q"]) == 0
    ledger = tomllib.loads((tmp_path / "ids.toml").read_text(encoding="utf-8"))
    assert ledger["morning.md"]["first_seen"].isoformat() == "2026-11-01T18:30:00+09:00"


def test_a_copy_gets_an_id_of_its_own_and_moves_are_found_together(tmp_path: Path, content: Path) -> None:
    import shutil

    run(settings(tmp_path), tmp_path)
    first = ids(tmp_path / "out")
    (content / "2025").mkdir()
    for name in ("one.md", "two.md", "three.md"):  # a site sorted into folders at once
        (content / name).rename(content / "2025" / name)
    post(content, "copy.md", "Copy", "2025-03-02T12:00:00+09:00")
    run(settings(tmp_path), tmp_path)
    now = ids(tmp_path / "out")
    assert now == first | {"Copy": "https://example.com/posts/copy/"}
    shutil.copy(content / "2025" / "one.md", content / "uno.md")  # the same bytes, the original still read
    result = run(settings(tmp_path), tmp_path)
    assert result.published == 5
    ledger = tomllib.loads((tmp_path / "ids.toml").read_text(encoding="utf-8"))
    assert ledger["uno.md"]["id"] == "https://example.com/posts/uno/"
    assert ledger["2025/one.md"]["id"] == first["One"]


def test_a_hand_edit_of_the_ledger_reaches_the_feeds_with_the_next_change(tmp_path: Path, content: Path) -> None:
    run(settings(tmp_path), tmp_path)
    path = tmp_path / "ids.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("https://example.com/posts/one/", "tag:example.com,2025:one"), encoding="utf-8")
    four = {"title": "Four", "date": "2025-04-01T12:00:00+09:00", "tags": ["beta"]}
    (content / "four.md").write_text(json.dumps(four) + "\n\nIn another tag's feed.\n", encoding="utf-8")
    run(settings(tmp_path), tmp_path)
    assert ids(tmp_path / "out")["One"] == "tag:example.com,2025:one"
    assert ids(tmp_path / "out" / "tags" / "alpha")["One"] == "tag:example.com,2025:one"  # no other change there


def test_a_drafts_preview_reads_the_ledger_and_never_writes_it(tmp_path: Path, content: Path) -> None:
    site = settings(tmp_path)
    run(site, tmp_path)
    ledger = (tmp_path / "ids.toml").read_bytes()
    (content / "one.md").rename(content / "first.md")
    draft = {"title": "Draft", "date": "2026-11-01", "draft": True}
    (content / "draft.md").write_text(json.dumps(draft) + "\n\nNot yet.\n", encoding="utf-8")
    preview = tmp_path / "preview"
    result = build(site, content, preview, at=AT, cache_dir=tmp_path / "preview-cache", drafts=True)
    assert result.published == 4
    assert (tmp_path / "ids.toml").read_bytes() == ledger
    assert ids(preview)["One"] == "https://example.com/posts/one/"  # as pinned


@pytest.mark.parametrize("stored", ['[["one.md"], "x", "y"]', "[1, 2]", "{}", "not json"])
def test_remembered_ids_of_a_tampered_cache_are_ignored(tmp_path: Path, content: Path, stored: str) -> None:
    from feeds.cache import Cache
    from feeds.ledger import PUBLISHED_IDS

    site = settings(tmp_path, ledger=False)
    run(site, tmp_path)
    cache = Cache.open(tmp_path / "cache")
    cache.put(PUBLISHED_IDS, stored)
    cache.close()
    (content / "one.md").rename(content / "first.md")
    run(site, tmp_path)
    assert ids(tmp_path / "out")["One"] == "https://example.com/posts/first/"
