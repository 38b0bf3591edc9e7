"""Hostile cases for the cache, the lock and the output folder (issue #9, items 6-11 and 18).

Each case starts from a good build of a small site, attacks it the way a hostile user or an
unlucky operator would, builds again, and asserts the message, the exit status, and that every
feed is intact and valid: either what a clean build of the same content writes, or (for a disk
fault) exactly the feeds that were there before.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from feeds.build import lock_path
from feeds.cache import FILENAME
from feeds.cli import main
from feeds.validate import validate_paths

from .conftest import content_key, reference_tree, tree, write_site_toml

EXIT_DISK = 4
MARKER = "pwned"


def post(content: Path, name: str, title: str, tags: str, day: int = 1) -> None:
    content.mkdir(parents=True, exist_ok=True)
    (content / name).write_text(
        f"---\ntitle: {title}\ndate: 2025-01-{day:02d}\ntags: [{tags}]\n---\n\nBody of {title}.\n", encoding="utf-8"
    )


@dataclass
class Site:
    root: Path
    config: Path
    extra: list[str] = field(default_factory=list)  # CLI arguments of every build

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def args(self, *more: str, out: Path | None = None, cache: Path | None = None) -> list[str]:
        where = ["--cache", str(cache or self.cache)] if "--no-cache" not in self.extra else []
        return ["build", "--config", str(self.config), "--content", str(self.content),
                "--out", str(out or self.out), *where, *self.extra, *more]  # fmt: skip


def run(site: Site, capsys: pytest.CaptureFixture[str], *more: str, **where: Path) -> tuple[int, str]:
    capsys.readouterr()
    status = main(site.args(*more, **where))
    return status, capsys.readouterr().err


def run_process(site: Site, *more: str, **where: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "feeds", *site.args(*more, **where)], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stderr


def clean_build(site: Site, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    """What a build from scratch writes for the content as it is now (made once for each content
    and settings file, conftest.reference_tree)."""

    def make() -> dict[str, bytes]:
        clean = site.root / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        capsys.readouterr()
        where = ["--config", str(site.config), "--content", str(site.content), "--out", str(clean)]
        main(["build", "-q", *where, "--no-cache"])
        capsys.readouterr()
        return tree(clean, "*.xml")

    return reference_tree(content_key(site.content, "clean_build", site.config.read_bytes()), make)


def assert_valid(out: Path, foreign: tuple[str, ...] = ()) -> None:
    """Every feed feeds wrote validates (what a user put in out/ is the user's)."""
    mine = [str(out / rel) for rel in foreign]
    errors = [f for f in validate_paths([out]) if f.level == "error" and f.path not in mine]
    assert not errors, errors


def title_of(feed: Path) -> str:
    text = feed.read_text(encoding="utf-8")
    return text.split("<title>", 1)[1].split("</title>", 1)[0]


# --------------------------------------------------------------------------- attacks
# Each takes the site after a good build and returns what the next build is expected to leave
# in out/: "clean" (what a fresh build of the content writes) or "before" (nothing changed).


def tamper_cache_with_pickle(site: Site) -> None:  # item 6
    class RunsCode:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {site.root / MARKER}",))

    db = sqlite3.connect(site.cache / FILENAME)
    db.execute("UPDATE documents SET doc = ?", (pickle.dumps(RunsCode()),))
    db.commit()
    db.close()
    post(site.content, "two.md", "Two, edited", "beta", 2)  # a rebuild that reads the cached rows


def database_is_a_folder(site: Site) -> None:  # item 8
    (site.cache / FILENAME).unlink()
    (site.cache / FILENAME).mkdir()
    post(site.content, "two.md", "Two, edited", "beta", 2)


def cache_folder_is_a_file(site: Site) -> None:  # item 8
    shutil.rmtree(site.cache)
    site.cache.write_text("not a folder\n")
    post(site.content, "two.md", "Two, edited", "beta", 2)


def lock_is_a_folder(site: Site) -> None:  # item 8
    lock = lock_path(site.out)
    lock.unlink(missing_ok=True)
    lock.mkdir()
    post(site.content, "two.md", "Two, edited", "beta", 2)


def newcomer_collides_with_published_tag(site: Site) -> None:  # item 9
    post(site.content, "sharp.md", "Sharp", "C#", 5)


def tag_named_like_a_generated_slug(site: Site) -> None:  # item 9
    post(site.content, "sharp.md", "Sharp", "C#", 5)
    assert main(site.args()) == 0  # C# is published at tags/c-<hash>/ ...
    post(site.content, "tricky.md", "Tricky", "c-" + hashlib.sha1(b"c#").hexdigest()[:6], 6)  # ... then this


def hand_made_files_in_out(site: Site) -> None:  # item 10
    (site.out / "tags" / "podcast").mkdir()
    (site.out / "tags" / "podcast" / "rss.xml").write_text("<rss version='2.0'><channel/></rss>\n")
    (site.out / "robots.txt").write_text("User-agent: *\n")
    (site.content / "three.md").unlink()  # its tag "gamma" goes: a stale feed to remove


def file_becomes_broken_symlink(site: Site) -> None:  # item 11
    (site.content / "two.md").unlink()
    (site.content / "two.md").symlink_to(site.root / "nowhere.md")


def file_becomes_symlink_outside(site: Site) -> None:  # item 11
    outside = site.root / "secret.md"
    outside.write_text("---\ntitle: Secret\ndate: 2025-01-09\n---\n\nNot for the feeds.\n")
    (site.content / "two.md").unlink()
    (site.content / "two.md").symlink_to(outside)


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (chattr +i), for the block."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("this file system does not support chattr +i")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def out_tags_is_a_file(site: Site) -> None:  # item 18: a folder needed where a file is
    shutil.rmtree(site.out / "tags")
    (site.out / "tags").write_text("oops\n")
    post(site.content, "two.md", "Two, edited", "beta", 2)


@dataclass(frozen=True)
class Case:
    item: int
    name: str
    attack: Callable[[Site], None]
    status: int
    message: str  # must appear in stderr; "" means stderr must be empty
    expect: str = "clean"  # "clean", "before" or "before-main" (only the main feeds were there)
    extra: tuple[str, ...] = ()  # arguments of both builds
    foreign: tuple[str, ...] = ()  # feeds in out/ that feeds did not write
    history: str = ""  # feeds under this prefix depend on earlier builds: a clean build differs there


CASES = [
    # The edited file is parsed again; the other two rows are read as their article pages and
    # archive pages need them, each dropped when it does not decode: never unpickled.
    Case(6, "pickle payload in the cache", tamper_cache_with_pickle, 0,
         "cache: 1 unreadable document row(s) dropped"),
    Case(8, "database is a folder", database_is_a_folder, 0, "building without it"),
    Case(8, "cache folder is a file", cache_folder_is_a_file, 0, "building without it"),
    Case(8, "lock is a folder", lock_is_a_folder, 0, ""),
    Case(9, "newcomer collides with a published tag", newcomer_collides_with_published_tag, 0, "",
         history="tags/c"),
    Case(9, "newcomer collides, no cache", newcomer_collides_with_published_tag, 0, "", extra=("--no-cache",),
         history="tags/c"),
    Case(9, "tag named like a generated slug", tag_named_like_a_generated_slug, 0, "", history="tags/c"),
    Case(9, "tag named like a generated slug, no cache", tag_named_like_a_generated_slug, 0, "",
         extra=("--no-cache",), history="tags/c"),
    Case(10, "hand-made files in out/", hand_made_files_in_out, 0, "", foreign=("tags/podcast/rss.xml",)),
    Case(10, "hand-made files in out/, no cache", hand_made_files_in_out, 0, "", extra=("--no-cache",),
         foreign=("tags/podcast/rss.xml",)),
    Case(11, "built file becomes a broken symlink", file_becomes_broken_symlink, 1,
         "two.md: the last good version stays", expect="before"),
    Case(11, "built file becomes a symlink outside", file_becomes_symlink_outside, 1,
         "two.md: the last good version stays", expect="before"),
    Case(18, "out/tags is a file", out_tags_is_a_file, EXIT_DISK, "Not a directory", expect="before-main"),
]  # fmt: skip


def make_site(tmp_path: Path, extra: tuple[str, ...] = ()) -> Site:
    site = Site(tmp_path, write_site_toml(tmp_path / "site.toml"), list(extra))
    post(site.content, "one.md", "One", "alpha, C++")
    post(site.content, "two.md", "Two", "beta, C++", 2)
    post(site.content, "three.md", "Three", "gamma", 3)
    return site


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.item}-{c.name}")
def test_hostile_output(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, case.extra)
    assert run(site, capsys) == (0, "")
    before = tree(site.out, "*.xml")
    case.attack(site)
    status, err = run(site, capsys)
    assert status == case.status, err
    if case.message:
        assert case.message in err
    else:
        assert err == ""
    assert "Traceback" not in err
    assert all(len(line) < 400 for line in err.splitlines())
    if case.expect == "before":
        assert tree(site.out, "*.xml") == before
    elif case.expect == "before-main":
        assert tree(site.out, "*.xml") == {k: before[k] for k in ("atom.xml", "rss.xml", "sitemap.xml")}
    else:
        ours = {rel: data for rel, data in tree(site.out, "*.xml").items() if rel not in case.foreign}
        clean = clean_build(site, capsys)
        if case.history:  # the sitemap names every tag's folder: the history's too
            ours = {rel: data for rel, data in ours.items() if not rel.startswith((case.history, "sitemap.xml"))}
            clean = {rel: data for rel, data in clean.items() if not rel.startswith((case.history, "sitemap.xml"))}
        assert ours == clean
    if (site.out / "tags").is_dir():
        assert_valid(site.out, case.foreign)
    check_item(case, site, before)


