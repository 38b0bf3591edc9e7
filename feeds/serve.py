"""``feeds serve``: out/ over HTTP on 127.0.0.1, as a feed reader expects it served: the feed media
types, ETag and Last-Modified with 304 answers to conditional GETs, and gzip. With ``--watch`` it
rebuilds while it serves, so an article saved in an editor reaches a reader seconds later.

For previewing on one's own machine, not for the public internet (it binds to 127.0.0.1 unless told
otherwise, and answers only requests made to its own names).

Given the site's ``url``, the preview stays local: every text file is sent with that URL replaced
by the preview's own address, so the pages' links, the feeds' entry links, the article pages,
pictures and ``feed.xsl`` all lead back to the preview, not to the production site. Rewriting
while serving, rather than building a second tree with another ``url``, previews the very bytes
``feeds build`` wrote (one build, one out/), and costs a ``bytes.replace`` per request.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import ipaddress
import logging
import os
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feeds.errors import FeedsError, printable
from feeds.mediatypes import LABELS

if TYPE_CHECKING:
    from feeds.build import BuildResult
    from feeds.config import Site

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
IDLE_TIMEOUT = 15.0  # seconds a connection may stay silent: a reader's request takes milliseconds
MAX_CONNECTIONS = 32  # threads at once; a preview has one reader or a few
ACCEPT_BACKOFF = 0.1  # seconds to wait for a descriptor to come free
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
    """GET and HEAD of files under ``directory``, with validators, Not Modified answers and gzip."""

    server_version = "feeds-serve"

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def setup(self) -> None:
        super().setup()
        # A silent connection is hung up on (handle_one_request answers its TimeoutError), rather
        # than holding a thread and a descriptor for ever.
        self.connection.settimeout(self.server.idle_timeout)  # type: ignore[attr-defined]

    def _serve(self, body: bool) -> None:
        if not self.server.host_allowed(self.headers.get("Host")):  # type: ignore[attr-defined]
            # DNS rebinding: a page on another site whose name now points at 127.0.0.1 would
            # otherwise read the preview; its requests carry that other name.
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "Not a name of this server")
            return
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        found = self._find(Path(self.translate_path(self.path)), url_path)
        if isinstance(found, HTTPStatus):
            self.send_error(found)
            return
        path, name = found
        if path is None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", url_path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            with open(path, "rb", opener=_no_follow) as file:
                data = file.read()
                mtime = os.fstat(file.fileno()).st_mtime
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        except OSError:  # unreadable, or a link put in place since _find looked
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        media_type = content_type(name)
        if media_type.startswith(_TEXT_TYPES):
            data = self._local(data)
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

    def _find(self, path: Path, url_path: str) -> tuple[Path | None, Path] | HTTPStatus:
        """The real file to send for ``path`` and the name its media type goes by (None for a folder
        asked for without its final slash), or the status to answer.

        Every symbolic link on the way is followed first, and where it ends must still be in out/: a
        link out of it, a loop of links and a missing file are all 404, whether the link is the
        file, its folder, or a folder's index.html.
        """
        root = Path(self.directory)
        try:
            real = path.resolve(strict=True)
            if real.is_relative_to(root) and real.is_dir():
                if not url_path.endswith("/"):
                    return None, path
                path = path / "index.html"
                real = (real / "index.html").resolve(strict=True)
        except ValueError:  # a NUL byte or a lone surrogate: a name no file can have
            return HTTPStatus.BAD_REQUEST
        except (OSError, RuntimeError):  # missing, or a loop of links (RuntimeError before Python 3.13)
            return HTTPStatus.NOT_FOUND
        if not real.is_relative_to(root) or not real.is_file():
            return HTTPStatus.NOT_FOUND
        return real, path

    def _local(self, data: bytes) -> bytes:
        """``data`` with the site's URL made the preview's own address (the name the request used,
        which ``host_allowed`` has checked is ours)."""
        site_url = self.server.site_url()  # type: ignore[attr-defined]
        if not site_url:
            return data
        host = self.headers.get("Host") or url_of(self.server).removeprefix("http://").rstrip("/")  # type: ignore[arg-type]
        here = f"http://{host.strip()}/"
        old = site_url.encode("utf-8")
        data = data.replace(old, here.encode("utf-8"))
        # JSON Feed may write "/" as "\/"; the same URL, the same rewrite.
        escaped = old.replace(b"/", b"\\/")
        return data.replace(escaped, here.encode("utf-8").replace(b"/", b"\\/")) if escaped in data else data

    def _validators(self, etag: str, last_modified: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")  # revalidate every time: cheap, with Not Modified answers

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


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection, at most ``max_connections`` at once, each hung up on after
    ``idle_timeout`` seconds of silence; answering only requests made to one of its own names."""

    daemon_threads = True
    # Connections beyond max_connections wait here, accepted by the kernel, until a thread is free.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        handler: Callable[..., Handler],
        idle_timeout: float,
        max_connections: int,
        site_url: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.site_url = site_url  # read per request: --watch may read new settings
        self.address_family = socket.getaddrinfo(address[0], address[1], type=socket.SOCK_STREAM)[0][0]
        self.idle_timeout = idle_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._closing = threading.Event()
        super().__init__(address, handler)
        host, port = self.server_address[:2]
        self.port = int(port)
        self.host_names = frozenset(_host_name(str(name)) for name in (*LOOPBACK_NAMES, address[0], host))
        self.any_address = ipaddress.ip_address(str(host)).is_unspecified

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request with this ``Host`` header was made to one of our names, at our port.

        An IP address is no name an attacker controls, so a server bound to every address (0.0.0.0)
        answers any address; a name must be ours.
        """
        if header is None:  # HTTP/1.0 without one: not a browser, so not DNS rebinding
            return True
        name, colon, port = header.strip().lower().rpartition(":")
        if not colon or name.endswith(":") or "]" in port:  # no port: "localhost", "[::1]", or "::1" bare
            name, port = header.strip().lower(), str(self.port)
        if port != str(self.port):
            return False
        if name in self.host_names:
            return True
        if self.any_address:
            try:
                ipaddress.ip_address(name[1:-1] if name.startswith("[") and name.endswith("]") else name)
            except ValueError:
                return False
            return True
        return False

    def get_request(self) -> tuple[socket.socket, Any]:
        try:
            return super().get_request()
        except OSError as exc:
            if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                # Out of descriptors: the listening socket stays readable and accept() fails at
                # once, so without a pause the loop spins until a connection closes.
                self._closing.wait(ACCEPT_BACKOFF)
            raise

    def process_request(self, request: Any, client_address: Any) -> None:
        while not self._slots.acquire(timeout=0.1):
            if self._closing.is_set():
                self.shutdown_request(request)
                return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):  # the reader hung up or went quiet mid-answer
            log.debug("%s: %s", client_address[0], exc)
        else:
            log.error("%s: answering failed", client_address[0], exc_info=True)

    def shutdown(self) -> None:
        self._closing.set()
        super().shutdown()

    def server_close(self) -> None:
        self._closing.set()
        super().server_close()


def _host_name(host: str) -> str:
    """How ``host`` appears in a Host header: lower case, an IPv6 address in brackets."""
    host = host.lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def make_server(
    out_dir: Path,
    port: int,
    host: str = HOST,
    *,
    timeout: float = IDLE_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
    site_url: Callable[[], str | None] = lambda: None,
) -> PreviewServer:
    """A server for ``out_dir`` on ``host`` (not yet serving; call ``serve_forever``). Port 0 picks
    a free one. ``timeout`` is how long a connection may stay silent, ``max_connections`` how many
    are served at once (the others wait their turn). ``site_url`` gives the URL out/ is built for,
    which the served text then shows as the preview's own address (None: sent as it is)."""
    directory = str(out_dir.resolve())

    def handler(*args: object, **kwargs: object) -> Handler:
        return Handler(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    return PreviewServer((host, port), handler, timeout, max_connections, site_url)


@dataclass(frozen=True)
class Problem:
    """Something wrong that lasts: its lines are told when it starts or changes, ``mended`` when it is gone."""

    lines: tuple[str, ...]
    mended: str | None = None


class Watcher:
    """What ``--watch`` does each interval: read the settings again if their file changed, rebuild,
    and tell what is new.

    A problem that lasts (a rejected file, a bad settings file, a rebuild that fails) is told once,
    when it starts or its message changes, and once more when it is gone: not every interval. A bad
    settings file leaves the settings read before in force. ``say`` tells what changed, ``warn``
    the problems and their ends.
    """

    def __init__(
        self,
        settings_file: Path,
        load: Callable[[], Site],
        run: Callable[[Site], BuildResult],
        say: Callable[[str], None],
        warn: Callable[[str], None],
    ) -> None:
        self.settings_file = settings_file
        self._load, self._run, self._say, self._warn = load, run, say, warn
        self._stamp = _stamp(settings_file)  # before reading it: a change meanwhile is read again
        self.site = load()  # a bad file at the start is a usage error, raised
        self._settings: Problem | None = None
        self._failure: Problem | None = None
        self._rejected: dict[str, Problem] = {}
        self._told: dict[str, Problem] = {}

    def first(self) -> None:
        """The build before serving; a failure is raised, as ``feeds build`` would."""
        self._built(self._run(self.site))
        self._tell()

    def tick(self) -> None:
        """One interval's work. It never raises: the watcher outlives any one bad rebuild."""
        try:
            self._reload()
            result = self._run(self.site)
        except FeedsError as exc:
            self._failure = Problem(
                (f"feeds: error: rebuild failed: {printable(str(exc))}",), "feeds: the rebuild works again"
            )
        except Exception as exc:  # a bug, but the preview goes on; -vv shows where
            log.debug("rebuild failed", exc_info=True)
            self._failure = Problem(
                (f"feeds: error: rebuild failed: {type(exc).__name__}: {printable(str(exc))}",),
                "feeds: the rebuild works again",
            )
        else:
            self._failure = None
            self._built(result)
        self._tell()

    def _reload(self) -> None:
        stamp = _stamp(self.settings_file)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        name = printable(str(self.settings_file))
        try:
            site = self._load()
        except FeedsError as exc:
            message = f"feeds: error: {printable(str(exc))}; the settings read before stay in force until it is fixed"
            self._settings = Problem((message,), f"{name}: fixed; settings read again")
            return
        if self._settings is None:
            self._say(f"settings read again from {name}")
        self._settings = None
        self.site = site

    def _built(self, result: BuildResult) -> None:
        changed = result.written + result.removed
        if changed:
            self._say(f"rebuilt: {len(changed)} file(s) changed: {printable(', '.join(changed))}")
        lines: dict[str, list[str]] = {}
        for error in result.errors:
            lines.setdefault(error.path, []).append(printable(str(error)))
        rejected = {f"file {path}": Problem(tuple(told), f"{path}: no longer rejected") for path, told in lines.items()}
        for label in result.kept:
            message = f"{printable(label)}: the last good version stays in the feeds until the file is fixed"
            rejected[f"kept {label}"] = Problem((message,))
        self._rejected = rejected

    def _tell(self) -> None:
        problems = dict(self._rejected)
        if self._settings is not None:
            problems["settings"] = self._settings
        if self._failure is not None:
            problems["rebuild"] = self._failure
        for key, problem in self._told.items():
            if key not in problems and problem.mended:
                self._warn(problem.mended)
        for key, problem in problems.items():
            if self._told.get(key) != problem:
                for line in problem.lines:
                    self._warn(line)
        self._told = problems


def _stamp(path: Path) -> tuple[int, ...] | None:
    """What tells that a file changed without reading it: None when it cannot be looked at."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def watch(tick: Callable[[], None], stop: threading.Event, interval: float = 1.0) -> threading.Thread:
    """Call ``tick`` (``Watcher.tick``, which never raises) every ``interval`` seconds until ``stop`` is set.

    A rebuild where nothing changed only stats the content folder (``feeds.build``), so polling
    by building is as cheap as polling mtimes here, and the build decides what changed.
    """

    def loop() -> None:
        while not stop.wait(interval):
            tick()

    thread = threading.Thread(target=loop, name="feeds-watch", daemon=True)
    thread.start()
    return thread


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{_host_name(str(host))}:{port}/"


__all__ = ["HOST", "Handler", "PreviewServer", "Problem", "Watcher", "content_type", "make_server", "url_of", "watch"]
