"""Tags: one tag however written, display names, aliases, slugs in any script, no collisions."""

from __future__ import annotations

import pytest

from feeds.slugs import slugify
from feeds.tags import index_tags, tag_key


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


def test_colliding_slugs_get_distinct_stable_suffixes() -> None:
    index = index_tags([["C"], ["C++"], ["C#"]])
    slugs = {index[k].name: index[k].slug for k in ("c", "c++", "c#")}
    assert slugs["C"] == "c"
    assert len(set(slugs.values())) == 3
    assert slugs == {index[k].name: index[k].slug for k in ("c", "c++", "c#")}
    again = index_tags([["C#"], ["C++"], ["C"], ["unrelated"]])
    assert {again[k].slug for k in ("c", "c++", "c#")} == set(slugs.values())


@pytest.mark.parametrize("text", ["..", ".", "/", "\\", "!!!", "-"])
def test_tags_without_letters_still_get_a_safe_slug(text: str) -> None:
    slug = index_tags([[text]])[tag_key(text)].slug
    assert slug.startswith("tag-") and "/" not in slug and "." not in slug
