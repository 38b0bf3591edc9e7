"""feeds.lazyre: a pattern compiled on first use answers as the compiled pattern does, and then is it."""

from __future__ import annotations

import inspect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds import lazyre
from feeds.lazyre import LazyPattern

from .sweeps import briefly, exhaustive

# A character class of the kind that made compiling costly, groups, and a flag.
PATTERN = r"(?P<word>[가-힣]+|[a-z]+)\s*(?P<end>기자|REPORTER)?"
FLAGS = re.IGNORECASE
TEXTS = st.text(alphabet=st.sampled_from("가나다 abcXYZ기자REPORTER \n"), max_size=30)


def test_nothing_is_compiled_before_first_use() -> None:
    lazy = LazyPattern(PATTERN, FLAGS)
    assert set(vars(lazy)) == {"pattern", "flags"}


def test_every_method_is_replaced_by_the_compiled_patterns_own() -> None:
    # A method of the class missing from _METHODS would stay a wrapper, and compile every time.
    own = {name for name, _ in inspect.getmembers(LazyPattern, inspect.isfunction) if not name.startswith("_")}
    assert own - {"compiled"} == set(lazyre._METHODS)
    lazy = LazyPattern(PATTERN, FLAGS)
    assert lazy.search("기자") is not None
    compiled = re.compile(PATTERN, FLAGS)
    for name in lazyre._METHODS:
        method = getattr(lazy, name)
        assert method.__self__ is compiled, name  # re's cache gives the very same pattern object
        assert method.__name__ == name


@pytest.mark.parametrize("first", lazyre._METHODS)
def test_first_use_by_any_method_compiles(first: str) -> None:
    lazy = LazyPattern(PATTERN, FLAGS)
    args: tuple[object, ...] = ("", "홍길동 기자") if first == "sub" else ("홍길동 기자",)
    result = getattr(lazy, first)(*args)
    expected = getattr(re.compile(PATTERN, FLAGS), first)(*args)
    if first == "finditer":
        result, expected = list(result), list(expected)
    if first in ("search", "match", "fullmatch", "finditer"):  # Match objects: compare what they hold
        result, expected = _spans(result), _spans(expected)
    assert result == expected
    assert getattr(lazy, first).__self__ is re.compile(PATTERN, FLAGS)


def _spans(found: re.Match[str] | list[re.Match[str]] | None) -> list[object]:
    matches = found if isinstance(found, list) else [found]
    return [m and (m.span(), m.groupdict()) for m in matches]


@exhaustive
@given(TEXTS, st.integers(0, 5), st.integers(0, 40))
@settings(max_examples=300, deadline=None)
def test_answers_are_the_compiled_patterns(text: str, pos: int, endpos: int) -> None:
    compiled = re.compile(PATTERN, FLAGS)
    for lazy in (LazyPattern(PATTERN, FLAGS), LazyPattern(PATTERN, FLAGS)):  # before and after compiling
        for name in ("search", "match", "fullmatch"):
            got, want = getattr(lazy, name)(text, pos, endpos), getattr(compiled, name)(text, pos, endpos)
            assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))
        assert lazy.findall(text, pos, endpos) == compiled.findall(text, pos, endpos)
        assert [m.span() for m in lazy.finditer(text, pos)] == [m.span() for m in compiled.finditer(text, pos)]
        assert lazy.sub(lambda m: m.group("word").upper(), text, 2) == compiled.sub(
            lambda m: m.group("word").upper(), text, 2
        )
        assert lazy.split(text, 1) == compiled.split(text, 1)


def test_a_bad_pattern_fails_on_first_use_each_time() -> None:
    lazy = LazyPattern("[가-")
    for _ in range(2):
        with pytest.raises(re.error):
            lazy.search("가")


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(test_answers_are_the_compiled_patterns)
