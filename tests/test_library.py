"""feeds as a library: ``feeds.build``, ``feeds.load_site`` and ``feeds.validate``, with the checks
the command line makes, and the example of docs/python.md run as written."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import feeds
from feeds.build import BuildResult, build
from feeds.config import site_from_mapping
from feeds.errors import ConfigError

from .conftest import TEST_SITE

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "python.md"
POST = "---\ntitle: Hello\ndate: 2025-03-10\ntags: [notes]\n---\nBody.\n"
ENV = {"SOURCE_DATE_EPOCH": "1790000000"}


def run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env={**os.environ, **ENV}, capture_output=True, text=True, check=False
    )


def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir(parents=True)
    (folder / "hello.md").write_text(POST, encoding="utf-8")
    return folder


def test_the_page_example_runs(tmp_path: Path) -> None:
    blocks = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1
    done = run(blocks[0], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "1 published; 12 files written",
        "--out: output folder 'content' is the content folder; choose another --out",
    ]
    assert (tmp_path / "out" / "tags" / "notes" / "atom.xml").is_file()
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["2025-03-10-hello.md"]


def test_import_feeds_loads_nothing_more() -> None:
    code = "import json, sys, feeds; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'feeds')))"
    done = run(code, ROOT)
    assert json.loads(done.stdout) == ["feeds"]


def test_the_engine_refuses_to_build_into_its_own_content(tmp_path: Path) -> None:
    site = site_from_mapping(TEST_SITE)
    folder = content(tmp_path)
    with pytest.raises(ConfigError, match="is the content folder"):
        build(site, folder, folder)
    with pytest.raises(ConfigError, match="is the content folder"):
        build(site, folder, tmp_path / "." / "content" / ".." / "content")
    assert [p.name for p in folder.iterdir()] == ["hello.md"]


@pytest.mark.parametrize(
    ("out", "wait", "message"),
    [
        ("missing", 60.0, "content folder .* does not exist"),
        ("file.txt", 60.0, "content folder .* is not a folder"),
        ("content", -1.0, "--wait: must be a number of seconds"),
        ("content", float("nan"), "--wait: must be a number of seconds"),
    ],
)
def test_bad_arguments_are_config_errors(tmp_path: Path, out: str, wait: float, message: str) -> None:
    content(tmp_path)
    (tmp_path / "file.txt").write_text("x")
    site = site_from_mapping(TEST_SITE)
    with pytest.raises(ConfigError, match=message):
        build(site, tmp_path / out, tmp_path / "out", wait=wait)
    assert not (tmp_path / "out").exists()


def test_out_a_file_and_bad_environment_are_config_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = content(tmp_path)
    (tmp_path / "out").write_text("x")
    with pytest.raises(ConfigError, match=r"output folder .* is not a folder"):
        feeds.build(folder, tmp_path / "out", site=TEST_SITE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        feeds.build(folder, tmp_path / "out2", site=TEST_SITE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setenv("FEEDS_WORKERS", "many")
    with pytest.raises(ConfigError, match="FEEDS_WORKERS"):
        feeds.build(folder, tmp_path / "out2", site=TEST_SITE)
    assert not (tmp_path / "out2").exists()


def test_build_finds_the_settings_and_folders_as_the_command_line_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content(tmp_path / "site")
    (tmp_path / "site" / "feeds.toml").write_text(
        'title = "T"\nurl = "https://e.org/"\ncontent = "content"\nout = "public"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    result = feeds.build()
    assert isinstance(result, BuildResult) and result.published == 1
    assert (tmp_path / "site" / "public" / "feed.json").is_file()
    assert (tmp_path / "site" / ".feeds-cache").is_dir()  # beside the output folder
    assert feeds.build(cache=False).nothing_changed is False  # no cache: read again
    assert feeds.load_site().title == "T"
    assert feeds.load_site(tmp_path / "site") == feeds.load_site(tmp_path / "site" / "feeds.toml")
    with pytest.raises(TypeError):
        feeds.build(site=TEST_SITE, config="feeds.toml")


def test_validate_takes_a_path_or_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    feeds.build(content(tmp_path), tmp_path / "out", site=TEST_SITE, cache=False)
    assert [f for f in feeds.validate(tmp_path / "out") if f.level == "error"] == []
    one = feeds.validate([str(tmp_path / "out" / "rss.xml")])
    assert [f for f in one if f.level == "error"] == []
    with pytest.raises(ConfigError, match="no such file or folder"):
        feeds.validate(tmp_path / "nowhere")
    importlib.import_module("feeds.validate.subscriber")  # a submodule imported later leaves the call in place
    assert callable(feeds.validate) and callable(feeds.build)
