"""The fast YAML path reads double-quoted texts with \\" and \\\\ in them, as PyYAML does.

Titles that quote someone ("\\"…\\" 말했다") are common in Korean news front matter; any other
escape still goes to PyYAML.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .sweeps import briefly, exhaustive
from .test_fast_paths import _yaml_by_pyyaml, _yaml_by_simple


@pytest.mark.parametrize(
    "fm_text",
    [
        'title: "\\"연구 달라진다\\"…구글 반도체"\ndescription: "x"\npubDate: 2019-11-20T22:40:00+09:00',
        'title: "a\\\\b"',
        'title: "a\\\\"',
        'title: "\\\\\\""',
        'tags: ["\\"a\\"", "b\\\\"]',
        'tags:\n  - "\\"quoted\\""\n  - "x"',
    ],
)
def test_quotes_and_backslashes_are_read_fast(fm_text: str) -> None:
    simple = _yaml_by_simple(fm_text)
    assert simple is not None
    assert simple == _yaml_by_pyyaml(fm_text)


@pytest.mark.parametrize(
    "fm_text",
    ['title: "a\\tb"', 'title: "a\\u00e9"', 'title: "a\\', 'title: "a\\"', 'title: "a\\\\\\"', 'tags: ["a\\nb"]'],
)
def test_other_escapes_and_open_quotes_are_declined(fm_text: str) -> None:
    assert _yaml_by_simple(fm_text) is None


_PIECES = st.sampled_from(["a", " ", "\\", '"', "'", "#", ": ", "한", "\\\\", '\\"', "\\t", "[", "]", ","])


@exhaustive
@given(st.sampled_from(["title: ", "tags: [", "tags:\n  - "]), st.lists(_PIECES, max_size=8), st.booleans())
@settings(max_examples=3000, deadline=None)
def test_double_quoted_texts_are_pyyamls(start: str, pieces: list[str], closed: bool) -> None:
    fm_text = f'{start}"{"".join(pieces)}"' + ("]" if start.endswith("[") and closed else "")
    simple = _yaml_by_simple(fm_text)
    assert simple is None or simple == _yaml_by_pyyaml(fm_text)


test_fuzz_runs_briefly = briefly(test_double_quoted_texts_are_pyyamls)
