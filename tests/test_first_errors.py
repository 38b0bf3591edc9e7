"""The first errors a new user meets: where they are, why, and each said once."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.cli import main
from feeds.config import site_from_mapping
from feeds.errors import ContentError
from feeds.load import parse

from .conftest import TEST_SITE


def error_of(text: str, name: str = "post.md") -> str:
    with pytest.raises(ContentError) as caught:
        parse(text.encode(), name, site_from_mapping(TEST_SITE), name)
    return str(caught.value)


def test_an_unclosed_quote_is_shown_where_it_opens_with_pyyamls_cause() -> None:
    message = error_of('---\ntitle: "Unclosed\ndate: 2025-01-01\ntags: [a]\n---\nBody\n')
    assert message.startswith("post.md:2: invalid YAML front matter: while scanning a quoted scalar")
    assert "found unexpected end of stream" in message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("---\ntitle: T\ndate: 2025-02-30\n---\nB\n", "post.md"),  # YAML makes the date itself
        ("---\ntitle: T\ndate: '2025-02-30'\n---\nB\n", "post.md"),  # a string: our date parser
        ("+++\ntitle = 'T'\ndate = '2025-02-30'\n+++\nB\n", "post.md"),
        ("Title: T\nDate: 2025-02-30\n\nB\n", "post.txt"),
        ('{"title": "T", "date": "2025-02-30"}\nB\n', "post.md"),
    ],
)
def test_one_message_for_one_kind_of_impossible_date(text: str, name: str) -> None:
    assert "field 'date': day is out of range for month ('2025-02-30')" in error_of(text, name)


def test_month_out_of_range_says_so() -> None:
    assert "month must be in 1..12 ('2025-13-01')" in error_of("---\ntitle: T\ndate: '2025-13-01'\n---\nB\n")


def test_keeping_the_last_good_version_is_said_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    post = content / "post.md"
    post.write_text("---\ntitle: T\ndate: 2025-01-01\n---\nB\n", encoding="utf-8")
    toml = tmp_path / "feeds.toml"
    toml.write_text('title = "T"\nurl = "https://e.org/"\n', encoding="utf-8")
    args = ["build", "--config", str(toml), "--content", str(content), "--out", str(tmp_path / "out")]
    assert main(args) == 0
    capsys.readouterr()
    post.write_text("---\ntitle: T\ndate: someday\n---\nB\n", encoding="utf-8")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("last good version") == 1, err
