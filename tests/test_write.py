"""Where the build may write: ``safe_paths`` gives the paths a realpath of each file gives, and
refuses a file that a symbolic link leads outside the output folder, into a loop, or onto another
of its files.

``safe_paths`` resolves the output folder and each parent folder once for a whole build's files;
``one_by_one`` is what it replaced, the whole path of each file resolved (one realpath each).
Every layout below is checked both ways: symbolic links inside, outside, dangling and looping, at
every level.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from feeds.errors import OutputError
from feeds.write import safe_paths

NAMES = [
    "atom.xml",
    "tags/alpha/atom.xml",
    "tags/alpha/rss.xml",
    "tags/beta/feed.json",
    "tags/gamma/index.html",
    "tags/alpha/../beta/atom.xml",
    "tags/./alpha/rss.xml",
    "deep/er/still/atom.xml",
]


def _plain(out: Path, outside: Path) -> None:
    (out / "tags" / "alpha").mkdir(parents=True)


def _folder_link_outside(out: Path, outside: Path) -> None:
    (out / "tags").mkdir(parents=True)
    (out / "tags" / "alpha").symlink_to(outside)


def _folder_link_inside(out: Path, outside: Path) -> None:
    (out / "tags" / "beta").mkdir(parents=True)
    (out / "tags" / "alpha").symlink_to(out / "tags" / "beta")


def _tags_link_outside(out: Path, outside: Path) -> None:
    out.mkdir()
    (out / "tags").symlink_to(outside)


def _file_link_outside(out: Path, outside: Path) -> None:
    (out / "tags" / "alpha").mkdir(parents=True)
    (out / "tags" / "alpha" / "rss.xml").symlink_to(outside / "rss.xml")
    (outside / "rss.xml").write_text("theirs")


def _file_link_dangling_outside(out: Path, outside: Path) -> None:
    (out / "tags" / "alpha").mkdir(parents=True)
    (out / "tags" / "alpha" / "rss.xml").symlink_to(outside / "nothing-here.xml")


def _file_link_inside(out: Path, outside: Path) -> None:
    (out / "tags" / "alpha").mkdir(parents=True)
    (out / "atom.xml").write_text("ours")
    (out / "tags" / "alpha" / "atom.xml").symlink_to(out / "atom.xml")


def _file_link_to_root(out: Path, outside: Path) -> None:
    (out / "tags" / "alpha").mkdir(parents=True)
    (out / "tags" / "alpha" / "rss.xml").symlink_to(out)


def _link_loop(out: Path, outside: Path) -> None:
    (out / "tags").mkdir(parents=True)
    (out / "tags" / "alpha").symlink_to(out / "tags" / "beta")
    (out / "tags" / "beta").symlink_to(out / "tags" / "alpha")


def _out_is_a_link(out: Path, outside: Path) -> None:
    real = out.parent / "real-out"
    (real / "tags" / "alpha").mkdir(parents=True)
    out.symlink_to(real)


def _out_missing(out: Path, outside: Path) -> None:
    pass


LAYOUTS: dict[str, Callable[[Path, Path], None]] = {
    f.__name__.strip("_"): f
    for f in (
        _plain,
        _folder_link_outside,
        _folder_link_inside,
        _tags_link_outside,
        _file_link_outside,
        _file_link_dangling_outside,
        _file_link_inside,
        _file_link_to_root,
        _link_loop,
        _out_is_a_link,
        _out_missing,
    )
}


def one_by_one(out: Path, name: str) -> Path | str:
    """The path, or why it is refused."""
    try:
        root = out.resolve()
        path = (root / name).resolve()
    except RuntimeError:
        return "loop"
    if not path.is_relative_to(root) or path == root:
        return "outside"
    return path if path == Path(os.path.normpath(root / name)) else "elsewhere in out/"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("as_given", ["relative", "absolute"])
def test_safe_paths_agrees_with_safe_path(
    layout: str, as_given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    LAYOUTS[layout](tmp_path / "out", outside)
    monkeypatch.chdir(tmp_path)
    out = Path("out") if as_given == "relative" else tmp_path / "out"
    expected = {name: one_by_one(out, name) for name in NAMES}
    refused = {name for name, path in expected.items() if not isinstance(path, Path)}
    if refused:
        with pytest.raises(OutputError, match=r"^refusing to write ") as caught:
            safe_paths(out, NAMES)
        assert any(repr(name) in str(caught.value) for name in refused)
        assert {name: p for name, p in expected.items() if name not in refused} == safe_paths(
            out, [n for n in NAMES if n not in refused]
        )
    else:
        assert safe_paths(out, NAMES) == expected
    assert os.listdir(outside) in ([], ["rss.xml"])  # nothing written, nothing made


def test_safe_paths_refuses_the_folder_itself(tmp_path: Path) -> None:
    for name in ("", ".", "tags/..", "tags/alpha/../..", "../out", "tags/../../out/"):
        assert one_by_one(tmp_path / "out", name) == "outside"
        with pytest.raises(OutputError, match="outside the output folder"):
            safe_paths(tmp_path / "out", [name])
