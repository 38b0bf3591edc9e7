"""feeds build --dry-run: what subscribers would see, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feeds.cli import main

from .test_ledger import post, settings


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and mtime below ``folder``, and every folder's mtime (a file made and removed)."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793525400")  # 2026-11-01
    content = tmp_path / "content"
    content.mkdir()
    post(content, "one.md", "One", "2025-01-01T10:00:00+09:00")
    post(content, "two.md", "Two", "2025-02-01T11:00:00+09:00")
    post(content, "three.md", "Three", "2025-03-01T12:00:00+09:00")
    return content


def edit_rename_delete(content: Path) -> None:
    (content / "two.md").write_text((content / "two.md").read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    (content / "one.md").rename(content / "first.md")
    (content / "three.md").unlink()


def dry_run(capsys: pytest.CaptureFixture[str], *more: str) -> str:
    capsys.readouterr()
    assert main(["build", "--config", "feeds.toml", "--dry-run", *more]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("ledger", [False, True])
def test_dry_run_lists_an_edit_a_rename_and_a_deletion_and_writes_nothing(
    tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str], ledger: bool
) -> None:
    settings(tmp_path, ledger=ledger)
    assert main(["build", "--config", "feeds.toml", "-q"]) == 0
    assert dry_run(capsys).endswith(
        "dry run: nothing written; 0 feed(s) would change, 0 file(s) would be written and 0 removed\n"
    )
    edit_rename_delete(site)
    before = snapshot(tmp_path)
    text = dry_run(capsys)
    assert snapshot(tmp_path) == before
    moved = "link" if ledger else "link, id"
    first_id = "https://example.com/posts/one/" if ledger else "https://example.com/posts/first/"
    was = "" if ledger else ", was https://example.com/posts/one/"
    feed = [
        "  ~ Two (https://example.com/posts/two/): content",
        f"  ~ One ({first_id}{was}): {moved}",
        "  - Three (https://example.com/posts/three/)",
    ]
    assert text.splitlines() == [
        "feed out/feed.json: 0 appear, 2 change, 1 leave",
        *feed,
        "feed out/tags/alpha/feed.json: 0 appear, 2 change, 1 leave",
        *feed,
        text.splitlines()[-1],
    ]
    assert text.splitlines()[-1].startswith("dry run: nothing written; 2 feed(s) would change, ")
    summary = json.loads(dry_run(capsys, "--summary-json"))
    assert snapshot(tmp_path) == before
    assert sorted(summary["dry_run"]) == ["", "tags/alpha/"]
    main_feed = summary["dry_run"][""]
    assert main_feed["appear"] == []
    assert main_feed["leave"] == [{"id": "https://example.com/posts/three/", "title": "Three"}]
    assert main_feed["change"][0] == {"id": "https://example.com/posts/two/", "title": "Two", "fields": ["content"]}
    assert main_feed["change"][1]["fields"] == moved.split(", ")
    # What the dry run announced is what the build does.
    assert main(["build", "--config", "feeds.toml", "-q"]) == 0
    assert dry_run(capsys).startswith("dry run: nothing written; 0 feed(s) would change")


def test_dry_run_before_the_first_build(tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings(tmp_path)
    text = dry_run(capsys)
    assert not (tmp_path / "out").exists() and not (tmp_path / ".feeds-cache").exists()
    assert not (tmp_path / "ids.toml").exists()
    assert text.splitlines()[:4] == [
        "feed out/feed.json: 3 appear, 0 change, 0 leave",
        "  + Three (https://example.com/posts/three/)",
        "  + Two (https://example.com/posts/two/)",
        "  + One (https://example.com/posts/one/)",
    ]


def test_entries_are_matched_by_what_they_show_when_their_ids_change() -> None:
    from feeds.dryrun import Shown, compare

    def entry(id: str, title: str, content: str = "hi", date: str = "d1", link: str = "") -> Shown:
        return Shown(id, title, content, date, link or id)

    before = {e.id: e for e in [entry("a", "A"), entry("x", "X", "gone")]}
    after = {e.id: e for e in [entry("b", "B", date="d2"), entry("c", "A")]}  # a moved to c; b is new
    changes = compare(before, after)
    assert [e.id for e in changes.appear] == ["b"]  # the same body alone does not make it a
    assert [(now.id, then.id, fields) for now, then, fields in changes.change] == [("c", "a", ["link", "id"])]
    assert [e.id for e in changes.leave] == ["x"]
    assert not compare(after, after)
