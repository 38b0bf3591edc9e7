"""Tags: one tag however written, display names, aliases, slugs in any script, no collisions."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.slugs import MAX_SLUG_BYTES, slugify
from feeds.tags import index_tags, tag_key

from .sweeps import briefly, exhaustive


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("AI", "ai"),
        ("Machine Learning", "machine-learning"),
        ("뉴스", "뉴스"),
        ("생성형 AI", "생성형-ai"),
        ("C++", "c"),
        ("  spaced   out  ", "spaced-out"),
        ("../x", "x"),
        ("a/b", "ab"),
        (".", ""),
        ("K-POP", "k-pop"),
        ("Ünïcödé", "ünïcödé"),
        ("日本語", "日本語"),
    ],
)
def test_slugify_keeps_letters_of_any_script(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_spellings_are_one_tag_named_by_the_most_common() -> None:
    index = index_tags([["AI"], ["ai"], [" AI "], ["Ai"]])
    assert {tag.name for tag in index.values()} == {"AI"}
    assert index[tag_key("ai")].slug == "ai"


def test_ties_take_the_first_spelling_in_sorted_order() -> None:
    index = index_tags([["python"], ["Python"]])
    assert index["python"].name == "Python"


def test_alias_names_the_tag() -> None:
    index = index_tags([["오픈AI"], ["openai"], ["OpenAI"]], {"오픈AI": "OpenAI"})
    assert index[tag_key("오픈AI")] is index["openai"]
    assert index["openai"].name == "OpenAI" and index["openai"].slug == "openai"


# A tag's slug is in its feed's URL: the literal values below are what subscribers already use, so
# a change that moves them must fail here.
COLLIDING = {"C": "c", "C++": "c-372946", "C#": "c-2e26e6"}


def test_published_slugs_never_move() -> None:
    """An incumbent keeps its folder; newcomers, even one named like a hashed slug, go elsewhere."""
    sharp = "c-" + hashlib.sha1(b"c#").hexdigest()[:6]
    index = index_tags([["C++"], ["C#"], [sharp]], published={"c++": "c", "c#": sharp})
    assert (index["c++"].slug, index["c#"].slug) == ("c", sharp)
    assert index[sharp].slug.startswith(sharp + "-") and len({t.slug for t in index.values()}) == 3
    # A remembered slug that is not a safe slug, or claimed twice, is not trusted.
    index = index_tags([["a"], ["b"]], published={"a": "../x", "b": "../x"})
    assert (index["a"].slug, index["b"].slug) == ("a", "b")
    index = index_tags([["a"], ["b"]], published={"a": "z", "b": "z"})
    assert (index["a"].slug, index["b"].slug) == ("z", "b")


@pytest.mark.parametrize(
    "documents",
    [
        [["C"], ["C++"], ["C#"]],
        [["C#"], ["C++"], ["C"], ["unrelated"]],  # another order, another tag: the same slugs
        [["C++"], ["C#"]],  # without the plain "C", the others keep theirs
    ],
)
def test_colliding_slugs_get_distinct_stable_suffixes(documents: list[list[str]]) -> None:
    index = index_tags(documents)
    assert {tag.name: tag.slug for tag in index.values() if tag.name in COLLIDING} == {
        name: COLLIDING[name] for [name] in documents if name in COLLIDING
    }


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("..", "tag-9d891e"),
        (".", "tag-3a52ce"),
        ("/", "tag-42099b"),
        ("\\", "tag-08534f"),
        ("!!!", "tag-9a7b00"),
        ("-", "tag-3bc15c"),
    ],
)
def test_tags_without_letters_still_get_a_safe_slug(text: str, slug: str) -> None:
    assert index_tags([[text]])[tag_key(text)].slug == slug


LONG_TAG = st.text(alphabet=st.sampled_from("aZ 가힣-_.é😀/"), min_size=1, max_size=400)


@exhaustive
@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(LONG_TAG, max_size=4), max_size=6))
def test_every_slug_is_one_short_distinct_stable_folder_name(doc_tags: list[list[str]]) -> None:
    index = index_tags(doc_tags)
    tags = {tag.key: tag for tag in index.values()}
    slugs = [tag.slug for tag in tags.values()]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert 0 < len(slug.encode()) <= MAX_SLUG_BYTES + 16  # cut, "-", hash (and a collision's "-" hash)
        assert "/" not in slug and not slug.startswith(".")
    assert index_tags(doc_tags) == index  # the same tags give the same slugs


def test_long_tags_sharing_a_prefix_stay_apart() -> None:
    a, b, hangul = "a" * 300, "a" * 300 + "b", "가" * 88
    index = index_tags([[a, b, hangul]])
    assert len(index[a].slug.encode()) == 100 + 9 and index[a].slug.startswith("a" * 100 + "-")
    assert index[b].slug.startswith("a" * 100 + "-") and index[a].slug != index[b].slug
    assert index[hangul].slug.startswith("가" * 33 + "-") and len(index[hangul].slug.encode()) == 99 + 9


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(test_every_slug_is_one_short_distinct_stable_folder_name)
