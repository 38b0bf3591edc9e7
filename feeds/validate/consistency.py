"""Checks across the feeds of one folder (the published output of a site).

The layout is ``rss.xml``/``atom.xml``/``feed.json`` at the top (the main feeds) and the same names in
subfolders (``tags/<slug>/atom.xml``: per-tag feeds). The main feed is capped at the N newest
entries, so a tag feed may hold older entries the main feed dropped; only entries newer than the
main feed's oldest entry must appear in it.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from feeds.validate.findings import Finding
from feeds.validate.model import SeenEntry, SeenFeed

MAIN_NAMES = ("atom.xml", "rss.xml", "feed.json")  # the root feeds the site URL is inferred from, in this order


@dataclass(frozen=True)
class FolderFeed:
    path: str  # as reported in findings
    relative: PurePosixPath  # below the validated folder
    feed: SeenFeed


def check_folder(folder: str, feeds: Sequence[FolderFeed], site_url: str | None) -> list[Finding]:
    findings: list[Finding] = []
    site = _site_url(feeds, site_url)
    if site is None:
        findings.append(
            Finding(
                "info",
                "SiteURLUnknown",
                folder,
                None,
                "no site URL given and no root atom.xml/rss.xml/feed.json self link to infer it from; "
                "the self links were not compared with the file locations (pass the site URL)",
            )
        )
    else:
        findings += _check_self_locations(site, feeds)
    findings += _check_against_main(feeds)
    findings += _check_rss_atom_ids(feeds)
    return findings


def _site_url(feeds: Sequence[FolderFeed], given: str | None) -> str | None:
    if given:
        return given if given.endswith("/") else given + "/"
    by_name = {f.relative.as_posix(): f.feed for f in feeds}
    for name in MAIN_NAMES:
        feed = by_name.get(name)
        if feed is not None and feed.self_href:
            parts = urlsplit(feed.self_href)
            return parts._replace(path=parts.path.rsplit("/", 1)[0] + "/", query="", fragment="").geturl()
    return None


def _url_key(url: str) -> tuple[str, str, str, str]:
    # Compare URLs as readers resolve them: scheme and host case-insensitively, the path after
    # percent-decoding (and NFC, since macOS file names are NFD while URLs are usually NFC).
    parts = urlsplit(url.strip())
    path = unicodedata.normalize("NFC", unquote(parts.path))
    return parts.scheme.lower(), parts.netloc.lower(), path, parts.query


def _check_self_locations(site: str, feeds: Sequence[FolderFeed]) -> list[Finding]:
    findings = []
    for item in feeds:
        href = item.feed.self_href
        if href is None:
            continue  # MissingSelf / MissingAtomSelfLink already says so
        expected = site + quote(unicodedata.normalize("NFC", item.relative.as_posix()), safe="/")
        if _url_key(href) != _url_key(expected):
            findings.append(
                Finding(
                    "warning",
                    "SelfDoesntMatchLocation",
                    item.path,
                    item.feed.self_line,
                    f"the self link {href!r} does not match where this file is published "
                    f"({expected}); fix the self link or the site URL",
                )
            )
    return findings


def _main_for(item: FolderFeed, feeds: Sequence[FolderFeed]) -> FolderFeed | None:
    # Entries are compared field by field, so only a main feed of the same format will do.
    roots = [f for f in feeds if len(f.relative.parts) == 1 and f.feed.kind == item.feed.kind]
    same_name = [f for f in roots if f.relative.name == item.relative.name]
    if same_name:
        return same_name[0]
    return roots[0] if len(roots) == 1 else None


def _check_against_main(feeds: Sequence[FolderFeed]) -> list[Finding]:
    findings = []
    for item in feeds:
        if len(item.relative.parts) == 1:
            continue
        main = _main_for(item, feeds)
        if main is None:
            continue
        by_id = {e.id: e for e in main.feed.entries if e.id}
        by_link = {_link_key(e.link): e for e in main.feed.entries if e.link}
        for entry in item.feed.entries:
            same = by_id.get(entry.id) if entry.id else None
            if same is None and entry.link:
                other = by_link.get(_link_key(entry.link))
                if other is not None:
                    findings.append(
                        _inconsistent(
                            item, entry, main, f"id {entry.id!r} but the same entry (same link) has id {other.id!r}"
                        )
                    )
                    continue
            if same is None:
                if _in_window(entry, main.feed.entries):
                    findings.append(
                        Finding(
                            "error",
                            "MissingFromMainFeed",
                            item.path,
                            entry.line,
                            f"entry {entry.id or entry.link!r} is newer than the oldest entry of {main.path} but "
                            "missing from it; rebuild the feeds together so every tag feed entry is in the main "
                            "feed",
                        )
                    )
                continue
            findings += _compare(item, entry, main, same)
    return findings


def _link_key(link: str | None) -> str:
    return unicodedata.normalize("NFC", unquote(link or "")).strip()


def _in_window(entry: SeenEntry, main_entries: Sequence[SeenEntry]) -> bool:
    """Whether the main feed, capped at its N newest entries, must contain ``entry``."""
    if not main_entries:
        return True
    checks = []
    # The main feed may be ordered by either date: only an entry newer than the oldest main entry
    # by every date both have must be in it. Ties at the boundary may have been cut, so strictly newer.
    for attribute in ("published", "updated"):
        value: datetime | None = getattr(entry, attribute)
        dates = [getattr(e, attribute) for e in main_entries if getattr(e, attribute) is not None]
        if value is not None and dates:
            checks.append(value > min(dates))
    return bool(checks) and all(checks)


def _inconsistent(item: FolderFeed, entry: SeenEntry, main: FolderFeed, what: str) -> Finding:
    return Finding(
        "error",
        "InconsistentEntry",
        item.path,
        entry.line,
        f"this entry has {what} in {main.path}; publish one entry the same way in every feed",
    )


def _compare(item: FolderFeed, entry: SeenEntry, main: FolderFeed, same: SeenEntry) -> list[Finding]:
    problems = []
    if entry.title is not None and same.title is not None and entry.title != same.title:
        problems.append(f"title {entry.title!r} but {same.title!r}")
    # RSS has one date (pubDate) that fills both fields of the model.
    dates = {"pubDate": "published"} if item.feed.kind == "rss" else {"published": "published", "updated": "updated"}
    for label, attribute in dates.items():
        mine, theirs = getattr(entry, attribute), getattr(same, attribute)
        if mine is not None and theirs is not None and mine != theirs:
            problems.append(f"{label} {mine.isoformat()} but {theirs.isoformat()}")
    if entry.link and same.link and _link_key(entry.link) != _link_key(same.link):
        problems.append(f"link {entry.link!r} but {same.link!r}")
    return [_inconsistent(item, entry, main, "; ".join(problems))] if problems else []


def _check_rss_atom_ids(feeds: Sequence[FolderFeed]) -> list[Finding]:
    """The RSS, Atom and JSON feeds of one folder must give the same entry the same id."""
    findings = []
    by_folder: dict[PurePosixPath, list[FolderFeed]] = defaultdict(list)
    for item in feeds:
        by_folder[item.relative.parent].append(item)
    for group in by_folder.values():
        atom = [f for f in group if f.feed.kind == "atom"]
        if len(atom) != 1:
            continue
        atom_by_link = {_link_key(e.link): e for e in atom[0].feed.entries if e.link}
        for kind, label in (("rss", "guid"), ("json", "item id")):
            twins = [f for f in group if f.feed.kind == kind]
            if len(twins) != 1:
                continue
            for entry in twins[0].feed.entries:
                twin = atom_by_link.get(_link_key(entry.link)) if entry.link else None
                if twin is not None and entry.id is not None and twin.id is not None and entry.id != twin.id:
                    findings.append(
                        Finding(
                            "error",
                            "InconsistentId",
                            twins[0].path,
                            entry.line,
                            f"{label} {entry.id!r} differs from the id {twin.id!r} of the same entry (same link) "
                            f"in {atom[0].path}; readers that follow both feeds will show it twice, use one id",
                        )
                    )
    return findings
