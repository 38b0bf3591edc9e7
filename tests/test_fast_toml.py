"""The fast TOML path (``frontmatter._simple_toml``) gives what tomllib gives, or declines."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.readers.frontmatter import _simple_toml, _split_fenced

from .sweeps import briefly, exhaustive

DATA = Path(__file__).parent / "data"


def _by_tomllib(fm_text: str) -> object:
    try:
        return repr(tomllib.loads(fm_text))
    except tomllib.TOMLDecodeError:
        return "error"


def _by_simple(fm_text: str) -> object:
    simple = _simple_toml(fm_text)
    return None if simple is None else repr(simple)


def _toml_front_matters() -> list[str]:
    found = []
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.read_bytes().startswith(b"+++"):
            try:
                found.append(_split_fenced(path.read_bytes().decode("utf-8", "replace"), "toml", str(path))[0])
            except Exception:  # not closed: another test's
                continue
    return found


@pytest.mark.parametrize("fm_text", _toml_front_matters())
def test_simple_toml_is_tomllibs_on_test_data(fm_text: str) -> None:
    simple = _by_simple(fm_text)
    assert simple is None or simple == _by_tomllib(fm_text)


def test_simple_toml_reads_the_common_front_matter() -> None:
    fm_text = (
        'title = "\\"환경 개발자 언어 필요하다\\"…학생 출시 기업"\ndate = 2020-04-12T21:18:00+09:00\n'
        'author = \'Taylor Choi\'\ntags = ["NVIDIA", \'AI\', "해킹"]\ndescription = "a\\\\b"\ndraft = false\n'
        "weight = -3\nupdated = 2020-04-13\nlastmod = 2020-04-13T00:00:00Z\nlocal = 2020-04-13T01:02:03\nempty = []"
    )
    assert _by_simple(fm_text) is not None
    assert _by_simple(fm_text) == _by_tomllib(fm_text)


_KEYS = ["title", "date", "a-b", "_x", "9", "", "a.b", '"q"', "title "]
_VALUES = [
    '"x"', '""', '"a\\"b"', '"a\\\\b"', '"a\\tb"', '"a\\', '"a', "'x'", "''", "'a\\b'", "'''x'''", '"""x"""',
    "'it''s'", "true", "false", "True", "0", "-0", "+1", "12", "012", "1_000", "0x1F", "1.5", "1e3", "inf",
    "2024-01-01", "2024-02-30", "2024-13-01", "2024-01-01T10:00:00", "2024-01-01T10:00:00+09:00",
    "2024-01-01T10:00:00-08:30", "2024-01-01T10:00:00Z", "2024-01-01t10:00:00z", "2024-01-01 10:00:00",
    "2024-01-01T10:00:00.5+09:00", "2024-01-01T24:00:00", "2024-01-01T10:00:00+24:00", "10:00:00",
    "[]", "[ ]", '["a", "b"]', "['a', \"b\"]", '["a",]', '["a" "b"]', "[1, 2]", '[["a"]]', '[ "a" , "b" ]',
    '"x" # c', "x", "{a = 1}", '"한글"', '"\u00a0"', "1979-05-27T07:32:00+09:00 ", "",
]  # fmt: skip
_OTHER_LINES = ["", " ", "# c", "[table]", "[[array]]", "a.b = 1", "\t", "x = 1 # c"]

_LINES = st.one_of(
    st.tuples(st.sampled_from(_KEYS[:4]), st.sampled_from([" = ", "=", "  =  "]), st.sampled_from(_VALUES)).map(
        "".join
    ),
    st.tuples(st.sampled_from(_KEYS), st.sampled_from([" = ", "=", " =", "\t= "]), st.sampled_from(_VALUES)).map(
        "".join
    ),
    st.sampled_from(_OTHER_LINES),
)


@exhaustive
@given(st.lists(_LINES, min_size=1, max_size=5))
@settings(max_examples=3000, deadline=None)
def test_simple_toml_is_tomllibs(lines: list[str]) -> None:
    fm_text = "\n".join(lines)
    simple = _by_simple(fm_text)
    assert simple is None or simple == _by_tomllib(fm_text)


test_fuzz_runs_briefly = briefly(test_simple_toml_is_tomllibs)
