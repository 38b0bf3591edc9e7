"""normalize._check_types looks only at the keys present, and names the first wrong one in _EXPECTED's order."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.errors import ContentError
from feeds.normalize import _CHECKS, _EXPECTED, _check_types, _kind

KEYS = [key for keys, _, _ in _EXPECTED for key in keys]
VALUES = st.sampled_from([None, "x", 3, 2.5, True, ["a"], [["a"]], {"name": "n"}, {"x": [1]}, ("a",)])


def _by_every_key(meta: dict[str, Any]) -> str | None:
    """What the check said when it went through every key of _EXPECTED in turn."""
    for keys, ok, expected in _EXPECTED:
        for key in keys:
            value = meta.get(key)
            if value is not None and not ok(value):
                return f"field {key!r}: expected {expected}, got {_kind(value)}"
    return None


def test_each_key_is_checked_once() -> None:
    assert len(KEYS) == len(set(KEYS)) == len(_CHECKS)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*KEYS, "other", "x-y"]), VALUES, max_size=8))
def test_same_error_as_going_through_every_key(meta: dict[str, Any]) -> None:
    expected = _by_every_key(meta)
    if expected is None:
        _check_types(meta, "a.md", {})
    else:
        with pytest.raises(ContentError) as error:
            _check_types(meta, "a.md", {})
        assert error.value.message == expected
