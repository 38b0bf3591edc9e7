"""Hostile input (issue #9): one case per attack on reading content, through the command line.

Each case writes one hostile file (or folder) beside two good articles and runs ``feeds build``.
It asserts the exit status, the one-line message naming the file, and that the good articles'
feeds are still there and valid (``feeds.validate``). The inputs live under tests/data/hostile/
where they are files; cases that need a name the file system must hold (non-UTF-8 bytes, a
newline) or a link make it here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import feeds.build
from feeds.build import build
from feeds.cli import main
from feeds.config import Site
from feeds.sources import discover
from feeds.validate import validate_paths

from .conftest import DATA, write_site_toml
from .sweeps import in_modes

HOSTILE = DATA / "hostile"
GOOD = {
    "good-1.md": "---\ntitle: Good one\ndate: 2025-01-01\ntags: [alpha]\n---\nFirst.\n",
    "good-2.txt": "Title: Good two\nDate: 2025-02-01\nTags: alpha, beta\n\nSecond.\n",
}
EUC_KR_NAME = "한글 제목".encode("euc-kr") + b".md"  # as a Korean Windows share stores it
Make = Callable[[Path, Path], None]


def data(name: str, as_name: str | bytes | None = None) -> Make:
    """Copy tests/data/hostile/``name`` into the content folder (under ``as_name`` when given)."""

    def make(content: Path, outside: Path) -> None:
        target = os.path.join(os.fsencode(content), os.fsencode(as_name or name))
        with open(target, "wb") as f:
            f.write((HOSTILE / name).read_bytes())

    return make


def text(as_name: str | bytes, body: str) -> Make:
    def make(content: Path, outside: Path) -> None:
        with open(os.path.join(os.fsencode(content), os.fsencode(as_name)), "wb") as f:
            f.write(body.encode("utf-8"))

    return make


def nested(kind: str, depth: int) -> Make:
    """Front matter holding a list nested ``depth`` levels deep, as field ``x``."""
    deep = "[" * depth + "]" * depth
    doc = {
        "yaml": f"---\ntitle: x\ndate: 2025-01-01\nx: {deep}\n---\nbody\n",
        "json": f'{{"title": "x", "date": "2025-01-01", "x": {deep}}}\nbody\n',
        "toml": f'+++\ntitle = "x"\ndate = 2025-01-01\nx = {deep}\n+++\nbody\n',
    }[kind]
    return text(f"nested-{kind}.md", doc)


@dataclass(frozen=True)
class Case:
    make: Make
    message: str | None  # None: the file is published like any other
    line: int | None = None
    status: int = 1
    published: int = 2  # of the files in the content folder
    shown_as: str | None = None  # how the file is named in the message (default: its name)


CASES: dict[str, Case] = {
    # 1: dates that do not exist, in every front matter that has typed dates
    "1-yaml-feb-30": Case(data("feb30.md"), "field 'date': day is out of range for month", 3),
    "1-yaml-year-0": Case(data("year0.md"), "field 'date': year 0 is out of range", 3),
    "1-yaml-hour-25": Case(data("hour25.md"), "field 'date': hour must be in 0..23", 3),
    "1-yaml-in-a-list": Case(data("feb30_nested.md"), "field 'history': day is out of range for month", 5),
    "1-toml-feb-30": Case(data("feb30.toml.md"), "invalid TOML front matter: Invalid date or datetime", 3),
    # 2: a file name in EUC-KR bytes: read and published, its slug from the decoded name
    "2-euc-kr-name": Case(data("korean_name.md", EUC_KR_NAME), None, status=0, published=3),
    "2-undecodable-name": Case(data("korean_name.md", b"caf\xe9\xff.md"), None, status=0, published=3),
    "2-euc-kr-name-bad-file": Case(
        data("feb30.md", EUC_KR_NAME),
        "day is out of range",
        3,
        shown_as="\\xc7ѱ\\xdb \\xc1\\xa6\\xb8\\xf1.md",  # d1 b1 is UTF-8 for ѱ
    ),
    # 3: nesting deeper than any front matter needs
    "3-yaml-500": Case(nested("yaml", 500), "field 'x': nested more than 32 levels deep", 4),
    "3-json-1000": Case(nested("json", 1000), "nested more than 32 levels deep", 1),
    "3-toml-1000": Case(nested("toml", 1000), "nested more than 32 levels deep", 4),
    "3-yaml-recursive": Case(data("recursive.md"), "field 'x': refers to itself", 4),
    # 5: a billion laughs
    "5-alias-bomb": Case(data("alias_bomb.md"), "field 'f': expands to more than", 9),
    # 13: wrong types in front matter
    "13-tags-mapping": Case(data("tags_mapping.md"), "field 'tags': expected a list of tags or a comma-separated", 4),
    "13-tags-nested": Case(data("tags_nested.md"), "field 'tags': expected a list of tags or a comma-separated", 4),
    "13-summary-mapping": Case(data("summary_mapping.md"), "field 'summary': expected text, got a mapping", 4),
    "13-lang-number": Case(data("lang_number.md"), "field 'lang': expected a BCP 47 language tag", 4),
    "13-lang-invalid": Case(data("lang_invalid.md"), "field 'lang': 'not a language <>' is not a BCP 47", 4),
    "13-title-mapping": Case(data("title_mapping.md"), "field 'title': expected text, got a mapping", 2),
    "13-author-number": Case(data("author_number.md"), "field 'authors': expected a name", 4),
    "13-author-name-list": Case(data("author_name_list.md"), "field 'author': expected a name", 4),
    "13-link-list": Case(data("link_list.md"), "field 'link': expected a URL, got a list", 4),
    "13-slug-mapping": Case(data("slug_mapping.md"), "field 'slug': expected text, got a mapping", 4),
    "13-draft-list": Case(data("draft_list.md"), "field 'draft': expected true or false, got a list", 4),
    # 14: a date in Asia/Seoul before 1908 (local mean time, +08:27:52)
    "14-lmt-date": Case(data("lmt_date.md"), None, status=0, published=3),
    # 21: a newline in a file name stays one line in every message
    "21-newline-name": Case(data("feb30.md", "bad\nname.md"), "day is out of range", 3, shown_as="bad\\nname.md"),
    "21-control-chars-name": Case(
        data("feb30.md", "bell\a\x1b[31mred.md"), "day is out of range", 3, shown_as="bell\\x07\\x1b[31mred.md"
    ),
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (tmp_path / "outside").mkdir()
    for name, body in GOOD.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def build_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str, out: str = "out") -> tuple[int, str]:
    config = write_site_toml(tmp_path / "site.toml")
    argv = ["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / out), "--config", str(config)]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1793491200")  # 2026-11-01
    status = main([*argv, *extra])
    captured = capsys.readouterr()
    return status, captured.err


def assert_one_line_messages(stderr: str, content: Path) -> None:
    """Every line of stderr is a whole message: it names a file of the content folder, or is a log line."""
    for line in stderr.splitlines():
        assert line.startswith((str(content), "WARNING:", "ERROR:", "feeds:")), repr(line)


def assert_good_feeds(out: Path, published: int) -> None:
    findings = [f for f in validate_paths([out], site_url="https://example.com/") if f.level == "error"]
    assert findings == []
    atom = (out / "atom.xml").read_text(encoding="utf-8")
    assert "Good one" in atom and "Good two" in atom
    assert atom.count("<entry") == published
    for rel in ("rss.xml", "tags/alpha/atom.xml", "tags/alpha/rss.xml", "tags/beta/atom.xml"):
        assert (out / rel).is_file(), rel


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


def check_case(case: Case, cache: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One hostile file beside the good ones: it fails alone, with one message naming it, or is published."""
    case.make(content, tmp_path / "outside")
    status, stderr = build_cli(tmp_path, capsys, *(["--no-cache"] if cache == "no-cache" else []))
    assert "Traceback" not in stderr
    assert status == case.status, stderr
    assert_one_line_messages(stderr, content)
    if case.message is None:
        assert not [line for line in stderr.splitlines() if not line.startswith("WARNING:")], stderr
    else:
        errors = [line for line in stderr.splitlines() if line.startswith(str(content))]
        assert len(errors) == 1, stderr
        shown = case.shown_as or next(p.name for p in content.iterdir() if p.name not in GOOD)
        where = f"{content}/{shown}" + (f":{case.line}" if case.line else "")
        assert errors[0].startswith(where + ": "), (errors[0], where)
        assert case.message in errors[0], errors[0]
    assert_good_feeds(tmp_path / "out", case.published)


