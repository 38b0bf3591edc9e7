"""The CommonMark engine gives back what cmark allocates for a body: its syntax tree and its HTML.

cmarkgfm's own ``markdown_to_html_with_extensions`` frees neither, so a process that renders
thousands of bodies (a guard worker in a large build) grew by several times their size.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.markup.commonmark import to_html

STATM = Path("/proc/self/statm")


def resident_bytes() -> int:
    import resource

    return int(STATM.read_text().split()[1]) * resource.getpagesize()


@pytest.mark.skipif(not STATM.exists(), reason="reads the resident size from /proc")
def test_rendering_a_body_again_and_again_does_not_grow_the_process() -> None:
    paragraph = "A *paragraph* with a [link](https://example.org/) and `code`, | a | b |\n\n"
    body = "# Title\n\n" + paragraph * 2000 + "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ [^1]\n\n[^1]: note\n"
    html = to_html(body)  # the first one: the allocator's own arenas are set up
    before = resident_bytes()
    for _ in range(40):
        assert to_html(body) == html
    grown = resident_bytes() - before
    # Leaking the tree and the HTML, 40 renderings of this ~150 KB body took well over 100 MB.
    assert grown < 20 * 1024 * 1024, f"the process grew by {grown / 1e6:.0f} MB"


def test_a_lone_surrogate_still_renders_as_the_replacement_character() -> None:
    assert to_html("a\ud800b") == "<p>a\ufffdb</p>\n"


def test_the_engine_still_renders_githubs_extensions() -> None:
    html = to_html("| a |\n|---|\n| 1 |\n\n~~x~~ www.example.org\n\n- [x] done\n\nA[^n]\n\n[^n]: note\n")
    for part in ("<table>", "<del>x</del>", 'href="http://www.example.org"', 'type="checkbox"', "footnote"):
        assert part in html, part
    assert "<script>" in to_html("<script>x</script>\n"), "raw HTML passes (no tagfilter)"
