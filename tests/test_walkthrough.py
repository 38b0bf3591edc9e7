"""A new user's first minutes, in real processes: an empty folder to a site that builds from cron.

Every step is a ``feeds`` process run in the site folder, as a person or cron would run it, and
after each one nothing outside the output folders and the cache has changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser

ORDINARY = {
    "README.md": "# My blog\n\nThe posts of my blog.\n",
    "LICENSE": "Creative Commons Attribution 4.0\n",
    "authors.yml": "alice:\n  name: Alice\n  url: https://alice.example/\n",
    "data.json": '{"nav": [{"title": "Home", "url": "/"}]}\n',
    "snippet.html": '<aside class="note">{{ content }}</aside>\n',
    "main.go": 'package main\n\nfunc main() { println("hi") }\n',
    "_headers": "/*\n  X-Frame-Options: DENY\n  Cache-Control: max-age=300\n",
    "old-url.md": "---\nredirect: /blog/2025/hello/\n---\n",
}
ABOUT = "---\ntitle: About\nlayout: page\n---\nWho writes here.\n"
ELEVENTY = "---\nnewstitle: Notes from Eleventy\npublished_at: 2025-06-01\n---\nWritten with 11ty.\n"
DRAFT = "---\ntitle: Not yet\ndate: 2025-06-02\ndraft: true\n---\nSoon.\n"
EPOCH = "1751328000"  # 2025-07-01 00:00 UTC


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "blog"
        self.home = root / "home"
        self.home.mkdir()
        self.folder.mkdir()
        self.allowed: tuple[str, ...] = ()

    def feeds(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``feeds ARGS`` in the site folder; assert it changed nothing but what it may write."""
        env = {**os.environ, "HOME": str(self.home), "SOURCE_DATE_EPOCH": EPOCH}
        env.pop("FEEDS_WORKERS", None)
        before = self.snapshot()
        proc = subprocess.run(
            [sys.executable, "-m", "feeds", *args], cwd=self.folder, env=env, capture_output=True, text=True
        )
        changed = sorted(set(before.items()) ^ set(self.snapshot().items()))
        strays = sorted({rel for rel, _ in changed if not rel.startswith(self.allowed)})
        assert not strays, f"feeds {' '.join(args)} wrote outside its output and cache: {strays}"
        return proc

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Every file's size and mtime, and every folder (whose mtime changes with what it holds)."""
        found = {}
        for dirpath, dirnames, filenames in os.walk(self.root):
            for name in dirnames:
                found[(Path(dirpath) / name).relative_to(self.root).as_posix()] = (0, 0)
            for name in filenames:
                path = Path(dirpath) / name
                st = path.lstat()
                found[path.relative_to(self.root).as_posix()] = (st.st_size, st.st_mtime_ns)
        return found

    def build(self, *args: str, out: str = "out") -> list[str]:
        """``feeds build ARGS``: exit 0, no message on stderr; the titles of the main feed's entries."""
        self.allowed = (f"blog/{out}", "blog/.feeds-cache")
        proc = self.feeds("build", *args)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        self.last = proc.stdout
        rss = feedparser.parse((self.folder / out / "rss.xml").read_bytes())
        assert not rss.bozo
        return [entry.title for entry in rss.entries]

    def settings(self, text: str) -> None:
        path = self.folder / "feeds.toml"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_from_an_empty_folder_to_a_site(tmp_path: Path) -> None:
    site = Site(tmp_path)
    # feeds init writes only its three things, in the site folder.
    site.allowed = ("blog/feeds.toml", "blog/content", "blog/.gitignore")
    init = site.feeds("init", "--title", "My blog", "--url", "https://blog.example/", "--timezone", "Asia/Seoul")
    assert init.returncode == 0, init.stderr
    assert "feeds build" in init.stdout and "*/5 * * * *" in init.stdout
    content = site.folder / "content"
    (sample,) = content.iterdir()
    assert sample.name == "2025-07-01-hello-feeds.md"

    # A build with no flags at all, from the settings feeds init wrote.
    entries = site.build()
    assert entries == ["Hello, feeds"]
    assert site.feeds("validate", "-q", "out").returncode == 0

    # The ordinary files of a real site folder: exit 0, the same entries, one line that counts them.
    for name, text in ORDINARY.items():
        (content / name).write_text(text, encoding="utf-8")
    (content / "about.md").write_text(ABOUT, encoding="utf-8")
    assert site.build() == entries
    assert f"{len(ORDINARY)} other files skipped" in site.last
    assert "about.md: a page, not a post" in site.last and "exclude" in site.last
    listed = site.build("-v")
    assert listed == entries and all(name in site.last for name in ORDINARY)
    quiet = site.feeds("build", "-q")  # what cron runs: silent
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")

    # The content and output folders set in feeds.toml (a Jekyll layout), not on every command.
    content.rename(site.folder / "_posts")
    content = site.folder / "_posts"
    edit(site.folder / "feeds.toml", 'content = "content"\nout = "out"\n', 'content = "_posts"\nout = "public"\n')
    assert site.build(out="public") == entries
    config = site.feeds("config")
    assert config.returncode == 0
    assert any(line.split() == ["content", "=", '"_posts"', "#", "file"] for line in config.stdout.splitlines())

    # A post under the site's own keys: a page until [fields] says which keys they are.
    (content / "eleventy.md").write_text(ELEVENTY, encoding="utf-8")
    assert site.build(out="public") == entries
    site.settings('\n[fields]\ntitle = ["newstitle"]\ndate = ["published_at"]\n')
    entries = site.build(out="public")
    assert entries == ["Hello, feeds", "Notes from Eleventy"]

    # A draft: left out, but for a preview built with --drafts into another folder.
    (content / "draft.md").write_text(DRAFT, encoding="utf-8")
    assert site.build(out="public") == entries
    assert site.build("--drafts", "--out", "preview", out="preview") == [
        "Hello, feeds",
        "Not yet",
        "Notes from Eleventy",
    ]

    # summary_only: the same entries, without their full content.
    edit(site.folder / "feeds.toml", "\n[fields]", "summary_only = true\n\n[fields]")
    assert site.build(out="public") == entries
    rss = (site.folder / "public" / "rss.xml").read_text(encoding="utf-8")
    assert "<content:encoded>" not in rss and "<description>Written with 11ty.</description>" in rss
    assert site.feeds("validate", "-q", "public").returncode == 0
    assert sorted(os.listdir(site.home)) == []