def check_item(case: Case, site: Site, before: dict[str, bytes]) -> None:
    tags = site.out / "tags"
    if case.item == 6:
        assert not (site.root / MARKER).exists(), "the cache ran code"
    if case.item == 9:
        assert before["tags/c/atom.xml"]  # C++ was published at tags/c/ ...
        assert title_of(tags / "c" / "atom.xml") == "Test site: C++"  # ... and stays there
        sharp = "c-" + hashlib.sha1(b"c#").hexdigest()[:6]
        assert title_of(tags / sharp / "atom.xml") == "Test site: C#"
        folders = {title_of(p) for p in tags.glob("*/atom.xml")}
        assert len(folders) == len(list(tags.glob("*/atom.xml")))  # one folder per tag
    if case.item == 10:
        assert (tags / "podcast" / "rss.xml").read_text() == "<rss version='2.0'><channel/></rss>\n"
        assert (site.out / "robots.txt").read_text() == "User-agent: *\n"
        assert not (tags / "gamma").exists()  # what feeds wrote still goes
    if case.item == 11:
        assert b"Body of Two." in (tags / "beta" / "rss.xml").read_bytes()
        assert b"Not for the feeds" not in (site.out / "rss.xml").read_bytes()
    if case.item == 18:
        assert (site.out / "tags").is_file()


