"""The text of a setting: a URL others can fetch (the site's, a WebSub hub's), an IANA time zone
the name most likely means, and the characters a feed cannot carry. Below ``feeds.config``, which
checks each setting with these."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feeds.errors import ConfigError
from feeds.urls import to_uri

# How site_from_mapping's checks name what is wrong: (key, message) -> the error to raise.
Fail = Callable[[str, str], ConfigError]
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# A host name after IDNA (labels of letters, digits, "-"; "_" is seen in the wild), or an IP address.
_HOST = re.compile(
    r"(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.?|[0-9a-f:.]+"
)


def is_hub_url(text: str) -> bool:
    """An absolute http(s) URL with a host, as written in a feed and posted to: no spaces or quotes."""
    try:
        parts = urlsplit(text)
        return (
            parts.scheme in ("http", "https")
            and bool(parts.hostname)
            and not any(ch.isspace() or ch in '"<>' for ch in text)
        )
    except ValueError:  # a bad port or IPv6 literal
        return False


def closest(word: str, choices: Sequence[str]) -> list[str]:
    from difflib import get_close_matches

    return get_close_matches(word.lower(), choices, n=1, cutoff=0.6)


def zone_guess(name: str) -> str | None:
    """The IANA time zone ``name`` most likely means: a city alone (``Seoul``), a case slip, a typo."""
    from zoneinfo import available_timezones

    zones = sorted(available_timezones())
    wanted = name.strip().replace(" ", "_").lower()
    for zone in zones:
        if zone.lower() == wanted:
            return zone
    for zone in zones:
        if zone.rpartition("/")[2].lower() == wanted:
            return zone
    cities = {zone.rpartition("/")[2].lower(): zone for zone in zones}
    close = closest(wanted, list(cities)) or closest(wanted, [z.lower() for z in zones])
    if not close:
        return None
    return cities.get(close[0]) or next(zone for zone in zones if zone.lower() == close[0])


def control_character(text: str) -> str | None:
    """The first character a feed cannot carry or a terminal would act on (tab and newlines are text)."""
    for ch in text:
        if ch not in "\t\n\r" and (unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"):
            return f"U+{ord(ch):04X}"
    return None


def normal_site_url(raw: str) -> str:
    """The site URL as feeds publish it: IDNA host, percent-encoded path, ending in "/".

    Raises ValueError (the reason) for what no encoding makes a URL others can fetch.
    """
    url = absolute_http(raw)
    parts = urlsplit(url)
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise ValueError("must not have a query or a fragment: feed URLs are made by appending paths to it")
    return url if url.endswith("/") else url + "/"


def absolute_http(raw: str) -> str:
    """``raw`` encoded by ``to_uri``, if that is an absolute http(s) URL with a host; else ValueError."""
    if control_character(raw) or any(ch in raw for ch in "\t\n\r"):
        raise ValueError("must not contain control characters")
    try:
        uri = to_uri(raw)
        parts = urlsplit(uri)
        port = parts.port  # raises ValueError when out of range
    except UnicodeError as exc:  # UnicodeError is a ValueError: a host label IDNA cannot encode
        raise ValueError(f"must have a host name IDNA can encode ({exc.__cause__ or exc})") from exc
    except ValueError as exc:  # "https://[oops"
        raise ValueError(f"must be an absolute http(s) URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http(s) URL")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not hold a user name or password: every subscriber would see them")
    host = parts.hostname
    if not _HOST.fullmatch(host) or len(host) > 253 or (port == 0):
        raise ValueError(f"must be an absolute http(s) URL with a valid host name, not {host!r}")
    if _STRAY_PERCENT.search(uri):  # to_uri keeps "%" as the start of an escape
        raise ValueError("has a '%' that starts no %XX escape (a literal '%' is written %25)")
    if any(not (33 <= ord(ch) < 127) or ch in '"<>\\^`{|}' for ch in uri):
        raise ValueError("must be an absolute http(s) URL")  # to_uri encodes these: a bug if reached
    return uri


def time_zone_named(name: str, fail: Fail) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        guess = zone_guess(name)
        hint = f" (did you mean {guess!r}?)" if guess else "; IANA names are like 'Asia/Seoul' or 'Europe/Paris'"
        raise fail("timezone", f"unknown IANA time zone {name!r}{hint}") from exc
