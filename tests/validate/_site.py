"""Builds a small site's published feeds with feedgen, in the project's layout
(``rss.xml``, ``atom.xml``, ``tags/<slug>/rss.xml``, ``tags/<slug>/atom.xml``), as a reference for
"what valid output looks like": the validator must report no error and no warning on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from feedgen.feed import FeedGenerator

KST = timezone(timedelta(hours=9))
SITE = "https://example.com/"


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    date: datetime
    tags: tuple[str, ...]
    author: str


POSTS = (
    Post(
        "openai-fails",
        "AI 산업의 성공 속에 OpenAI가 실패한다면",
        datetime(2026, 2, 13, tzinfo=KST),
        ("AI",),
        "Sangyong",
    ),
    Post(
        "ms-openai",
        "오랜 '동지' MS와 오픈AI, 이젠 ‘적(敵)’으로 돌아서",
        datetime(2025, 3, 10, 9, tzinfo=KST),
        ("AI", "뉴스"),
        "전윤미",
    ),
    Post("capex", "설비투자 붐 & 그 이후 <분석>", datetime(2025, 1, 2, 8, 30, tzinfo=KST), ("AI",), "Sangyong"),
    Post("old-news", "오래된 소식", datetime(2024, 12, 24, 18, tzinfo=KST), ("뉴스",), "전윤미"),
)


def _generator(relative: str, title: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.id(SITE + quote(relative.rsplit("/", 1)[0] + "/") if "/" in relative else SITE)
    fg.title(title)
    fg.description(f"{title}에 올라온 글")
    fg.author({"name": "feeds demo"})
    fg.language("ko")
    # feedgen's RSS <link> is the last link given, so the alternate goes last.
    fg.link(href=SITE + quote(relative), rel="self")
    fg.link(href=SITE, rel="alternate")
    return fg


def _add(fg: FeedGenerator, kind: str, post: Post) -> None:
    url = f"{SITE}posts/{post.slug}/"
    html = (
        f'<p>{post.title} 본문입니다.</p><p><img src="{url}cover.jpg" alt="표지"></p>'
        f'<p><a href="{SITE}tags/{quote(post.tags[0])}/">#{post.tags[0]}</a></p>'
    )
    fe = fg.add_entry(order="append")
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.title(post.title)
    fe.link(href=url)
    fe.published(post.date)
    fe.updated(post.date)
    fe.summary(f"{post.title} 요약", type="text")
    fe.content(html, type="CDATA" if kind == "rss" else "html")
    fe.dc.dc_creator(post.author)
    for tag in post.tags:
        fe.category(term=tag, label=tag)


def _write(root: Path, relative: str, title: str, posts: list[Post]) -> None:
    kind = relative.rsplit("/", 1)[-1].split(".")[0]
    fg = _generator(relative, title)
    for post in posts:
        _add(fg, kind, post)
    fg.updated(max(p.date for p in posts))
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "rss":
        fg.rss_file(str(target), pretty=True)
    else:
        fg.atom_file(str(target), pretty=True)


def build_site(root: Path, *, max_items: int = 3) -> Path:
    newest = sorted(POSTS, key=lambda p: p.date, reverse=True)
    for name in ("rss.xml", "atom.xml"):
        _write(root, name, "feeds demo", newest[:max_items])
        for tag in sorted({t for p in POSTS for t in p.tags}):
            _write(root, f"tags/{tag}/{name}", f"feeds demo: {tag}", [p for p in newest if tag in p.tags])
    return root