def test_9_slugs_stay_when_the_incumbent_was_published_before_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new (or lost) cache still finds which folder each tag was published in."""
    site = make_site(tmp_path)
    assert run(site, capsys) == (0, "")
    shutil.rmtree(site.cache)
    newcomer_collides_with_published_tag(site)
    assert run(site, capsys) == (0, "")
    check_item(CASES[4], site, {"tags/c/atom.xml": b"x"})


# --------------------------------------------------------------------------- the lock (item 7)
HOLD = """
import sys, time
from pathlib import Path
from feeds.build import lock_path
from feeds.lock import exclusive
with exclusive(lock_path(Path(sys.argv[1])), 0):
    print("held", flush=True)
    time.sleep(60)
"""


@contextlib.contextmanager
def held_by_another_process(out: Path) -> Iterator[None]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


@pytest.mark.parametrize("through", ["other cache", "symlink and other cache", "out/ not there yet"])
def test_7_one_build_per_output_folder(through: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    if through == "out/ not there yet":
        target = site.out
    else:
        assert run(site, capsys) == (0, "")
        target = site.out
        if through.startswith("symlink"):
            (tmp_path / "link").symlink_to(site.out)
            target = tmp_path / "link"
    before = tree(site.out, "*.xml") if site.out.exists() else {}
    # The lock is another process's; the build that waits for it need not be one (tests/test_faults.py
    # runs builds that compete as processes).
    with held_by_another_process(site.out):
        status, err = run(site, capsys, "--wait", "0.2", out=target, cache=tmp_path / "other-cache")
    assert status == 3, err
    assert "another feeds build holds" in err and len(err.splitlines()) == 1
    assert (tree(site.out, "*.xml") if site.out.exists() else {}) == before
    status, err = run(site, capsys, out=target, cache=tmp_path / "other-cache")  # released: builds
    assert (status, err) == (0, "")
    assert_valid(site.out)
    assert not list(site.out.rglob("*lock*"))  # the lock is never published


# --------------------------------------------------------------------------- disk faults (item 18)
@pytest.mark.parametrize("folder", ["out", "out/tags/beta"])
def test_18_immutable_folder_real_process(folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder root cannot write to either: the message names it, and every old feed stays."""
    site = make_site(tmp_path)
    assert run(site, capsys) == (0, "")
    before = tree(site.out, "*.xml")
    post(site.content, "two.md", "Two, edited", "beta, alpha", 2)  # changes the main, alpha and beta feeds
    with immutable(tmp_path / folder):
        status, err = run_process(site)
        assert status == EXIT_DISK, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert str(tmp_path / folder) in err and "Operation not permitted" in err
        assert tree(site.out, "*.xml") == before  # not half a set: every feed is the old one
        assert not [p for p in site.out.rglob("*.tmp")]
    assert_valid(site.out)
    assert run(site, capsys) == (0, "")  # once writable again, the next run catches up
    assert tree(site.out, "*.xml") == clean_build(site, capsys)


