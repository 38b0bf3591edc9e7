"""Site settings: a TOML file given with --config, else ./feeds.toml, else ``[tool.feeds]`` of ./pyproject.toml."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from feeds.errors import ConfigError
from feeds.langtag import is_language_tag
from feeds.settingfiles import file_settings
from feeds.settingtext import (
    Fail,
    absolute_http,
    closest,
    control_character,
    is_hub_url,
    normal_site_url,
    time_zone_named,
)
from feeds.urls import path_segment, to_uri

if TYPE_CHECKING:
    from feeds.tagrules import TagRule

MAX_ITEMS = 100_000  # more entries than any reader fetches in one feed; a typo, not a wish
# What each permalink placeholder stands for when the pattern is checked: a new placeholder needs
# a sample here and its value in Site.permalink_for.
PERMALINK_SAMPLES = {
    "url": "",
    "slug": "sample-slug",
    # {year}/{month}/{day} are of the published date in the site's zone; {section} is the first
    # folder under the content folder; {filename} the file name without extension.
    "year": "2025",
    "month": "03",
    "day": "10",
    "section": "sample-section",
    "filename": "2025-03-10-sample-slug",
    # Hugo's :slug: the front matter's slug, else the title, in lower case.
    "slug_or_title": "sample-title",
}
# A pattern needs one of these: without, every document would have the same link.
SLUG_PLACEHOLDERS = ("slug", "slug_or_title")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# Folders the settings file may name, relative to it; flags override them.
PATH_KEYS = ("content", "out", "cache")
SETTINGS_FILE = "feeds.toml"
DOCUMENT_TIMEOUT = 10.0  # seconds: a document that takes longer is that file's error
HUB_TIMEOUT = 10.0  # seconds all the pings to the WebSub hub of one build may take together
MAX_HUB_TIMEOUT = 600
MAX_DOCUMENT_TIMEOUT = 3600
MAX_BYTES = 1_000_000  # a feed file's default size budget: the cap some aggregators enforce
MIN_BYTES = 4096  # below this, not even an empty feed with its links is sure to fit

KEYS = (
    "title",
    "url",
    "description",
    "author",
    "language",
    "timezone",
    "permalink",
    "max_items",
    "tag_aliases",
    "tag_rules",
    "folder_tags",
    "exclude",
    "excerpt_separator",
    "site_variables",
    "templates",
    "xsl",
    "markdown",
    "markdown_by_folder",
    "fields",
    "summary_only",
    "archives",
    "max_bytes",
    "emoji",
    *PATH_KEYS,
    "document_timeout",
    "article_pages",
    "static",
    "author_feeds",
    "hub",
    "hub_timeout",
    "icon",
    "logo",
    "id_ledger",
)
# The fields a site may find under keys of its own ([fields] title = ["newstitle"]).
FIELD_NAMES = ("title", "date", "updated", "author", "tags", "summary", "slug", "link", "language", "draft")
_SLASHES = re.compile(r"(?<!:)/{2,}")


@dataclass(frozen=True)
class Site:
    title: str
    url: str  # absolute, ends with "/"; out/ is served here
    description: str
    author: str | None
    language: str
    timezone: ZoneInfo
    permalink: str  # "{url}posts/{slug}/" style pattern, with the placeholders of PERMALINK_SAMPLES
    max_items: int
    tag_aliases: Mapping[str, str] = field(default_factory=dict)
    tag_rules: tuple[TagRule, ...] = ()  # keywords that tag documents (feeds.tagrules)
    folder_tags: bool = False  # content/경제/… tags its documents 경제
    exclude: tuple[str, ...] = ()  # globs of content paths that are not articles
    excerpt_separator: str | None = None  # Jekyll's: the summary is the text before it
    site_variables: Mapping[str, str] = field(default_factory=dict)  # Liquid's {{ site.NAME }}
    templates: Path | None = None  # a folder of templates overriding the built-in ones (feeds.pages)
    xsl: bool = False  # write out/feed.xsl and point RSS and Atom at it, for browsers that still do XSLT
    markdown: str = "python-markdown"  # the Markdown engine (feeds.markup.MARKDOWN_ENGINES)
    # (glob, engine) pairs in the order written: the first whose glob matches a document's path wins.
    markdown_by_folder: tuple[tuple[str, str], ...] = ()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # FIELD_NAMES -> the site's own keys
    summary_only: bool = False  # feeds carry each entry's summary, not its full content
    archives: bool = True  # entries past max_items go into RFC 5005 archive documents (feeds.archives)
    max_bytes: int = MAX_BYTES  # no feed file is larger (feeds.archives)
    document_timeout: float = DOCUMENT_TIMEOUT  # seconds one document's conversion may take (feeds.guard)
    # A page for each article at its link (feeds.sitefiles); false when another generator makes them.
    article_pages: bool = True
    static: Path | None = None  # a folder copied into out/ as it is (favicon, robots.txt, shared files)
    author_feeds: bool = True  # a feed per author under out/authors/<slug>/ (feeds.plan)
    hub: str | None = None  # a WebSub hub: feeds name it, and builds ping it (feeds.websub)
    hub_timeout: float = HUB_TIMEOUT  # seconds the pings of one build may take, all together
    emoji: bool = False  # :rocket: in Markdown text is the emoji (Hugo's enableEmoji)
    # The site's small square icon (favicon; Atom icon, JSON Feed favicon) and its larger logo (Atom
    # logo, RSS image, JSON Feed icon): their URLs, and the files copied into out/ when local.
    icon: str | None = None
    icon_file: Path | None = None
    logo: str | None = None
    logo_file: Path | None = None
    id_ledger: Path | None = None  # the TOML file that pins each entry's id (feeds.ledger)

    def markdown_for(self, source: str) -> str:
        """The Markdown engine the settings give the document at ``source`` (its front matter may say otherwise)."""
        if not self.markdown_by_folder:
            return self.markdown
        from fnmatch import fnmatchcase

        for glob, engine in self.markdown_by_folder:
            if fnmatchcase(source, glob) or fnmatchcase(source, glob.rstrip("/") + "/*"):
                return engine
        return self.markdown

    def permalink_for(
        self, slug: str, published: datetime | None = None, source: str = "", slug_or_title: str = ""
    ) -> str:
        """The pattern filled in for a document: ``source`` is its path under the content folder;
        ``slug_or_title`` its front matter's slug, else its title, as a slug (default ``slug``)."""
        # Only what the pattern uses is worked out: this runs for every document of every build.
        names = _placeholders(self.permalink)
        values = {"url": self.url, "slug": slug}
        if "slug_or_title" in names:
            values["slug_or_title"] = slug_or_title or slug
        if not names.isdisjoint(("year", "month", "day")):
            local = published.astimezone(self.timezone) if published else None
            values["year"] = f"{local.year:04d}" if local else ""
            values["month"] = f"{local.month:02d}" if local else ""
            values["day"] = f"{local.day:02d}" if local else ""
        # Folder and file names are text, not URL syntax: a "C#" folder is not a fragment.
        if "section" in names:
            parts = source_parts(source)
            values["section"] = path_segment(parts[0]) if len(parts) > 1 else ""
        if "filename" in names:
            values["filename"] = path_segment(bundle_name(source) or slug)
        filled = expand_permalink(self.permalink, values)
        # An empty {section} (a file at the top of the content folder) leaves "//": one segment less.
        scheme, sep, rest = filled.partition("://")
        if "//" not in (rest if sep else filled):
            return filled
        return scheme + sep + _SLASHES.sub("/", rest) if sep else _SLASHES.sub("/", filled)


