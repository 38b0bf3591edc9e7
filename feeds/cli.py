"""Command line: feeds init, build, serve, config and validate. The only module that prints or exits."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from feeds import __version__
from feeds.errors import ConfigError, DiskError, FeedsError, printable
from feeds.lock import LockedError
from feeds.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from feeds.build import BuildResult
    from feeds.config import Settings, Site

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_LOCKED, EXIT_DISK = 0, 1, 2, 3, 4
EXIT_BROKEN_PIPE = 128 + 13  # as a shell reports a program that SIGPIPE ended
log = logging.getLogger("feeds")
LOG_FORMAT = "%(levelname)s: %(message)s"
KEPT = "the last good version stays in the feeds until the file is fixed"


class OneLineFormatter(logging.Formatter):
    """Every log message on one line, whatever file names it quotes (cron mails, log parsers)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


class BesideBarFormatter(OneLineFormatter):
    """Each message first clears the line a progress bar may be drawn on (the bar comes back below it).

    Forked workers log through this same handler, so their warnings do not run into the bar either.
    """

    def format(self, record: logging.LogRecord) -> str:
        return "\r\x1b[K" + super().format(record)


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil.

    argparse's help formatter asks shutil for the width, and argparse makes a formatter for every
    argument added: importing shutil imports zlib, bz2 and lzma with it, on every run, for a number.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own, as wide as it makes itself (the terminal's width less 2), sized without shutil."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class RawEpilogFormatter(HelpFormatter):
    """HelpFormatter, with the epilog (exit codes, environment) kept as laid out."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(("exit codes:", "environment")):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


EXIT_CODES = """exit codes:
  0  done: every article published, or left out on purpose (drafts, pages, other files)
  1  some files rejected (each named on stderr): the rest published, and a rejected file's last good version
  2  a bad option or setting, or a missing folder: nothing read
  3  another build of the same output folder did not finish within --wait
  4  the disk refused a write (full, read-only): the feeds in place are left whole
"""
ENVIRONMENT = """
environment:
  SOURCE_DATE_EPOCH  "now", in whole seconds since 1970 (reproducible builds; future-dated posts)
  FEEDS_WORKERS      how many processes read and render (default: the CPUs available)
  TERM=dumb          no progress bar on a terminal (nor on a pipe, with -q or --summary-json)
  COLUMNS            the width of this help
"""


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="feeds",
        description="Publish RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds, with a page per feed and an OPML list "
        "of them, from a folder of mixed-format articles. Start with: feeds init",
        epilog=EXIT_CODES + ENVIRONMENT,
        formatter_class=RawEpilogFormatter,
    )
    parser.add_argument("--version", action="version", version=f"feeds {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_build_command, _serve_command, _init_command, _config_command, _validate_command):
        add(commands)
    return parser.parse_args(argv)


def _build_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build",
        formatter_class=RawEpilogFormatter,
        help="build out/ from content/: RSS, Atom, JSON Feed, pages, OPML",
        description="Read every article in the content folder and write, into the output folder, the main and "
        "per-tag feeds in RSS 2.0 (rss.xml), Atom 1.0 (atom.xml) and JSON Feed 1.1 (feed.json), a page for each "
        "(index.html) and an OPML list of them (feeds.opml), changing only what changed. Files that are not "
        "articles (README, LICENSE, data, code, pages without a date) "
        "are skipped, not rejected.",
        epilog=EXIT_CODES + ENVIRONMENT,
    )
    _folders(build)
    build.add_argument(
        "--include-future",
        action="store_true",
        help="publish entries dated after now (now = SOURCE_DATE_EPOCH when set)",
    )
    build.add_argument(
        "--drafts",
        action="store_true",
        help="publish drafts too (draft: true, published: false), for a preview: give it another --out",
    )
    build.add_argument("--strict", action="store_true", help="write nothing if any file is rejected")
    build.add_argument("--validate", action="store_true", help="validate the output after writing it")
    build.add_argument("--no-cache", action="store_true", help="read and render everything, remember nothing")
    build.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing; print, per feed, the entries that would appear, change or leave",
    )
    build.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for another build of the same output to finish (default: 60); then exit 3",
    )
    build.add_argument(
        "--summary-json", action="store_true", help="print the summary as one line of JSON (for scripts and monitoring)"
    )
    _verbosity(build)


def _serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        formatter_class=RawEpilogFormatter,
        epilog="exit codes:\n  0  stopped (Ctrl-C)\n  2  a bad option or setting, or the port is taken\n" + ENVIRONMENT,
        help="serve out/ on 127.0.0.1 (feed media types, ETag/304, gzip); --watch rebuilds on change",
        description="Serve the output folder on 127.0.0.1 the way a feed reader expects it served. "
        "With --watch, build first and rebuild whenever the content, settings or templates change.",
    )
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    serve.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default: 127.0.0.1; ::1 for IPv6); any other than a loopback address "
        "shows out/ to your network",
    )
    serve.add_argument("--watch", action="store_true", help="build now and rebuild when anything changes")
    serve.add_argument("--interval", type=float, default=1.0, metavar="SECONDS", help="how often --watch looks (1)")
    _folders(serve)
    serve.add_argument("--include-future", action="store_true", help="with --watch: as for build")
    serve.add_argument("--drafts", action="store_true", help="with --watch: publish drafts too, as for build")
    _verbosity(serve)


def _init_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "init",
        formatter_class=RawEpilogFormatter,
        epilog="exit codes:\n  0  written\n  2  DIR has a feeds.toml already, or a setting is wrong (nothing written)"
        "\n  4  the disk refused a write",
        help="make a new site: feeds.toml, content/ with a sample post, .gitignore lines",
        description="Make DIR (default: the current folder) a site: a commented feeds.toml with the settings "
        "below, content/ with one sample post (unless content/ holds files already), and .gitignore lines for "
        "out/ and the cache. Never overwrites a file: exit 2 if DIR has a feeds.toml.",
    )
    init.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument("--title", help="the site's title (default: the folder's name)")
    init.add_argument(
        "--url", default="https://example.com/", help="where out/ will be published (default: https://example.com/)"
    )
    init.add_argument("--language", default="en", help="BCP 47 language tag of the posts (default: en)")
    init.add_argument("--timezone", default="UTC", help="IANA time zone of dates written without one (default: UTC)")
    _verbosity(init)


def _config_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = commands.add_parser(
        "config",
        formatter_class=RawEpilogFormatter,
        epilog="exit codes:\n  0  the settings are good\n  2  a problem (named on stderr)",
        help="print the settings in force, where each came from, and check them",
        description="Print every setting in force and where it came from: default, file (feeds.toml, "
        "pyproject.toml's [tool.feeds] or --config) or flag; then check them. Exit 2 on a problem.",
    )
    _folders(config)
    _verbosity(config)


def _validate_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser(
        "validate",
        formatter_class=RawEpilogFormatter,
        help="check feeds as validators and feed readers see them",
        description="Validate RSS 2.0, Atom 1.0 and JSON Feed 1.1 files, or every *.xml and feed.json in a "
        "folder (plus cross-feed consistency).",
        epilog="exit codes:\n  0  valid (warnings allowed unless --strict)\n  1  errors found\n"
        "  2  a path that does not exist, or a bad option",
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--site-url", metavar="URL", help="the URL out/ is served at (default: inferred)")
    _verbosity(validate)


def _folders(parser: argparse.ArgumentParser) -> None:
    """The options that say where the settings and folders are: each overrides the settings file."""
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="TOML file with the site settings at its top level "
        "(default: ./feeds.toml, else [tool.feeds] of ./pyproject.toml)",
    )
    parser.add_argument(
        "--content", type=Path, metavar="DIR", help="folder of articles (default: the settings' content, else content)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output folder, served at the site url (default: the settings' out, else out)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="PATH",
        help="cache folder (default: the settings' cache, else .feeds-cache beside the output folder)",
    )


def _verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print nothing unless something is wrong")
    group.add_argument("-v", "--verbose", action="count", default=0, help="say more (-vv for debug)")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_arguments(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    level = logging.ERROR if args.quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(LOG_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    try:
        if args.command == "build":
            return _build(args, handler)
        if args.command == "serve":
            return _serve(args)
        if args.command == "config":
            return _config(args)
        if args.command == "init":
            return _init(args)
        return _validate(args.paths, args.output_format, args.strict, args.site_url, args.quiet)
    except BrokenPipeError:
        # The reader of our output went away (``feeds config | head``): stop as a program killed by
        # SIGPIPE would, without a traceback, and keep the exit's flush of stdout from failing again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except LockedError as exc:
        print(f"feeds: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except DiskError as exc:
        print(f"feeds: error: {printable(str(exc))}; the feeds already in place are left whole", file=sys.stderr)
        return EXIT_DISK
    except FeedsError as exc:
        print(f"feeds: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_CONTENT


def _progress(args: argparse.Namespace, handler: logging.Handler) -> Progress:
    """A bar on stderr when someone watches it: a terminal that can redraw a line, no -q, no --summary-json.

    Anything else (cron, a pipe, a log file, Emacs' TERM=dumb shell) gets the very bytes it got
    before there was a bar, and tqdm is not even imported.
    """
    stream = sys.stderr
    if args.quiet or args.summary_json or os.environ.get("TERM") == "dumb" or stream is None or not stream.isatty():
        return NO_PROGRESS
    from feeds.progressbar import TerminalProgress

    handler.setFormatter(BesideBarFormatter(LOG_FORMAT))
    return TerminalProgress(stream)


def _settings(args: argparse.Namespace) -> tuple[Settings, dict[str, str]]:
    """The settings in force, with ``args.content``, ``args.out`` and ``args.cache`` filled in: a flag,
    else the settings file, else the default. Returns where each folder came from."""
    from feeds.config import PATH_KEYS, load_settings, resolve_folders

    settings = load_settings(args.config)
    folders, origins = resolve_folders(settings, {key: getattr(args, key) for key in PATH_KEYS})
    for key, folder in folders.items():
        setattr(args, key, folder)
    return settings, origins


def _dry_run(args: argparse.Namespace, site: Site, cache_dir: Path | None) -> int:
    """``feeds build --dry-run``: what the build would change in the feeds (``feeds.dryrun``), written nowhere."""
    import json

    from feeds.dryrun import preview

    found = preview(
        site,
        args.content,
        args.out,
        cache_dir=cache_dir,
        include_future=args.include_future,
        strict=args.strict,
        drafts=args.drafts,
    )
    for error in found.result.errors:
        print(error, file=sys.stderr)
    if args.summary_json:
        print(json.dumps(found.as_json(), ensure_ascii=False, sort_keys=True))
    elif not args.quiet:
        for line in found.lines(args.out):
            print(printable(line))
    return EXIT_CONTENT if found.result.errors else EXIT_OK


def _build(args: argparse.Namespace, handler: logging.Handler) -> int:
    import json

    from feeds.build import build, check_arguments

    settings, _ = _settings(args)
    site = settings.site
    check_arguments(args.content, args.out, args.wait)  # before a progress bar is drawn
    cache_dir = None if args.no_cache else args.cache
    if args.dry_run:
        return _dry_run(args, site, cache_dir)
    progress = _progress(args, handler)
    try:
        result = build(
            site,
            args.content,
            args.out,
            include_future=args.include_future,
            drafts=args.drafts,
            strict=args.strict,
            cache_dir=cache_dir,
            wait=args.wait,
            progress=progress,
        )
    finally:
        progress.close()  # the bar's line is cleared before anything below is printed
    for error in result.errors:
        print(error, file=sys.stderr)
    for label in result.kept:
        print(f"{printable(label)}: {KEPT}", file=sys.stderr)
    if not args.quiet and not args.summary_json:
        for source, why in result.skipped:
            print(printable(f"skipped {args.content / source}: {why}"))
        if args.verbose:
            for source, why in result.others:
                print(printable(f"skipped {args.content / source}: {why}"))
    if args.strict and result.errors:
        print(f"feeds: {len(result.errors)} file(s) rejected; --strict: nothing written", file=sys.stderr)
    summary = result.summary()
    # The hub hears of the published site only: a --drafts preview is written elsewhere, for its author.
    if site.hub and not args.drafts and not (args.strict and result.errors):
        from feeds.websub import publish

        pinged = publish(site, result.written)
        if pinged is not None:
            summary["websub"] = {"told": len(pinged.accepted), "not_told": len(pinged.not_told)}
    if args.summary_json:
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    elif not args.quiet and not (args.strict and result.errors):
        feeds = len(result.written) + len(result.unchanged)
        print(
            f"read {result.read} documents: {result.published} published, {len(result.skipped)} skipped, "
            f"{len(result.errors)} rejected"
            + (f", {len(result.others)} other files skipped" if result.others else "")
            + f"; {feeds} files in {printable(str(args.out))} "
            f"({len(result.written)} written, "
            f"{len(result.unchanged)} unchanged, {len(result.removed)} removed)"
            + ("; nothing changed since the last build" if result.nothing_changed else "")
        )
    status = EXIT_CONTENT if result.errors else EXIT_OK
    if args.validate:
        status = max(status, _validate([args.out], "text", False, site.url, args.quiet))
    return status


def _serve(args: argparse.Namespace) -> int:
    import errno
    import socket
    import threading

    from feeds.serve import make_server, url_of, watch

    if not 0 <= args.port <= 65535:
        raise ConfigError(f"must be a port number from 0 to 65535, got {args.port}", key="--port")
    if not (math.isfinite(args.interval) and 0.1 <= args.interval <= 3600):
        raise ConfigError(f"must be from 0.1 to 3600 seconds, got {args.interval}", key="--interval")
    stop = threading.Event()
    watcher = None
    built_for: str | None = None  # the site's url, when the settings can be read

    def site_url() -> str | None:
        return watcher.site.url if watcher is not None else built_for

    if args.watch:
        from feeds.build import build
        from feeds.serve import Watcher

        settings = _settings(args)[0]  # fills in args.content, args.out and args.cache

        def run(site: Site) -> BuildResult:
            return build(
                site, args.content, args.out, include_future=args.include_future, drafts=args.drafts,
                cache_dir=args.cache, wait=60.0,
            )  # fmt: skip

        def say(line: str) -> None:
            if not args.quiet:
                print(line, flush=True)

        def warn(line: str) -> None:
            print(line, file=sys.stderr, flush=True)

        settings_file = settings.file if settings.file is not None else Path("pyproject.toml")
        watcher = Watcher(settings_file, lambda: _settings(args)[0].site, run, say, warn)
        if not args.content.is_dir():
            raise ConfigError(f"content folder {str(args.content)!r} does not exist", key="--content")
        watcher.first()
    else:
        try:
            built_for = _settings(args)[0].site.url
        except ConfigError:
            if args.out is None:
                args.out = Path("out")  # serving a folder needs no settings
    if not args.out.is_dir():
        raise ConfigError(f"output folder {str(args.out)!r} does not exist; run feeds build (or --watch)", key="--out")
    try:
        server = make_server(args.out, args.port, args.bind, site_url=site_url)
    except OSError as exc:
        where = f"[{args.bind}]" if ":" in args.bind else args.bind
        key = "--bind" if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL else "--port"
        raise ConfigError(f"cannot listen on {where}:{args.port} ({exc.strerror or exc})", key=key) from exc
    if watcher is not None:
        watch(watcher.tick, stop, args.interval)
    print(f"serving {args.out} at {url_of(server)}" + (" (watching for changes)" if args.watch else ""), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from feeds.build import now
    from feeds.init import init, next_steps

    made = init(args.folder, args.title, args.url, args.language, args.timezone, now())
    if not args.quiet:
        for line in next_steps(made):
            print(printable(line))
    return EXIT_OK


def _config(args: argparse.Namespace) -> int:
    """``feeds config``: every setting in force, where it came from, then the folders checked."""
    import json

    from feeds.config import KEYS, PATH_KEYS

    settings, origins = _settings(args)
    print(f"# settings from {printable(str(settings.file))}")
    shown = _effective(settings)
    width = max(map(len, KEYS))
    for key in KEYS:
        if key in PATH_KEYS:
            value: object = str(getattr(args, key))
            origin = origins[key]
        else:
            value = settings.table[key] if key in settings.table else shown.get(key)
            origin = "file" if key in settings.table else "default"
        text = "(none)" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
        print(printable(f"{key:<{width}} = {text}  # {origin}"))
    problems = []
    if not args.content.is_dir():
        what = "is not a folder" if args.content.exists() else "does not exist"
        problems.append(f"content: folder {str(args.content)!r} {what}")
    if args.out.exists() and not args.out.is_dir():
        problems.append(f"out: {str(args.out)!r} is not a folder")
    for problem in problems:
        print(f"feeds: error: {printable(problem)}", file=sys.stderr)
    return EXIT_USAGE if problems else EXIT_OK


def _effective(settings: Settings) -> dict[str, object]:
    """The value in force of each setting the file leaves out, as the file would write it."""
    site = settings.site
    return {
        "title": site.title,
        "url": site.url,
        "description": site.description,
        "author": site.author,
        "language": site.language,
        "timezone": site.timezone.key,
        "permalink": site.permalink,
        "max_items": site.max_items,
        "tag_aliases": dict(site.tag_aliases),
        "tag_rules": {},
        "folder_tags": site.folder_tags,
        "exclude": list(site.exclude),
        "excerpt_separator": site.excerpt_separator,
        "site_variables": dict(site.site_variables),
        "templates": None,
        "xsl": site.xsl,
        "fields": {name: list(keys) for name, keys in site.fields.items()},
        "summary_only": site.summary_only,
        "archives": site.archives,
        "max_bytes": site.max_bytes,
        "markdown": site.markdown,
        "markdown_by_folder": dict(site.markdown_by_folder),
        "author_feeds": site.author_feeds,
        "hub": site.hub,
        "hub_timeout": site.hub_timeout,
        "emoji": site.emoji,
        "document_timeout": site.document_timeout,
        "article_pages": site.article_pages,
    }


def _validate(paths: Sequence[Path], output_format: str, strict: bool, site_url: str | None, quiet: bool) -> int:
    from feeds.validate import exit_code, render_findings, validate

    findings = validate(paths, site_url=site_url)
    code = exit_code(findings, strict=strict)
    if not quiet or code:
        print(render_findings(findings, output_format))  # type: ignore[arg-type]
    return code
