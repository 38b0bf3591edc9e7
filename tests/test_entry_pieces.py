"""XML entries serialized once into pieces (``feeds.formats.make_job`` with ``entry_frames``) give
the bytes of the feed serialized whole, in the feeds they were made for and, built again, in a
feed whose root the pieces were not made for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from feeds.config import site_from_mapping
from feeds.formats import atom, entry_frames, entry_jobs, make_job, part_key, rss
from feeds.formats.common import Piece

from .conftest import TEST_SITE
from .corpus import generate
from .test_shared_entries import built_feeds, whole


@pytest.mark.parametrize("form", [rss, atom], ids=["rss", "atom"])
def test_pieces_give_the_whole_feeds_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: Any) -> None:
    content = tmp_path / "content"
    generate(content, 40)
    site = site_from_mapping(TEST_SITE)
    feeds = built_feeds(monkeypatch, site, content, tmp_path / "out")
    roots = {form.root_key(feed) for feed in feeds}
    assert len(roots) > 1  # feeds with pictures and without: entries serialized under each root
    frames = entry_frames(feeds, form.FILENAME)
    assert frames is not None
    parts: dict[str, Any] = {}
    for job in entry_jobs(feeds, form.FILENAME):
        made = make_job(form.FILENAME, job, site, frames)
        assert all(isinstance(piece, Piece) for piece in made)
        parts.update(zip(map(part_key, job), made, strict=True))
    for feed in feeds:
        shown = [parts[part_key(entry)] for entry in feed.entries]
        assert form.serialize(feed, shown) == whole(feed, form.FILENAME), feed.folder
        assert form.sizes(feed, shown) == form.sizes(feed, form.make_entries(feed.entries, site))

    # Pieces made for another root than a feed's: its entries are built again, the bytes the same.
    feed = max((feed for feed in feeds if feed.folder), key=lambda feed: len(feed.entries))
    other = next(f for f in feeds if form.root_key(f) != form.root_key(feed))
    elsewhere = {part_key(entry): [form.frame(other)] for entry in feed.entries}
    pieces = make_job(form.FILENAME, feed.entries, site, elsewhere)
    assert form.serialize(feed, pieces) == whole(feed, form.FILENAME)
