"""The KoreanMojibake rule: Korean text in a feed that was decoded with the wrong codec."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._cases import check_case, file_cases


@pytest.mark.parametrize("source", file_cases("mojibake"))
def test_case(source: Path) -> None:
    check_case(source)
