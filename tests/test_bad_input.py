"""Bad input, one case at a time: a clear message, the other feeds intact, nothing written elsewhere."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import feeds.load
from feeds.build import build
from feeds.config import Site

AT = datetime(2026, 11, 1, tzinfo=UTC)
GOOD = {
    "good-1.md": "---\ntitle: Good one\ndate: 2025-01-01\ntags: [alpha]\n---\nFirst.\n",
    "good-2.txt": "Title: Good two\nDate: 2025-02-01\nTags: alpha, beta\n\nSecond.\n",
}


def _write(name: str, data: bytes) -> Callable[[Path, Path], None]:
    def make(content: Path, outside: Path) -> None:
        (content / name).write_bytes(data)

    return make


def _huge(content: Path, outside: Path) -> None:
    # Made when the case runs, not held from import on: 50 MB more in the test process makes each
    # worker that the session's builds fork slower to start (a fork copies the page tables).
    _write("huge.md", b"---\ntitle: huge\ndate: 2025-01-01\n---\n" + b"x" * (50 * 1024 * 1024))(content, outside)


def _symlink_loop(content: Path, outside: Path) -> None:
    os.symlink(content / "loop-b.md", content / "loop-a.md")
    os.symlink(content / "loop-a.md", content / "loop-b.md")


def _symlink_outside(content: Path, outside: Path) -> None:
    (outside / "secret.md").write_text("---\ntitle: SECRET OUTSIDE\ndate: 2025-01-01\n---\nx\n", encoding="utf-8")
    os.symlink(outside / "secret.md", content / "link.md")


CASES: dict[str, tuple[Callable[[Path, Path], None], str | None]] = {
    "empty": (_write("empty.md", b""), "file is empty"),
    "binary": (_write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "binary file"),
    "invalid-utf8": (
        _write("cp1251.md", "---\ntitle: Привет, мир: это текст\ndate: 2025-01-01\n---\n".encode("cp1251")),
        "not UTF-8",
    ),
    "cp949": (
        _write("korean.txt", "한글 제목\n\n요약 문단\n\n2025-03-10 홍길동 기자\n\n본문입니다.\n".encode("cp949")),
        None,
    ),
    "malformed-yaml": (
        _write("yaml.md", b"---\ntitle: [oops\ndate: 2025-01-01\n---\nx\n"),
        "invalid YAML front matter",
    ),
    "unclosed-fence": (_write("fence.md", b"---\ntitle: x\ndate: 2025-01-01\n\nbody\n"), "never closed"),
    "bad-date": (_write("date.md", b"---\ntitle: x\ndate: the day after\n---\nx\n"), "unrecognised date"),
    "missing-title": (_write("untitled.md", b"---\ndate: 2025-01-01\n---\nx\n"), "missing title"),
    "huge": (_huge, "larger than"),
    "symlink-loop": (_symlink_loop, "looping symbolic link"),
    "symlink-outside": (_symlink_outside, "points outside the content folder"),
    "slug-escape": (_write("escape.md", b"---\ntitle: x\ndate: 2025-01-01\nslug: ../../../evil\n---\nx\n"), None),
    "unparseable-url": (
        _write("url.md", b"---\ntitle: x\ndate: 2025-01-01\n---\n[a link](https://[oops) and ![](http://[::1)\n"),
        None,
    ),
    "tag-escape": (
        _write("tags.md", b'---\ntitle: x\ndate: 2025-01-01\ntags: ["../../x", "/etc", ".."]\n---\nx\n'),
        None,
    ),
}


def snapshot(root: Path, skip: tuple[Path, ...]) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.lstat().st_mtime_ns
        for p in root.rglob("*")
        if not any(s == p or s in p.parents for s in skip)
    }


def good_content(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """content/ with the good files, an empty outside/, and where the output and cache go."""
    content, outside, out, cache = (tmp_path / n for n in ("content", "outside", "site/out", "site/cache"))
    content.mkdir()
    outside.mkdir()
    for name, text in GOOD.items():
        (content / name).write_text(text, encoding="utf-8")
    return content, outside, out, cache


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case: str, tmp_path: Path, site: Site, caplog: pytest.LogCaptureFixture) -> None:
    make, message = CASES[case]
    content, outside, out, cache = good_content(tmp_path)
    clean = tmp_path / "clean"
    build(site, content, clean, at=AT, cache_dir=tmp_path / "clean-cache")
    make(content, outside)
    before = snapshot(tmp_path, (out, cache, tmp_path / "site"))
    with caplog.at_level(logging.WARNING):
        result = build(site, content, out, at=AT, cache_dir=cache)
    if message is None:
        assert result.errors == []
        assert result.published == 3
    else:
        assert len(result.errors) == (2 if case == "symlink-loop" else 1), result.errors  # a loop is two links
        error = str(result.errors[0])
        assert message in error and str(content) in error
        assert result.published == 2
        for rel in ("atom.xml", "rss.xml", "tags/alpha/atom.xml", "tags/beta/rss.xml"):
            assert (out / rel).read_bytes() == (clean / rel).read_bytes(), rel
    assert snapshot(tmp_path, (out, cache, tmp_path / "site")) == before, "wrote outside out/ and the cache"
    assert all(out in p.parents for p in out.rglob("*") if p.is_file())
    assert b"SECRET OUTSIDE" not in (out / "atom.xml").read_bytes()
    if case == "slug-escape":
        assert "slug '../../../evil' is not one safe URL path segment; using 'evil'" in caplog.text
        assert b"https://example.com/posts/evil/" in (out / "atom.xml").read_bytes()
    if case == "unparseable-url":  # urlsplit raises on these: left as written, the build goes on
        assert b"https://[oops" in (out / "atom.xml").read_bytes()
    if case == "tag-escape":
        assert sorted(p.name for p in (out / "tags").iterdir()) == ["alpha", "beta", "etc", "tag-9d891e", "x"]


def test_file_deleted_during_the_build(tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name, text in GOOD.items():
        (content / name).write_text(text, encoding="utf-8")
    (content / "vanishing.md").write_text("---\ntitle: Vanishing\ndate: 2025-03-01\n---\nx\n", encoding="utf-8")
    real = feeds.load.read_bytes

    def delete_then_read(path: str, *args: object, **kwargs: object) -> bytes:
        if Path(path).name == "vanishing.md":
            Path(path).unlink()
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(feeds.load, "read_bytes", delete_then_read)
    result = build(site, content, tmp_path / "out", at=AT, cache_dir=tmp_path / "cache")
    assert result.errors == [] and result.published == 2
    assert b"Vanishing" not in (tmp_path / "out" / "atom.xml").read_bytes()


@pytest.mark.parametrize("case", ["symlink-loop", "symlink-outside"])
def test_a_refused_file_is_reported_when_nothing_else_changed(case: str, tmp_path: Path, site: Site) -> None:
    """A link that appears (or goes) between two runs with no other change is reported (or no
    longer reported) by the next run: the no-change check must not replay the last run's errors."""
    make, message = CASES[case]
    content, outside, out, cache = good_content(tmp_path)
    assert build(site, content, out, at=AT, cache_dir=cache).errors == []
    make(content, outside)
    result = build(site, content, out, at=AT, cache_dir=cache)
    assert result.errors and all(message and message in str(e) for e in result.errors), result.errors
    again = build(site, content, out, at=AT, cache_dir=cache)  # nothing changed since: the same errors
    assert [str(e) for e in again.errors] == [str(e) for e in result.errors]
    for link in content.iterdir():
        if link.is_symlink():
            link.unlink()
    assert build(site, content, out, at=AT, cache_dir=cache).errors == []
