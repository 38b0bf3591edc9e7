"""Published assets: the files articles link to by a relative path, and the ``static`` folder.

Rendering makes an article's relative links absolute against its link (``feeds.fragments``): an
image written ``photo.jpg`` in ``posts/trip/index.md`` becomes ``{url}posts/trip/photo.jpg``.
This module finds, for each such URL under the site's ``url``, the file the author meant, so
that it can be published there byte for byte. Only regular files inside the content folder
(or the ``static`` folder) are ever read: a symbolic link that leads out is refused.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from feeds.config import Site

if TYPE_CHECKING:
    from feeds.document import Planned
    from feeds.feed import Entry

CONTENT = "content"  # the origins of an asset: the content folder, or the static one
STATIC = "static"
SETTINGS = "settings"  # a file a setting names (icon, logo), by its own path
_URL_ATTRS = frozenset(("href", "src", "poster", "data"))


@dataclass(frozen=True)
class Asset:
    """A file to publish: ``out`` under out/, read from ``source`` under its ``origin`` folder."""

    out: str
    origin: str  # CONTENT or STATIC
    source: str  # relative to that folder, with forward slashes


def urls(entry: Entry, site_url: str) -> list[str]:
    """Every URL under ``site_url`` the entry's page and feed items name: in its content (whose
    links are absolute), and its picture."""
    found: list[str] = [entry.image.url] if entry.image is not None else []
    if site_url not in entry.content:  # most articles: no link to the site's own files
        return [url for url in found if url.startswith(site_url)]
    from html.parser import HTMLParser  # here: only a build that renders an article needs it

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if value is None:
                    continue
                if name in _URL_ATTRS:
                    found.append(value.strip())
                elif name == "srcset":
                    found.extend(c.split()[0] for c in value.split(",") if c.split())

        handle_startendtag = handle_starttag

    parser = Links(convert_charrefs=True)
    parser.feed(entry.content)
    parser.close()
    return [url for url in dict.fromkeys(found) if url.startswith(site_url)]


def out_path(site: Site, url: str) -> str | None:
    """The file under out/ that ``url`` names, if it is under the site's ``url`` and names a file
    (not a folder, not a hidden file, nothing that climbs out)."""
    if not url.startswith(site.url):
        return None
    rel = unquote(urlsplit(url[len(site.url) :]).path)
    return rel if _plain_relative(rel) else None


def _plain_relative(rel: str) -> bool:
    if not rel or rel.endswith("/") or "\\" in rel or "\0" in rel:
        return False
    return not any(s in ("", ".", "..") or s.startswith(".") for s in rel.split("/"))


def candidates(site: Site, doc: Planned, url: str) -> list[str]:
    """The content files ``url`` (an absolute URL of ``doc``'s content) may be, best first.

    First as the author wrote it, relative to the article's file: ``../images/a.png`` in
    ``posts/hello.md`` is ``images/a.png``, wherever the permalink puts the page. Then the URL's
    path under the site's ``url`` as a content path: a shared ``images/`` folder linked as
    ``/blog/images/a.png``, or a page bundle whose folders are its URL.
    """
    found = []
    link, target = urlsplit(doc.link).path, urlsplit(url).path
    base = link if link.endswith("/") else posixpath.dirname(link) + "/"
    relative = posixpath.relpath(unquote(target), unquote(base)) if target.startswith("/") else None
    if relative is not None:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(doc.source), relative))
        if _plain_relative(joined):
            found.append(joined)
    direct = out_path(site, url)
    if direct is not None and direct not in found:
        found.append(direct)
    return found


def inside(path: str, root: str) -> str | None:
    """``path`` resolved, if it is a regular file inside ``root`` (resolved); else None."""
    try:
        os.stat(path)  # one call: most candidates are not there, and their realpath lstats every folder
    except OSError:
        return None  # what the realpath would lead to cannot be stat'ed either
    real = os.path.realpath(path)
    if not real.startswith(root.rstrip(os.sep) + os.sep):
        return None
    try:
        st = os.stat(real)
    except OSError:
        return None
    return real if stat.S_ISREG(st.st_mode) else None


def read_inside(path: str, root: str) -> tuple[bytes, os.stat_result] | None:
    """The bytes of the file at ``path`` and its stat, if it is a regular file inside ``root``."""
    real = inside(path, root)
    if real is None:
        return None
    try:
        fd = os.open(real, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(), st
    finally:
        os.close(fd)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def static_files(folder: str, out_dir: str) -> Iterator[tuple[str, str]]:
    """(path under ``folder`` with forward slashes, full path) of every file to copy, sorted; hidden
    files and folders are left out, and so are a symbolic link that leads out of the folder and
    the output folder ``out_dir`` (when it is inside: never copied into itself)."""
    root, out = os.path.realpath(folder), os.path.realpath(out_dir)
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not os.path.islink(os.path.join(top, d))
            and os.path.realpath(os.path.join(top, d)) != out
        )
        prefix = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(top, name)
            if inside(full, root) is not None:
                found.append(((name if prefix == "." else f"{prefix}/{name}"), full))
    yield from sorted(found)


def stats(paths: Iterable[str]) -> list[tuple[int, int]]:
    """(size, mtime_ns) of each path, (-1, 0) for one that is missing: what an unchanged build compares."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((-1, 0))
    return out
