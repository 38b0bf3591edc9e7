"""RSS items and Atom entries are built without feedgen's FeedEntry, and come out as it builds them.

Each case is one entry put through ``make_entries`` and through a FeedGenerator holding it
(``_fill``, feedgen's own extensions): the feed's bytes are the same, for every field an entry may
have or lack (authors with and without e-mail and home page, pictures with and without a type,
an outlet, another language, a summary or content that is empty, a feed cut to summaries).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from feeds.config import site_from_mapping
from feeds.document import Author, Document
from feeds.feed import Entry, Feed
from feeds.formats import atom, rss
from feeds.pictures import Image

SITE = site_from_mapping({"title": "T", "url": "https://example.org/", "language": "ko"})
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=9)))
LINK = "https://example.org/posts/a/"


def entry(**changes: object) -> Entry:
    doc = Document(
        source="a.md", format="frontmatter-yaml", title="A <title> & more", published=WHEN,
        updated=WHEN + timedelta(days=1), authors=(Author("Kim"),), tags=("x",), summary=None,
        language="ko", slug="a", link=LINK, id=LINK, body="", markup="markdown",
    )  # fmt: skip
    doc_changes = {k: v for k, v in changes.items() if k in Document.__dataclass_fields__}
    entry_changes = {k: v for k, v in changes.items() if k not in doc_changes}
    made = Entry(replace(doc, **doc_changes), ("x", "와이"), "A summary, a < b.", "<p>Body &amp; more</p>")  # type: ignore[arg-type]
    return replace(made, **entry_changes)  # type: ignore[arg-type]


CASES = {
    "plain": {},
    "several authors": {"authors": (
        Author("Kim", "kim@example.org", "https://kim.example/"),
        Author("Lee", None, "https://lee.example/"),
        Author("Park", "p@example.org"),
    )},
    "no author": {"authors": ()},
    "picture": {"image": Image("https://example.org/a.png", "image/png")},
    "picture without a type": {"image": Image("https://example.org/a", None)},
    "outlet": {"publication": "연합뉴스"},
    "another language": {"language": "en"},
    "id not the link": {"id": "urn:uuid:1"},
    "no tags": {"categories": ()},
    "empty summary": {"summary": ""},
    "empty content": {"content": ""},
    "cut to its summary": {"summary_only": True},
    "UTC": {"published": datetime(1999, 12, 31, 23, 59, tzinfo=UTC), "updated": datetime(2000, 1, 1, tzinfo=UTC)},
    "everything": {
        "image": Image("https://example.org/a.jpg", "image/jpeg"), "publication": "P", "language": "en", "id": "urn:x",
    },
}  # fmt: skip


def feedgen_way(form: object, feed: Feed) -> bytes:
    fg = form._generator(feed)  # type: ignore[attr-defined]
    for item in feed.entries:
        form._fill(fg.add_entry(order="append"), item, feed.site)  # type: ignore[attr-defined]
    return bytes(fg.rss_str(pretty=True) if form is rss else fg.atom_str(pretty=True))


@pytest.mark.parametrize("form", [rss, atom], ids=["rss", "atom"])
@pytest.mark.parametrize("case", CASES)
def test_an_entry_comes_out_as_feedgen_builds_it(form: object, case: str) -> None:
    made = entry(**CASES[case])
    feed = Feed("", "T", "D", SITE, (made, entry(source="b.md", link=LINK + "b/", id=LINK + "b/")))
    ours = form.serialize(feed, form.make_entries(feed.entries, SITE))  # type: ignore[attr-defined]
    assert ours == feedgen_way(form, feed)


@pytest.mark.parametrize("form", [rss, atom], ids=["rss", "atom"])
def test_a_site_of_summaries_only(form: object) -> None:
    site = replace(SITE, summary_only=True)
    feed = Feed("", "T", "D", site, (entry(), entry(image=Image("https://example.org/a.png", None))))
    assert form.serialize(feed, form.make_entries(feed.entries, site)) == feedgen_way(form, feed)  # type: ignore[attr-defined]


@pytest.mark.parametrize("form", [rss, atom], ids=["rss", "atom"])
def test_a_date_without_a_zone_is_refused_as_feedgen_refuses_it(form: object) -> None:
    naive = entry(published=datetime(2026, 3, 1), updated=datetime(2026, 3, 1))
    with pytest.raises(ValueError, match="timezone"):
        form.make_entries([naive], SITE)  # type: ignore[attr-defined]
