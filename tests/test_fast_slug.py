"""slugify's plain-ASCII shortcut gives what its character loop gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.slugs import by_character, slugify

KEEPS = ("", "_.", "_.+~")
TEXTS = st.text(st.sampled_from("aZ09-_.+~ \t/:#é가\u3000"), max_size=14)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, keep=st.sampled_from(KEEPS), lower=st.booleans())
def test_the_shortcut_gives_what_the_loop_gives(text: str, keep: str, lower: bool) -> None:
    plain = unicodedata.normalize("NFC", text).strip()
    assert slugify(text, lower=lower, keep=keep) == by_character(plain.lower() if lower else plain, keep)


def test_names_as_files_have_them() -> None:
    for name in ("item-00001", "my_post.v2", "2024-01-01-x", ".hidden", "a--b", "-a-", "A.B"):
        for keep in KEEPS:
            assert slugify(name, lower=False, keep=keep) == by_character(name, keep)
