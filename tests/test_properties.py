"""Property-based tests: whatever the input, no crash, and the output is valid XML that validates."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds import mojibake
from feeds.build import build
from feeds.config import site_from_mapping
from feeds.document import Document
from feeds.errors import ContentError
from feeds.fragments import content_html
from feeds.load import parse
from feeds.validate import validate_paths

from .conftest import TEST_SITE
from .sweeps import briefly, exhaustive

SITE = site_from_mapping(TEST_SITE)
AT = datetime(2026, 11, 1, tzinfo=UTC)
PREFIXES = ["", "---\n", "+++\n", "{", "Title: x\nDate: 2025-01-01\n\n", "제목\n\n요약\n\n2025-03-10 홍길동 기자\n"]


@exhaustive
@given(st.sampled_from(PREFIXES), st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_parses_or_gets_a_content_error(prefix: str, text: str) -> None:
    try:
        doc, _ = parse((prefix + text).encode("utf-8", "surrogatepass"), "x.md", SITE, "x.md")
    except ContentError as exc:
        assert str(exc).startswith("x.md")
        return
    assert isinstance(doc, Document) and doc.title and doc.published.tzinfo is not None
    content_html(doc)


@exhaustive
@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_any_bytes_parse_or_get_a_content_error(data: bytes) -> None:
    with contextlib.suppress(ContentError):
        parse(data, "x.md", SITE, "x.md")


documents = st.fixed_dictionaries(
    {
        # Any text around at least one letter: a title of nothing but characters XML forbids is
        # rightly rejected (test_any_text_parses_or_gets_a_content_error covers those).
        "title": st.tuples(st.text(max_size=20), st.characters(categories=["L"]), st.text(max_size=20)).map("".join),
        "date": st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2026, 1, 1)).map(
            lambda d: d.isoformat()
        ),
        "tags": st.lists(st.text(max_size=12), max_size=4),
        "author": st.text(max_size=20),
        "summary": st.text(max_size=60),
    }
)


# Any body but one with a NUL byte, which makes the file binary and rightly rejected (and no lone
# surrogates, which no file can hold: st.text() leaves them out, st.characters() does not).
bodies = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)


def _may_be_mojibake(meta: dict[str, object], body: str) -> bool:
    texts = [str(meta["title"]), str(meta["summary"]), body, *body.split("\n")]
    return any(mojibake.suspect(" ".join(t.split())) or mojibake.suspect(t) for t in texts)


@exhaustive
@given(st.lists(st.tuples(documents, bodies), min_size=1, max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_documents_build_feeds_that_validate(posts: list[tuple[dict[str, object], str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp, "content"), Path(tmp, "out")
        content.mkdir()
        for i, (meta, body) in enumerate(posts):
            # JSON front matter: any string survives, escapes and all.
            (content / f"post-{i}.md").write_text(json.dumps(meta) + "\n\n" + body, encoding="utf-8")
        result = build(SITE, content, out, at=AT)
        # Every document is valid (a title with text, a past date): all are published, in the main
        # feed; a build that rejected them would still write feeds that validate. The one refusal
        # allowed is of text that reads as garbled Korean (feeds validate would flag it in a feed),
        # and only for a post that holds such text.
        garbled = [i for i, (meta, body) in enumerate(posts) if _may_be_mojibake(meta, body)]
        refused = [e for e in result.errors if "decoded with the wrong codec" in e.message]
        assert refused == result.errors, result.errors
        assert {Path(e.path).name for e in refused} <= {f"post-{i}.md" for i in garbled}, result.errors
        assert result.published == len(posts) - len(refused), result.errors
        assert ET.fromstring((out / "atom.xml").read_bytes()).findall("{http://www.w3.org/2005/Atom}entry")
        for path in out.rglob("*.xml"):
            ET.fromstring(path.read_bytes())
        errors = [f for f in validate_paths([out], site_url=SITE.url) if f.level == "error"]
        assert errors == [], (errors, result.errors)


# Lists and mappings of any shape, some nested deeper than front matter may go (MAX_DEPTH).
_leaves = st.one_of(st.integers(), st.text(max_size=8), st.booleans(), st.none())
_trees = st.recursive(
    _leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
)


@exhaustive
@given(_trees, st.integers(min_value=0, max_value=1200), st.sampled_from(["yaml", "json"]))
@settings(max_examples=100, deadline=None)
def test_nested_front_matter_parses_or_gets_a_content_error(tree: object, depth: int, kind: str) -> None:
    value = "[" * depth + json.dumps(tree) + "]" * depth  # JSON is also YAML's flow style
    if kind == "yaml":
        text = f"---\ntitle: x\ndate: 2025-01-01\nfield: {value}\n---\nbody\n"
    else:
        text = f'{{"title": "x", "date": "2025-01-01", "field": {value}}}\nbody\n'
    try:
        doc, _ = parse(text.encode("utf-8"), "x.md", SITE, "x.md")
    except ContentError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(doc, Document)
    pickle.dumps(doc)  # what a worker sends back, and what 500 levels once made a RecursionError


@exhaustive
@given(
    st.integers(min_value=1, max_value=12),  # levels of aliases
    st.integers(min_value=1, max_value=12),  # aliases per level
    st.sampled_from(["tags", "summary", "title", "author", "extra"]),
)
@settings(max_examples=60, deadline=None)
def test_aliased_yaml_is_bounded(levels: int, width: int, field: str) -> None:
    """A billion laughs of any size, in any field: published if small, else the file's error; never expanded."""
    lines = ['l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    text = "---\ntitle: x\ndate: 2025-01-01\n" + "\n".join(lines) + f"\n{field}: *l{levels}\n---\nbody\n"
    try:
        doc, _ = parse(text.encode("utf-8"), "x.md", SITE, "x.md")
    except ContentError as exc:
        assert "\n" not in str(exc)
        return
    assert len(pickle.dumps(doc)) < 10_000_000


# "." and ".." name folders that are always there, not files a test can create.
_file_names = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@exhaustive
@given(st.lists(_file_names, min_size=1, max_size=5, unique=True))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_file_names_build_feeds_that_validate(names: list[bytes]) -> None:
    """Non-UTF-8, control characters, anything a file system holds: no traceback, one-line messages."""
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp, "content"), Path(tmp, "out")
        content.mkdir()
        for i, name in enumerate(names):
            with open(os.path.join(os.fsencode(content), name), "wb") as f:
                f.write(f"---\ntitle: Post {i}\ndate: 2025-01-0{i + 1}\ntags: [t]\n---\nbody\n".encode())
        result = build(SITE, content, out, at=AT)
        assert all("\n" not in str(e) for e in result.errors)
        json.dumps(result.summary()).encode("utf-8")
        errors = [f for f in validate_paths([out], site_url=SITE.url) if f.level == "error"]
        assert errors == [], (errors, result.errors)


@exhaustive
@given(st.text(max_size=20) | st.sampled_from(["a.png", "a.PnG.md", "x.tar.gz", "..a", "a.", "a..CSS", ".md"]))
@settings(max_examples=500, deadline=None)
def test_skipped_names_are_those_with_an_asset_suffix(name: str) -> None:
    # discover's fast test of a name: the same answer as with os.path.splitext's suffix.
    from feeds.sources import ASSET_SUFFIXES, _skipped_name

    backup = name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swo", ".bak", ".tmp", ".orig"))
    assert _skipped_name(name) == (backup or os.path.splitext(name)[1].lower() in ASSET_SUFFIXES)


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(
    test_any_text_parses_or_gets_a_content_error,
    test_any_bytes_parse_or_get_a_content_error,
    test_any_documents_build_feeds_that_validate,
    test_nested_front_matter_parses_or_gets_a_content_error,
    test_aliased_yaml_is_bounded,
    test_any_file_names_build_feeds_that_validate,
    test_skipped_names_are_those_with_an_asset_suffix,
    inputs=10,
)
