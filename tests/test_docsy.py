"""Docsy's imgproc and a gallery: a page bundle's images shown, not only their captions.

The real post is tests/data/dialects/docsy/blog/news/first-post/index.md; SOURCE.md beside it
says where from and quotes Docsy's rule.
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.build import build
from feeds.config import load_site, site_from_mapping
from feeds.dialects.links import Links
from feeds.fragments import content_html
from feeds.load import parse

from .conftest import DATA

DOCSY = DATA / "dialects" / "docsy"
IMAGE = "featured-pexels-peter-xie-sunset-35157036.jpg"
POST = "blog/news/first-post/index.md"


def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(DOCSY / "blog", folder / "blog")
    (folder / "blog" / "news" / "first-post" / IMAGE).write_bytes(b"")
    return folder


def test_imgproc_shows_the_bundles_image_with_caption_and_byline(tmp_path: Path) -> None:
    folder = content(tmp_path)
    site = load_site(DOCSY / "site.toml")
    d = parse((folder / POST).read_bytes(), POST, site, POST)[0]
    assert d.link == "https://example.docsy.dev/blog/2026/02/10/first-post/"
    out = content_html(d, site, Links([d], folder))
    image = f'<img src="https://example.docsy.dev/blog/2026/02/10/first-post/{IMAGE}" alt="">'
    assert f"<figure>{image}<figcaption>Image cropped to 500x300" in out
    assert "<small><br/>Photo by Peter Xie from Pexels</small></figcaption></figure>" in out
    assert "{{&lt; imgproc sunset Crop &quot;500x300&quot; &gt;}}" in out  # the literal sample stays
    assert d.references == ("dir\x1fblog/news/first-post",)


def test_without_the_image_the_caption_stays_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    site = load_site(DOCSY / "site.toml")
    d = parse((DOCSY / POST).read_bytes(), POST, site, POST)[0]
    with caplog.at_level(logging.WARNING, logger="feeds"):
        out = content_html(d, site, Links([d], DOCSY))
    assert "Image cropped to 500x300" in out and "<figure>" not in out
    assert "no file of the page bundle matches; its caption is kept" in caplog.text


def test_an_added_image_changes_the_html_key(tmp_path: Path) -> None:
    folder = content(tmp_path)
    site = load_site(DOCSY / "site.toml")
    d = parse((folder / POST).read_bytes(), POST, site, POST)[0]
    before = Links([d], folder).fingerprint(d)
    (folder / "blog" / "news" / "first-post" / "other.png").write_bytes(b"")
    assert Links([d], folder).fingerprint(d) != before


def test_a_docsy_blog_builds(tmp_path: Path) -> None:
    folder = content(tmp_path)
    result = build(load_site(DOCSY / "site.toml"), folder, tmp_path / "out", at=datetime(2026, 11, 1, tzinfo=UTC))
    assert result.published == 1 and not result.errors
    atom = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    assert IMAGE in atom


def test_gallery_shows_every_matching_image(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "post" / "trip"
    (folder / "images").mkdir(parents=True)
    for name in ("b.jpg", "a.png", "notes.txt"):
        (folder / "images" / name).write_bytes(b"")
    text = '---\ntitle: Trip\ndate: 2025-01-01\n---\n{{< gallery match="images/*" >}}\n'
    site = site_from_mapping({"title": "T", "url": "https://example.org/"})
    d = parse(text.encode(), "post/trip/index.md", site, "post/trip/index.md")[0]
    out = content_html(d, site, Links([d], tmp_path / "content"))
    base = "https://example.org/posts/trip/images"
    assert f'<img src="{base}/a.png" alt=""><img src="{base}/b.jpg" alt="">' in out
    assert "notes" not in out


@pytest.mark.parametrize(
    "shortcode", ['{{< imgproc sunset Fill "1x1" >}}x{{< /imgproc >}}\n', '{{< gallery match="*.jpg" >}}\n']
)
def test_a_hundred_kilobytes_of_them(tmp_path: Path, shortcode: str) -> None:
    import time

    folder = content(tmp_path)
    site = load_site(DOCSY / "site.toml")
    text = "---\ntitle: A\ndate: 2025-01-01\n---\n" + (shortcode * (100 * 1024 // len(shortcode)))
    d = parse(text.encode(), POST, site, POST)[0]
    started = time.process_time()  # CPU: a loaded machine does not stretch it
    out = content_html(d, site, Links([d], folder))
    assert time.process_time() - started < 1.0 and out.count("<img") == 100 * 1024 // len(shortcode)
