"""Atom 1.0 (RFC 4287) rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.validate import validate_paths
from feeds.validate.dates import parse_rfc3339

from ._cases import check_case, file_cases
from ._site import build_site


@pytest.mark.parametrize("source", file_cases("atom"))
def test_case(source: Path) -> None:
    check_case(source)


def test_feedgen_atom_is_clean(tmp_path: Path) -> None:
    build_site(tmp_path)
    findings = validate_paths([tmp_path / "atom.xml", tmp_path / "tags" / "뉴스" / "atom.xml"])
    assert [f for f in findings if f.level != "info"] == []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2025-03-10T09:00:00+09:00", True),
        ("2025-03-10T00:00:00Z", True),
        ("2025-03-10t00:00:00.123456789z", True),
        ("2016-12-31T23:59:60Z", True),  # leap second
        ("  2025-03-10T00:00:00Z\n", True),
        ("2025-03-10T00:00:00", False),
        ("2025-03-10", False),
        ("2025-03-10 00:00:00Z", False),
        ("2025-03-10T00:00:00+0900", False),
        ("2025-03-10T00:00:00+24:00", False),
        ("2025-13-10T00:00:00Z", False),
        ("Mon, 10 Mar 2025 09:00:00 +0900", False),
        ("２０２５-03-10T00:00:00Z", False),  # full-width digits
    ],
)
def test_rfc3339(text: str, valid: bool) -> None:
    parsed = parse_rfc3339(text)
    assert (parsed.problem is None) is valid, parsed.problem
    assert (parsed.value is not None) is valid
    if not valid:
        assert parsed.code == "InvalidRFC3339Date"
