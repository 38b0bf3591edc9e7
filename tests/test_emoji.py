"""Emoji shortcodes where the site enables them (the emoji setting, Hugo's enableEmoji).

Real posts: Hugo's own showcase page (tests/data/dialects/hugo-docs, whose SOURCE.md quotes Hugo's
rule) and the Hugo example site's "Emoji Support" post (tests/data/dialects/hugo).
"""

from __future__ import annotations

import time

import pytest

from feeds.config import load_site, site_from_mapping
from feeds.dialects import emoji
from feeds.dialects.common import Job
from feeds.dialects.links import Links
from feeds.errors import ConfigError
from feeds.fragments import content_html
from feeds.load import parse

from .conftest import DATA

SITE = {"title": "T", "url": "https://example.org/"}


def html(text: str, **settings: object) -> str:
    site = site_from_mapping({**SITE, **settings})
    d = parse(text.encode(), "a.md", site, "a.md")[0]
    return content_html(d, site, Links([d]))


def test_hugo_docs_showcase_heart() -> None:
    site = load_site(DATA / "dialects" / "hugo-docs" / "site.toml")
    source = "showcase/digitalgov/index.md"
    d = parse((DATA / "dialects" / "hugo-docs" / source).read_bytes(), source, site, source)[0]
    out = content_html(d, site, Links([d]))
    assert "digitalgov@gsa.gov</a> \u2764\ufe0f</p>" in out and ":heart:" not in out
    assert d.link == "https://gohugo.io/showcase/digitalgov/"


def test_codes_in_an_html_block_stay_as_written() -> None:
    # The Hugo example site's own emoji post shows the codes in <code> inside an HTML block.
    site = site_from_mapping({**SITE, "emoji": True, "permalink": "{url}post/{slug}/"})
    source = "emoji-support.md"
    d = parse((DATA / "dialects" / "hugo" / "post" / source).read_bytes(), source, site, source)[0]
    out = content_html(d, site, Links([d]))
    assert "<code>:see_no_evil:</code>" in out and "<code>:hear_no_evil:</code>" in out


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Ship it :rocket: :+1:", "Ship it \U0001f680 \U0001f44d"),
        ("At 10:30:45, :not_a_code: stays", "At 10:30:45, :not_a_code: stays"),
        ("Code `:rocket:` stays", "Code <code>:rocket:</code> stays"),
        ("```\n:rocket:\n```", "<code>:rocket:\n</code>"),
        ("    :rocket: indented", "<code>:rocket: indented"),
    ],
)
def test_emoji_outside_code_only(markdown: str, expected: str) -> None:
    assert expected in html(f"---\ntitle: A\ndate: 2025-01-01\n---\n{markdown}\n", emoji=True)


def test_off_by_default() -> None:
    assert ":rocket:" in html("---\ntitle: A\ndate: 2025-01-01\n---\nShip :rocket:\n")


def test_the_setting_is_true_or_false() -> None:
    with pytest.raises(ConfigError, match="emoji"):
        site_from_mapping({**SITE, "emoji": "yes"})


@pytest.mark.parametrize("worst", [":a" * 51_200, ":rocket:" * 12_800, "`:a:" * 25_600, "<b>:a:\n" * 12_800])
def test_worst_cases_are_linear(worst: str) -> None:
    site = site_from_mapping({**SITE, "emoji": True})
    body = worst[: 100 * 1024]
    d = parse(f"---\ntitle: A\ndate: 2025-01-01\n---\n{body}\n".encode(), "a.md", site, "a.md")[0]
    emoji.codes()
    started = time.process_time()  # CPU: a loaded machine does not stretch it
    emoji.expand(body, Job(d, site, None))
    assert time.process_time() - started < 0.5
