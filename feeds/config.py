"""Site settings: ``[tool.feeds]`` of ./pyproject.toml, or a TOML file given with --config."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feeds.errors import ConfigError

KEYS = ("title", "url", "description", "author", "language", "timezone", "permalink", "max_items", "tag_aliases")


@dataclass(frozen=True)
class Site:
    title: str
    url: str  # absolute, ends with "/"; out/ is served here
    description: str
    author: str | None
    language: str
    timezone: ZoneInfo
    permalink: str  # "{url}posts/{slug}/" style pattern
    max_items: int
    tag_aliases: Mapping[str, str] = field(default_factory=dict)

    def permalink_for(self, slug: str) -> str:
        return self.permalink.replace("{url}", self.url).replace("{slug}", slug)


def load_site(config: Path | None = None, cwd: Path | None = None) -> Site:
    """Read the settings from ``config`` (top-level keys) or ``cwd/pyproject.toml`` ([tool.feeds])."""
    if config is not None:
        source = config
        table = _read_toml(config)
    else:
        source = (cwd or Path.cwd()) / "pyproject.toml"
        if not source.is_file():
            raise ConfigError("no pyproject.toml here and no --config FILE given", source=str(source))
        table = _read_toml(source).get("tool", {}).get("feeds")
        if not isinstance(table, dict):
            raise ConfigError("has no [tool.feeds] table with the site settings", source=str(source))
    return site_from_mapping(table, source=str(source))


def site_from_mapping(table: Mapping[str, Any], source: str = "config") -> Site:
    """Validate the settings table and fill in the defaults."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(map(repr, unknown))}; known: {', '.join(KEYS)}", source=source
        )

    def get_str(key: str, default: str | None = None, required: bool = False) -> str | None:
        value = table.get(key, default)
        if value is None:
            if required:
                raise ConfigError("is required", key=key, source=source)
            return None
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"must be a non-empty string, got {value!r}", key=key, source=source)
        return value.strip()

    title = get_str("title", required=True)
    url = get_str("url", required=True)
    assert title is not None and url is not None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"must be an absolute http(s) URL, got {url!r}", key="url", source=source)
    if not url.endswith("/"):
        url += "/"
    tz_name = get_str("timezone", "UTC")
    assert tz_name is not None
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"unknown IANA time zone {tz_name!r}", key="timezone", source=source) from exc
    permalink = get_str("permalink", "{url}posts/{slug}/")
    assert permalink is not None
    if "{slug}" not in permalink:
        raise ConfigError(f"must contain {{slug}}, got {permalink!r}", key="permalink", source=source)
    max_items = table.get("max_items", 50)
    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 1:
        raise ConfigError(f"must be a whole number >= 1, got {max_items!r}", key="max_items", source=source)
    aliases = table.get("tag_aliases", {})
    if not isinstance(aliases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in aliases.items()
    ):
        raise ConfigError('must be a table of tag = "Canonical name" strings', key="tag_aliases", source=source)
    language = get_str("language", "en")
    assert language is not None
    return Site(
        title=title,
        url=url,
        description=get_str("description", title) or title,
        author=get_str("author"),
        language=language,
        timezone=tz,
        permalink=permalink,
        max_items=max_items,
        tag_aliases=dict(aliases),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as exc:
        raise ConfigError("file not found", source=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=str(path)) from exc
