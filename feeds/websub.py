"""WebSub: telling the site's hub which feeds changed, so that subscribers hear within the build.

WebSub (W3C, 2018) leaves how a publisher tells its hub to the two of them; the hubs in use
(Google's, Superfeedr, WebSub.rocks, Switchboard) take PubSubHubbub 0.3's ping: a form POST of
``hub.mode=publish`` and ``hub.url=<the feed's URL>``, answered with a 2xx (mostly 204). Some take
several ``hub.url`` in one ping, not all: one ping per feed is what every hub understands.

A hub is someone else's server: down, refusing or hanging, it must cost the build no more than
``hub_timeout`` seconds in all, and never its exit status. It is told, at worst, nothing: the feeds
are written already, and subscribers' readers still poll them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPRedirectHandler, OpenerDirector, Request, build_opener

from feeds.config import Site
from feeds.mediatypes import LABELS
from feeds.urls import feed_url

log = logging.getLogger(__name__)

USER_AGENT = "feeds (WebSub publisher)"


@dataclass
class Pinged:
    """What the hub was told: the feed URLs it accepted, and why the others were not."""

    topics: list[str]  # every feed URL it was to be told of
    accepted: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (feed URL, why)
    late: bool = False  # the time ran out: the feeds after these were not pinged
    timeout: float = 0.0  # the time all the pings had

    @property
    def not_told(self) -> list[str]:
        told = set(self.accepted)
        return [topic for topic in self.topics if topic not in told]

    def problems(self) -> list[str]:
        """Why some feeds were not told, once each."""
        reasons = [why for _, why in self.failed] + ([_late(self.timeout)] if self.late else [])
        return list(dict.fromkeys(reasons))


def changed_feeds(site: Site, written: Iterable[str]) -> list[str]:
    """The public URLs of the feeds among ``written`` (paths under out/): their pages are not topics."""
    urls = []
    for rel in sorted(written):
        folder, _, name = rel.rpartition("/")
        if name in LABELS:
            urls.append(feed_url(site.url, folder + "/" if folder else "", name))
    return urls


def ping(hub: str, topics: list[str], timeout: float) -> Pinged:
    """POST ``hub.mode=publish`` for each of ``topics`` to ``hub``, all within ``timeout`` seconds.

    Runs in a thread that the caller stops waiting for when the time is up: a hub that accepts
    the connection and then sends a byte a second would outlast any socket timeout.
    """
    pinged = Pinged(list(topics), timeout=timeout)
    done = threading.Event()
    deadline = time.monotonic() + timeout

    def run() -> None:
        opener = build_opener(_NoRedirects())
        try:
            for topic in topics:
                left = deadline - time.monotonic()
                if left <= 0:
                    pinged.late = True
                    return
                why = _post(opener, hub, topic, left, timeout)
                if why is None:
                    pinged.accepted.append(topic)
                else:
                    pinged.failed.append((topic, why))
                    if why.startswith("cannot reach"):  # the next would fare no better
                        return
                    if why == _late(timeout):
                        pinged.late = True
                        pinged.failed.pop()
                        return
        finally:
            done.set()

    worker = threading.Thread(target=run, name="websub-ping", daemon=True)
    worker.start()
    if not done.wait(timeout):
        pinged.late = True  # a ping still under way is not counted as heard
    return Pinged(pinged.topics, list(pinged.accepted), list(pinged.failed), pinged.late, timeout)


def _late(timeout: float) -> str:
    return f"no answer within {timeout:g} s (hub_timeout)"


def _post(opener: OpenerDirector, hub: str, topic: str, timeout: float, total: float) -> str | None:
    """One ping with ``timeout`` seconds left of ``total``; None when the hub accepted it, else why not."""
    body = urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
    request = Request(hub, data=body, method="POST", headers={"User-Agent": USER_AGENT})
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with opener.open(request, timeout=timeout) as response:
            status = response.status
    except HTTPError as exc:
        return f"HTTP {exc.code} {exc.reason}".rstrip()
    except TimeoutError:
        return _late(total)
    except URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return _late(total)
        return f"cannot reach it ({exc.reason})"
    except OSError as exc:  # a reset connection
        return f"cannot reach it ({exc})"
    except (HTTPException, ValueError) as exc:  # an answer that is not HTTP
        return f"a malformed answer ({type(exc).__name__})"
    return None if 200 <= status < 300 else f"HTTP {status}"


class _NoRedirects(HTTPRedirectHandler):
    """A ping is not followed elsewhere: urllib would turn the POST into a GET, which pings nothing."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def publish(site: Site, written: Iterable[str]) -> Pinged | None:
    """Tell the site's hub of the feeds among ``written`` (paths under out/); warn, never raise,
    when it is not told. None when the site has no hub or no feed changed."""
    if site.hub is None or not (topics := changed_feeds(site, written)):
        return None
    pinged = ping(site.hub, topics, site.hub_timeout)
    if missed := pinged.not_told:
        log.warning(
            "WebSub hub %s was not told of %d of %d changed feed(s): %s. The feeds are written; "
            "subscribers' readers will find the changes when they next poll",
            site.hub,
            len(missed),
            len(topics),
            "; ".join(pinged.problems()) or "no answer",
        )
    else:
        log.info("WebSub hub %s told of %d changed feed(s)", site.hub, len(topics))
    return pinged
