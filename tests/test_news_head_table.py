"""The head reader's decisions, measured on every news text we hold.

Each row of ``newspieces.WEIGHTS`` must decide at least one piece of a real or modelled head line
(taking it out changes that piece's class), or it is dead weight; each article's first lines get
one title and one run of date lines; and the writers' titles the real pages print beside a date
are read as writers.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from feeds.readers import news, newshead, newspieces, read
from feeds.readers.newshead import Kind
from feeds.sources import decode

from .conftest import DATA

TEXTS = sorted((DATA / "news").glob("*.txt")) + sorted((DATA / "readers").glob("news_*.txt"))
NOT_NEWS = sorted(p for p in (DATA / "not_news").iterdir() if p.name != "README.md")
# Head lines modelled on what pages print, for the rows the texts above never need: each one
# is a line a row reads right that the table without it would read wrong.
MODELLED = [
    "입력 2024.01.02 09:00 지난해 매출이 크게 늘어난 지역 신문 한빛신문",  # long: a clause, not an outlet
    "입력 2024.01.02 09:00 사랑한다",  # sentence end: not the name 사랑한
    "한빛, 홍길동 기자, 2024-01-02 09:00",  # before a comma: the outlet, not the name 한빛
    "경제부 2024.01.02 09:00 홍길동 기자",  # section prefix: a desk, not the name 경제부
    "한빛투데이 더리더 홍길동 기자입력 : 2018.11.06 13:11",  # outlet and edition: no headline's words
    "2018-04-06 19:53 뉴스A",  # a programme's name beside the stamp (채널A, news6): no headline's word
    "한빛게임(한빛게임) 2015-03-13 15:47:51",  # its own account (news10): the site posting, no writer
]


def _winner(found: list[str], skip: int | None = None) -> str:
    totals = dict.fromkeys(newspieces.PIECE_CLASSES, 0) | newspieces.BASE
    for i, (feature, kind, weight) in enumerate(newspieces.WEIGHTS):
        if i != skip and feature in found:
            totals[kind] += weight
    return max(newspieces.PIECE_CLASSES, key=lambda kind: totals[kind])


@cache
def decisions() -> tuple[Counter[str], Counter[int]]:
    """How often each feature was found in a piece, and how often each row of WEIGHTS decided one."""
    pieces: list[list[str]] = []
    real = newspieces.score_piece

    def record(piece: str, line: str) -> tuple[str, list[str]]:
        kind, found = real(piece, line)
        pieces.append(found)
        return kind, found

    newspieces.score_piece = record  # type: ignore[assignment]
    try:
        for path in TEXTS + NOT_NEWS:
            for _, line in news._window(decode(path.read_bytes(), str(path), quiet=True).text):
                newshead.classify(line)
        for line in MODELLED:
            newshead.classify(line)
    finally:
        newspieces.score_piece = real  # type: ignore[assignment]
    found = Counter(feature for features in pieces for feature in features)
    decided = Counter(
        i for features in pieces for i in range(len(newspieces.WEIGHTS)) if _winner(features, i) != _winner(features)
    )
    return found, decided


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_one_title_and_one_run_of_date_lines(path: Path) -> None:
    text = decode(path.read_bytes(), str(path), quiet=True).text
    head = news._head(text)
    if head is None:
        return  # an undated page, rejected (tests/test_news_corpus.py checks which)
    kinds = [kind for _, kind in head.classes]
    # The title is its own line, or the headline field of a board's row, which is the date line.
    where = next(kind for (n, _), kind in head.classes if n == head.title_line)
    assert where in (Kind.TITLE, Kind.DATE_LINE)
    assert kinds.count(Kind.TITLE) == (1 if where == Kind.TITLE else 0)
    dated = [i for i, kind in enumerate(kinds) if kind == Kind.DATE_LINE]
    assert dated, "no date line"
    between = kinds[dated[0] : dated[-1] + 1]
    assert Kind.BODY not in between and Kind.TITLE not in between


def classes_measured() -> Counter[str]:
    """How many lines of the texts got each class."""
    heads = (news._head(decode(p.read_bytes(), str(p), quiet=True).text) for p in TEXTS)
    return Counter(str(kind) for head in heads if head for _, kind in head.classes)


def test_every_feature_has_a_weight() -> None:
    assert {feature for feature, _, _ in newspieces.WEIGHTS} == set(newspieces.PIECE_FEATURES)
    assert {kind for _, kind, _ in newspieces.WEIGHTS} <= set(newspieces.PIECE_CLASSES)


@pytest.mark.parametrize("row", range(len(newspieces.WEIGHTS)), ids=[r[0] for r in newspieces.WEIGHTS])
def test_every_weight_decides_a_piece_of_the_corpus(row: int) -> None:
    _, decided = decisions()
    assert decided[row] > 0, f"{newspieces.WEIGHTS[row]} never changes a piece's class"


@pytest.mark.parametrize(
    "role", ["발행인", "편집인", "대표", "편집국장", "주필", "칼럼니스트", "논설위원", "명예기자", "선임연구원", "기자"]
)
def test_a_writers_title_beside_the_date(role: str) -> None:
    text = f"새해 군정 방향 발표\n\n홍길동 {role} | 기사입력 2020/12/29 [13:46]\n\n군은 새해 군정 방향을 발표했다.\n"
    parsed = read(text, "a.txt")
    assert (parsed.meta["date"], parsed.meta["authors"]) == ("2020/12/29 (13:46)", [{"name": "홍길동"}])


def test_a_title_alone_on_a_line_is_no_writer() -> None:
    # Beside no date, after no bullet, "홍길동 대표" is whom the story is about: the headline.
    parsed = read("홍길동 대표\n입력 2024.01.02 09:00\n\n그는 2일 취임했다.\n", "a.txt")
    assert parsed.meta["title"] == "홍길동 대표"
    assert "authors" not in parsed.meta


def test_a_copyright_closing_is_no_photo_credit() -> None:
    text = "제목입니다\n입력 2024.01.02 09:00\n\n본문입니다.\n\nⓒ 정원뉴스\n"
    assert read(text, "a.txt").meta["publication"] == "정원뉴스"


def measured() -> str:
    """The table with its figures (``from tests.test_news_head_table import measured``)."""
    found, decided = decisions()
    rows = [f"| {f} | {k} | {w} | {found[f]} | {decided[i]} |" for i, (f, k, w) in enumerate(newspieces.WEIGHTS)]
    return "\n".join(
        ["| feature | class | weight | pieces with it | pieces it decides |", "|---|---|---|---|---|", *rows]
    )
