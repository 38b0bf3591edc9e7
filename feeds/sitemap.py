"""``sitemap.xml`` (sitemaps.org) of the site's pages, and the ``robots.txt`` that names it.

``lastmod`` is each page's content date (an article's ``updated``, a feed page's newest entry),
never the build's clock: a rebuild of the same content gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from urllib.parse import urlsplit

FILENAME = "sitemap.xml"
PART = "sitemap-{}.xml"  # a site of more pages than one sitemap holds: sitemap.xml is their index
MAX_URLS = 50_000  # the protocol's limit per sitemap file
ROBOTS = "robots.txt"
ROBOTS_MARKER = "# Written by feeds"  # a robots.txt without it is the site's own, never touched


def sitemaps(site_url: str, pages: Sequence[tuple[str, datetime | None]]) -> dict[str, bytes]:
    """The sitemap files of ``pages``: sitemap.xml alone, or an index of parts of MAX_URLS each."""
    if len(pages) <= MAX_URLS:
        return {FILENAME: sitemap_xml(pages)}
    files, parts = {}, []
    for number, start in enumerate(range(0, len(pages), MAX_URLS), 1):
        chunk = pages[start : start + MAX_URLS]
        files[PART.format(number)] = sitemap_xml(chunk)
        parts.append((site_url + PART.format(number), max((m for _, m in chunk if m), default=None)))
    return {**files, FILENAME: sitemap_xml(parts, index=True)}


def sitemap_xml(pages: Iterable[tuple[str, datetime | None]], index: bool = False) -> bytes:
    """The sitemap of ``pages``: (absolute URL, last modified), in the order given; with ``index``,
    the sitemap index of the sitemaps ``pages`` names."""
    from xml.sax.saxutils import escape

    root, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in pages:
        lastmod = f"<lastmod>{modified.replace(microsecond=0).isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <{item}><loc>{escape(url)}</loc>{lastmod}</{item}>")
    lines.append(f"</{root}>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_wanted(site_url: str) -> bool:
    """Crawlers read robots.txt only at a host's root: a site served under a path has none."""
    return urlsplit(site_url).path in ("", "/")


def robots(site_url: str) -> bytes:
    return f"{ROBOTS_MARKER}\nUser-agent: *\nAllow: /\n\nSitemap: {site_url}{FILENAME}\n".encode()


def ours(path: str) -> bool:
    """Whether the robots.txt at ``path`` is one feeds wrote (or there is none)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(ROBOTS_MARKER)) == ROBOTS_MARKER.encode()
    except FileNotFoundError:
        return True
    except OSError:
        return False
