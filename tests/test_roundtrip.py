"""Our feeds as a feed reader sees them: feedparser round trips of the seed site."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from feeds.build import build
from feeds.config import Site
from feeds.markup.news import _blocks

from .conftest import SEEDS

AT = datetime(2026, 11, 1, tzinfo=UTC)
SEED_000 = "000_6787f68949e09d7e"
SEED_004 = "004_41dab7516fac43bd"
EXPECTED = {
    SEED_000: {
        "title": "AI 산업의 성공 속에 OpenAI가 실패한다면",
        "published": "2026-02-13T00:00:00+09:00",
        "authors": ["Sangyong"],
        "tags": ["AI"],
    },
    SEED_004: {
        "title": "오랜 '동지' MS와 오픈AI, 이젠 ‘적(敵)’으로 돌아서",
        "published": "2025-03-10T00:00:00+09:00",
        "authors": ["전윤미"],
        "tags": [],
    },
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from feeds.config import site_from_mapping

    from .conftest import TEST_SITE

    folder = tmp_path_factory.mktemp("out")
    result = build(site_from_mapping(TEST_SITE), SEEDS, folder, at=AT)
    assert not result.errors
    return folder


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


FEEDS = ["rss.xml", "atom.xml", "tags/ai/rss.xml", "tags/ai/atom.xml"]


@pytest.mark.parametrize("feed", FEEDS)
def test_every_entry_parses_with_its_metadata(out: Path, feed: str, site: Site) -> None:
    parsed = parse(out / feed)
    assert parsed.feed.title.startswith("Test site")
    slugs = [e.link.rstrip("/").rsplit("/", 1)[1] for e in parsed.entries]
    assert slugs == ([SEED_000, SEED_004] if "tags" not in feed else [SEED_000])
    for entry, slug in zip(parsed.entries, slugs, strict=True):
        want = EXPECTED[slug]
        link = f"https://example.com/posts/{slug}/"
        assert entry.title == want["title"]
        assert entry.link == link
        assert entry.id == link
        published = datetime.fromisoformat(want["published"])
        assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == published.astimezone(UTC)
        assert [a.get("name") or a.get("email") for a in entry.authors] == want["authors"]
        assert [t.term for t in entry.get("tags", [])] == want["tags"]
        assert entry.content[0].value and entry.summary


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_published_dates_keep_their_offset(out: Path, feed: str) -> None:
    text = (out / feed).read_text(encoding="utf-8")
    if feed == "atom.xml":
        assert "<published>2026-02-13T00:00:00+09:00</published>" in text
        assert "<published>2025-03-10T00:00:00+09:00</published>" in text
    else:
        assert "<pubDate>Fri, 13 Feb 2026 00:00:00 +0900</pubDate>" in text
        assert "<pubDate>Mon, 10 Mar 2025 00:00:00 +0900</pubDate>" in text


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_seed_000_heading_after_paragraph_line(out: Path, feed: str) -> None:
    entry = parse(out / feed).entries[0]
    assert "<h3>파스칼의 내기는 사업 모델이 아니다</h3>" in entry.content[0].value


def _text(fragment: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", fragment)))


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_news_body_reaches_the_feed_whole(out: Path, feed: str) -> None:
    """Every line after the date line, as text, in order: nothing of the article is lost."""
    entry = next(e for e in parse(out / feed).entries if SEED_004 in e.link)
    content = entry.content[0].value
    source = (SEEDS / f"{SEED_004}.txt").read_text(encoding="utf-8").split("\n")
    body_lines = [line for line in source[5:] if line.strip()]
    assert "2025-03-10" in source[4]
    assert _text("".join(body_lines)) == _text(content)
    assert (
        "<figcaption>오픈AI의 샘 앨트먼(왼쪽)과 마이크로소프트의 사티야 나델라. (사진=마이크로소프트)</figcaption>"
        in content
    )
    for heading in (
        "MS, 자체 모델 ‘MAI’ 개발, 기술 독립 선언",
        "MS “코파일럿 기반 ‘챗GPT’ 성능 미흡” 불만",
        "오픈AI는 다른 투자자 유치, MS는 오픈AI 시장 공략",
    ):
        assert f"<h3>{heading}</h3>" in content
    # title, deck and date line are metadata, not content
    assert "전윤미 기자\n" not in content and source[2].strip()[:20] not in content


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_news_outlet_reaches_the_feed_as_dc_publisher(out: Path, feed: str) -> None:
    entries = {e.link.rsplit("/", 2)[-2]: e for e in parse(out / feed).entries}
    assert entries[SEED_004].publisher == "애플경제"
    assert "publisher" not in entries[SEED_000]


def test_news_blocks_classify_every_line() -> None:
    body = "\n".join((SEEDS / f"{SEED_004}.txt").read_text(encoding="utf-8").split("\n")[5:])
    kinds = [kind for kind, _ in _blocks(body)]
    assert kinds.count("caption") == 3


def test_entry_language_differing_from_the_feed_is_marked(out: Path) -> None:
    text = (out / "atom.xml").read_text(encoding="utf-8")
    assert re.search(r'<feed [^>]*xmlns="http://www.w3.org/2005/Atom" xml:lang="en">', text)
    assert text.count('<entry xml:lang="ko">') == 2
    assert parse(out / "atom.xml").entries[0].content[0].language == "ko"