def source_parts(source: str) -> tuple[str, ...]:
    """``PurePosixPath(source).parts``, without making a path of a plain one (as ``discover`` gives)."""
    parts = tuple(source.split("/"))
    return PurePosixPath(source).parts if "" in parts or "." in parts else parts


def bundle_name(source: str) -> str:
    """The file's name without extension; a Hugo leaf bundle's ``post/my-trip/index.md`` is named by its folder.

    ``source`` is a path relative to the content folder, with forward slashes.
    """
    parts = source_parts(source)
    name = parts[-1] if parts else ""
    if not name or name.endswith(".") or parts[0].startswith("/"):  # rare: pathlib's own rules
        path = PurePosixPath(source)
        return path.parent.name if path.stem in ("index", "_index") and len(path.parts) > 1 else path.stem
    dot = name.rfind(".")
    stem = name[:dot] if dot > 0 else name  # as PurePath.stem: a leading "." is part of the name
    return parts[-2] if stem in ("index", "_index") and len(parts) > 1 else stem


@lru_cache(maxsize=16)
def _placeholders(pattern: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(pattern))


@lru_cache(maxsize=16)
def _pattern_pieces(pattern: str) -> tuple[str, ...]:
    return tuple(_PLACEHOLDER.split(pattern))  # text, name, text, name, …, text


