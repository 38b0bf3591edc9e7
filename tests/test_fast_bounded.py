"""frontmatter.bounded's shortcut for a list of texts says what its walk of the tree says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.readers.frontmatter import _bounded_tree, bounded


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=6), max_size=8), st.integers(0, 10), st.integers(0, 30))
def test_a_list_of_texts(items: list[str], max_values: int, max_chars: int) -> None:
    assert bounded(items, max_values, max_chars) == _bounded_tree(items, max_values, max_chars)


def test_other_lists_are_walked() -> None:
    for value in (["a", 1], ["a", ["b"]], [2**20000], [True]):
        assert bounded(value, 100, 100) == _bounded_tree(value, 100, 100)
