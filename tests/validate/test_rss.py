"""RSS 2.0 rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from feeds.validate import validate_paths
from feeds.validate.dates import parse_rfc822

from ._cases import check_case, file_cases
from ._site import build_site


@pytest.mark.parametrize("source", file_cases("rss"))
def test_case(source: Path) -> None:
    check_case(source)


def test_feedgen_rss_is_clean(tmp_path: Path) -> None:
    build_site(tmp_path)
    findings = validate_paths([tmp_path / "rss.xml", tmp_path / "tags" / "뉴스" / "rss.xml"])
    assert [f for f in findings if f.level != "info"] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mon, 10 Mar 2025 09:00:00 +0900", None),
        ("10 Mar 2025 09:00 GMT", None),
        ("Mon, 10 Mar 2025 00:00:00 UT", None),
        ("Mon, 10 Mar 2025 00:00:00 EST", None),
        ("Mon, 10 Mar 2025 00:00:00 Z", None),
        ("Mon, 10 Mar 2025 00:00:00 -0000", None),
        ("mon, 10 mar 2025 00:00:00 gmt", None),
        ("Mon, 10 Mar 25 09:00:00 +0900", "ProblematicalRFC822Date"),
        ("Mon, 10 Mar 2025 09:00:00 KST", "InvalidRFC2822Date"),
        ("Mon, 10 Mar 2025 09:00:00", "InvalidRFC2822Date"),
        ("Mon, 10 March 2025 09:00:00 +0900", "InvalidRFC2822Date"),
        ("Mon, 10 Mar 2025 9:00:00 +0900", "InvalidRFC2822Date"),
        ("Mon, 31 Feb 2025 09:00:00 +0900", "InvalidRFC2822Date"),
        ("Mon, 10 Mar 2025 09:00:00 +2500", "InvalidRFC2822Date"),
        ("Mon, 10 Mar 02025 09:00:00 +0900", "InvalidRFC2822Date"),
        ("2025-03-10T09:00:00+09:00", "InvalidRFC2822Date"),
        ("Tue, 10 Mar 2025 09:00:00 +0900", "IncorrectDOW"),
        ("Mon, 10 Mar 2025 09:00:61 +0900", "InvalidRFC2822Date"),
        ("Mon, 10 Mar ２０２５ 09:00:00 +0900", "InvalidRFC2822Date"),  # full-width digits
        ("Mon, 10 Mar 2025 09:00:00 +0900 (KST)", None),  # an RFC 822 comment
    ],
)
def test_rfc822(text: str, code: str | None) -> None:
    parsed = parse_rfc822(text)
    assert (parsed.code if parsed.problem else None) == code, parsed.problem


def test_rfc822_values() -> None:
    assert parse_rfc822("Mon, 10 Mar 2025 09:00:00 +0900").value == datetime(2025, 3, 10, tzinfo=UTC)
    assert parse_rfc822("Mon, 10 Mar 25 09:00:00 PDT").value == datetime(
        2025, 3, 10, 9, tzinfo=timezone(timedelta(hours=-7))
    )
    assert parse_rfc822("Sat, 1 Jan 1999 00:00:00 GMT").value == datetime(1999, 1, 1, tzinfo=UTC)
