"""``feeds serve`` against hostile paths, hosts and connections, with a real server on 127.0.0.1
and real sockets: nothing outside out/ is served, a bad path is a 4xx (never a traceback), idle
connections time out, threads are bounded, and only our own host names are answered.
Every server here is stopped by the test that starts it."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

import pytest

from feeds.serve import make_server

SECRET = b"<p>a secret outside out/</p>\n"


@contextmanager
def serving(out: Path, host: str = "127.0.0.1", **options: float) -> Iterator[int]:
    """A server on ``host`` for ``out`` in a thread; its port. Stopped on the way out."""
    httpd = make_server(out, 0, host, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
        assert not thread.is_alive()


def get(port: int, path: str, host: str = "127.0.0.1", **headers: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """out/ with a page, a feed, and symbolic links: within out/, out of it, and in a loop."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_bytes(SECRET)
    (outside / "index.html").write_bytes(SECRET)
    out = tmp_path / "out"
    (out / "tags" / "ai").mkdir(parents=True)
    (out / "index.html").write_bytes(b"<p>home</p>\n")
    (out / "feed.json").write_bytes(b'{"version": "https://jsonfeed.org/version/1.1"}\n')
    (out / "tags" / "ai" / "index.html").write_bytes(b"<p>ai</p>\n")
    (out / "leak").mkdir()
    (out / "leak" / "index.html").symlink_to(outside / "secret.html")  # a file link out of out/
    (out / "away").symlink_to(outside, target_is_directory=True)  # a folder link out of out/
    (out / "inside").symlink_to(out / "tags", target_is_directory=True)  # a folder link within out/
    (out / "same.json").symlink_to(out / "feed.json")  # a file link within out/
    (out / "loop1").symlink_to(out / "loop2")
    (out / "loop2").symlink_to(out / "loop1")
    (out / "looped").mkdir()
    (out / "looped" / "index.html").symlink_to(out / "looped" / "index.html")
    return out


def test_nothing_outside_out_is_served(out: Path) -> None:
    with serving(out) as port:
        for path in ("/leak/", "/leak/index.html", "/away/", "/away/secret.html", "/away/index.html", "/away"):
            status, body = get(port, path)
            assert status == 404 and SECRET not in body, path
        # Links that stay within out/ are served as what they lead to.
        assert get(port, "/inside/ai/") == (200, b"<p>ai</p>\n")
        assert get(port, "/same.json") == (200, (out / "feed.json").read_bytes())
        assert get(port, "/") == (200, b"<p>home</p>\n")


@pytest.mark.parametrize(
    ("path", "statuses"),
    [
        ("/a%00b", (400,)),
        ("/feed.json%00.html", (400,)),
        ("/tags/%00/", (400,)),
        ("/%ED%A0%80", (400, 404)),  # a lone surrogate: no file can have that name
        ("/loop1", (404,)),
        ("/loop1/", (404,)),
        ("/loop2/x.html", (404,)),
        ("/looped/", (404,)),
    ],
)
def test_bad_paths_get_an_answer_and_no_traceback(
    out: Path, path: str, statuses: tuple[int, ...], capfd: pytest.CaptureFixture[str]
) -> None:
    with serving(out) as port:
        assert get(port, path)[0] in statuses
        assert get(port, "/feed.json")[0] == 200  # and the server goes on
    assert "Traceback" not in capfd.readouterr().err


def _handler_threads() -> int:
    return sum("process_request_thread" in t.name for t in threading.enumerate())


def test_idle_connections_time_out(out: Path) -> None:
    with serving(out, timeout=0.3) as port, socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
        started = time.monotonic()
        assert idle.recv(1) == b""  # the server hung up on a connection that said nothing
        assert time.monotonic() - started < 5
        assert get(port, "/feed.json")[0] == 200


