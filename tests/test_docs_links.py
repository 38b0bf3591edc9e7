"""The README stays short, and every link in it and in docs/ leads somewhere: to a file that exists
and, with a #fragment, to one of that file's headings. Every command-line option is documented."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from feeds.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md")), ROOT / "bench" / "results.md"]
README_MAX_LINES = 300

_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)|<img\s[^>]*\bsrc=\"([^\"]+)\"")
_HEADING = re.compile(r"^#{1,6} +(.+?) *#*$", re.MULTILINE)


def prose(text: str) -> str:
    """Markdown without its code blocks and code spans, where a link is only an example."""
    return _CODE.sub("", _FENCE.sub("", text))


def anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {anchor(h) for h in _HEADING.findall(_FENCE.sub("", path.read_text(encoding="utf-8")))}


def links(path: Path) -> list[str]:
    return [a or b for a, b in _LINK.findall(prose(path.read_text(encoding="utf-8")))]


def test_the_readme_fits() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES
    # After the title and a short introduction, the Quick start (.ci/run runs its two commands).
    sections = [line for line in lines if line.startswith("## ")]
    assert sections[0] == "## Quick start"
    assert lines.index("## Quick start") < 15


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_every_relative_link_resolves(page: Path) -> None:
    for link in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", link):  # https:, mailto:: not ours to check
            continue
        target, _, fragment = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{page.relative_to(ROOT)}: {link}: no such file"
        assert path.is_relative_to(ROOT), f"{page.relative_to(ROOT)}: {link}: outside the repository"
        if fragment:
            assert path.suffix == ".md", f"{page.relative_to(ROOT)}: {link}: a fragment of a non-Markdown file"
            assert fragment in anchors(path), f"{page.relative_to(ROOT)}: {link}: no such heading"


def test_every_docs_page_is_in_both_maps() -> None:
    readme = set(links(ROOT / "README.md"))
    index = set(links(DOCS / "README.md"))
    for page in DOCS.glob("*.md"):
        if page.name != "README.md":
            assert f"docs/{page.name}" in readme, page.name
            assert page.name in index, page.name


def test_the_anchor_of_a_heading() -> None:
    assert anchor("Previewing: `feeds serve`") == "previewing-feeds-serve"
    assert anchor("Moving from Jekyll, Hugo or Pelican") == "moving-from-jekyll-hugo-or-pelican"
    assert anchor("Benchmark (issue 13)") == "benchmark-issue-13"


@pytest.mark.parametrize("command", ["build", "validate", "serve"])
def test_every_option_is_documented(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each option of ``feeds COMMAND --help`` is in the command's synopsis, and its other
    spellings (``--quiet`` for ``-q``) are on the page."""
    assert main([command, "--help"]) == 0
    listed = re.findall(r"^  (-[\w-]+)((?:, --?[\w-]+)*)", capsys.readouterr().out, re.MULTILINE)
    spellings = [[first, *filter(None, more.split(", "))] for first, more in listed if first != "-h"]
    assert spellings
    text = (DOCS / "command-line.md").read_text(encoding="utf-8")
    synopsis = _FENCE.search(text)
    assert synopsis is not None
    # The command's lines of the synopsis: its own and the indented ones that continue it.
    usage = re.search(rf"^feeds {command}\b.*(?:\n +.*)*", synopsis.group(), re.MULTILINE)
    assert usage is not None, command
    in_usage = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage.group()))
    on_page = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", text))
    for first, *others in spellings:
        assert first in in_usage, f"feeds {command} {first}: not in the synopsis"
        for other in others:
            assert other in on_page, f"feeds {command} {other}: not on the page"
