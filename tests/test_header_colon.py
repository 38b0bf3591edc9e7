"""The header reader's colon test on line 1 says no only where its full reading says no."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.readers import header

LINES = st.sampled_from(
    ["Title: a", "Date: 2025-01-01", "title:x", "AI: 요약", "", " ", "  more", "뉴스 제목", "a:", ":"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=6).map("\n".join))
def test_detect_is_the_full_reading(text: str) -> None:
    assert header.detect(text) == (header._split(text) is not None)
