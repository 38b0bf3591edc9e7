"""``sitemap.xml`` (sitemaps.org) of the site's pages, and the ``robots.txt`` that names it.

``lastmod`` is each page's content date (an article's ``updated``, a feed page's newest entry),
never the build's clock: a rebuild of the same content gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

FILENAME = "sitemap.xml"
ROBOTS = "robots.txt"
ROBOTS_MARKER = "# Written by feeds"  # a robots.txt without it is the site's own, never touched


def render(pages: Iterable[tuple[str, datetime | None]]) -> bytes:
    """The sitemap of ``pages``: (absolute URL, last modified), in the order given."""
    from xml.sax.saxutils import escape

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in pages:
        lastmod = f"<lastmod>{modified.replace(microsecond=0).isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
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