def expand_permalink(pattern: str, values: Mapping[str, str]) -> str:
    """``pattern`` with each ``{name}`` replaced by its value (the pattern was checked: all are known)."""
    pieces = list(_pattern_pieces(pattern))
    pieces[1::2] = [values[name] for name in pieces[1::2]]
    return "".join(pieces)


@dataclass(frozen=True)
class Settings:
    """The settings in force: the site, the file they came from, and the folders it names."""

    site: Site
    file: Path | None  # None: given as a mapping
    table: Mapping[str, Any]  # as written in the file
    folders: Mapping[str, Path]  # of PATH_KEYS, those the file names, relative to its folder


def find_settings(config: Path | None = None, cwd: Path | None = None) -> tuple[Path, dict[str, Any]]:
    """The settings file and its table: ``config`` (its top-level keys; a ``pyproject.toml``'s
    ``[tool.feeds]``), else ``cwd/feeds.toml``, else ``[tool.feeds]`` of ``cwd/pyproject.toml``."""
    if config is not None and config.name == "pyproject.toml":
        return config, _tool_table(config, f"--config {config}")  # a project's file: its [tool.feeds]
    if config is not None:
        return config, _read_toml(config, f"--config {config}")
    here = cwd or Path()  # relative, as the user sees it: "out", not "/home/me/site/out"
    own = here / SETTINGS_FILE
    if own.is_file():
        return own, _read_toml(own, str(own))
    source = here / "pyproject.toml"
    if not source.is_file():
        raise ConfigError(
            f"no {SETTINGS_FILE} or pyproject.toml here and no --config FILE given; "
            f"feeds init writes a {SETTINGS_FILE} to start from",
            source=str(here.absolute()),
        )
    return source, _tool_table(source, str(source))


def _tool_table(source: Path, label: str) -> dict[str, Any]:
    table = _read_toml(source, label).get("tool", {}).get("feeds")
    if not isinstance(table, dict):
        raise ConfigError(
            f"has no [tool.feeds] table with the site settings (nor is there a {SETTINGS_FILE} here)",
            source=str(source),
        )
    return table


def load_settings(config: Path | None = None, cwd: Path | None = None) -> Settings:
    """The settings of ``find_settings``, checked, with the folders they name."""
    source, table = find_settings(config, cwd)
    site = site_from_mapping(table, source=str(source))
    folders = {}
    for key in PATH_KEYS:
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip() or control_character(value):
            raise ConfigError(
                f"must be a folder name, relative to this file, got {value!r}", key=key, source=str(source)
            )
        # Relative to the settings file, so a cron job started from anywhere finds the same folders.
        folders[key] = source.parent / value.strip()
    return Settings(site, source, table, folders)


