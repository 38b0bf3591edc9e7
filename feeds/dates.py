"""Date parsing: every date form content files use, to timezone-aware datetimes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from feeds.errors import DateError
from feeds.lazyre import LazyPattern

__all__ = ["RFC822_ZONES", "ZONE_ABBREVIATIONS", "parse_date"]

_EXPECTED = "expected e.g. 2025-03-10, 2025-03-10T14:30:00+09:00, RFC 2822, 'March 10, 2025', '2025년 3월 10일'"

# Abbreviations are ambiguous world-wide (CST is also China Standard Time, IST is three zones), so only
# this fixed table is honoured: the US zones mean what RFC 822 says they mean, and anything else is an
# error rather than a silent guess.  Each is a fixed offset: "EDT" says -04:00 whatever the date.
# The zones RFC 822 names (military single letters aside); the feed validator checks against these.
RFC822_ZONES: dict[str, int] = {
    "UT": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
ZONE_ABBREVIATIONS: dict[str, timezone] = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {"UTC": 0, **RFC822_ZONES, "KST": 9, "JST": 9}.items()
}

# The patterns are compiled on first use: most sites write their dates in one or two of these forms.
# A trailing upper-case word, bare or in parentheses as RFC 822 comments write it ("+0900 (KST)").
# Upper case only, so that "Mar 10 2025 Mon" or a lower-case word is left for the handlers to judge.
_TRAILING_ZONE = LazyPattern(r"(?P<rest>.*\S) (?:\((?P<paren>[A-Z]{1,5})\)|(?P<bare>[A-Z]{1,5}))")
_MERIDIEMS = {"AM", "PM"}

_EPOCH = LazyPattern(r"\d{9,11}(?:\.\d+)?")
_COMPACT = LazyPattern(r"(\d{4})(\d{2})(\d{2})")
_ISO = LazyPattern(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<frac>\d+))?)?"
    r" ?(?P<tz>Z|[+-]\d{2}(?::?[0-5]\d)?)?)?",
    re.IGNORECASE,
)
_RFC822 = LazyPattern(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? ?)?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" (?:\d{2}|\d{4}) \d{1,2}:\d{2}(?::\d{2})?(?: (?P<tz>[+-]\d{2}[0-5]\d))?",
    re.IGNORECASE,
)
_WEEKDAY = r"(?: ?\((?:[월화수목금토일]|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)| ?[월화수목금토일]요일)?"
_NUMERIC = LazyPattern(
    # a stray 일 may be glued to the day, as a portal copy prints it: "2012.06.02일 13:50"
    r"(?P<y>\d{4}) ?(?P<sep>[./-]) ?(?P<m>\d{1,2}) ?(?P=sep) ?(?P<d>\d{1,2})\.?(?:일(?![가-힣]))?"
    + _WEEKDAY
    + r"(?: (?:(?P<ap1>오전|오후|AM|PM) ?)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?: ?(?P<ap2>AM|PM))?)?",
    re.IGNORECASE,
)
_KOREAN_DATE = LazyPattern(r"(\d{4})년 ?(\d{1,2})월 ?(\d{1,2})일")
_KOREAN_TIME = LazyPattern(r"(\d{1,2}) ?시(?: ?(\d{1,2}) ?분)?(?: ?(\d{1,2}) ?초)?")
# News pages put the time in parentheses after the date: "2024-04-05(21:36)", "2024.04.05 (오후 9:36)".
_PAREN_TIME = LazyPattern(r" ?\(((?:(?:오전|오후|AM|PM) ?)?\d{1,2}:\d{2}(?::\d{2})?)\)", re.IGNORECASE)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")  # fmt: skip
_MONTHS = {name: n for n, full in enumerate(MONTH_NAMES, start=1) for name in (full, full[:3])} | {"sept": 9}
_ENGLISH_DAY = LazyPattern(
    r"(?:(?P<m1>[A-Za-z]{3,9})\.? (?P<d1>\d{1,2}),? |(?P<d2>\d{1,2}) (?P<m2>[A-Za-z]{3,9})\.?,? )(?P<y>\d{4})"
)
_MONTH_NAME = LazyPattern(rf"(?<![a-z])(?:{'|'.join(m[:3] for m in MONTH_NAMES)})", re.IGNORECASE)
_FOUR_DIGIT_YEAR = LazyPattern(r"(?<!\d)\d{4}(?!\d)")

# Two different defaults: a field dateutil filled in from a default comes out different in the two
# results, which is how a missing day/month/year is caught without reaching into dateutil's internals.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def _offset(text: str) -> timezone:
    """``Z``, ``+09``, ``+0900`` or ``+09:00`` as a fixed-offset zone."""
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


def _hour(hour: int, meridiem: str | None) -> int:
    """A 24-hour clock hour; 오전 12시 is midnight and 오후 12시 noon, as with 12 AM and 12 PM."""
    if meridiem is None:
        return hour
    if hour > 12:
        raise ValueError(f"hour {hour} with {meridiem}")
    return hour % 12 + (12 if meridiem.upper() in ("PM", "오후") else 0)


def _parse_epoch(text: str) -> datetime | None:
    # 9-11 digits covers 1973-5138; shorter digit runs are far likelier to be typos or day numbers.
    if not _EPOCH.fullmatch(text):
        return None
    return datetime.fromtimestamp(float(text), UTC)


def _parse_compact(text: str) -> datetime | None:
    match = _COMPACT.fullmatch(text)
    return datetime(int(match[1]), int(match[2]), int(match[3])) if match else None


def _parse_iso(text: str) -> datetime | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    g = match.groupdict()
    micro = int((g["frac"] or "0")[:6].ljust(6, "0"))
    return datetime(
        int(g["y"]),
        int(g["m"]),
        int(g["d"]),
        int(g["H"] or 0),
        int(g["M"] or 0),
        int(g["S"] or 0),
        micro,
        tzinfo=_offset(g["tz"]) if g["tz"] else None,
    )


def _parse_rfc822(text: str) -> datetime | None:
    match = _RFC822.fullmatch(text)
    if match is None:
        return None
    import email.utils  # here: it imports socket, random and calendar, for RFC 822 dates only

    parsed = email.utils.parsedate_tz(text)
    if parsed is None:
        return None
    # email.utils maps two-digit years (69-99 -> 19xx, 00-68 -> 20xx) with a fixed rule, not the clock.
    naive = datetime(*parsed[:6])
    return naive.replace(tzinfo=_offset(match["tz"])) if match["tz"] else naive


def _parse_numeric(text: str) -> datetime | None:
    """``2025.03.10``, ``2025/03/10``, ``2025. 3. 10.``, ``2025.03.10(월) 오후 2:30``."""
    match = _NUMERIC.fullmatch(text)
    if not match:
        return None
    g = match.groupdict()
    if g["ap1"] and g["ap2"]:
        return None
    hour = _hour(int(g["H"] or 0), g["ap1"] or g["ap2"])
    return datetime(int(g["y"]), int(g["m"]), int(g["d"]), hour, int(g["M"] or 0), int(g["S"] or 0))


def _parse_korean(text: str) -> datetime | None:
    """``2025년 3월 10일(월) 오후 2시 30분``, ``2025.03.10 오전 9시``, ``2025-03-10(21:36)``.

    Rewritten to the numeric form, which knows 오전/오후 and weekdays.
    """
    if "년" not in text and "시" not in text and "(" not in text:
        return None
    text = _KOREAN_DATE.sub(r"\1.\2.\3", text, count=1)
    text = _KOREAN_TIME.sub(lambda m: f"{m[1]}:{int(m[2] or 0):02}:{int(m[3] or 0):02}", text, count=1)
    text = _PAREN_TIME.sub(r" \1", text, count=1)
    # "2025년 7월 01일, 오전 07:00": a comma between the date and the time
    return _parse_numeric(" ".join(text.replace(",", " ").split()))


def _dateutil_zone(name: str | None, offset: int | None) -> tzinfo | None:
    # A callable, so dateutil never consults time.tzname: otherwise a name matching the machine's
    # local zone would give a result that depends on where the build runs.
    if offset is None:
        if name is None:
            return None
        raise ValueError(f"unknown time zone {name!r}")
    return timezone(timedelta(seconds=offset))


def _parse_english_day(text: str) -> datetime | None:
    """``Jul 30 2020``, ``March 10, 2025``, ``10 Sept. 2025``: what dateutil reads them as, 20 times faster."""
    match = _ENGLISH_DAY.fullmatch(text)
    if not match or (month := _MONTHS.get((match["m1"] or match["m2"]).lower())) is None:
        return None
    return datetime(int(match["y"]), month, int(match["d1"] or match["d2"]))


def _parse_english(text: str) -> datetime | None:
    """``March 10, 2025``, ``10 March 2025``, ``Mar 10, 2025 2:30 PM``: dateutil, held on a short leash."""
    # Without a month name, dateutil would guess the order of 03/10/2025; without a four-digit
    # year it would pick the century from the wall clock.
    if not (_MONTH_NAME.search(text) and _FOUR_DIGIT_YEAR.search(text)):
        return None
    from dateutil import parser  # here: most sites never need it, and importing it costs more than it saves

    first, second = (parser.parse(text, default=d, tzinfos=_dateutil_zone) for d in _DEFAULTS)
    return first if first.date() == second.date() else None


# Tried in order, first non-None wins; a handler that raises ValueError (an impossible date) counts as
# a miss.  Strict shapes come first so dateutil only sees text that has a month name in it.
_HANDLERS: tuple[Callable[[str], datetime | None], ...] = (
    _parse_epoch,
    _parse_compact,
    _parse_iso,
    _parse_rfc822,
    _parse_numeric,
    _parse_korean,
    _parse_english_day,
    _parse_english,
)


_OUT_OF_RANGE = re.compile(r"^(?:year|month|day|hour|minute|second) (?:is out of range|must be in)")


def _error(value: object, problem: str = "") -> DateError:
    return DateError(f"unrecognised date {value!r} ({problem + '; ' if problem else ''}{_EXPECTED})")


def _split_zone(text: str, value: object) -> tuple[str, timezone | None]:
    """Take a trailing zone abbreviation off ``text``; an unknown one is an error, never ignored."""
    match = _TRAILING_ZONE.fullmatch(text)
    name = match and (match["paren"] or match["bare"])
    if not match or not name or name in _MERIDIEMS:
        return text, None
    if name not in ZONE_ABBREVIATIONS:
        raise _error(value, f"unknown time zone {name!r}")
    return match["rest"], ZONE_ABBREVIATIONS[name]


def _parse_text(text: str, value: object) -> datetime | None:
    impossible = None
    for handler in _HANDLERS:
        try:
            result = handler(text)
        except (ValueError, OverflowError, OSError) as exc:
            # A date of the right shape with a field out of range (2025-02-30): said as YAML's
            # loader says it, so one kind of impossible date gets one message whatever reads it.
            if impossible is None and isinstance(exc, ValueError) and _OUT_OF_RANGE.search(str(exc)):
                impossible = DateError(f"{exc} ({value!r})")
            continue
        if result is not None:
            return result
    if impossible is not None:
        raise impossible
    return None


def parse_date(value: object, tz: tzinfo) -> datetime:
    """Return a timezone-aware datetime for a metadata date value; raise DateError otherwise."""
    try:
        return _in_range(_parse_date(value, tz), value)
    except OverflowError as exc:  # a zone's offset carried the moment out of datetime's years 1-9999
        raise _out_of_range(value) from exc


# A feed writes four-digit years (RFC 822 and RFC 3339 both), and a moment is shown at offsets
# of up to a day either side of UTC: the dates kept are those every offset can write.
FIRST_YEAR = 1000
_LATEST = datetime(9999, 12, 30, 23, 59, tzinfo=UTC)


def _in_range(moment: datetime, value: object) -> datetime:
    if moment.year < FIRST_YEAR:
        raise DateError(
            f"year {moment.year} in {_shown(value)} is before {FIRST_YEAR} "
            "(expected a four-digit year, as feeds write them; a typo?)"
        )
    # Offsets are under a day: a year before 9999 is in range at every one, without converting.
    if moment.year >= _LATEST.year and moment.astimezone(UTC) > _LATEST:
        raise _out_of_range(value)
    return moment


def _out_of_range(value: object) -> DateError:
    return DateError(f"{_shown(value)} is out of range (expected a date from {FIRST_YEAR}-01-01 to 9999-12-30)")


def _shown(value: object) -> str:
    return repr(value.isoformat() if isinstance(value, date) else value)


def is_zero_date(value: object) -> bool:
    """Whether ``value`` is 0001-01-01 (at midnight UTC, or with no time): Hugo's "no date".

    Go's zero time, which Hugo writes into front matter for a date it does not have.
    """
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) == datetime(1, 1, 1) and not value.utcoffset()
    if isinstance(value, date):
        return value == date(1, 1, 1)
    if isinstance(value, str) and value.strip().startswith("0001-01-01"):
        try:
            parsed = _parse_iso(value.strip())
        except ValueError:
            return False
        return parsed is not None and is_zero_date(parsed)
    return False


def _parse_date(value: object, tz: tzinfo) -> datetime:
    # bool is an int, and a date is not a datetime but a datetime is a date: order matters here.
    if isinstance(value, bool):
        raise _error(value)
    if isinstance(value, datetime):
        return whole_minutes(value if value.utcoffset() is not None else value.replace(tzinfo=tz))
    if isinstance(value, date):
        return whole_minutes(datetime.combine(value, time(), tzinfo=tz))
    if isinstance(value, int) and value.bit_length() > 4000:  # no date; and str() refuses the longest
        raise DateError(f"unrecognised date: a number of over 1,200 digits ({_EXPECTED})")
    if isinstance(value, int | float):
        # Through the string handlers so that YAML's `date: 20250310` is a date, not 1970 epoch
        # (and nan/inf become strings no handler accepts).
        text = str(value)
    elif isinstance(value, str):
        text = value
    else:
        raise _error(value)
    # split() with no argument also splits on U+00A0 and U+3000, which Korean news pages emit.
    text, zone = _split_zone(" ".join(text.replace("\ufeff", "").split()), value)
    result = _parse_text(text, value) if text else None
    if result is None:
        raise _error(value)
    if zone is not None:
        if result.tzinfo is None:
            result = result.replace(tzinfo=zone)
        elif result.utcoffset() != zone.utcoffset(None):
            raise _error(value, f"offset conflicts with {zone.tzname(None)}")
    # replace() leaves fold=0, which zoneinfo reads as the earlier of two repeated wall times.
    return whole_minutes(result if result.tzinfo is not None else result.replace(tzinfo=tz))


def whole_minutes(moment: datetime) -> datetime:
    """``moment`` at its offset rounded to whole minutes, the finest RFC 3339 and RFC 822 can write.

    Before standard time, zones were local mean time: Asia/Seoul before 1908 is +08:27:52. The
    instant is kept exactly and the wall clock moves instead (00:00 at +08:27:52 is 00:00:08 at
    +08:28): a date's instant is what readers sort and compare by.
    """
    offset = moment.utcoffset()
    if offset is None or not (offset.seconds % 60 or offset.microseconds):
        return moment
    minutes = round(offset.total_seconds() / 60)
    return moment.astimezone(timezone(timedelta(minutes=minutes)))
