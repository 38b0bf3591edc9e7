"""Entry pictures: Media RSS in RSS and Atom, ``image`` in JSON Feed, from metadata or the content."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from feeds.build import build
from feeds.config import Site
from feeds.validate import validate_paths

from .conftest import SEEDS

AT = datetime(2026, 11, 1, tzinfo=UTC)
MEDIA_NS = b'xmlns:media="http://search.yahoo.com/mrss/"'


def post(folder: Path, name: str, front: str, body: str = "Text.", date: str = "2025-01-01") -> None:
    (folder / name).write_text(f"---\ndate: {date}\n{front}\n---\n\n{body}\n", encoding="utf-8")


def pictures(out: Path) -> dict[str, dict[str, str | None]]:
    """Each entry's picture as feedparser reads RSS and Atom, and as the JSON Feed says, by entry title."""
    found: dict[str, dict[str, str | None]] = {}
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        for entry in parsed.entries:
            thumbnail = entry.get("media_thumbnail") or [{}]
            content = entry.get("media_content") or [{}]
            assert thumbnail[0].get("url") == content[0].get("url"), entry.title
            found.setdefault(entry.title, {})[name] = thumbnail[0].get("url")
    for item in json.loads((out / "feed.json").read_bytes())["items"]:
        found[item["title"]]["feed.json"] = item.get("image")
    return found


def the_same_in_every_format(url: str | None) -> dict[str, str | None]:
    return {"rss.xml": url, "atom.xml": url, "feed.json": url}


def test_seed_pictures(tmp_path: Path, site: Site) -> None:
    """The essay's first <img> is its picture; the news article has none."""
    assert not build(site, SEEDS, tmp_path, at=AT).errors
    got = pictures(tmp_path)
    assert got["AI 산업의 성공 속에 OpenAI가 실패한다면"] == the_same_in_every_format("https://i.imgur.com/F7EZSRf.png")
    assert got["오랜 '동지' MS와 오픈AI, 이젠 ‘적(敵)’으로 돌아서"] == the_same_in_every_format(None)
    atom = (tmp_path / "atom.xml").read_text(encoding="utf-8")
    assert '<media:content url="https://i.imgur.com/F7EZSRf.png" type="image/png" medium="image"/>' in atom


@pytest.mark.parametrize(
    ("front", "body", "want"),
    [
        ("image: /img/cover.jpg", "![x](https://example.com/other.png)", "https://example.com/img/cover.jpg"),
        ("cover: {image: pic.webp, alt: A}", "Text.", "https://example.com/posts/p/pic.webp"),
        ("heroImage: https://cdn.example.org/hero 1.png", "Text.", "https://cdn.example.org/hero%201.png"),
        ("image: ''", "![x](../shared/a.gif)", "https://example.com/posts/shared/a.gif"),
        ("title2: x", '<img alt="" src="data:image/png;base64,AAAA"> ![y](second.png)', "https://example.com/posts/p/second.png"),
        ("title2: x", "No picture here.", None),
    ],
)  # fmt: skip
def test_picture_comes_from_metadata_then_the_first_image(
    tmp_path: Path, site: Site, front: str, body: str, want: str | None
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    post(content, "p.md", f"title: P\n{front}", body)
    result = build(site, content, tmp_path / "out", at=AT)
    assert not result.errors, result.errors
    assert pictures(tmp_path / "out") == {"P": the_same_in_every_format(want)}


def test_feeds_without_pictures_declare_no_media_namespace(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    content.mkdir()
    post(content, "p.md", "title: P\ntags: [plain]")
    build(site, content, tmp_path / "out", at=AT)
    assert MEDIA_NS not in (tmp_path / "out" / "rss.xml").read_bytes()
    assert MEDIA_NS not in (tmp_path / "out" / "atom.xml").read_bytes()


def test_feeds_with_pictures_validate_clean(tmp_path: Path, site: Site) -> None:
    content = tmp_path / "content"
    content.mkdir()
    post(content, "a.md", "title: A\ntags: [x]\nimage: a.jpg")
    # Another day: two date-only entries on one day share an atom:updated (DuplicateUpdated).
    post(content, "b.md", "title: B\ntags: [x]", "![b](https://example.org/b.svg)", date="2025-01-02")
    build(site, content, tmp_path / "out", at=AT)
    findings = validate_paths([tmp_path / "out"])
    assert MEDIA_NS in (tmp_path / "out" / "tags" / "x" / "atom.xml").read_bytes()
    assert [f for f in findings if f.level != "info"] == []


# The media type of a picture, from its file name: a fixed table, never the machine's mime.types
# (which differ between machines and Python versions: the same input must give the same bytes).
MEDIA_TYPES = {
    "a.jpg": "image/jpeg",
    "a.JPEG": "image/jpeg",
    "a.png": "image/png",
    "a.gif": "image/gif",
    "a.webp": "image/webp",
    "a.avif": "image/avif",
    "a.jxl": "image/jxl",
    "a.heic": "image/heic",
    "a.heif": "image/heif",
    "a.svg": "image/svg+xml",
    "a.tif": "image/tiff",
    "a.bmp": "image/bmp",
    "a.ico": "image/vnd.microsoft.icon",
    "a.apng": "image/apng",
    "a.xyz": None,
    "a.html": None,
    "photo": None,
}


@pytest.mark.parametrize(("name", "expected"), sorted(MEDIA_TYPES.items()))
def test_a_pictures_media_type_comes_from_a_fixed_table(
    name: str, expected: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mimetypes

    from feeds.document import Document
    from feeds.pictures import entry_image

    # A machine whose mime.types says otherwise about every picture must not change our output.
    odd = tmp_path / "mime.types"
    odd.write_text("".join(f"image/x-odd-{i} {n.rsplit('.', 1)[-1].lower()}\n" for i, n in enumerate(MEDIA_TYPES)))
    for name_ in ("_db", "inited", "types_map", "common_types", "encodings_map", "suffix_map"):
        monkeypatch.setattr(mimetypes, name_, getattr(mimetypes, name_))  # put back after the test
    mimetypes.inited = False
    mimetypes.init([str(odd)])
    when = datetime(2025, 1, 1, tzinfo=UTC)
    link = "https://example.com/posts/a/"
    doc = Document("a.md", "frontmatter-yaml", "A", when, when, (), (), None, "en", "a", link, link, "", "markdown")
    image = entry_image(replace(doc, extra={"image": f"/img/{name}"}), "")
    assert image is not None and image.type == expected
