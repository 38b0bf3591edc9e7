"""News articles: the body's HTML for every news case, and no body line lost on the way.

The metadata of each case is checked by tests/test_readers.py; here its HTML is compared with
tests/data/news_html/<case>.html (``--update-golden`` rewrites them; review the diff).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from feeds.config import Site
from feeds.fragments import content_html
from feeds.readers import news, read
from feeds.sources import decode

from .conftest import DATA, read_document

READERS = DATA / "readers"
HTML = DATA / "news_html"
NEWS_CASES = sorted(
    p for p in READERS.glob("*.txt") if read(decode(p.read_bytes(), str(p)).text, str(p)).format == "news"
)


def _expected_text(case: Path) -> str:
    return case.with_name(case.stem + ".expected.json").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.mark.parametrize("case", NEWS_CASES, ids=[p.stem for p in NEWS_CASES])
def test_news_body_html(case: Path, site: Site, update_golden: bool) -> None:
    got = content_html(read_document(case, READERS, site))
    expected = HTML / (case.stem + ".html")
    if update_golden:
        HTML.mkdir(exist_ok=True)
        expected.write_text(got + "\n", encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8").rstrip("\n")


# The real articles of tests/data/news too (those that must be rejected aside).
CORPUS = sorted(p for p in (DATA / "news").glob("*.txt") if '"rejected"' not in _expected_text(p))


@pytest.mark.parametrize("case", NEWS_CASES + CORPUS, ids=[p.stem for p in NEWS_CASES + CORPUS])
def test_every_body_line_reaches_the_html(case: Path, site: Site) -> None:
    doc = read_document(case, case.parent, site)
    text = _text(content_html(doc))
    assert doc.body is not None  # parsed, not loaded: the body is there
    for line in doc.body.split("\n"):
        if line.strip():
            assert " ".join(line.split()) in text, line


def test_news_cases_are_news() -> None:
    assert len(NEWS_CASES) >= 15
    assert all(p.stem.startswith(("news_", "seed_news")) for p in NEWS_CASES)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("# 회의록\n\n2025-03-10 14:30\n\n본문.\n", id="markdown-heading"),
        pytest.param("제목\n\n[링크](https://example.com/)\n\n2025-03-10\n\n본문.\n", id="markdown-link"),
        pytest.param("Notes\n\nThe meeting on 2025-03-10 went well, and we agreed.\n", id="date-in-sentence"),
        pytest.param("제목\n\n홍길동 기자\n\n본문입니다.\n", id="reporter-without-date"),
        pytest.param("2025-03-10\n\n제목이 아니다\n", id="date-as-title"),
        pytest.param("제목\n", id="title-only"),
    ],
)
def test_not_news(text: str) -> None:
    assert not news.detect(text)