def test_threads_are_bounded_and_waiting_connections_are_answered(out: Path) -> None:
    before = _handler_threads()
    with serving(out, timeout=0.3, max_connections=2) as port, ExitStack() as stack:
        for _ in range(5):
            stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
        deadline = time.monotonic() + 0.5
        most = 0
        while time.monotonic() < deadline:
            most = max(most, _handler_threads() - before)
            time.sleep(0.02)
        assert 1 <= most <= 2
        started = time.monotonic()
        assert get(port, "/feed.json")[0] == 200  # it waited its turn, behind the idle ones
        assert time.monotonic() - started < 8


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's CPU time from /proc")
def test_out_of_descriptors_the_server_waits_instead_of_spinning(out: Path) -> None:
    """With its descriptors used up by idle connections, accept() fails at once, again and again:
    the server must wait for a connection to close, not spin on a readable listening socket."""
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from feeds.serve import make_server\n"
        "server = make_server(Path(sys.argv[1]), 0, max_connections=1000, timeout=30)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (24, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))\n"
        "print(server.server_address[1], flush=True)\n"
        "server.serve_forever()\n"
    )
    command = [sys.executable, "-c", script, str(out)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        try:
            assert proc.stdout is not None
            port = int(proc.stdout.readline())
            with ExitStack() as stack:
                for _ in range(40):
                    stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
                time.sleep(0.3)
                spent = _cpu_seconds(proc.pid)
                time.sleep(1.0)
                spent = _cpu_seconds(proc.pid) - spent
                assert spent < 0.5, f"the server used {spent:.2f} s of CPU in 1 s while out of descriptors"
            # Once the idle connections are gone, it answers again.
            assert get(port, "/feed.json")[0] == 200
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_only_our_own_host_names_are_answered(out: Path) -> None:
    with serving(out) as port:
        for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
            assert get(port, "/feed.json", Host=host)[0] == 200, host
        assert get(port, "/feed.json")[0] == 200  # http.client's own Host header
        for host in ("attacker.example", f"attacker.example:{port}", "localhost.attacker.example", "127.0.0.2",
                     f"localhost:{port + 1 if port < 65535 else 1}", "", "127.0.0.1:x", "localhost:80:80"):  # fmt: skip
            status, body = get(port, "/feed.json", Host=host)
            assert status in (400, 403, 421) and b"jsonfeed" not in body, host


def test_no_host_header_is_answered(out: Path) -> None:
    """An HTTP/1.0 client may send none; a browser (the DNS-rebinding attacker's tool) always does."""
    with serving(out) as port, closing(socket.create_connection(("127.0.0.1", port), timeout=10)) as client:
        client.sendall(b"GET /feed.json HTTP/1.0\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
        assert answer.startswith(b"HTTP/1.0 200 ")


def _ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_bound_to_ipv6_loopback(out: Path) -> None:
    with serving(out, host="::1") as port:
        assert get(port, "/feed.json", host="::1")[0] == 200
        assert get(port, "/feed.json", host="::1", Host=f"[::1]:{port}")[0] == 200
        assert get(port, "/feed.json", host="::1", Host="localhost")[0] == 200
        assert get(port, "/feed.json", host="::1", Host="attacker.example")[0] in (400, 403, 421)


def _serve_command(out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "feeds", "serve", "--port", "0", "--out", str(out), *options]


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_cli_bind(out: Path) -> None:
    with subprocess.Popen(_serve_command(out, "--bind", "::1"), stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line.startswith(f"serving {out} at http://[::1]:"), line
            port = int(line.rsplit(":", 1)[1].split("/", 1)[0])
            assert get(port, "/feed.json", host="::1")[0] == 200
            assert get(port, "/feed.json", host="::1", Host="attacker.example")[0] == 421
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_cli_bind_to_no_address_is_a_usage_error(out: Path) -> None:
    done = subprocess.run(_serve_command(out, "--bind", "192.0.2.1"), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("feeds: error: --bind: cannot listen on 192.0.2.1:0")
    assert "Traceback" not in done.stderr