def load_site(config: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Site:
    """The site's settings, checked and completed with the defaults, found as ``feeds build`` finds them.

    ``config`` is a settings file (its top-level keys; a ``pyproject.toml``'s ``[tool.feeds]``), or
    a folder to look in for a ``feeds.toml``, else the ``[tool.feeds]`` table of its
    ``pyproject.toml``; None looks in ``cwd`` (default: the current folder). Bad settings raise
    ConfigError, naming the file and the key. This is ``feeds.load_site``::

        >>> import feeds
        >>> site = feeds.load_site("myblog")  # myblog/feeds.toml
        >>> site.title, site.url
        ('My notes', 'https://notes.example.org/')
    """
    if config is not None and os.path.isdir(config):
        return load_settings(None, Path(config)).site
    return load_settings(None if config is None else Path(config), cwd).site


def default_cache_dir(out_dir: Path) -> Path:
    return out_dir.absolute().parent / ".feeds-cache"


def resolve_folders(
    settings: Settings | None, given: Mapping[str, Path | None]
) -> tuple[dict[str, Path], dict[str, str]]:
    """The content, output and cache folders in force, and where each came from: as ``given`` (a
    "flag"), else as the settings ``file`` names it, else the "default" (content, out, and the cache
    beside the output folder). The command line and ``feeds.build`` find them the same way."""
    found: dict[str, Path] = {}
    origins: dict[str, str] = {}
    for key in PATH_KEYS:  # out before cache: the default cache is beside the output folder
        value = given.get(key)
        if value is not None:
            found[key], origins[key] = Path(value), "flag"
        elif settings is not None and key in settings.folders:
            found[key], origins[key] = settings.folders[key], "file"
        else:
            found[key], origins[key] = default_cache_dir(found["out"]) if key == "cache" else Path(key), "default"
    return found, origins


def site_from_mapping(table: Mapping[str, Any], source: str = "config") -> Site:
    """Validate the settings table and fill in the defaults."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        guesses = [
            f"{key!r} (did you mean {close[0]!r}?)" if (close := closest(key, KEYS)) else repr(key) for key in unknown
        ]
        raise ConfigError(f"unknown setting(s) {', '.join(guesses)}; known: {', '.join(KEYS)}", source=source)

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(message, key=key, source=source)

    def get_str(key: str, default: str | None = None, required: bool = False) -> str | None:
        return _string(table, key, fail, default, required)

    title = get_str("title", required=True)
    raw_url = get_str("url", required=True)
    assert title is not None and raw_url is not None
    try:
        url = normal_site_url(raw_url)
    except ValueError as exc:
        raise fail("url", f"{exc}, got {raw_url!r}") from exc
    tz_name = get_str("timezone", "UTC")
    assert tz_name is not None
    tz = time_zone_named(tz_name, fail)
    permalink = get_str("permalink", "{url}posts/{slug}/")
    assert permalink is not None
    _check_permalink(permalink, url, fail)
    max_items = _max_items(table, fail)
    aliases = _tag_aliases(table, fail)
    language = _language(get_str("language", "en"), fail)
    tag_rules = _tag_rules(table, source, fail)
    folder_tags = _flag(table, "folder_tags", fail)
    exclude, separator, variables = _lists(table, fail)
    xsl = _flag(table, "xsl", fail)
    markdown, markdown_by_folder = _markdown_settings(table, fail)
    summary_only = _flag(table, "summary_only", fail)
    archives = _flag(table, "archives", fail, default=True)
    max_bytes = _max_bytes(table, fail)
    fields = _fields(table.get("fields", {}), fail)
    timeout = _document_timeout(table, fail)
    author_feeds = _flag(table, "author_feeds", fail, default=True)
    hub = _hub(get_str("hub"), fail)
    hub_timeout = _hub_timeout(table, fail)
    emoji = _flag(table, "emoji", fail)
    article_pages = _flag(table, "article_pages", fail, default=True)
    files = file_settings(get_str, url, source, fail)
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
        tag_rules=tag_rules,
        folder_tags=folder_tags,
        exclude=tuple(g.strip() for g in exclude),
        excerpt_separator=separator,
        site_variables={k: str(v) for k, v in variables.items()},
        xsl=xsl,
        markdown=markdown,
        markdown_by_folder=markdown_by_folder,
        fields=fields,
        summary_only=summary_only,
        archives=archives,
        max_bytes=max_bytes,
        document_timeout=float(timeout),
        article_pages=article_pages,
        author_feeds=author_feeds,
        hub=hub,
        hub_timeout=float(hub_timeout),
        emoji=emoji,
        **files,
    )


def _string(table: Mapping[str, Any], key: str, fail: Fail, default: str | None, required: bool) -> str | None:
    """A string setting, stripped; None when it is not set and has no default."""
    value = table.get(key, default)
    if value is None:
        if required:
            raise fail(key, "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise fail(key, f"must be a non-empty string, got {value!r}")
    bad = control_character(value)
    if bad:
        raise fail(key, f"must not contain control characters, got {bad} in {value!r}")
    return value.strip()


def _max_items(table: Mapping[str, Any], fail: Fail) -> int:
    max_items = table.get("max_items", 50)
    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 1:
        raise fail("max_items", f"must be a whole number >= 1, got {max_items!r}")
    if max_items > MAX_ITEMS:
        raise fail("max_items", f"must be at most {MAX_ITEMS:,} entries per feed, got {max_items:,}")
    return max_items


def _tag_aliases(table: Mapping[str, Any], fail: Fail) -> dict[str, str]:
    aliases = table.get("tag_aliases", {})
    if not isinstance(aliases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in aliases.items()
    ):
        raise fail("tag_aliases", 'must be a table of tag = "Canonical name" strings')
    for alias, name in aliases.items():
        bad = control_character(alias + name)
        if bad:
            raise fail("tag_aliases", f"must not contain control characters, got {bad} in {alias!r} = {name!r}")
    return aliases


def _tag_rules(table: Mapping[str, Any], source: str, fail: Fail) -> tuple[TagRule, ...]:
    tag_rules: tuple[TagRule, ...] = ()
    if "tag_rules" in table:  # only then: the rules' module makes its classes and patterns as it loads
        from feeds.tagrules import parse_rules

        tag_rules = parse_rules(table["tag_rules"], source)
    for rule in tag_rules:
        bad = control_character(rule.tag + "".join(rule.terms))
        if bad:
            raise fail("tag_rules", f"must not contain control characters, got {bad} in {rule.tag!r}")
    return tag_rules


def _language(language: str | None, fail: Fail) -> str:
    assert language is not None  # it has a default
    if not is_language_tag(language):
        raise fail("language", f"must be a BCP 47 language tag such as 'en' or 'ko-KR', got {language!r}")
    return language


def _flag(table: Mapping[str, Any], key: str, fail: Fail, default: bool = False) -> bool:
    """A true-or-false setting, ``default`` unless set."""
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise fail(key, f"must be true or false, got {value!r}")
    return value


def _document_timeout(table: Mapping[str, Any], fail: Fail) -> float | int:
    return _seconds(table, "document_timeout", DOCUMENT_TIMEOUT, MAX_DOCUMENT_TIMEOUT, fail)


def _seconds(table: Mapping[str, Any], key: str, default: float, most: int, fail: Fail) -> float | int:
    """A number of seconds above 0 and at most ``most``, ``default`` unless set."""
    seconds = table.get(key, default)
    # NaN fails the bounds too; True and False are ints to Python, not seconds.
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not 0 < seconds <= most:
        raise fail(key, f"must be a number of seconds above 0, at most {most:,}, got {seconds!r}")
    return seconds


def _lists(table: Mapping[str, Any], fail: Fail) -> tuple[Any, Any, Any]:
    """``exclude``, ``excerpt_separator`` and ``site_variables``, checked in that order."""
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(g, str) and g.strip() for g in exclude):
        raise fail("exclude", 'must be a list of glob strings, e.g. ["drafts/**", "*.txt"]')
    separator = table.get("excerpt_separator")
    if separator is not None and (not isinstance(separator, str) or not separator.strip()):
        raise fail("excerpt_separator", f"must be a non-empty string, got {separator!r}")
    variables = table.get("site_variables", {})
    if not isinstance(variables, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int | float | bool) for k, v in variables.items()
    ):
        raise fail("site_variables", 'must be a table of name = "value", e.g. repository = "https://github.com/o/r"')
    return exclude, separator, variables


def _max_bytes(table: Mapping[str, Any], fail: Fail) -> int:
    max_bytes = table.get("max_bytes", MAX_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < MIN_BYTES:
        raise fail("max_bytes", f"must be a whole number of bytes >= {MIN_BYTES:,}, got {max_bytes!r}")
    return max_bytes


def _hub(hub: str | None, fail: Fail) -> str | None:
    if hub is not None:
        if not is_hub_url(hub):
            raise fail("hub", f"must be an absolute http:// or https:// URL of a WebSub hub, got {hub!r}")
        try:
            hub = to_uri(hub)  # as feeds write every URL, and as urllib can send it
        except (ValueError, UnicodeError) as exc:  # a host IDNA refuses
            raise fail("hub", f"must be an absolute http:// or https:// URL of a WebSub hub, got {hub!r}") from exc
    return hub


def _hub_timeout(table: Mapping[str, Any], fail: Fail) -> float | int:
    return _seconds(table, "hub_timeout", HUB_TIMEOUT, MAX_HUB_TIMEOUT, fail)


def _markdown_settings(table: Mapping[str, Any], fail: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``markdown`` (an engine) and ``markdown_by_folder`` (a table of glob = engine), checked."""
    from feeds.markup import DEFAULT_MARKDOWN, MARKDOWN_ENGINES

    known = " or ".join(repr(name) for name in MARKDOWN_ENGINES)
    markdown = table.get("markdown", DEFAULT_MARKDOWN)
    if not isinstance(markdown, str) or markdown not in MARKDOWN_ENGINES:
        raise fail("markdown", f"must be {known}, got {markdown!r}")
    by_folder = table.get("markdown_by_folder", {})
    if not isinstance(by_folder, dict):
        raise fail(
            "markdown_by_folder",
            f'must be a table of "glob" = engine, e.g. "blog/**" = "commonmark", got {by_folder!r}',
        )
    for glob, engine in by_folder.items():
        if not isinstance(glob, str) or not glob.strip() or control_character(glob):
            raise fail("markdown_by_folder", f"must have globs of paths under the content folder, got {glob!r}")
        if not isinstance(engine, str) or engine not in MARKDOWN_ENGINES:
            raise fail("markdown_by_folder", f"{glob!r} must be {known}, got {engine!r}")
    return markdown, tuple((glob.strip(), engine) for glob, engine in by_folder.items())


def _fields(table: Any, fail: Any) -> dict[str, tuple[str, ...]]:
    """``[fields]``: each field's own keys, lower-cased as readers give them."""
    example = 'e.g. title = ["newstitle"], date = ["published_at"]'
    if not isinstance(table, dict):
        raise fail("fields", f"must be a table of field = [keys], {example}")
    fields = {}
    for name, keys in table.items():
        if name not in FIELD_NAMES:
            close = closest(name, FIELD_NAMES)
            guess = f" (did you mean {close[0]!r}?)" if close else ""
            raise fail("fields", f"unknown field {name!r}{guess}; known: {', '.join(FIELD_NAMES)}")
        if isinstance(keys, str):
            keys = [keys]
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k.strip() for k in keys):
            raise fail("fields", f"{name} must be a list of front matter keys, {example}")
        fields[name] = tuple(dict.fromkeys(k.strip().lower() for k in keys))
    return fields


