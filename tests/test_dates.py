"""Date parsing: each accepted form to an ISO string, and the garbage that must raise DateError."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import dates
from feeds.dates import parse_date
from feeds.errors import DateError

from .sweeps import briefly, exhaustive

KST = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
EST = timezone(timedelta(hours=-5))

VALID = [
    # Python objects, as YAML front matter gives them
    pytest.param(datetime(2025, 3, 10, 14, 30), "2025-03-10T14:30:00+09:00", id="datetime-naive"),
    pytest.param(datetime(2025, 3, 10, 14, 30, tzinfo=EST), "2025-03-10T14:30:00-05:00", id="datetime-aware"),
    pytest.param(date(2025, 3, 10), "2025-03-10T00:00:00+09:00", id="date-object"),
    # Unix epoch seconds, and the compact YYYYMMDD that must not be taken for one
    pytest.param(1741564800, "2025-03-10T00:00:00+00:00", id="epoch-int"),
    pytest.param(1741564800.5, "2025-03-10T00:00:00.500000+00:00", id="epoch-float"),
    pytest.param("1741564800", "2025-03-10T00:00:00+00:00", id="epoch-string"),
    pytest.param("20250310", "2025-03-10T00:00:00+09:00", id="compact-string"),
    pytest.param(20250310, "2025-03-10T00:00:00+09:00", id="compact-int"),
    # ISO 8601 / RFC 3339
    pytest.param("2025-03-10", "2025-03-10T00:00:00+09:00", id="iso-date"),
    pytest.param("2025-03-10T14:30", "2025-03-10T14:30:00+09:00", id="iso-no-seconds"),
    pytest.param("2025-03-10T14:30:00Z", "2025-03-10T14:30:00+00:00", id="iso-z"),
    pytest.param("2025-03-10 14:30:00+09:00", "2025-03-10T14:30:00+09:00", id="iso-space-offset"),
    pytest.param("2025-03-10T14:30:00.123+0900", "2025-03-10T14:30:00.123000+09:00", id="iso-fraction"),
    pytest.param("2025-03-10T05:30:00-05:00", "2025-03-10T05:30:00-05:00", id="iso-negative-offset"),
    pytest.param("2025-03-10t14:30:00z", "2025-03-10T14:30:00+00:00", id="iso-lowercase"),
    # RFC 822 / 2822
    pytest.param("Mon, 10 Mar 2025 14:30:00 +0900", "2025-03-10T14:30:00+09:00", id="rfc2822"),
    pytest.param("10 Mar 2025 14:30 GMT", "2025-03-10T14:30:00+00:00", id="rfc822-no-weekday"),
    pytest.param("Mon, 10 Mar 2025 14:30:00 -0000", "2025-03-10T14:30:00+00:00", id="rfc2822-minus-zero"),
    pytest.param("Mon, 10 Mar 25 14:30:00 +0900", "2025-03-10T14:30:00+09:00", id="rfc822-2digit-year"),
    pytest.param("10 Mar 99 14:30 +0000", "1999-03-10T14:30:00+00:00", id="rfc822-2digit-1900s"),
    pytest.param("Mon, 10 Mar 2025 14:30:00 +0900 (KST)", "2025-03-10T14:30:00+09:00", id="rfc2822-comment"),
    pytest.param("Mon, 10 Mar 2025 14:30:00 EDT", "2025-03-10T14:30:00-04:00", id="rfc822-us-zone"),
    # English month names
    pytest.param("Jul 08 2022", "2022-07-08T00:00:00+09:00", id="en-abbr"),
    pytest.param("March 10, 2025", "2025-03-10T00:00:00+09:00", id="en-month-day-year"),
    pytest.param("10 March 2025", "2025-03-10T00:00:00+09:00", id="en-day-month-year"),
    pytest.param("10 Mar 2025", "2025-03-10T00:00:00+09:00", id="en-rfc-date-only"),
    pytest.param("Mar 10, 2025 2:30 PM", "2025-03-10T14:30:00+09:00", id="en-pm"),
    pytest.param("Monday, March 10, 2025", "2025-03-10T00:00:00+09:00", id="en-weekday"),
    # Dotted and slashed, year first
    pytest.param("2025.03.10", "2025-03-10T00:00:00+09:00", id="dotted"),
    pytest.param("2025/03/10", "2025-03-10T00:00:00+09:00", id="slashed"),
    pytest.param("2025. 3. 10.", "2025-03-10T00:00:00+09:00", id="dotted-korean-style"),
    pytest.param("2025.3.10", "2025-03-10T00:00:00+09:00", id="dotted-single-digits"),
    pytest.param("2025.03.10 14:30", "2025-03-10T14:30:00+09:00", id="dotted-time"),
    pytest.param("2025/03/10 14:30:05", "2025-03-10T14:30:05+09:00", id="slashed-seconds"),
    pytest.param("2025.03.10(월) 14:30", "2025-03-10T14:30:00+09:00", id="dotted-weekday"),
    pytest.param("2025. 3. 10. 오후 2:30", "2025-03-10T14:30:00+09:00", id="dotted-ohu"),
    # Korean
    pytest.param("2025년 3월 10일", "2025-03-10T00:00:00+09:00", id="ko-date"),
    pytest.param("2025년 3월 10일 14시", "2025-03-10T14:00:00+09:00", id="ko-hour"),
    pytest.param("2025년 3월 10일 오후 2시 30분", "2025-03-10T14:30:00+09:00", id="ko-pm"),
    pytest.param("2025년 3월 10일 오전 9시", "2025-03-10T09:00:00+09:00", id="ko-am"),
    pytest.param("2025년 3월 10일 오후 12시", "2025-03-10T12:00:00+09:00", id="ko-noon"),
    pytest.param("2025년 3월 10일 오전 12시", "2025-03-10T00:00:00+09:00", id="ko-midnight"),
    pytest.param("2025년 03월 10일 14:30", "2025-03-10T14:30:00+09:00", id="ko-colon-time"),
    pytest.param("2025년 3월 10일(월)", "2025-03-10T00:00:00+09:00", id="ko-weekday"),
    pytest.param("2025년 3월 10일 월요일 오후 2시", "2025-03-10T14:00:00+09:00", id="ko-weekday-word"),
    pytest.param("2018년 05월 11일 18시 02분", "2018-05-11T18:02:00+09:00", id="ko-24h-minutes"),
    pytest.param("2025년 3월 10일 오후 3:59", "2025-03-10T15:59:00+09:00", id="ko-date-pm-colon"),
    # How news pages write their stamps (the reader cuts the stamp out of the line)
    pytest.param("2020.09.28.", "2020-09-28T00:00:00+09:00", id="news-trailing-dot"),
    pytest.param("2020.09.28. 14:05", "2020-09-28T14:05:00+09:00", id="news-trailing-dot-time"),
    pytest.param("2022. 4. 13. 오후 3:59", "2022-04-13T15:59:00+09:00", id="news-spaced-pm"),
    pytest.param("2024-04-05 09:40:12", "2024-04-05T09:40:12+09:00", id="news-iso-seconds"),
    pytest.param("2024-04-05(21:36)", "2024-04-05T21:36:00+09:00", id="news-paren-time"),
    pytest.param("2024.04.05 (21:36)", "2024-04-05T21:36:00+09:00", id="news-paren-time-spaced"),
    pytest.param("2024.04.05(금) (오후 9:36)", "2024-04-05T21:36:00+09:00", id="news-weekday-paren-pm"),
    pytest.param("2024.04.05(화) 09:40", "2024-04-05T09:40:00+09:00", id="news-weekday-time"),
    pytest.param("2024.04.05 오전 9시", "2024-04-05T09:00:00+09:00", id="news-dots-ko-am"),
    pytest.param("2024-04-05 오후 3시 20분", "2024-04-05T15:20:00+09:00", id="news-iso-ko-pm"),
    pytest.param("2024.04.05 14:30 KST", "2024-04-05T14:30:00+09:00", id="news-kst"),
    pytest.param("2025년 7월 01일, 오전 07:00", "2025-07-01T07:00:00+09:00", id="news-ko-comma-time"),
    # Trailing zone abbreviations
    pytest.param("2025-03-10 14:30 KST", "2025-03-10T14:30:00+09:00", id="zone-kst"),
    pytest.param("2025-03-10 14:30 JST", "2025-03-10T14:30:00+09:00", id="zone-jst"),
    pytest.param("2025-03-10 14:30 UTC", "2025-03-10T14:30:00+00:00", id="zone-utc"),
    pytest.param("2025-03-10 14:30 Z", "2025-03-10T14:30:00+00:00", id="zone-z"),
    pytest.param("2025-03-10 14:30 EST", "2025-03-10T14:30:00-05:00", id="zone-est"),
    pytest.param("2025-07-10 14:30 PDT", "2025-07-10T14:30:00-07:00", id="zone-pdt"),
    pytest.param("2025년 3월 10일 14시 KST", "2025-03-10T14:00:00+09:00", id="zone-after-korean"),
    pytest.param("2025-03-10T14:30:00+09:00 KST", "2025-03-10T14:30:00+09:00", id="zone-agrees"),
    # Whitespace
    pytest.param("\u00a02025-03-10\u00a0", "2025-03-10T00:00:00+09:00", id="nbsp"),
    pytest.param("  2025년\u00a03월  10일 \n", "2025-03-10T00:00:00+09:00", id="inner-whitespace"),
]

# A naive date takes whatever offset the site zone has on that day.
DST = [
    pytest.param("2025-07-10", "2025-07-10T00:00:00-04:00", id="ny-summer"),
    pytest.param("2025-01-10 12:00", "2025-01-10T12:00:00-05:00", id="ny-winter"),
    pytest.param(date(2025, 7, 10), "2025-07-10T00:00:00-04:00", id="ny-date-object"),
    pytest.param(datetime(2025, 1, 10, 12), "2025-01-10T12:00:00-05:00", id="ny-datetime"),
    pytest.param("2025-11-02 01:30", "2025-11-02T01:30:00-04:00", id="ny-repeated-hour-fold0"),
    pytest.param("2025-07-10 12:00 EST", "2025-07-10T12:00:00-05:00", id="ny-abbreviation-is-fixed"),
]

INVALID = [
    pytest.param(None, id="none"),
    pytest.param("", id="empty"),
    pytest.param("\u00a0 ", id="blank"),
    pytest.param(True, id="bool"),
    pytest.param([2025, 3, 10], id="list"),
    pytest.param({"date": "2025-03-10"}, id="dict"),
    pytest.param("tomorrow", id="tomorrow"),
    pytest.param("soon", id="soon"),
    pytest.param("10", id="short-number"),
    pytest.param(10, id="short-int"),
    pytest.param("123456789012", id="too-many-digits"),
    pytest.param(float("nan"), id="nan"),
    pytest.param("March", id="month-only"),
    pytest.param("March 10", id="no-year"),
    pytest.param("March 2025", id="no-day"),
    pytest.param("2025", id="year-only"),
    pytest.param("2025-03", id="year-month"),
    pytest.param("Mar 10, 25", id="two-digit-year"),
    pytest.param("03/10/2025", id="ambiguous-day-month"),
    pytest.param("2025-02-30", id="feb-30"),
    pytest.param("2025-13-01", id="month-13"),
    pytest.param("2025-13-45", id="month-13-day-45"),
    pytest.param("20251301", id="compact-month-13"),
    pytest.param("2025-03-10T25:00", id="hour-25"),
    pytest.param("2025년 3월 10일 오후 13시", id="ko-pm-13"),
    pytest.param("2025-03-10 14:30 XYZ", id="unknown-zone"),
    pytest.param("2025-03-10T14:30:00+09:00 EST", id="zone-conflicts"),
    pytest.param("Posted on March 10, 2025", id="fuzzy-only"),
    pytest.param("2024.04.05 오후 15시", id="news-pm-15"),
    pytest.param("2024.04.05(25:10)", id="news-paren-hour-25"),
    pytest.param("(21:36)", id="news-time-only"),
]


@pytest.mark.parametrize(("raw", "expected"), VALID)
def test_parse_date(raw: object, expected: str) -> None:
    assert parse_date(raw, KST).isoformat() == expected


@pytest.mark.parametrize(("raw", "expected"), DST)
def test_parse_date_dst(raw: object, expected: str) -> None:
    assert parse_date(raw, NEW_YORK).isoformat() == expected


@pytest.mark.parametrize("raw", INVALID)
def test_parse_date_rejects(raw: object) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(raw, KST)
    assert repr(raw) in str(caught.value)


MONTH_WORDS = ["Jan", "jan", "January", "FEB", "Sept", "Sep", "September", "May", "Mayo", "Ju", "Dec", "Decem", "Mon"]


@exhaustive
@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(MONTH_WORDS),
    st.integers(0, 40),
    st.integers(1000, 9999),
    st.sampled_from(["{m} {d} {y}", "{m} {d}, {y}", "{m}. {d}, {y}", "{d} {m} {y}", "{d} {m}. {y}", "{d} {m}, {y}"]),
)
def test_english_day_shortcut_reads_what_dateutil_reads(month: str, day: int, year: int, shape: str) -> None:
    text = shape.format(m=month, d=day, y=year)
    try:
        fast = dates._parse_english_day(text)
    except ValueError:
        return  # an impossible day: a miss, and the next handler decides as before
    if fast is not None:
        assert fast == dates._parse_english(text), text


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(test_english_day_shortcut_reads_what_dateutil_reads)
