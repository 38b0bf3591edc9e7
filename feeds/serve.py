"""``feeds serve``: out/ over HTTP on 127.0.0.1, as a feed reader expects it served: the feed media
types, ETag and Last-Modified with 304 answers to conditional GETs, and gzip. With ``--watch`` it
rebuilds while it serves, so an article saved in an editor reaches a reader seconds later.

For previewing on one's own machine, not for the public internet (it binds to 127.0.0.1 only).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from feeds.formats import LABELS

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
# By file name first (every feed is rss.xml, atom.xml or feed.json), then by suffix.
TYPES_BY_NAME = {name: media_type for name, (_, media_type) in LABELS.items()}
TYPES_BY_SUFFIX = {
    ".html": "text/html",
    ".opml": "text/x-opml",
    ".xml": "application/xml",
    ".json": "application/json",
    ".xsl": "application/xslt+xml",
    ".css": "text/css",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
_TEXT_TYPES = ("text/", "application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml",
               "application/json", "application/xslt+xml", "image/svg+xml")  # fmt: skip
_GZIP_MIN = 256  # smaller bodies gain nothing from compression


def content_type(path: Path) -> str:
    media_type = TYPES_BY_NAME.get(path.name) or TYPES_BY_SUFFIX.get(path.suffix.lower(), "application/octet-stream")
    return f"{media_type}; charset=utf-8" if media_type.startswith(_TEXT_TYPES) else media_type


class Handler(SimpleHTTPRequestHandler):
    """GET and HEAD of files under ``directory``, with validators, 304s and gzip."""

    server_version = "feeds-serve"

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _serve(self, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        root = Path(self.directory).resolve()
        try:
            resolved = path.resolve()
        except OSError:
            resolved = path
        if not resolved.is_relative_to(root):  # a symlink out of out/
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if path.is_dir():
            url_path = self.path.split("?", 1)[0].split("#", 1)[0]
            if not url_path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        try:
            data = path.read_bytes()
            mtime = path.stat().st_mtime
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        except OSError:
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        media_type = content_type(path)
        compress = len(data) >= _GZIP_MIN and media_type.startswith(_TEXT_TYPES) and self._accepts_gzip()
        # One ETag per representation: the same bytes always give the same tag, gzip or not.
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + ('-gz"' if compress else '"')
        last_modified = formatdate(int(mtime), usegmt=True)
        if self._not_modified(etag, int(mtime)):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(etag, last_modified)
            self.end_headers()
            return
        if compress:
            data = gzip.compress(data, mtime=0)  # mtime=0: the same bytes every time
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(data)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self._validators(etag, last_modified)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _validators(self, etag: str, last_modified: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")  # revalidate every time: cheap, with the 304s

    def _accepts_gzip(self) -> bool:
        for part in self.headers.get("Accept-Encoding", "").split(","):
            coding, _, params = part.strip().partition(";")
            if coding.strip().lower() in ("gzip", "*"):
                q = params.strip().removeprefix("q=")
                try:
                    return not params or float(q) > 0
                except ValueError:
                    return False
        return False

    def _not_modified(self, etag: str, mtime: int) -> bool:
        # RFC 9110 13.1.2-3: If-None-Match decides when present; If-Modified-Since only without it.
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return mtime <= int(parsedate_to_datetime(since).timestamp())
            except (TypeError, ValueError, OverflowError):
                return False
        return False


def make_server(out_dir: Path, port: int, host: str = HOST) -> ThreadingHTTPServer:
    """A server for ``out_dir`` (not yet serving; call ``serve_forever``). Port 0 picks a free one."""
    directory = str(out_dir.resolve())

    def handler(*args: object, **kwargs: object) -> Handler:
        return Handler(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def watch(rebuild: Callable[[], None], stop: threading.Event, interval: float = 1.0) -> threading.Thread:
    """Call ``rebuild`` every ``interval`` seconds until ``stop`` is set.

    A rebuild where nothing changed only stats the content folder (``feeds.build``), so polling
    by building is as cheap as polling mtimes here, and the build decides what changed.
    """

    def loop() -> None:
        while not stop.wait(interval):
            try:
                rebuild()
            except Exception:  # a watcher must outlive one bad build; the build already said why
                log.exception("rebuild failed")

    thread = threading.Thread(target=loop, name="feeds-watch", daemon=True)
    thread.start()
    return thread


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"


__all__ = ["HOST", "Handler", "content_type", "make_server", "url_of", "watch"]
