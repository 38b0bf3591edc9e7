"""Settings found without flags: --config FILE, else ./feeds.toml, else [tool.feeds] of ./pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.cli import main
from feeds.config import load_settings, site_from_mapping
from feeds.errors import ConfigError

POST = "---\ntitle: A post\ndate: 2025-03-10\n---\nHello.\n"


def site_folder(root: Path, toml: str, content: str = "content") -> Path:
    (root / content).mkdir(parents=True)
    (root / content / "post.md").write_text(POST, encoding="utf-8")
    (root / "feeds.toml").write_text('title = "Mine"\nurl = "https://mine.example/"\n' + toml, encoding="utf-8")
    return root


def test_feeds_toml_wins_over_pyproject(tmp_path: Path) -> None:
    site_folder(tmp_path, "")
    (tmp_path / "pyproject.toml").write_text('[tool.feeds]\ntitle = "Other"\nurl = "https://o.example/"\n')
    settings = load_settings(cwd=tmp_path)
    assert settings.site.title == "Mine" and settings.file == tmp_path / "feeds.toml"
    (tmp_path / "feeds.toml").unlink()
    assert load_settings(cwd=tmp_path).site.title == "Other"


def test_neither_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="feeds init"):
        load_settings(cwd=tmp_path)


def test_folders_are_relative_to_the_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_folder(tmp_path / "site", 'content = "_posts"\nout = "public"\ncache = "var/cache"\n', "_posts")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # cron starts anywhere
    assert main(["build", "-q", "--config", str(root / "feeds.toml")]) == 0
    assert (root / "public" / "rss.xml").is_file() and (root / "var" / "cache").is_dir()
    assert sorted(p.name for p in elsewhere.iterdir()) == []
    monkeypatch.chdir(root)  # found without --config, and a flag overrides the file
    assert main(["build", "-q", "--out", str(tmp_path / "preview")]) == 0
    assert (tmp_path / "preview" / "rss.xml").is_file()


def test_config_prints_each_setting_and_its_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site_folder(tmp_path, 'out = "public"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["config", "--cache", "/tmp/c"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# settings from feeds.toml"  # as the user sees it, from where they are
    # Each key, then its value and origin: the keys are padded to the longest one's width.
    shown = dict(line.split(" ", 1) for line in lines[1:])
    assert shown["title"].lstrip() == '= "Mine"  # file'
    assert shown["timezone"].lstrip() == '= "UTC"  # default'
    assert shown["out"].lstrip() == '= "public"  # file'
    assert shown["content"].lstrip() == '= "content"  # default'
    assert shown["cache"].lstrip() == '= "/tmp/c"  # flag'
    assert len({line.index("=") for line in lines[1:]}) == 1, lines  # one column of "="


def test_config_exits_2_on_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site_folder(tmp_path, "")
    monkeypatch.chdir(tmp_path)
    assert main(["config", "--content", "nope"]) == 2
    assert "content: folder 'nope' does not exist" in capsys.readouterr().err
    (tmp_path / "feeds.toml").write_text('title = "T"\nurl = "https://e.org/"\ntimezone = "Seoul"\ntitel = "x"\n')
    assert main(["config"]) == 2
    assert "'titel' (did you mean 'title'?)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "guess"), [("Seoul", "Asia/Seoul"), ("asia/seoul", "Asia/Seoul"), ("Europe/Pariss", "Europe/Paris")]
)
def test_time_zone_did_you_mean(name: str, guess: str) -> None:
    with pytest.raises(ConfigError, match=f"did you mean '{guess}'"):
        site_from_mapping({"title": "T", "url": "https://e.org/", "timezone": name})


def test_a_folder_setting_must_be_a_name(tmp_path: Path) -> None:
    site_folder(tmp_path, "out = 3\n")
    with pytest.raises(ConfigError, match="out: must be a folder name"):
        load_settings(cwd=tmp_path)
