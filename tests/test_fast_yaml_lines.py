"""The key lines the fast YAML path records as it reads are what ``_key_lines`` finds in the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.readers.frontmatter import _key_lines, _simple_yaml, _ValueProblem, _yaml

from .sweeps import exhaustive
from .test_fast_paths import _YAML_ANY_LINES, _YAML_GOOD_LINES, _YAML_LISTS, _yaml_front_matters


def _check(fm_text: str) -> None:
    lines: dict[str, int] = {}
    try:
        simple = _simple_yaml(fm_text, _yaml()[3], lines, 2)
    except _ValueProblem:
        return  # an error: its key is found again from the text
    if simple is not None:
        assert lines == _key_lines(fm_text, 2)


@pytest.mark.parametrize("fm_text", _yaml_front_matters())
def test_lines_on_test_data(fm_text: str) -> None:
    _check(fm_text)


@pytest.mark.parametrize(
    "fm_text",
    ["Title: a\ntitle: b", "tags:\n  - a\n  - b\ndate: 2024-01-01", "a-b: 1\nA_B: 2", "x: 'y: z'", "k:\nj: ''"],
)
def test_lines_at_the_edges(fm_text: str) -> None:
    _check(fm_text)


@exhaustive
@given(st.lists(st.one_of(_YAML_GOOD_LINES, _YAML_LISTS, _YAML_ANY_LINES), min_size=1, max_size=6))
@settings(max_examples=2000, deadline=None)
def test_lines_of_generated_front_matter(lines: list[str]) -> None:
    _check("\n".join(lines))


@given(st.lists(st.one_of(_YAML_GOOD_LINES, _YAML_LISTS), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_lines_of_generated_front_matter_briefly(lines: list[str]) -> None:
    _check("\n".join(lines))
