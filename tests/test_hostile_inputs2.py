"""Hostile input, second round ("one file, one failure"): one case per defect.

As in tests/test_hostile_input.py, each case puts one file beside two good articles and runs
``feeds build``: the file fails alone, with a one-line message naming it (and its line), or is
published; the good articles' feeds are there and valid either way. The inputs live under
tests/data/hostile_inputs/ where they are files; numbers too long for int() are made here.
"""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from feeds.cli import main
from feeds.dates import is_zero_date, parse_date
from feeds.errors import DateError
from feeds.validate import validate_paths

from .conftest import DATA, write_site_toml
from .sweeps import in_modes
from .test_hostile_input import GOOD, Case, Make, assert_good_feeds, build_cli, check_case, text

HOSTILE = DATA / "hostile_inputs"
LONG = "9" * 5000  # more digits than int() and str() take (sys.get_int_max_str_digits: 4300)


def data(name: str, as_name: str | None = None) -> Make:
    def make(content: Path, outside: Path) -> None:
        (content / (as_name or name)).write_bytes((HOSTILE / name).read_bytes())

    return make


CASES: dict[str, Case] = {
    # 1: an integer longer than int() and str() take, in each front matter, and where it goes
    "1-yaml-title": Case(
        text("long.md", f"---\ntitle: {LONG}\ndate: 2025-01-01\n---\nx\n"),
        "field 'title': a number of 5,000 digits (at most 4,300; quote it to keep it as text)",
        2,
    ),
    "1-yaml-date": Case(
        text("long.md", f"---\ntitle: x\ndate: {LONG}\n---\nx\n"), "field 'date': a number of 5,000", 3
    ),
    "1-yaml-in-a-list": Case(
        text("long.md", f"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - a\n  - {LONG}\n---\nx\n"),
        "field 'tags': a number of 5,000 digits",
        6,
    ),
    "1-yaml-hexadecimal": Case(
        text("long.md", "---\ntitle: x\ndate: 2025-01-01\nweight: 0x" + "f" * 5000 + "\n---\nx\n"),
        "field 'weight': a number of more than 4,300 digits (quote it to keep it as text)",
        4,
    ),
    "1-toml-tags": Case(
        text("long.md", f'+++\ntitle = "x"\ndate = 2025-01-01\ntags = ["a", {LONG}]\n+++\nx\n'),
        "field 'tags': a number of 5,000 digits",
        4,
    ),
    "1-toml-hexadecimal": Case(
        text("long.md", '+++\ntitle = "x"\ndate = 2025-01-01\nweight = 0x' + "f" * 5000 + "\n+++\nx\n"),
        "field 'weight': a number of more than 4,300 digits",
        4,
    ),
    "1-json-weight": Case(
        text("long.md", f'{{\n"title": "x",\n"date": "2025-01-01",\n"weight": {LONG}\n}}\nx\n'),
        "field 'weight': a number of 5,000 digits",
        4,
    ),
    "1-json-title": Case(
        text("long.md", f'{{"title": {LONG}, "date": "2025-01-01"}}\nx\n'), "a number of 5,000 digits", 1
    ),
    "1-yaml-4000-digits": Case(
        text("long.md", "---\ntitle: " + "9" * 4000 + "\ndate: 2025-01-01\n---\nx\n"), None, status=0, published=3
    ),
    # 2: Hugo's zero date is no date; a date no offset can write is out of range
    # Front matter without a date is a page, not a post (--strict makes it an error): below.
    "2-hugo-zero-date": Case(data("zero_date.md"), None, status=0),
    "2-hugo-zero-date-named": Case(data("zero_date.md", "2025-03-01-zero.md"), None, status=0, published=3),
    "2-hugo-zero-lastmod": Case(data("zero_lastmod.md"), None, status=0, published=3),
    "2-year-1-east": Case(
        data("year1_east.md"), "field 'date': year 1 in '0001-01-01T00:00:00+05:00' is before 1000", 3
    ),
    "2-year-1-west": Case(data("year1_west.md"), "field 'date': year 1 in '0001-01-01T00:00:00-05:00'", 3),
    "2-9999-east": Case(data("max_east.toml.md"), "field 'date': '9999-12-31T23:00:00+09:00' is out of range", 3),
    "2-9999-west": Case(
        data("max_west.md"),
        "field 'date': '9999-12-31T23:00:00-05:00' is out of range (expected a date from 1000-01-01 to 9999-12-30)",
        3,
    ),
    # 3: a year before 1000 would be written with three digits, which RSS forbids
    "3-year-999": Case(data("year999.md"), "field 'date': year 999 in '0999-05-01' is before 1000", 3),
    "3-year-999-header": Case(data("year0999_header.txt"), "field 'date': year 999 in '0999-05-01 10:00'", 2),
    # 6: Windows-1252 text is not Korean
    "6-cp1252-quotes": Case(data("cp1252_quotes.md"), None, status=0, published=3),
    "6-cp1252-accents": Case(data("cp1252_accents.txt"), None, status=0, published=3),
}