def test_non_utf8_names_are_published_under_their_decoded_slugs(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    data("korean_name.md", EUC_KR_NAME)(content, tmp_path)
    text(b"caf\xe9\xff.md", "---\ntitle: Escaped\ndate: 2025-03-02\n---\nbody\n")(content, tmp_path)
    status, stderr = build_cli(tmp_path, capsys)
    assert status == 0
    # The name's bytes are escaped, and the slug made from that says so.
    shown = f"{content}/caf\\xe9\\xff.md"
    assert stderr == f"WARNING: {shown}: slug 'caf\\\\xe9\\\\xff' is not one safe URL path segment; using 'cafxe9xff'\n"
    atom = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    assert "https://example.com/posts/%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9/" in atom  # 한글-제목
    assert "https://example.com/posts/cafxe9xff/" in atom  # not CP949 Korean either: escaped, then slugged
    assert_good_feeds(tmp_path / "out", 4)


def test_lmt_offsets_are_whole_minutes_in_both_formats(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """1900-01-01 in Asia/Seoul is +08:27:52 local mean time: shown at +08:28, the same instant."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    data("lmt_date.md")(content, tmp_path)
    assert build_cli(tmp_path, capsys, "--validate")[0] == 0
    atom = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    rss = (tmp_path / "out" / "rss.xml").read_text(encoding="utf-8")
    # 1900-01-01 00:00 at +08:27:52 is 1899-12-31 15:32:08 UTC, which is 00:00:08 at +08:28.
    assert "<published>1900-01-01T00:00:08+08:28</published>" in atom
    assert "<pubDate>Mon, 01 Jan 1900 00:00:08 +0828</pubDate>" in rss
    assert not re.search(r"[+-]\d\d:\d\d:\d\d<", atom)


def test_impossible_date_keeps_the_last_good_version(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    post = content / "post.md"
    post.write_text("---\ntitle: Was fine\ndate: 2024-02-28\n---\nbody\n", encoding="utf-8")
    assert build_cli(tmp_path, capsys)[0] == 0
    post.write_text("---\ntitle: Was fine\ndate: 2024-02-30\n---\nbody\n", encoding="utf-8")
    status, stderr = build_cli(tmp_path, capsys)
    assert status == 1
    assert f"{post}:3: field 'date': day is out of range for month" in stderr
    assert f"{post}: the last good version stays in the feeds" in stderr
    assert "Was fine" in (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    assert_good_feeds(tmp_path / "out", 3)


@pytest.mark.parametrize("where", ["out", "cache"])
def test_output_and_cache_inside_content_are_never_read(
    where: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 17: --out (or --cache) inside --content: every later build still reads only the articles."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    out = "content/site/out" if where == "out" else "out"
    extra = ["--cache", str(content / "build-cache")] if where == "cache" else []
    # The cache's files are not hidden here, and a stray article-like file in it must not be read either.
    for _ in range(3):
        status, stderr = build_cli(tmp_path, capsys, *extra, out=out)
        assert (status, stderr) == (0, "")
        if where == "cache":
            (content / "build-cache" / "note.md").write_text("---\ntitle: not an article\n---\n", encoding="utf-8")
    assert_good_feeds(tmp_path / out, 2)
    found, refused = discover(content, skip=[tmp_path / out, content / "build-cache"])
    assert sorted(f.source for f in found) == sorted(GOOD) and refused == []


def test_output_folder_equal_to_content_is_a_usage_error(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, stderr = build_cli(tmp_path, capsys, out="content/../content")
    assert status == 2
    assert "is the content folder" in stderr


@pytest.mark.parametrize("where", ["out", "out/tags", "cache"])
def test_output_or_cache_folder_in_a_symlink_loop_is_a_usage_error(
    where: str, content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out that is (or is inside) a loop of symbolic links: a one-line error naming it, not a traceback.
    A --cache there is unusable like any other broken cache: the build goes on without it."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    folder = "a" if where != "out/tags" else "a/tags"
    extra = ["--cache", str(tmp_path / folder)] if where == "cache" else []
    status, stderr = build_cli(tmp_path, capsys, *extra, out="out" if where == "cache" else folder)
    assert "Traceback" not in stderr
    if where == "cache":
        assert status == 0, stderr
        assert "building without it" in stderr
        assert_good_feeds(tmp_path / "out", 2)
    else:
        assert status == 2, stderr
        assert "--out: " in stderr and "loop of symbolic links" in stderr, stderr


def test_file_swapped_for_a_symlink_after_discovery_is_not_read(
    content: Path, tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 20: a file replaced by a link out of content/ between discover and read is refused."""
    secret = tmp_path / "outside" / "secret.md"
    secret.write_text("---\ntitle: SECRET OUTSIDE\ndate: 2025-01-01\n---\nsecret\n", encoding="utf-8")
    (tmp_path / "outside" / "dir").mkdir()
    (tmp_path / "outside" / "dir" / "inner.md").write_text(secret.read_text(encoding="utf-8"), encoding="utf-8")
    (content / "victim.md").write_text("---\ntitle: Victim\ndate: 2025-01-03\n---\nv\n", encoding="utf-8")
    (content / "sub").mkdir()
    (content / "sub" / "inner.md").write_text("---\ntitle: Inner\ndate: 2025-01-04\n---\ni\n", encoding="utf-8")
    real_discover = feeds.build.discover

    def discover_then_swap(*args: object, **kwargs: object) -> object:
        found = real_discover(*args, **kwargs)  # type: ignore[arg-type]
        (content / "victim.md").unlink()
        os.symlink(secret, content / "victim.md")  # the file itself becomes a link out
        os.rename(content / "sub", tmp_path / "sub-away")
        os.symlink(tmp_path / "outside" / "dir", content / "sub")  # a folder on its path becomes one
        return found

    monkeypatch.setattr(feeds.build, "discover", discover_then_swap)
    result = build(site, content, tmp_path / "out", cache_dir=None)
    messages = sorted(str(e) for e in result.errors)
    assert messages == [
        f"{content}/sub/inner.md: skipped: resolves outside the content folder (it changed while being read)",
        f"{content}/victim.md: skipped: resolves outside the content folder (it changed while being read)",
    ]
    for path in (tmp_path / "out").rglob("*.xml"):
        assert b"SECRET" not in path.read_bytes() and b"secret" not in path.read_bytes()
    assert_good_feeds(tmp_path / "out", 2)


def test_symlink_race_loop_never_publishes_outside_content(
    content: Path, tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real race: a thread keeps swapping a file and a link out; no build ever publishes the secret."""
    import threading

    secret = tmp_path / "outside" / "secret.md"
    secret.write_text("---\ntitle: SECRET OUTSIDE\ndate: 2025-01-01\n---\nsecret\n", encoding="utf-8")
    real = tmp_path / "real.md"
    real.write_text("---\ntitle: Swapped\ndate: 2025-01-03\n---\nv\n", encoding="utf-8")
    target = content / "swap.md"
    stop = threading.Event()

    def swap() -> None:
        tmp_link = content / ".swap-link"
        tmp_file = content / ".swap-file"
        while not stop.is_set():
            tmp_link.unlink(missing_ok=True)
            os.symlink(secret, tmp_link)
            os.replace(tmp_link, target)
            tmp_file.unlink(missing_ok=True)
            os.link(real, tmp_file)
            os.replace(tmp_file, target)

    monkeypatch.setenv("FEEDS_WORKERS", "1")
    thread = threading.Thread(target=swap)
    thread.start()
    try:
        for i in range(40):
            out = tmp_path / f"out-{i}"
            build(site, content, out, cache_dir=None)
            for path in out.rglob("*.xml"):
                assert b"SECRET" not in path.read_bytes()
    finally:
        stop.set()
        thread.join()
