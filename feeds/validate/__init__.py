"""``feeds validate``: check RSS 2.0 and Atom 1.0 files the way the W3C Feed Validation Service
does, JSON Feeds against the JSON Feed 1.1 spec, plus the cross-feed consistency of a published
folder and a subscriber's view (what a feed reader sees).

One module per rule family: ``xmlcheck`` (encoding, characters, entities, well-formedness),
``atom``, ``rss``, ``jsonfeed``, ``content`` (escaped HTML), ``mojibake`` (Korean text decoded
with the wrong codec), ``consistency`` (across a folder) and ``subscriber`` (feedparser); this module
runs them over files and folders. The package can be called: ``feeds.validate(paths)`` is
``validate``, the library's entry point (docs/python.md).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from types import ModuleType

from lxml import etree

from feeds.errors import ConfigError
from feeds.validate import subscriber
from feeds.validate.atom import ATOM_NS, check_atom
from feeds.validate.consistency import FolderFeed, check_folder
from feeds.validate.findings import Collector, Finding, Level, sort_key
from feeds.validate.jsonfeed import check_json_feed, looks_like_json
from feeds.validate.model import SeenFeed
from feeds.validate.mojibake import check_mojibake
from feeds.validate.report import Findings, exit_code, render_findings
from feeds.validate.rss import check_rss
from feeds.validate.xmlcheck import check_xml

__all__ = ["Finding", "Findings", "Level", "exit_code", "render_findings", "validate", "validate_paths"]

_OBSOLETE_ATOM = ("http://purl.org/atom/ns#",)
# What a folder is searched for. Only JSON files named feed.json: a site's other JSON files
# (manifests, search indexes) are not feeds.
FOLDER_PATTERNS = ("*.xml", "feed.json")
# XML files a build writes that are not feeds (feeds.sitemap): a folder search leaves them out.
NOT_FEEDS = re.compile(r"sitemap(?:-[0-9]+)?\.xml")


def validate(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, site_url: str | None = None
) -> list[Finding]:
    """``feeds validate`` from Python: check feed files, or every ``*.xml`` and ``feed.json`` in a
    folder (and the folder's feeds against each other). This is ``feeds.validate``.

    Returns the findings (``Finding``: ``level`` "error" or "warning", ``code``, ``path``, ``line``,
    ``message``), sorted by file and line; none when all is well. ``exit_code(findings)`` is what
    ``feeds validate`` would exit with. A path that does not exist raises ``ConfigError``::

        >>> import feeds
        >>> [f for f in feeds.validate("out") if f.level == "error"]
        []
    """
    found = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(path) for path in paths]
    for path in found:
        if not path.exists():
            raise ConfigError(f"{path}: no such file or folder")
    return validate_paths(found, site_url=site_url)


def validate_paths(
    paths: Sequence[Path], *, site_url: str | None = None, subscriber_check: bool = True
) -> list[Finding]:
    """Validate files and folders (a folder: every *.xml and feed.json below it, sorted, plus the
    cross-feed consistency checks for that folder).

    Returns a ``Findings`` list (sorted by path, line, code) that also records the files validated.
    """
    findings: list[Finding] = []
    files: list[str] = []
    checked: dict[Path, SeenFeed | None] = {}  # by resolved path: a file named twice is checked once
    feedparser = subscriber.load_feedparser() if subscriber_check else None

    def check(path: Path) -> SeenFeed | None:
        key = path.resolve()
        if key not in checked:
            files.append(str(path))
            collector = Collector(str(path))
            try:
                checked[key] = _check_file(path, collector, feedparser)
            except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
                # One file's check fails alone: the folder's other files are still checked.
                collector.error(
                    "CheckFailed",
                    None,
                    f"the file could not be checked ({type(exc).__name__}: {str(exc)[:200]}); "
                    "it holds something no feed needs (nesting thousands deep, a huge number?)",
                )
                checked[key] = None
            findings.extend(collector.findings)
        return checked[key]

    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for pattern in FOLDER_PATTERNS
                for p in path.rglob(pattern)
                if p.is_file() and not NOT_FEEDS.fullmatch(p.name)
            )
            if not found:
                findings.append(
                    Finding(
                        "error",
                        "NoFeedsFound",
                        str(path),
                        None,
                        "the folder has no *.xml or feed.json files; check the path (or build the feeds)",
                    )
                )
                continue
            folder_feeds = []
            for file in found:
                feed = check(file)
                if feed is not None:
                    relative = PurePosixPath(file.relative_to(path).as_posix())
                    folder_feeds.append(FolderFeed(str(file), relative, feed))
            findings.extend(check_folder(str(path), folder_feeds, site_url))
        elif path.is_file():
            check(path)
        else:
            findings.append(Finding("error", "IOError", str(path), None, "no such file or folder; check the path"))
    unique = sorted(set(findings), key=sort_key)
    return Findings(unique, files)


def _check_file(path: Path, out: Collector, feedparser: ModuleType | None) -> SeenFeed | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.error("IOError", None, f"cannot read the file ({exc.strerror or exc}); check its permissions")
        return None
    if looks_like_json(data):
        # feedparser 6.0 reads no JSON Feeds, so there is no subscriber's view to add here.
        return check_json_feed(data, out)
    root = check_xml(data, out)
    if root is None:
        return None
    xml_clean = not out.has_errors()
    feed = _check_feed(root, out)
    check_mojibake(root, out)
    # The subscriber's view only adds news on a file that is XML-clean: on a broken one feedparser
    # just repeats the XML errors above.
    if feedparser is not None and feed is not None and xml_clean:
        subscriber.check_subscriber_view(feedparser, data, feed, out)
    return feed


def _check_feed(root: etree._Element, out: Collector) -> SeenFeed | None:
    tag = etree.QName(root)
    if tag.namespace == ATOM_NS and tag.localname == "feed":
        return check_atom(root, out)
    if tag.namespace is None and tag.localname == "rss":
        return check_rss(root, out)
    if tag.localname == "feed" and tag.namespace in _OBSOLETE_ATOM:
        out.error("ObsoleteNamespace", root, f'this is an Atom 0.3 feed; publish Atom 1.0 (xmlns="{ATOM_NS}") instead')
    else:
        out.error(
            "UnknownFeedType",
            root,
            f"the root element <{tag.localname}> (namespace "
            f"{tag.namespace or 'none'}) is neither RSS 2.0 <rss> nor Atom 1.0 "
            "<feed>, the XML feed formats checked (a JSON Feed is checked as feed.json)",
        )
    return None


class _Callable(ModuleType):
    """``feeds.validate`` is this package (the name is taken by it the moment it is imported), and
    calling it validates: ``feeds.validate(paths)`` is ``validate``."""

    __call__ = staticmethod(validate)


sys.modules[__name__].__class__ = _Callable
