#!/usr/bin/env python3
"""The floors of a build: what each thing a full no-cache build must do costs, done the cheapest
way Python allows, with nothing of feeds's own logic.

    .venv/bin/python bench/floors.py                      # the bench's 10k and 1k corpora, commonmark
    .venv/bin/python bench/floors.py --content DIR --config FILE --hugo 4.49 [--out BUILT] [--rounds 3]

For one corpus, in this one process, CPU seconds (``time.process_time``: this process and its
threads; the machine is shared, so wall time is given only where the disk is waited on):

    Python start-up   ``python -c pass`` in a child (its user + system time, ``os.wait4``)
    imports           PyYAML, cmarkgfm and lxml imported in a child, less the start-up
    read + decode     every file: ``os.open``, ``os.read``, ``os.close``, UTF-8 decoded
    front matter      PyYAML's C loader (``---``), tomllib (``+++``), json (``{``); a ``Key: value``
                      header or a news text: its first lines split (no library reads those)
    CommonMark        every body through cmark-gfm, the C calls feeds's engine makes, freed as it frees
    serialize         the feeds the real build wrote (read back from its out/, not timed): each
                      distinct entry built once per format as lxml elements (RSS item, Atom entry)
                      and serialized, or ``json.dumps`` (compact: the C encoder) for JSON Feed, each
                      feed's head built and its entries' bytes joined; the page beside each feed as
                      one escaped line per entry, joined
    file writes       the real out/'s files, their bytes in memory: folders made, each file created
                      beside its target (``os.open`` with its mode), written, closed; then, "with
                      fsync", flushed in 8 threads as feeds does, renamed (``os.replace``), and the
                      folders flushed. Fresh folders each round; wall time also given

The sum of the floors, halved (two cores, never idle) plus the start-up, is the least wall time a
Python build on this machine's two cores could take; compared with Hugo's wall time from the
bench (``--hugo``). The real build's own figures (a child ``feeds build --no-cache``, its CPU and
wall, started by this script unless ``--out`` names an existing build) are printed beside them.
Standard library, and what feeds depends on (PyYAML, cmarkgfm, lxml).
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
DEFAULTS = (  # N, Hugo's wall time at the last bench (2ce704c)
    (10000, 4.49),
    (1000, 0.79),
)
GOALS = {10000: 0.5, 1000: 0.6}
SEED = 20260213


def child_cpu(command: list[str], **kwargs: Any) -> tuple[float, float]:
    """(user + system CPU seconds of ``command`` and its children it waited for, wall seconds)."""
    wall = time.perf_counter()
    process = subprocess.Popen(command, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:3]} failed: {process.returncode}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - wall


def cpu_of(function: Callable[[], Any]) -> tuple[float, float, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return time.process_time() - cpu, time.perf_counter() - wall, result


# --------------------------------------------------------------------------- reading and parsing
def read_all(paths: list[str]) -> list[str]:
    texts = []
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            data = os.read(fd, os.fstat(fd).st_size + 1)
        finally:
            os.close(fd)
        texts.append(data.decode("utf-8"))
    return texts


def split_all(texts: list[str]) -> list[tuple[str, str, str]]:
    """(kind, head, body) of each text: where its front matter ends (not timed: part of parsing)."""
    parts = []
    for text in texts:
        if text.startswith("---\n"):
            end = text.find("\n---", 3)
            parts.append(("yaml", text[4 : end + 1], text[text.find("\n", end + 1) + 1 :]))
        elif text.startswith("+++\n"):
            end = text.find("\n+++", 3)
            parts.append(("toml", text[4 : end + 1], text[text.find("\n", end + 1) + 1 :]))
        elif text.startswith("{"):
            end = text.find("\n}\n")
            parts.append(("json", text[: end + 2], text[end + 3 :]))
        else:
            head, _, body = text.partition("\n\n")
            parts.append(("lines", head, body))
    return parts


def parse_all(parts: list[tuple[str, str, str]]) -> int:
    import yaml

    loader = yaml.CSafeLoader
    done = 0
    for kind, head, _ in parts:
        if kind == "yaml":
            yaml.load(head, Loader=loader)
        elif kind == "toml":
            tomllib.loads(head)
        elif kind == "json":
            json.loads(head)
        else:
            [line.partition(": ") for line in head.split("\n")]
        done += 1
    return done


# --------------------------------------------------------------------------- CommonMark
def cmark_renderer() -> Callable[[str], str]:
    """cmark-gfm's calls as feeds's CommonMark engine makes them: a parser with GitHub's four
    extensions, unsafe HTML and footnotes; the tree and the HTML freed."""
    import ctypes

    from cmarkgfm import _cmark, cmark

    lib, ffi = _cmark.lib, _cmark.ffi
    options = cmark.Options.CMARK_OPT_UNSAFE | cmark.Options.CMARK_OPT_FOOTNOTES
    lib.cmark_gfm_core_extensions_ensure_registered()
    extensions = [
        lib.cmark_find_syntax_extension(name) for name in (b"table", b"strikethrough", b"autolink", b"tasklist")
    ]

    class Mem(ctypes.Structure):
        _fields_ = [
            ("calloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)),
            ("realloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)),
            ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
        ]

    library = ctypes.CDLL(_cmark.__file__)
    node_free = library.cmark_node_free
    node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
    default_mem = library.cmark_get_default_mem_allocator
    default_mem.argtypes, default_mem.restype = [], ctypes.POINTER(Mem)
    free = default_mem().contents.free

    def render(body: str) -> str:
        data = body.encode("utf-8")
        parser = lib.cmark_parser_new(options)
        for extension in extensions:
            lib.cmark_parser_attach_syntax_extension(parser, extension)
        lib.cmark_parser_feed(parser, data, len(data))
        root = lib.cmark_parser_finish(parser)
        raw = lib.cmark_render_html(root, options, lib.cmark_parser_get_syntax_extensions(parser))
        out = bytes(ffi.string(raw)).decode("utf-8")
        free(int(ffi.cast("uintptr_t", raw)))
        node_free(int(ffi.cast("uintptr_t", root)))
        lib.cmark_parser_free(parser)
        return out

    return render


def render_all(render: Callable[[str], str], parts: list[tuple[str, str, str]]) -> int:
    return sum(len(render(body)) for _, _, body in parts)


# --------------------------------------------------------------------------- serializing
Feed = dict[str, Any]


def real_feeds(out: Path) -> list[tuple[str, Feed]]:
    """Each feed folder of a real build (relative, "" for the main feed) and its JSON Feed, whose
    items hold what every format of that feed shows."""
    return [
        (path.parent.relative_to(out).as_posix(), json.loads(path.read_bytes()))
        for path in sorted(out.rglob("feed.json"))
    ]


def serialize_all(feeds: list[tuple[str, Feed]]) -> dict[str, int]:
    """Every feed in RSS, Atom, JSON Feed and its page, each distinct entry built and serialized
    once per format, each feed's head built and joined with its entries' bytes: the bytes made."""
    from lxml import etree

    atom_ns, dc_ns, content_ns = (
        "http://www.w3.org/2005/Atom",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/rss/1.0/modules/content/",
    )
    nsmap_rss = {"atom": atom_ns, "dc": dc_ns, "content": content_ns}
    sub = etree.SubElement
    made = {"rss": 0, "atom": 0, "json": 0, "page": 0}
    rss_items: dict[str, bytes] = {}
    atom_entries: dict[str, bytes] = {}
    json_items: dict[str, bytes] = {}
    page_lines: dict[str, str] = {}
    for _, feed in feeds:
        rss_parts, atom_parts, json_parts, page_parts = [], [], [], []
        for item in feed["items"]:
            key = item["id"]
            if key not in rss_items:
                element = etree.Element("item", nsmap=nsmap_rss)
                sub(element, "title").text = item["title"]
                sub(element, "link").text = item["url"]
                sub(element, "description").text = item.get("summary", "")
                sub(element, f"{{{content_ns}}}encoded").text = item["content_html"]
                sub(element, "guid", isPermaLink="true").text = key
                for tag in item.get("tags", ()):
                    sub(element, "category").text = tag
                for author in item.get("authors", ()):
                    sub(element, f"{{{dc_ns}}}creator").text = author["name"]
                sub(element, "pubDate").text = item["date_published"]
                rss_items[key] = etree.tostring(element, encoding="utf-8")
                element = etree.Element(f"{{{atom_ns}}}entry", nsmap={None: atom_ns})
                sub(element, f"{{{atom_ns}}}id").text = key
                sub(element, f"{{{atom_ns}}}title").text = item["title"]
                sub(element, f"{{{atom_ns}}}updated").text = item.get("date_modified", item["date_published"])
                sub(element, f"{{{atom_ns}}}published").text = item["date_published"]
                sub(element, f"{{{atom_ns}}}link", href=item["url"], rel="alternate")
                for author in item.get("authors", ()):
                    sub(sub(element, f"{{{atom_ns}}}author"), f"{{{atom_ns}}}name").text = author["name"]
                for tag in item.get("tags", ()):
                    sub(element, f"{{{atom_ns}}}category", term=tag)
                sub(element, f"{{{atom_ns}}}summary").text = item.get("summary", "")
                sub(element, f"{{{atom_ns}}}content", type="html").text = item["content_html"]
                atom_entries[key] = etree.tostring(element, encoding="utf-8")
                json_items[key] = json.dumps(item, ensure_ascii=False).encode("utf-8")
                page_lines[key] = f'<li><a href="{html.escape(item["url"])}">{html.escape(item["title"])}</a></li>\n'
            rss_parts.append(rss_items[key])
            atom_parts.append(atom_entries[key])
            json_parts.append(json_items[key])
            page_parts.append(page_lines[key])
        channel = etree.Element("rss", nsmap=nsmap_rss, version="2.0")
        head = sub(channel, "channel")
        for name in ("title", "link", "description", "language", "lastBuildDate", "generator"):
            sub(head, name).text = str(feed.get(name, feed.get("title")))
        sub(head, f"{{{atom_ns}}}link", href=feed["feed_url"], rel="self", type="application/rss+xml")
        text = etree.tostring(channel, encoding="utf-8", xml_declaration=True)
        made["rss"] += len(text.replace(b"</channel>", b"".join(rss_parts) + b"</channel>"))
        root = etree.Element(f"{{{atom_ns}}}feed", nsmap={None: atom_ns})
        for name in ("id", "title", "updated", "subtitle"):
            sub(root, f"{{{atom_ns}}}{name}").text = str(feed.get(name, feed.get("title")))
        sub(root, f"{{{atom_ns}}}link", href=feed["feed_url"], rel="self")
        text = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        made["atom"] += len(text.replace(b"</feed>", b"".join(atom_parts) + b"</feed>"))
        head_json = json.dumps({k: v for k, v in feed.items() if k != "items"}, ensure_ascii=False).encode("utf-8")
        made["json"] += len(head_json[:-1] + b',"items":[' + b",".join(json_parts) + b"]}\n")
        page = f"<!DOCTYPE html><title>{html.escape(feed['title'])}</title><ul>\n{''.join(page_parts)}</ul>\n"
        made["page"] += len(page.encode("utf-8"))
    return made


# --------------------------------------------------------------------------- writing
def real_files(out: Path) -> list[tuple[str, bytes]]:
    return [(str(path.relative_to(out)), path.read_bytes()) for path in sorted(out.rglob("*")) if path.is_file()]


def write_all(files: list[tuple[str, bytes]], into: Path, flush: bool) -> None:
    """Each file created beside its target, written and closed; with ``flush``, fsynced (8 threads),
    renamed over its target, its folder fsynced: feeds's atomic, durable write, without its code."""
    folders = sorted({os.path.dirname(os.path.join(into, rel)) for rel, _ in files})
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
    mode = 0o666 & ~umask()
    staged = []
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for n, (rel, data) in enumerate(files):
        target = os.path.join(into, rel)
        folder, name = os.path.split(target)
        tmp = f"{folder}/.{name}.{n:08x}.tmp"
        fd = os.open(tmp, flags, mode)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        staged.append((tmp, target))
    if flush:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda pair: fsync(pair[0], os.O_RDONLY), staged))
    for tmp, target in staged:
        os.replace(tmp, target)
    if flush:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda folder: fsync(folder, os.O_RDONLY | os.O_DIRECTORY), folders))


