"""The second real-article corpus (tests/data/news2): the news reader's accuracy per field.

tests/data/news holds the articles the reader was developed on, and fails on any mismatch.
tests/data/news2 holds articles of other outlets (first kept apart from that work, whose misses
were then worked through by kind), and measures the reader on them: each field (dates, title,
deck, reporters, outlet, captions, closings, and the refusal of undated pages) is scored over
the whole corpus, and the run fails only when a field's accuracy drops below its floor in
tests/data/news2/floors.json. The floors are what the
reader achieves now; raise them when it gets better. ``pytest -s`` prints the table.

A second test checks that no line of an article is lost: each non-empty line is in the
rendered content or is one of the head's fields (title, deck, a date line, a byline, the outlet).
tests/data/news2/README.md says where the articles come from and what the expected files hold.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from feeds.config import Site
from feeds.document import Document
from feeds.errors import ContentError
from feeds.fragments import content_html

from .conftest import DATA, read_document

NEWS2 = DATA / "news2"
CASES = sorted(NEWS2.glob("*.txt"))
FLOORS = NEWS2 / "floors.json"
# The scored fields, in the order the table prints them; "rejected" scores the undated pages.
FIELDS = ("dates", "title", "deck", "reporters", "outlet", "captions", "closings", "rejected")
EXPECTED_KEYS = {"title", "published", "updated", "authors", "outlet", "captions", "tags", "deck", "closing"}

# Dated articles of which the reader loses lines today (all of them where it refuses the article),
# with why (strict xfail: a fix makes the run fail until the case is taken off this list).
KNOWN_DROPS: dict[str, str] = {}

_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
_SMALL = re.compile(r"<small>(.*?)</small>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# A head line that is only a stamp's label, its date being on the next line ("입력" / "2024.08.18 16:16"),
# or only a separator between stamps ("|").
_LABEL_ONLY = re.compile(r"^[\s•·|:\-]*(?:(?:기사\s*)?(?:최종\s*)?(?:입력|수정|등록|승인|업데이트|발행일?))?[\s:|]*$")
_SPACES = re.compile(r"\s+")


def expected_of(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(case.with_name(case.stem + ".expected.json").read_text(encoding="utf-8"))
    return data


def source_of(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(case.with_name(case.stem + ".source.json").read_text(encoding="utf-8"))
    return data


def _texts(pattern: re.Pattern[str], page: str) -> list[str]:
    return [html.unescape(_TAG.sub("", t)) for t in pattern.findall(page)]


def _updated(doc: Document) -> str | None:
    return None if doc.updated == doc.published else doc.updated.isoformat()


def scores(doc: Document, expected: dict[str, Any]) -> dict[str, bool]:
    """Which fields of a parsed article match what its page shows."""
    page = content_html(doc)
    want_updated = expected["updated"]
    if want_updated == expected["published"]:
        want_updated = None  # the page shows an update stamp equal to the first one
    deck = expected.get("deck")
    return {
        "dates": doc.published.isoformat() == expected["published"] and _updated(doc) == want_updated,
        "title": doc.title == expected["title"],
        "deck": doc.summary == (" ".join(deck) if deck else None),
        "reporters": [{k: v for k, v in (("name", a.name), ("email", a.email)) if v} for a in doc.authors]
        == expected["authors"],
        "outlet": doc.publication == expected["outlet"],
        "captions": _texts(_FIGCAPTION, page) == expected["captions"],
        "closings": _texts(_SMALL, page) == expected.get("closing", []),
    }


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    wrong: list[str] | None = None

    def add(self, case: str, ok: bool) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.wrong = [*(self.wrong or []), case]

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def measure(site: Site, cases: tuple[Path, ...] = (), folder: Path = NEWS2) -> dict[str, Tally]:
    """Each field's tally over ``cases`` (this corpus when none are given), read from the content folder ``folder``."""
    tallies = {field: Tally() for field in FIELDS}
    for case in cases or CASES:
        expected = expected_of(case)
        try:
            doc: Document | None = read_document(case, folder, site)
        except ContentError:
            doc = None
        if expected.get("rejected"):
            tallies["rejected"].add(case.stem, doc is None)
            continue
        got = scores(doc, expected) if doc is not None else dict.fromkeys(FIELDS[:-1], False)
        for field, ok in got.items():
            tallies[field].add(case.stem, ok)
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = [f"{'field':<10} {'right':>5} {'of':>4} {'accuracy':>9}"]
    for field, t in tallies.items():
        rows.append(f"{field:<10} {t.right:>5} {t.total:>4} {t.accuracy:>9.1%}")
    return "\n".join(rows)


