"""Strict parsers for the two feed date formats: RFC 3339 (Atom) and RFC 822 (RSS 2.0).

Each returns the parsed, timezone-aware datetime (or None when unusable) and, when the text is
not valid, the problem with the W3C message code and level to report it under. Readers silently
drop or misdate entries whose dates they cannot parse, hence the strictness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from feeds.dates import MONTH_NAMES, RFC822_ZONES
from feeds.validate.findings import Level


@dataclass(frozen=True)
class ParsedDate:
    value: datetime | None
    problem: str | None = None  # None: the text is valid
    code: str = ""
    level: Level = "error"


# re.ASCII: \d must not accept other scripts' digits, which int() would happily read.
_RFC3339 = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?P<frac>\.\d+)?"
    r"(?P<tz>[Zz]|[+-]\d{2}:\d{2})?$",
    re.ASCII,
)


def _invalid_3339(problem: str) -> ParsedDate:
    return ParsedDate(None, problem, "InvalidRFC3339Date")


def parse_rfc3339(text: str) -> ParsedDate:
    text = text.strip()
    match = _RFC3339.match(text)
    if match is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
            return _invalid_3339(f"{text!r} is a date without a time; write e.g. {text}T00:00:00Z")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}.*", text, re.ASCII):
            return _invalid_3339(f"{text!r} separates date and time with a space; use 'T'")
        return _invalid_3339(f"{text!r} is not an RFC 3339 date-time like 2025-03-10T09:00:00+09:00")
    tz = match["tz"]
    if tz is None:
        return _invalid_3339(f"{text!r} has no time zone; append Z (UTC) or an offset like +09:00")
    try:
        offset = timedelta(0)
        if tz not in ("Z", "z"):
            hours, minutes = int(tz[1:3]), int(tz[4:6])
            if hours > 23 or minutes > 59:
                raise ValueError("offset out of range")
            offset = timedelta(hours=hours, minutes=minutes) * (1 if tz[0] == "+" else -1)
        year, month, day = (int(part) for part in match["date"].split("-"))
        micro = int((match["frac"] or ".0")[1:7].ljust(6, "0"))
        value = datetime(
            year, month, day, int(match["h"]), int(match["m"]), _second(match["s"]), micro, tzinfo=timezone(offset)
        )
    except ValueError:
        return _invalid_3339(f"{text!r} is not a real date-time (a field is out of range)")
    return ParsedDate(value)


def _second(text: str | None) -> int:
    # Both RFCs allow a leap second (:60); datetime does not, and one second does not matter here.
    second = int(text or 0)
    return 59 if second == 60 else second


_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # RFC 822's: jan … dec
# RFC 822 section 5.1 zones. The military letters' signs are reversed in the RFC, so RFC 2822
# reads them as -0000 (offset unknown); only "Z" is in real use.
_ZONES = RFC822_ZONES
_MILITARY = set("ABCDEFGHIKLMNOPQRSTUVWXY")
_RFC822 = re.compile(
    r"^(?:(?P<dow>[A-Za-z]+)\s*,\s*)?(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]+)\s+(?P<year>\d+)\s+"
    r"(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s+(?P<zone>[+-]\d{4}|[A-Za-z]+)"
    r"(?:\s*\([^()]*\))?$",  # RFC 822 allows a trailing comment: "+0900 (KST)"
    re.ASCII,
)
_EXAMPLE = "like 'Mon, 10 Mar 2025 09:00:00 +0900'"


def _invalid_822(problem: str) -> ParsedDate:
    return ParsedDate(None, problem, "InvalidRFC2822Date")


def parse_rfc822(text: str) -> ParsedDate:
    text = " ".join(text.split())
    match = _RFC822.match(text)
    if match is None:
        return _invalid_822(f"{text!r} is not an RFC 822 date-time {_EXAMPLE}")
    mon, dow, zone, year_text = match["mon"].lower(), match["dow"], match["zone"], match["year"]
    if mon not in _MONTHS:
        return _invalid_822(f"{text!r} has an unknown month {match['mon']!r}; use Jan, Feb, … {_EXAMPLE}")
    if dow is not None and dow.lower() not in _DAYS:
        return _invalid_822(f"{text!r} has an unknown day name {dow!r}; use Mon, Tue, … {_EXAMPLE}")
    if zone[0] in "+-":
        hours, minutes = int(zone[1:3]), int(zone[3:5])
        if hours > 23 or minutes > 59:
            return _invalid_822(f"{text!r} has an out-of-range offset {zone}")
        offset = timedelta(hours=hours, minutes=minutes) * (1 if zone[0] == "+" else -1)
    elif zone.upper() in _ZONES:
        offset = timedelta(hours=_ZONES[zone.upper()])
    elif len(zone) == 1 and zone.upper() in _MILITARY:
        offset = timedelta(0)
    else:
        return _invalid_822(
            f"{text!r} has an unknown time zone {zone!r}; RFC 822 knows only UT, GMT and US "
            "zones, so write a numeric offset such as +0900"
        )
    if len(year_text) not in (2, 4):
        return _invalid_822(f"{text!r} has a {len(year_text)}-digit year; use four digits {_EXAMPLE}")
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 50 else 2000  # RFC 2822 section 4.3
    try:
        value = datetime(
            year,
            _MONTHS.index(mon) + 1,
            int(match["day"]),
            int(match["h"]),
            int(match["m"]),
            _second(match["s"]),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return _invalid_822(f"{text!r} is not a real date-time (a field is out of range)")
    if dow is not None and _DAYS.index(dow.lower()) != value.weekday():
        actual = _DAYS[value.weekday()].capitalize()
        return ParsedDate(
            value, f"{text!r} says {dow} but that date is a {actual}; fix the day name or drop it", "IncorrectDOW"
        )
    if len(year_text) == 2:
        return ParsedDate(
            value,
            f"{text!r} has a two-digit year; readers may guess the century wrong, write {year}",
            "ProblematicalRFC822Date",
            "warning",
        )
    return ParsedDate(value)
