"""The later real-article corpora (tests/data/news3, news4, news5), each added held out from the
reader's development to measure whether its tuning generalises to outlets it has never seen.

Each folder is scored exactly as news2 is (the functions are tests/test_news_corpus2.py's): each
field's accuracy must stay at or above its floor in the folder's floors.json. No line of a dated
article may be lost either; the folder's known_drops.json lists the articles that lose one today,
with why (strict xfail: a fix makes the run fail until the case is taken off the list). Each
folder's README.md says where its articles come from and whether it is still held out.
``pytest -s -k accuracy`` prints each table and the wrong cases. A new corpus is one more folder
in CORPORA.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from feeds.config import Site

from .conftest import DATA, read_document
from .sweeps import exhaustive, sweep
from .test_news_corpus2 import FIELDS, check_sidecars, expected_of, line_cases, lost_lines, measure, source_of, table

EARLIER = ("news", "news2")
CORPORA = (
    "news3",
    "news4",
    "news5",
    "news6",
    "news7",
    "news8",
    "news9",
    "news10",
    "news11",
    "news12",
    "news13",
    "news14",
    "news15",
    "news16",
)
# Articles and outlets each set must hold at least. news6 to news9 were each gathered in one
# short session and are smaller; their own bars keep them from shrinking.
SIZE = {
    "news3": (40, 30),
    "news4": (40, 30),
    "news5": (40, 30),
    "news6": (20, 18),
    "news7": (30, 25),
    "news8": (26, 25),
    "news9": (27, 25),
    "news10": (30, 29),
    "news11": (30, 25),
    "news12": (25, 24),
    "news13": (26, 26),
    "news14": (26, 26),
    "news15": (28, 28),
    "news16": (28, 28),
}


def _cases(name: str) -> list[Path]:
    return sorted((DATA / name).glob("*.txt"))


def _json(name: str, filename: str) -> Any:
    return json.loads((DATA / name / filename).read_text(encoding="utf-8"))


def _line_params() -> list[Any]:
    """Every dated article of every corpus; in the default run two of each corpus (tests/sweeps.py),
    the known drops' strict xfail kept on each."""
    params = []
    for name in CORPORA:
        for param in line_cases(_cases(name), _json(name, "known_drops.json")):
            case = param.values[0]
            params.append(pytest.param(name, case, id=f"{name}/{case.stem}", marks=param.marks))
    kept = {p.id for p in sweep(params, [str(p.id) for p in params], [p.values[0] for p in params]) if not p.marks}
    from . import conftest

    return [
        pytest.param(*p.values, id=p.id, marks=[*p.marks, *(() if p.id in kept else (exhaustive,))])
        for p in params
        if p.id in kept or conftest.SWEEP_EVERY_CASE
    ]


@pytest.mark.parametrize("name", CORPORA)
def test_accuracy_per_field_stays_above_its_floor(name: str, site: Site) -> None:
    cases = _cases(name)
    tallies = measure(site, tuple(cases), DATA / name)
    print(f"\nnews reader on tests/data/{name} ({len(cases)} articles)\n" + table(tallies))
    for field, t in tallies.items():
        if t.wrong:
            print(f"  {field} wrong: {', '.join(t.wrong)}")
    floors: dict[str, float] = _json(name, "floors.json")
    assert set(floors) == set(FIELDS), sorted(set(floors) ^ set(FIELDS))
    below = {f: (round(tallies[f].accuracy, 3), floor) for f, floor in floors.items() if tallies[f].accuracy < floor}
    assert not below, f"accuracy below its floor (field: (now, floor)): {below}"


@pytest.mark.parametrize(("name", "case"), _line_params())
def test_no_line_of_an_article_is_lost(name: str, case: Path, site: Site) -> None:
    doc = read_document(case, DATA / name, site)
    assert lost_lines(doc, case.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", CORPORA)
def test_known_drops_are_real_cases(name: str) -> None:
    names = {c.stem for c in _cases(name)}
    drops = set(_json(name, "known_drops.json"))
    assert drops <= names, sorted(drops - names)


def _outlet(case: Path) -> str:
    return str(source_of(case)["outlet"]).split(" (")[0]


def _host(case: Path) -> str:
    host = str(source_of(case)["url"]).split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_was_held_out_from_the_earlier_ones(name: str) -> None:
    # Held out means by outlet and, from news4 on, by site: none of these is in an earlier set,
    # so what the reader learnt there about a given site cannot help here. The bar: SIZE's articles
    # and outlets, 4 to 6 of them undated pages that must be refused.
    cases = _cases(name)
    earlier = [*EARLIER, *CORPORA[: CORPORA.index(name)]]
    others = [c for folder in earlier for c in _cases(folder)]
    mine = {_outlet(c) for c in cases}
    assert not mine & {_outlet(c) for c in others}, sorted(mine & {_outlet(c) for c in others})
    hosts = {_host(c) for c in cases} & {_host(c) for c in others}
    # news3 was held out by outlet alone: a portal (news.zumst.com) hosts copies of many outlets.
    assert not hosts or name == "news3", sorted(hosts)
    rejected = [c for c in cases if expected_of(c).get("rejected")]
    articles, outlets = SIZE[name]
    assert len(cases) >= articles
    assert len(mine) >= outlets, sorted(mine)
    assert 4 <= len(rejected) <= 6, [c.stem for c in rejected]


ALL_CASES = [c for name in CORPORA for c in _cases(name)]


# Each file's sidecars, two of each corpus in the default run (tests/sweeps.py): the accuracy
# tests above read every article's expectations in it.
@pytest.mark.parametrize(
    "case", sweep(ALL_CASES, [f"{c.parent.name}/{c.stem}" for c in ALL_CASES], [c.parent for c in ALL_CASES])
)
def test_every_article_has_its_source_and_expectations(case: Path) -> None:
    check_sidecars(case)