@pytest.mark.parametrize(
    ("seam", "code"),
    [("fsync", errno.ENOSPC), ("replace", errno.EROFS), ("create", errno.EACCES), ("commit", errno.EIO)],
)
def test_18_injected_os_errors(
    seam: str, code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import feeds.write

    site = make_site(tmp_path)
    assert run(site, capsys) == (0, "")
    before = tree(site.out, "*.xml")
    post(site.content, "two.md", "Two, edited", "beta", 2)
    (site.content / "three.md").unlink()  # tags/gamma/ is to be removed
    monkeypatch.setenv("FEEDS_WORKERS", "1")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if seam == "commit":  # stale feeds are set aside, then a feed cannot replace its old version
        real_replace, failed = os.replace, []

        def replace(src: str, dst: str) -> None:
            if not str(dst).endswith(".tmp") and not failed:  # once: putting files back works
                failed.append(dst)
                fail()
            real_replace(src, dst)

        monkeypatch.setattr(feeds.write.os, "replace", replace)
    elif seam == "create":  # the temporary file
        monkeypatch.setattr(feeds.write, "_create", fail)
    else:
        monkeypatch.setattr(feeds.write.os, seam, fail)
    status, err = run(site, capsys)
    monkeypatch.undo()
    assert status == EXIT_DISK, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and os.strerror(code) in lines[0] and str(site.out) in lines[0]
    assert tree(site.out, "*.xml") == before  # nothing was replaced or removed
    assert not [p for p in site.out.rglob("*.tmp")]
    assert_valid(site.out)
    assert run(site, capsys) == (0, "")  # the next run catches up
    assert tree(site.out, "*.xml") == clean_build(site, capsys)


def test_18_exit_status_documented() -> None:
    docs = Path(__file__).parents[1] / "docs"
    assert "| 4 |" in (docs / "command-line.md").read_text(encoding="utf-8")
    cron = (docs / "cron.md").read_text(encoding="utf-8")
    assert "disk" in cron.lower() and "4" in cron


def tag_folder_links_outside(site: Site) -> Path:
    outside = site.root / "elsewhere"
    shutil.move(site.out / "tags" / "beta", outside)
    (site.out / "tags" / "beta").symlink_to(outside)
    return outside


def tag_folders_link_in_a_loop(site: Site) -> Path:
    shutil.rmtree(site.out / "tags" / "beta")
    shutil.rmtree(site.out / "tags" / "gamma")
    (site.out / "tags" / "beta").symlink_to(site.out / "tags" / "gamma")
    (site.out / "tags" / "gamma").symlink_to(site.out / "tags" / "beta")
    return site.root / "nowhere"


def tag_feed_links_outside(site: Site) -> Path:
    outside = site.root / "elsewhere"
    outside.mkdir()
    shutil.move(site.out / "tags" / "beta" / "rss.xml", outside / "rss.xml")
    (site.out / "tags" / "beta" / "rss.xml").symlink_to(outside / "rss.xml")
    return outside


def tag_folder_links_to_another_tag(site: Site) -> Path:
    shutil.rmtree(site.out / "tags" / "beta")
    (site.out / "tags" / "beta").symlink_to("alpha")  # beta's feeds would overwrite alpha's
    return site.root / "nowhere"


def tag_feed_links_to_the_main_feed(site: Site) -> Path:
    (site.out / "tags" / "beta" / "rss.xml").unlink()
    (site.out / "tags" / "beta" / "rss.xml").symlink_to("../../rss.xml")  # would overwrite the main feed
    return site.root / "nowhere"


@pytest.mark.parametrize(
    "attack",
    [
        tag_folder_links_outside,
        tag_folders_link_in_a_loop,
        tag_feed_links_outside,
        tag_folder_links_to_another_tag,
        tag_feed_links_to_the_main_feed,
    ],
)
def test_10_links_out_of_the_output_folder_are_refused(
    attack: Callable[[Site], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symbolic link in out/ that leads a feed outside it, nowhere, or onto another of our files
    stops the build before it writes anything, with a message naming the file: never a traceback,
    never a write outside out/, never one feed written over another."""
    site = make_site(tmp_path)
    assert run(site, capsys) == (0, "")
    main_feeds = {rel: data for rel, data in tree(site.out, "*.xml").items() if not rel.startswith("tags/")}
    outside = attack(site)
    theirs = tree(outside, "*") if outside.is_dir() else {}
    post(site.content, "two.md", "Two, edited", "beta", 2)  # tags/beta/ must be written again
    status, err = run(site, capsys)
    assert status == 1, err
    assert "Traceback" not in err
    assert "refusing to write 'tags/beta/" in err, err
    assert (tree(outside, "*") if outside.is_dir() else {}) == theirs
    assert {rel: data for rel, data in tree(site.out, "*.xml").items() if not rel.startswith("tags/")} == main_feeds
    for link in (site.out / "tags").iterdir():  # the operator removes the links: the next build mends all
        if link.is_symlink():
            link.unlink()
    (site.out / "tags" / "beta" / "rss.xml").unlink(missing_ok=True)
    assert run(site, capsys) == (0, "")
    assert tree(site.out, "*.xml") == clean_build(site, capsys)
