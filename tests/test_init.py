"""``feeds init``: a new site folder that builds at once, and never a file overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.cli import main
from feeds.config import load_settings


def test_init_makes_a_site_that_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741564800")  # 2025-03-10 00:00 UTC: 09:00 in Seoul
    folder = tmp_path / "blog"
    assert main(["init", str(folder), "--title", "My blog", "--timezone", "Asia/Seoul", "--language", "ko"]) == 0
    out = capsys.readouterr().out
    assert "feeds build" in out and "feeds serve" in out and "*/5 * * * * cd " in out
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        ".gitignore", "content", "content/2025-03-10-hello-feeds.md", "feeds.toml",
    ]  # fmt: skip
    settings = load_settings(cwd=folder)
    assert (settings.site.title, settings.site.language, str(settings.site.timezone)) == ("My blog", "ko", "Asia/Seoul")
    assert (folder / ".gitignore").read_text() == "# what feeds build writes\n/out/\n/.feeds-cache/\n"
    monkeypatch.chdir(folder)
    assert main(["build", "-q"]) == 0
    assert (folder / "out" / "rss.xml").is_file()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "feeds.toml").write_text("mine\n")
    assert main(["init", str(tmp_path)]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert (tmp_path / "feeds.toml").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feeds.toml"]


def test_init_keeps_existing_posts_and_gitignore(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text("---\ntitle: Mine\ndate: 2025-01-01\n---\nx\n")
    (tmp_path / ".gitignore").write_text("*.pyc\n/out/")
    assert main(["init", "-q", str(tmp_path)]) == 0
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["post.md"]
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n/out/\n# what feeds build writes\n/.feeds-cache/\n"
    assert main(["init", "-q", str(tmp_path)]) == 2  # and a second run changes nothing


def test_init_checks_the_settings_before_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "x"), "--timezone", "Seoul"]) == 2
    assert "did you mean 'Asia/Seoul'?" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "x"), "--url", "example.com"]) == 2
    assert not (tmp_path / "x").exists()


def test_init_into_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").write_text("")
    assert main(["init", str(tmp_path / "x")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
