"""``feeds init``: a new site folder, from nothing to a first build in a minute.

Writes a commented feeds.toml, a content folder with one sample post and the .gitignore lines for
what builds write; never overwrites a file.
"""

from __future__ import annotations

import json
import shlex
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feeds.config import SETTINGS_FILE, site_from_mapping
from feeds.errors import ConfigError, DiskError

IGNORED = ("/out/", "/.feeds-cache/")  # what `feeds build` writes with the settings below

SETTINGS = """\
# The settings of this site, read by every feeds command run in this folder
# (`feeds config` shows them all, with their defaults).

title = {title}
# The address out/ is published at: every link in the feeds starts with it.
url = {url}
description = {description}
# A BCP 47 language tag: en, en-GB, ko, ko-KR, ...
language = {language}
# Dates written without a zone are in this IANA time zone.
timezone = {timezone}

# Folders, relative to this file.
content = "content"
out = "out"
# cache = ".feeds-cache"

# Files of the content folder that are not articles, as globs; a name without "/" matches
# at any depth. README, LICENSE, data and code files are skipped without being listed here.
# exclude = ["drafts/**", "notes.md"]

# A site's own front matter keys for a field.
# [fields]
# title = ["newstitle"]
# date = ["published_at"]
"""

SAMPLE = """\
---
title: Hello, feeds
date: {date}
tags: [meta]
summary: The first post of this site.
---
This is the first post. Every Markdown file in this folder with a title and a date is a post;
a file without a date (an about page) is a page, and is not published in the feeds.

Edit it, or delete it and add your own, then run `feeds build` again.
"""


@dataclass(frozen=True)
class Made:
    folder: Path
    written: list[str]  # relative to folder, in the order written
    kept: list[str]  # files that were there already


def init(folder: Path, title: str | None, url: str, language: str, timezone: str, today: datetime) -> Made:
    """Make ``folder`` a site: raises ConfigError for a bad setting or a feeds.toml already there."""
    settings_file = folder / SETTINGS_FILE
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} is a file, not a folder to make a site in")
    if settings_file.exists():
        raise ConfigError(f"{settings_file} already exists; feeds init never overwrites a file")
    name = title or (folder.resolve().name or "My site")
    table = {"title": name, "url": url, "description": f"Posts of {name}", "language": language, "timezone": timezone}
    site = site_from_mapping(table, source="feeds init")  # checked before anything is written
    made = Made(folder, [], [])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = SETTINGS.format(**{key: json.dumps(value, ensure_ascii=False) for key, value in table.items()})
        _write_new(settings_file, text)
        made.written.append(SETTINGS_FILE)
        content = folder / "content"
        if content.is_dir() and any(content.iterdir()):
            made.kept.append("content/")
        else:
            content.mkdir(exist_ok=True)
            day = today.astimezone(site.timezone).date().isoformat()
            sample = f"content/{day}-hello-feeds.md"
            _write_new(folder / sample, SAMPLE.format(date=day))
            made.written.append(sample)
        if _ignore(folder / ".gitignore"):
            made.written.append(".gitignore")
    except OSError as exc:
        raise DiskError.from_os_error(exc.filename or folder, exc) from exc
    return made


def _write_new(path: Path, text: str) -> None:
    with path.open("x", encoding="utf-8") as f:  # "x": never over a file made meanwhile
        f.write(text)


def _ignore(path: Path) -> bool:
    """Add the IGNORED lines .gitignore lacks; whether it changed."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    missing = [line for line in IGNORED if line not in old.splitlines()]
    if not missing:
        return False
    lead = "\n" if old and not old.endswith("\n") else ""
    with path.open("a", encoding="utf-8") as f:
        f.write(lead + "# what feeds build writes\n" + "".join(line + "\n" for line in missing))
    return True


def next_steps(made: Made) -> list[str]:
    """What to do next, to print: build, serve, and a cron line that works from anywhere."""
    where = shlex.quote(str(made.folder.resolve()))
    feeds = f"{shlex.quote(sys.executable)} -m feeds"
    lines = [f"wrote {', '.join(made.written)} in {made.folder}"]
    lines += [f"kept {name}: it was there already" for name in made.kept]
    cd = [] if made.folder.resolve() == Path.cwd().resolve() else [f"  cd {shlex.quote(str(made.folder))}"]
    lines += [
        "next:",
        *cd,
        "  feeds build          # out/: rss.xml, atom.xml, feed.json, index.html, feeds.opml, tags/",
        "  feeds serve --watch  # preview at http://127.0.0.1:8000/, rebuilt on every change",
        "  feeds config         # every setting, where it came from",
        "to build every 5 minutes from cron (crontab -e); it stays quiet unless an article is broken:",
        f"  */5 * * * * cd {where} && {feeds} build -q",
    ]
    return lines