def _check_permalink(pattern: str, site_url: str, fail: Any) -> None:
    """Only patterns that give an absolute http(s) URL for every document: each placeholder known."""
    names = _PLACEHOLDER.findall(pattern)
    unknown = [n for n in names if n not in PERMALINK_SAMPLES]
    if unknown:
        known = ", ".join(f"{{{n}}}" for n in PERMALINK_SAMPLES)
        raise fail("permalink", f"unknown placeholder {{{unknown[0]}}} in {pattern!r}; known: {known}")
    if not any(name in names for name in SLUG_PLACEHOLDERS):
        raise fail("permalink", f"must contain {{slug}} (or {{slug_or_title}}), got {pattern!r}")
    sample = expand_permalink(pattern, {**PERMALINK_SAMPLES, "url": site_url})
    try:
        absolute_http(sample)
    except ValueError as exc:
        raise fail("permalink", f"{exc}; {pattern!r} gives {sample!r}") from exc


def _read_toml(path: Path, label: str) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as exc:
        raise ConfigError("file not found", source=label) from exc
    except IsADirectoryError as exc:
        raise ConfigError("is a folder, not a TOML file", source=label) from exc
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror or exc}", source=label) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"not UTF-8 (TOML files are UTF-8): byte {exc.object[exc.start]:#04x} at offset {exc.start}", source=label
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", source=label) from exc