def test_accuracy_per_field_stays_above_its_floor(site: Site) -> None:
    tallies = measure(site)
    print(f"\nnews reader on tests/data/news2 ({len(CASES)} articles)\n" + table(tallies))
    for field, t in tallies.items():
        if t.wrong:
            print(f"  {field} wrong: {', '.join(t.wrong)}")
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == set(FIELDS), sorted(set(floors) ^ set(FIELDS))
    below = {f: (round(tallies[f].accuracy, 3), floor) for f, floor in floors.items() if tallies[f].accuracy < floor}
    assert not below, f"accuracy below its floor (field: (now, floor)): {below}"


def head_fields(doc: Document) -> list[str]:
    return [doc.title, doc.summary or "", doc.publication or "", *doc.extra.get("page_lines", ())] + [
        s for a in doc.authors for s in (a.name, a.email or "") if s
    ]


def lost_lines(doc: Document, text: str) -> list[str]:
    """The non-empty lines of ``text`` that are neither in the rendered content nor in a head field."""
    content = _SPACES.sub(" ", html.unescape(_TAG.sub("", content_html(doc))))
    # a stamp's year, or the whole date with a two-digit year as a board prints it ("20-02-25")
    years = {str(doc.published.year), str(doc.updated.year), doc.published.strftime("%y-%m-%d")}
    fields = [_SPACES.sub(" ", f) for f in head_fields(doc) if f]
    lost = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _SPACES.sub(" ", raw.strip())  # runs of spaces are one space on a page
        if not line or line in content:
            continue
        if number < doc.body_line and (
            any(line in f or f in line for f in fields) or any(y in line for y in years) or _LABEL_ONLY.match(line)
        ):
            continue  # a head line: the title, the deck, or a line holding the date, a reporter or the outlet
        lost.append(f"line {number}: {line}")
    return lost


def line_cases(cases: Sequence[Path], known_drops: dict[str, str]) -> list[Any]:
    """The dated articles of ``cases``, those that still lose a line marked strict xfail with the reason."""
    params = []
    for case in cases:
        if expected_of(case).get("rejected"):
            continue
        reason = known_drops.get(case.stem)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(case, id=case.stem, marks=marks))
    return params


@pytest.mark.parametrize("case", line_cases(CASES, KNOWN_DROPS))
def test_no_line_of_an_article_is_lost(case: Path, site: Site) -> None:
    doc = read_document(case, NEWS2, site)
    assert lost_lines(doc, case.read_text(encoding="utf-8")) == []


def test_known_drops_are_real_cases() -> None:
    names = {c.stem for c in CASES}
    assert set(KNOWN_DROPS) <= names, sorted(set(KNOWN_DROPS) - names)


def test_corpus_is_large_and_varied_enough() -> None:
    # The bar: with tests/data/news, at least 100 real articles from at least 60 outlets; this
    # corpus adds 65 articles from 40 outlets the first has not, and keeps 5-10 undated pages.
    def outlet(source: dict[str, Any]) -> str:
        return str(source["outlet"]).split(" (")[0]

    first = {outlet(source_of(c)) for c in sorted((DATA / "news").glob("*.txt"))}
    mine = {outlet(source_of(c)) for c in CASES}
    rejected = [c for c in CASES if expected_of(c).get("rejected")]
    assert len(CASES) >= 65
    assert len(mine - first) >= 40, sorted(mine - first)
    assert len(CASES) + len(list((DATA / "news").glob("*.txt"))) >= 100
    assert len(mine | first) >= 60
    assert 5 <= len(rejected) <= 10, [c.stem for c in rejected]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_every_article_has_its_source_and_expectations(case: Path) -> None:
    check_sidecars(case)


def check_sidecars(case: Path) -> None:
    """An article's source and expected files are complete, and what they quote is in the article."""
    source = source_of(case)
    assert source["url"].startswith(("http://", "https://"))
    assert source["outlet"] and source["notes"]
    assert source["retrieved_via"] == "search tool pages corpus"
    expected = expected_of(case)
    if expected.get("rejected"):
        assert set(expected) == {"rejected", "reason"}
        return
    assert set(expected) == EXPECTED_KEYS
    for key in ("published", "updated"):
        assert expected[key] is None or expected[key].endswith("+09:00"), key
    assert all(set(a) <= {"name", "email"} and a["name"] for a in expected["authors"])
    text = case.read_text(encoding="utf-8")
    # What a reader sees is in the file: captions, closings and deck lines are lines of it.
    lines = {line.strip() for line in text.split("\n")}
    for line in [*expected["captions"], *expected["closing"], *(expected["deck"] or [])]:
        assert line in lines, line