def fsync(path: str, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- one corpus
def floors(content: Path, config: Path, out: Path | None, rounds: int, scratch: Path) -> dict[str, Any]:
    python = sys.executable
    found: dict[str, list[float]] = {}

    def note(name: str, cpu: float, wall: float | None = None) -> None:
        found.setdefault(name, []).append(cpu)
        if wall is not None:
            found.setdefault(name + ", wall", []).append(wall)

    real: dict[str, list[float]] = {"cpu": [], "wall": []}
    if out is None:
        out = scratch / "real-out"
        for _ in range(rounds):
            shutil.rmtree(out, ignore_errors=True)
            command = [python, "-m", "feeds", "build", "--content", str(content), "--out", str(out)]
            command += ["--config", str(config), "--include-future", "--no-cache", "-q"]
            cpu, wall = child_cpu(command, cwd=ROOT)
            real["cpu"].append(cpu)
            real["wall"].append(wall)
    paths = sorted(str(path) for path in content.rglob("*") if path.is_file() and not path.name.startswith("."))
    feeds = real_feeds(out)
    files = real_files(out)
    render = cmark_renderer()
    for _ in range(rounds):
        note("Python start-up", *child_cpu([python, "-c", "pass"]))
        cpu, _ = child_cpu([python, "-c", "import yaml, cmarkgfm, lxml.etree"])
        note("imports (PyYAML, cmarkgfm, lxml)", cpu - found["Python start-up"][-1])
        cpu, _, texts = cpu_of(lambda: read_all(paths))
        note("read + decode", cpu)
        parts = split_all(texts)
        cpu, _, _ = cpu_of(functools.partial(parse_all, parts))
        note("front matter", cpu)
        cpu, _, _ = cpu_of(functools.partial(render_all, render, parts))
        note("CommonMark (cmark-gfm)", cpu)
        cpu, _, made = cpu_of(lambda: serialize_all(feeds))
        note("serialize (lxml, json)", cpu)
        for flush in (False, True):
            into = scratch / f"write-{int(flush)}"
            shutil.rmtree(into, ignore_errors=True)
            cpu, wall, _ = cpu_of(functools.partial(write_all, files, into, flush))
            note("file writes, with fsync" if flush else "file writes, no fsync", cpu, wall)
            shutil.rmtree(into, ignore_errors=True)
    return {
        "documents": len(paths),
        "kinds": {kind: sum(1 for k, _, _ in parts if k == kind) for kind in ("yaml", "toml", "json", "lines")},
        "feeds": len(feeds),
        "entries": sum(len(feed["items"]) for _, feed in feeds),
        "distinct entries": len({item["id"] for _, feed in feeds for item in feed["items"]}),
        "files": len(files),
        "bytes": sum(len(data) for _, data in files),
        "serialized bytes": made,
        "floors": found,
        "real": real,
    }


SUMMED = (
    "imports (PyYAML, cmarkgfm, lxml)",
    "read + decode",
    "front matter",
    "CommonMark (cmark-gfm)",
    "serialize (lxml, json)",
    "file writes, with fsync",
)


def report(n: str, hugo: float, goal: float | None, result: dict[str, Any]) -> None:
    med = {name: statistics.median(values) for name, values in result["floors"].items()}
    print(f"\n{n}: {result['documents']} documents {result['kinds']}, {result['feeds']} feeds,")
    print(f"  {result['entries']} entries shown per format ({result['distinct entries']} distinct),")
    print(f"  {result['files']} files, {result['bytes'] / 1e6:.1f} MB")
    rounds = len(result["floors"]["read + decode"])
    print(f"  floors, CPU s, median of {rounds} (range):")
    for name, values in result["floors"].items():
        print(f"    {name:<36} {med[name]:6.3f}  ({min(values):.3f}–{max(values):.3f})")
    total = sum(med[name] for name in SUMMED)
    start = med["Python start-up"]
    least = start + total / 2
    print(f"  sum of the floors (start-up apart): {total:.2f} CPU-s; halved, plus start-up: {least:.2f} s")
    line = f"  Hugo's wall {hugo:.2f} s: the floor is {least / hugo:.2f}× Hugo"
    if goal is not None:
        line += f"; the goal {goal}× Hugo is {goal * hugo:.2f} s: "
        line += f"{'reachable' if least <= goal * hugo else 'NOT reachable'} on two cores"
        line += f" (room: {goal * hugo - least:+.2f} s)"
    print(line)
    if result["real"]["cpu"]:
        cpu, wall = statistics.median(result["real"]["cpu"]), statistics.median(result["real"]["wall"])
        print(
            f"  the real build here: {cpu:.2f} CPU-s, {wall:.2f} s wall (medians), {cpu / total:.1f}× the floors' sum"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--content", type=Path, help="corpus (default: the bench's 10k and 1k corpora)")
    parser.add_argument("--config", type=Path, help="settings (default: the bench's commonmark feeds-only ones)")
    parser.add_argument("--hugo", type=float, help="Hugo's wall time for this corpus at the last bench, s")
    parser.add_argument("--goal", type=float, help="the goal, as a ratio to Hugo's wall time")
    parser.add_argument("--out", type=Path, help="a real build's out/ of this corpus (default: build one)")
    parser.add_argument("--work", type=Path, default=WORK, help="bench/run.py's work folder (default: bench/work)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    if args.out and not args.content:
        parser.error("--out is one corpus's build: give its --content and --config too")
    if args.content:
        runs = [(args.content.name, args.content, args.config, args.hugo or 0.0, args.goal)]
    else:
        runs = [
            (
                f"N = {n:,}",
                args.work / "corpora" / f"n{n}-seed{SEED}" / "native",
                args.work / "feeds-commonmark.toml",
                hugo,
                GOALS[n],
            )
            for n, hugo in DEFAULTS
        ]
    scratch = Path(f"/tmp/feeds-floors-{os.getpid()}")
    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    try:
        for name, content, config, hugo, goal in runs:
            result = floors(content, config, args.out, args.rounds, scratch)
            report(name, hugo, goal, result)
            if args.json:
                print(json.dumps(result))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
