"""Site settings: defaults, required keys, clear messages naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import load_site, site_from_mapping
from feeds.errors import ConfigError


def test_defaults() -> None:
    site = site_from_mapping({"title": "T", "url": "https://example.org"})
    assert site.url == "https://example.org/"
    assert (site.description, site.language, str(site.timezone), site.max_items) == ("T", "en", "UTC", 50)
    assert site.permalink_for("x") == "https://example.org/posts/x/"
    assert site.author is None


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"url": "https://e.org/"}, "title: is required"),
        ({"title": "T"}, "url: is required"),
        ({"title": "T", "url": "e.org"}, "url: must be an absolute http(s) URL"),
        ({"title": "T", "url": "https://e.org/", "timezone": "Mars/Base"}, "timezone: unknown IANA time zone"),
        ({"title": "T", "url": "https://e.org/", "max_items": 0}, "max_items: must be a whole number"),
        ({"title": "T", "url": "https://e.org/", "permalink": "{url}p/"}, "permalink: must contain {slug}"),
        ({"title": "T", "url": "https://e.org/", "feed_title": "x"}, "unknown setting(s) 'feed_title'"),
        ({"title": "T", "url": "https://e.org/", "tag_aliases": {"a": 1}}, "tag_aliases: must be a table"),
    ],
)
def test_bad_settings_name_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{")):
        site_from_mapping(table)


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.feeds]\ntitle = "T"\nurl = "https://e.org/"\n')
    assert load_site(cwd=tmp_path).title == "T"


def test_pyproject_without_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"\[tool.feeds\]"):
        load_site(cwd=tmp_path)


def test_config_file_not_toml(tmp_path: Path) -> None:
    bad = tmp_path / "site.toml"
    bad.write_text("title = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_site(bad)


def test_repository_demo_site_loads() -> None:
    site = load_site(cwd=Path(__file__).parent.parent)
    assert site.language == "ko" and str(site.timezone) == "Asia/Seoul"


def test_a_pyproject_named_as_the_settings_file_gives_its_tool_feeds_table(tmp_path: Path) -> None:
    # `--config pyproject.toml` (or load_site of it) means the file feeds would have found there,
    # not its top-level [project] and [build-system] tables taken for settings.
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.feeds]\ntitle = "T"\nurl = "https://e.org/"\n')
    assert load_site(pyproject).title == "T"
    pyproject.write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"\[tool.feeds\]"):
        load_site(pyproject)
