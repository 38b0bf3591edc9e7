"""Site pages: what a person sees before subscribing. ``index.html`` lists every feed (with
``<link rel="alternate">`` tags so readers discover them from the site URL) and the main feed's
latest entries, and ``feeds.opml`` lets a reader import them all at once.

Pages are made from Jinja2 templates (autoescaped); a site overrides one by putting a file of the
same name in the folder its ``templates`` setting names. Like the format modules, the page modules
are imported only when a page is made, so a build with nothing to do never loads Jinja2; nor does
it import the pages' view of the site, ``feeds.pages.view``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from feeds.config import Site

if TYPE_CHECKING:
    from feeds.feed import Entry
    from feeds.pages.view import SiteView

# Output file name under out/ -> its template.
PAGES: dict[str, str] = {
    "index.html": "index.html.j2",
    "feeds.opml": "feeds.opml.j2",
}
# Written only with ``xsl = true``: the stylesheet RSS and Atom point browsers at.
XSL_PAGE = "feed.xsl"


def pages(site: Site) -> dict[str, str]:
    """The site pages this site has: output name -> template."""
    return {**PAGES, XSL_PAGE: "feed.xsl.j2"} if site.xsl else dict(PAGES)


BUILTIN_TEMPLATES = Path(__file__).parent / "templates"


def templates_state(site: Site) -> list[tuple[str, int, int]]:
    """What the site's own templates are, by stat only: a changed template rebuilds the pages."""
    if site.templates is None:
        return []
    try:
        return sorted(
            (p.name, st.st_size, st.st_mtime_ns) for p in site.templates.iterdir() if (st := p.stat()) and p.is_file()
        )
    except OSError:
        return [("?", 0, 0)]  # unreadable: never equal to a readable state, so pages are rebuilt


def shown_of(entries: Iterable[Entry]) -> str:
    """A digest of what the built-in pages show of the main feed's entries (entries.html.j2):
    each one's language, link, title, date, authors and summary. An edit to an article's text
    below its summary leaves it as it was, and the pages need not be made again."""
    shown = [
        (
            e.doc.language,
            e.doc.link,
            e.doc.title,
            e.doc.published.isoformat(),
            [a.name for a in e.doc.authors],
            e.summary,
        )
        for e in entries
    ]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def site_pages(view: SiteView) -> Iterator[tuple[str, bytes]]:
    """(output name, bytes) for every site page."""
    from feeds.pages.jinja import fill

    for name, template in pages(view.site).items():
        yield name, fill(template, view.site.templates, view=view, site=view.site)
