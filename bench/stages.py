#!/usr/bin/env python3
"""Where a build's time goes: CPU seconds per stage of one build, in one process.

    .venv/bin/python bench/stages.py --content DIR --config FILE [--cache DIR] [--json]

The build runs in-process with ``FEEDS_WORKERS=1`` and the guard's worker processes left out
(``feeds.guard.can_fork`` false: the documents' work runs in this process, where it is counted), so
every stage's work is in this process and the stages add up to the build; each is timed with
``time.process_time`` (CPU, not wall: the machine is shared) by wrapping the function that does
it. A stage that runs inside another (Markdown inside the archives' planning, the flushes inside
the article pages' writing) counts for itself only. Stages, in build order:

    start-up        Python and the imports before the build starts
    read + parse    feeds.load.load: reading, detecting, parsing, normalizing every file
    Markdown/HTML   Entries.convert_ahead: the bodies of the entries some changed feed shows, and
                    of every article page (article pages read each body again from its file)
    entries         feeds.formats.make_job: each entry built once per format
    feeds           publish._stage_file: each feed serialized with its entries (and its page)
    file writes     feeds.write.stage_if_changed: each feed's and article page's bytes written to
                    its temporary file; nearly all of it is the kernel's (creating the file, its
                    pages), which varies with what else the machine's disk is doing
    flush + rename  feeds.write.commit: fsync of the staged files, the renames
    site pages      publish._write_pages: index.html, feeds.opml
    article pages   feeds.pages.articles.article_page: each article's page (Jinja)
    article files   sitefiles._write_batch: the article pages staged (folders; the files are in "file writes")
    the rest        planning, tags, fingerprints, the cache, the lock

Flushes wait on the disk, which process time does not count: ``flush + rename`` also gives its wall time.
Standard library only (and feeds itself).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

START_CPU = time.process_time()  # Python's own start-up is before this line: see main()

STAGES = (
    ("read + parse", "feeds.load", "load"),
    ("Markdown/HTML", "feeds.entries", "Entries.convert_ahead"),
    ("entries", "feeds.formats", "make_job"),
    ("feeds", "feeds.publish", "_stage_file"),
    ("file writes", "feeds.write", "stage_if_changed"),
    ("flush + rename", "feeds.write", "commit"),
    ("site pages", "feeds.publish", "_write_pages"),
    ("article pages", "feeds.pages.articles", "article_page"),
    ("article files", "feeds.sitefiles", "_write_batch"),
)

_OPEN: list[list[float]] = []  # the stages running, outermost first: [CPU, wall] their inner stages took


def timed(spent: dict[str, list[float]], stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        inner = [0.0, 0.0]
        _OPEN.append(inner)
        try:
            return function(*args, **kwargs)
        finally:
            _OPEN.pop()
            took = (time.process_time() - cpu, time.perf_counter() - wall)
            spent[stage][0] += took[0] - inner[0]
            spent[stage][1] += took[1] - inner[1]
            if _OPEN:
                _OPEN[-1][0] += took[0]
                _OPEN[-1][1] += took[1]

    return wrapper


def measure(content: Path, config: Path, out: Path, cache: Path | None) -> dict[str, Any]:
    os.environ["FEEDS_WORKERS"] = "1"
    import importlib

    import feeds.guard
    from feeds.build import build
    from feeds.config import load_site

    # Each document's work in this process, not in the guard's workers, whose CPU it cannot see.
    patched: list[tuple[object, str, object]] = [(feeds.guard, "can_fork", feeds.guard.can_fork)]
    feeds.guard.can_fork = lambda: False

    spent = {stage: [0.0, 0.0] for stage, _, _ in STAGES}
    try:
        for stage, module_name, name in STAGES:
            module = importlib.import_module(module_name)
            owner_name, _, attribute = name.rpartition(".")
            owner = getattr(module, owner_name) if owner_name else module
            patched.append((owner, attribute, getattr(owner, attribute)))
            setattr(owner, attribute, timed(spent, stage, getattr(owner, attribute)))
        imports = time.process_time()
        site = load_site(config)
        build_start = time.process_time()
        result = build(site, content, out, include_future=True, cache_dir=cache)
        total = time.process_time()
        # Nested stages: make_job runs inside no other stage; _stage_file does not call commit;
        # stage_if_changed runs inside _stage_file and _write_batch, and counts for itself.
    finally:  # as it was: a test measures in its own process
        for owner, attribute, original in reversed(patched):
            setattr(owner, attribute, original)
    rows = {"start-up": imports}
    rows.update({stage: cpu for stage, (cpu, _) in spent.items()})
    rows["the rest"] = (total - build_start) - sum(cpu for cpu, _ in spent.values()) + (build_start - imports)
    return {
        "published": result.published,
        "files written": len(result.written),
        "cpu": rows,
        "total cpu": total,
        "flush wall": spent["flush + rename"][1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="output folder (default: a fresh temporary one)")
    parser.add_argument("--cache", type=Path, help="cache folder (default: no cache)")
    parser.add_argument("--json", action="store_true", help="print one line of JSON")
    args = parser.parse_args(argv)
    out = args.out or Path(f"/tmp/feeds-stages-{os.getpid()}")
    try:
        found = measure(args.content, args.config, out, args.cache)
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    if args.json:
        print(json.dumps(found))
        return 0
    print(f"{found['published']} published, {found['files written']} files written")
    for stage, cpu in found["cpu"].items():
        print(f"{stage:>16}  {cpu:7.2f} s  {100 * cpu / found['total cpu']:4.0f}%")
    print(f"{'total':>16}  {found['total cpu']:7.2f} s CPU; flushes and renames took {found['flush wall']:.2f} s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
