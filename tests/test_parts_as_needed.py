"""A format's shared entries built as its feeds need them (``feeds.publish._Parts``): each feed
gets every one of its entries, the bytes are those of the feed serialized whole, no job is built
before a feed needs it, and an entry is let go once the last feed showing it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds import formats
from feeds.config import site_from_mapping
from feeds.formats import entry_frames, entry_jobs, part_key, serialize_feed
from feeds.publish import _Parts

from .conftest import TEST_SITE
from .corpus import generate
from .test_shared_entries import built_feeds, whole


@pytest.mark.parametrize("filename", ["rss.xml", "atom.xml", "feed.json"])
def test_parts_come_and_go_with_the_feeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filename: str) -> None:
    content = tmp_path / "content"
    generate(content, 40)
    site = site_from_mapping(TEST_SITE | {"max_items": 6})  # no feed shows every entry
    feeds = built_feeds(monkeypatch, site, content, tmp_path / "out")
    monkeypatch.setattr(formats, "JOB_SIZE", 4)  # small jobs: some are let go early
    jobs = entry_jobs(feeds, filename)
    assert len(jobs) > 3
    parts = _Parts(filename, jobs, feeds, site, entry_frames(feeds, filename))
    distinct = {part_key(entry) for feed in feeds for entry in feed.entries}
    held: list[int] = []
    needed = -1
    for n, feed in enumerate(feeds):
        shown = parts.of(n)
        assert shown is not None
        keys = [part_key(entry) for entry in feed.entries]
        assert all(key in shown for key in keys), feed.folder
        # Built in order of first use: none past the last one these feeds needed.
        needed = max([needed, *(j for j, job in enumerate(parts.keys) if set(job) & set(keys))])
        assert parts.made == needed + 1
        assert serialize_feed(feed, filename, shown) == whole(feed, filename), feed.folder
        # Held: the entries built that this feed or one after it shows, and only those.
        later = {part_key(entry) for after in feeds[n:] for entry in after.entries}
        kept = {key for job in parts.keys[: parts.made] for key in job if key in later}
        assert set(shown) == kept
        held.append(len(shown))
    assert parts.made == len(jobs)
    assert held[-1] < len(distinct)  # the last feed's entries' jobs alone


def test_no_parts_for_a_format_rendered_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    generate(content, 10)
    site = site_from_mapping(TEST_SITE)
    feeds = built_feeds(monkeypatch, site, content, tmp_path / "out")
    parts = _Parts("index.html", entry_jobs(feeds, "index.html"), feeds, site, None)
    assert all(parts.of(n) is None for n in range(len(feeds)))