# Every case with a cache (which stores what the hostile file made, if anything), a few without.
@pytest.mark.parametrize(("name", "cache"), in_modes(sorted(CASES), ["cache", "no-cache"]))
def test_hostile_input(
    name: str,
    cache: str,
    content: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    check_case(CASES[name], cache, content, tmp_path, capsys)


def test_hugo_zero_date_is_no_date(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hugo's zero date is no date: front matter with nothing else is a page, which --strict refuses,
    and either way the notice says why the date was not taken."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    data("zero_date.md")(content, tmp_path)
    config = write_site_toml(tmp_path / "site.toml")
    argv = ["build", "--content", str(content), "--out", str(tmp_path / "out"), "--config", str(config)]
    assert main(argv) == 0
    shown = capsys.readouterr()
    assert "zero_date.md:" in shown.out + shown.err
    assert "a page, not a post" in shown.out + shown.err
    assert "0001-01-01 is Hugo's 'no date'" in shown.out + shown.err
    assert_good_feeds(tmp_path / "out", 2)
    assert main([*argv, "--strict"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith(str(content))]
    assert len(errors) == 1 and "0001-01-01 is Hugo's 'no date'" in errors[0], errors


def test_far_future_east_is_published_when_asked(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """9999-12-31 at +09:00 is still 9999-12-30 in UTC: every offset can write it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    text("far.md", "---\ntitle: Far\ndate: 9999-12-31\n---\nx\n")(content, tmp_path)
    status, stderr = build_cli(tmp_path, capsys, "--include-future")
    assert status == 0, stderr
    assert_good_feeds(tmp_path / "out", 3)
    assert "<published>9999-12-31T00:00:00+09:00</published>" in (tmp_path / "out" / "atom.xml").read_text()


@pytest.mark.parametrize(
    ("name", "title", "body"),
    [
        ("cp1252_quotes.md", "It’s Windows-1252", "It’s what Notepad saved: don’t and won’t"),
        ("cp1252_accents.txt", "Café naïve", "Latin-1 letters, no Korean"),
    ],
)
def test_windows_1252_is_published_as_written(
    name: str, title: str, body: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data(name)(content, tmp_path)
    build_cli(tmp_path, capsys)
    atom = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in atom
    assert body in atom
    assert "뭩" not in atom


# 4: a folder name holding characters XML forbids, tagged by folder_tags
FOLDERS = {
    "news\x07bell": ("newsbell", 1),  # cleaned as a front matter tag is
    "\x01\x02": (None, 0),  # nothing left: no tag
    "tab\there": ("tab here", 1),
}


@pytest.mark.parametrize("folder", sorted(FOLDERS), ids=repr)
def test_folder_tags_from_names_with_control_characters(
    folder: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    (content / folder).mkdir()
    (content / folder / "inside.md").write_text("---\ntitle: Inside\ndate: 2025-03-01\n---\nx\n", encoding="utf-8")
    config = write_site_toml(tmp_path / "site.toml")
    config.write_text(config.read_text(encoding="utf-8").replace("\n[", "\nfolder_tags = true\n[", 1), encoding="utf-8")
    out = tmp_path / "out"
    status = main(["build", "--content", str(content), "--out", str(out), "--config", str(config)])
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    assert status == 0, stderr
    assert [f for f in validate_paths([out], site_url="https://example.com/") if f.level == "error"] == []
    tag, feeds = FOLDERS[folder]
    atom = (out / "atom.xml").read_text(encoding="utf-8")
    assert "Inside" in atom
    assert atom.count(f'term="{tag}"') == feeds if tag else "Inside" in atom
    assert len(list((out / "tags").iterdir())) == 2 + feeds  # alpha and beta, from the good files


# 5: the summary is the body's visible text, never a stylesheet or a script
@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("style_first.md", "Visible words come first in the summary."),
        ("script_first.md", "Only these words are seen."),
    ],
)
def test_summary_comes_from_visible_text(
    name: str, summary: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data(name)(content, tmp_path)
    status, stderr = build_cli(tmp_path, capsys)
    assert status == 0, stderr
    rss = (tmp_path / "out" / "rss.xml").read_text(encoding="utf-8")
    assert f"<description>{summary}</description>" in rss
    for hidden in ("color", "var shown", "a note"):
        assert f"<description>{hidden}" not in rss
    feed = (tmp_path / "out" / "feed.json").read_text(encoding="utf-8")
    assert f'"summary": "{summary}"' in feed


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (tmp_path / "outside").mkdir()
    for name, body in GOOD.items():
        (folder / name).write_text(body, encoding="utf-8")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1793491200")
    return folder


# 8: feeds validate on a file no parser can hold: that file fails alone, with a finding
JSON_HEAD = '{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []'
HOSTILE_FEEDS = {
    "deep/feed.json": (
        JSON_HEAD + ', "x":\n' + "[" * 100_000 + "]" * 100_000 + "}",
        "InvalidJSON",
        2,
        "nested too deep to read",
    ),
    "long/feed.json": (JSON_HEAD + ',\n"n": ' + LONG + "}", "InvalidJSON", 2, "a number too long to read"),
    "reference.xml": (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>&#' + LONG + ";</title></channel></rss>",
        "InvalidXMLCharacter",
        2,
        "character reference &#9999999999…999; names a character",
    ),
    "wide/feed.json": (
        JSON_HEAD[:-13] + ', "items": [{"id": ' + "9" * 4000 + ', "content_text": "x", "title": '
        + "[" * 500 + "]" * 500 + "}]}",
        "InvalidValue",
        1,
        'item 1: "title" must be a string, got [[[...]]]',
    ),
}  # fmt: skip


def test_validate_checks_every_other_file(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    status, stderr = build_cli(tmp_path, capsys)
    assert status == 0, stderr
    out = tmp_path / "out"
    feeds = (p for p in out.rglob("*") if p.name.endswith((".xml", "feed.json")))
    good = sorted(str(p) for p in feeds if p.name != "sitemap.xml")  # a sitemap is no feed
    for name, (body, *_) in HOSTILE_FEEDS.items():
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_text(body, encoding="utf-8")
    # A broken file sorted after all of them: its finding shows the check went on.
    (out / "zz.xml").write_text("<rss><channel>", encoding="utf-8")
    findings = validate_paths([out], site_url="https://example.com/")
    assert set(findings.files) >= {*good, *(str(out / name) for name in HOSTILE_FEEDS), str(out / "zz.xml")}
    for name, (_, code, line, message) in HOSTILE_FEEDS.items():
        mine = [f for f in findings if f.path == str(out / name) and f.code == code]
        assert [(f.level, f.line) for f in mine] == [("error", line)], mine
        assert message in mine[0].message
        assert len(mine[0].message) < 300
    assert [f.code for f in findings if f.path == str(out / "zz.xml")] == ["NotWellFormed"]
    assert [f for f in findings if f.path in good and f.level == "error"] == []
    status = main(["validate", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in captured.err + captured.out


# 2 and 3 at the date parser: every zone, east and west of UTC, gets a DateError, never an OverflowError
EDGE_DATES = {
    # value: (is Hugo's zero date, what the DateError says, or None when the date is kept)
    "0001-01-01": (True, ("'0001-01-01'", "1000")),
    "0001-01-01T00:00:00Z": (True, ("year 1 in '0001-01-01T00:00:00Z' is before 1000",)),
    "0001-01-01T00:00:00+05:00": (False, ("year 1 in '0001-01-01T00:00:00+05:00' is before 1000",)),
    "0999-12-31T23:00:00-05:00": (False, ("year 999 in '0999-12-31T23:00:00-05:00' is before 1000",)),
    "9999-12-31T23:59:00-12:00": (False, ("'9999-12-31T23:59:00-12:00' is out of range",)),
    "9999-12-31T23:59:00+14:00": (False, ("'9999-12-31T23:59:00+14:00' is out of range",)),
    "9999-12-30T12:00:00+14:00": (False, None),
    "1000-01-01T00:00:00+14:00": (False, None),
}


@pytest.mark.parametrize("zone", ["UTC", "Asia/Seoul", "Pacific/Kiritimati", "America/New_York", "Etc/GMT+12"])
@pytest.mark.parametrize("value", sorted(EDGE_DATES))
def test_edge_dates_in_every_zone(value: str, zone: str) -> None:
    zero, problem = EDGE_DATES[value]
    assert is_zero_date(value) is zero
    if problem is None:
        assert parse_date(value, ZoneInfo(zone)).year in (1000, 9999)
    else:
        with pytest.raises(DateError) as info:
            parse_date(value, ZoneInfo(zone))
        assert all(part in str(info.value) for part in problem), info.value


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_date_only_extremes_in_far_zones(zone: str) -> None:
    """A date without a time takes the site's zone: the first and last days every zone can write."""
    assert parse_date("1000-01-01", ZoneInfo(zone)).year == 1000
    try:
        last = parse_date("9999-12-31", ZoneInfo(zone))
    except DateError as exc:
        assert "is out of range" in str(exc)
    else:
        assert last.astimezone(ZoneInfo("UTC")).date().isoformat() <= "9999-12-30"
