"""The command line: summary, exit codes (0 ok, 1 rejected files, 2 usage/config), --strict, -q."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from feeds.cli import main

from .conftest import write_site_toml


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_site_toml(tmp_path / "site.toml")


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_build_prints_summary_and_exits_0(
    tmp_path: Path, seed_content: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("build", "--content", seed_content, "--out", tmp_path / "out", "--config", config) == 0
    out = capsys.readouterr().out
    # 9 files of the site and tags/ai/, 8 of the seeds' two authors, 2 article pages, sitemap, robots.txt
    assert out.startswith("read 2 documents: 2 published, 0 skipped, 0 rejected; 21 files in ")
    assert (tmp_path / "out" / "atom.xml").is_file()


def test_rejected_file_exits_1_and_names_it(
    tmp_path: Path, seed_content: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_content / "bad.md").write_text("---\ntitle: x\n", encoding="utf-8")
    assert run("build", "--content", seed_content, "--out", tmp_path / "out", "--config", config, "-q") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{seed_content / 'bad.md'}:1: front matter opened with '---' on line 1 is never closed" in captured.err
    assert (tmp_path / "out" / "rss.xml").is_file()


def test_strict_exits_1_and_writes_nothing(tmp_path: Path, seed_content: Path, config: Path) -> None:
    (seed_content / "bad.md").write_text("plain words\n", encoding="utf-8")
    assert run("build", "--content", seed_content, "--out", tmp_path / "out", "--config", config, "--strict") == 1
    assert not (tmp_path / "out").exists()


def test_quiet_success_prints_nothing(
    tmp_path: Path, seed_content: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("build", "--content", seed_content, "--out", tmp_path / "out", "--config", config, "-q") == 0
    assert capsys.readouterr() == ("", "")


def test_config_error_exits_2_naming_the_key(
    tmp_path: Path, seed_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_site_toml(tmp_path / "bad.toml", max_items=-1)
    assert run("build", "--content", seed_content, "--config", bad) == 2
    assert "max_items: must be a whole number >= 1, got -1" in capsys.readouterr().err


def test_missing_content_folder_exits_2(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("build", "--content", tmp_path / "nope", "--config", config) == 2
    assert "does not exist" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("build", "--no-such-flag") == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_runs_as_module(tmp_path: Path, seed_content: Path, config: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "feeds",
            "build",
            "--content",
            str(seed_content),
            "--out",
            str(tmp_path / "out"),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "21 files" in proc.stdout  # 9 feeds and pages, 8 of two authors, 2 article pages, sitemap, robots.txt


def test_summary_lists_skipped_files_with_reasons(
    tmp_path: Path, seed_content: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_content / "draft.md").write_text("---\ntitle: D\ndate: 2025-01-01\ndraft: true\n---\nx\n", encoding="utf-8")
    assert run("build", "--content", seed_content, "--out", tmp_path / "out", "--config", config) == 0
    out = capsys.readouterr().out
    assert "1 skipped" in out and f"skipped {seed_content / 'draft.md'}: draft" in out


def test_summary_json_is_one_line(
    tmp_path: Path, seed_content: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    args = ("build", "--content", seed_content, "--out", tmp_path / "out", "--config", config, "--summary-json")
    assert run(*args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["published"] == 2 and first["written"] == 21 and first["nothing_changed"] is False
    assert run(*args) == 0
    again = capsys.readouterr().out
    assert again.count("\n") == 1 and json.loads(again)["nothing_changed"] is True


@pytest.mark.parametrize("columns", [None, "100", "37", "0", "-5", "wide"])
def test_help_is_as_wide_as_argparse_makes_it(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The help formatter sizes itself without shutil, to the width shutil would give argparse."""
    import argparse
    import shutil

    from feeds.cli import HelpFormatter, terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    ours, stock = argparse.ArgumentParser(formatter_class=HelpFormatter), argparse.ArgumentParser()
    for parser in (ours, stock):
        parser.add_argument("--content", metavar="DIR", help="folder of articles " * 8)
    assert ours.format_help() == stock.format_help()


def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path: Path) -> None:
    """``feeds config | head -1``: the pipe closes while feeds still writes; a quiet exit, no traceback."""
    (tmp_path / "feeds.toml").write_text('title = "t"\nurl = "https://example.org/"\n', encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "feeds", "config"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before feeds writes a line
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
