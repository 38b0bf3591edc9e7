"""Our fast Markdown gives stock Python-Markdown's HTML, byte for byte."""

from __future__ import annotations

import re
import xml.etree.ElementTree
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import feeds.markup.markdown as engine
from feeds.markup import regexchars
from feeds.markup.markdown import (
    MARKDOWN_EXTENSIONS,
    SkippingBlockParser,
    SkippingInlineExtension,
    SkippingInlineProcessor,
    as_parsed,
    block_marks,
    required_chars,
)
from feeds.markup.markdown import (
    to_html as markdown_to_html,
)
from tests.corpus import generate
from tests.sweeps import briefly, exhaustive, file_sweep

DATA = Path(__file__).parent / "data"

TORTURE = r"""
Abbreviations: the HTML spec and *CSS*.

*[HTML]: Hyper Text Markup Language

A line that ends in two spaces<2SP>
breaks. Text with `code`, ``double `tick` code``, \`escaped\`, \\`code after a backslash`.

Links: [inline](/a "title"), [ref][r], [short], ![image](/i.png), ![ref image][r], ![short],
<https://example.org/auto>, <mail@example.org>, <span class="x">raw *html*</span>, &amp; &#169; &#xA9;
&copy; & alone, [not a link, [nested [brackets]](/n), [link with *emphasis* and `code`](/e).

**strong**, __strong__, *em*, _em_, ***both***, **nested *em* inside**, snake_case_word, 2 * 3 * 4,
a * b, **unclosed, *also unclosed, _x_y_z_, ~~strike~~, ^sup^.

Footnote[^1] and another[^note].

[^1]: The first.
[^note]: A *second* with [a link](/f).

[r]: /reference "Ref"
[short]: /short

| a | b |
|---|---|
| `x` | [y](/y) |

Term
:   Definition with **bold**.

{: #id .class }

```python
code = "kept *as is* [x](y)"
```

<div markdown="1">
Inside *html* with [a link](/in).
</div>

> quote with *em* and a<2SP>
> break

1. one
2. two with `code`
   * nested [link](/n)
"""


# One snippet per syntax: alone or two together, each leaves most extensions out of the instance
# that renders it, which must not change a byte.
SNIPPETS = {
    "fenced": "```\ncode *x* [y](z)\n```",
    "tilde": "~~~ {.python}\nx = 1\n~~~",
    "footnote": "Text[^a].\n\n[^a]: Note.",
    "attr_list": "# Title {#id .c}\n\nPara\n{: .x }",
    "def_list": "Term\n:   Definition",
    "def_tab": "Term\n:\tDefinition",
    "not_def": "Time 10:30, https://example.org/a:b and:\nnext",
    "table": "a | b\n--|--\n1 | 2",
    "abbr": "The W3C.\n\n*[W3C]: World Wide Web Consortium",
    "html": '<div markdown="1">\n*in* html\n</div>\n\n<p>raw *p*</p>',
    "inline_html": "An <em>inline</em> tag, a <b>bold</b> one & an &amp; entity.",
    "lists": "1. one\n2. two\n\n* a\n* b\n\n    indented code\n\n> quote",
    "quoted_setext": "> Title\n> =====\n\n1. Item\n    ---\n\n> [a]: /x\n\n[a]",  # a mark after "> "
    "plain": "Just a paragraph of 한국어 text.\nWith two lines.",
}


@pytest.mark.parametrize("first", sorted(SNIPPETS))
def test_snippets_alone_and_in_pairs_render_as_stock(first: str) -> None:
    assert_same(SNIPPETS[first])
    for second in sorted(SNIPPETS):
        assert_same(SNIPPETS[first] + "\n\n" + SNIPPETS[second])


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")


def assert_same(text: str) -> None:
    try:
        expected = stock().convert(text)
    except Exception as exc:  # a bug of stock Python-Markdown (3.5 fails on "<![a"): ours fails alike
        with pytest.raises(type(exc)):
            engine.fast_to_html(text)
        return
    assert markdown_to_html(text) == expected
    assert markdown_to_html(text) == expected  # and again, on the reused instance
    assert engine.fast_to_html(text) == expected  # the fast engine itself, even were it not chosen here


def test_replaces_the_stock_inline_pass() -> None:
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, SkippingInlineExtension()])
    assert isinstance(md.treeprocessors["inline"], SkippingInlineProcessor)
    ours = [type(t).__name__.replace("Skipping", "") for t in md.treeprocessors]
    assert ours == [type(t).__name__ for t in stock().treeprocessors]  # same passes, same order


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\[\^([^\]]*)\]", {"^"}),  # the rarest of the characters it needs
        (r"  \n", {"\n"}),
        (r"\*|_", {"*", "_"}),
        (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", {"\\", "`"}),
        (r"a?b*", None),  # may match the empty string
        (r"[^x]y", {"y"}),
        (r"[a-z]+", None),
        (r"(?i)q", None),  # case-insensitive letters: not a plain "in" test
        (r"(?i)&x", {"&"}),
    ],
)
def test_required_chars(pattern: str, expected: set[str] | None) -> None:
    assert required_chars(re.compile(pattern)) == (frozenset(expected) if expected is not None else None)


PATTERNS = [p.getCompiledRegExp() for p in stock().inlinePatterns]
SPECIAL = "[]()!`\\*_<>&#;:/@^  \n\t\"'=.abcx0{}|~-"


@exhaustive
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=SPECIAL, max_size=60))
def test_a_pattern_never_matches_without_its_characters(text: str) -> None:
    for pattern in PATTERNS:
        chars = required_chars(pattern)
        if chars is not None and pattern.search(text):
            assert any(c in text for c in chars), pattern.pattern


@exhaustive
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=SPECIAL, max_size=40), max_size=8))
def test_generated_markdown_renders_as_stock(lines: list[str]) -> None:
    assert_same("\n".join(lines))


# Block syntax, with and without each mark a block processor is skipped without: line starts
# that open a block, and the edits of NormalizeWhitespace (tabs, CR, STX/ETX) that can make one.
LINE_STARTS = ["", "", "#", "##", ">", "    ", "\t", "  \t", "* ", "+ ", "- ", "1. ", "2) ", "---", "===", "- - -"]
LINE_STARTS += ["* * *", "___", "=", "-", "[a]: /x", "[a]:\n/y", "\r", "\x02", " \x03 ", "<div>", ": ", "|"]
BLOCK_TEXT = "ab *c_-=#>]:[]\r\t \x02"


@exhaustive
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINE_STARTS), st.text(alphabet=BLOCK_TEXT, max_size=12)), max_size=10))
def test_generated_blocks_render_as_stock(lines: list[tuple[str, str]]) -> None:
    assert_same("\n".join(start + text for start, text in lines))


@pytest.mark.parametrize(
    "text",
    [
        ":\r:\x02 ",  # found by test_generated_blocks_render_as_stock: a definition list after CR and STX
        "Term\r:   Definition",
        "Term\n:\x02 Definition",
        "``\x02`\ncode *not em*\n``\x03`",  # a fence, once STX and ETX are gone
        "a[\x02^1] note\n\n[\x03^1]: The note.",
        "*\x02[HTML]: Hyper Text\n\nSome HTML.",
    ],
)
def test_extensions_are_chosen_from_the_text_the_parser_sees(text: str) -> None:
    """Python-Markdown deletes STX and ETX and turns CR into LF before parsing: an extension's
    syntax those edits make must still choose the extension."""
    assert_same(text)


# Reference links with and without their definitions (the patterns are skipped without any).
REFERENCE_TOKENS = ["[a]", "[a][]", "[A] [a]", "[a][b]", "![a]", "![a][a]", "![b][]", "[b]", "x", " ", "[a](/x)"]
REFERENCE_TOKENS += ["\n", "\n\n", "\n\n[a]: /y", "\n\n[b]: </z> 'T'", "\n[a]:", "*", "`"]


@exhaustive
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(REFERENCE_TOKENS), max_size=16))
def test_generated_reference_links_render_as_stock(tokens: list[str]) -> None:
    assert_same("".join(tokens))


# Inline links and images, with and without what makes getLink walk their parentheses.
LINK_TOKENS = ["[a](", "![a](", "[a]", "(", ")", ")", '"', "'", " ", "x", "<", ">", "\\", "\n", "&amp;", "`", "*"]


@exhaustive
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINK_TOKENS), max_size=16))
def test_generated_inline_links_render_as_stock(tokens: list[str]) -> None:
    assert_same("".join(tokens))


@pytest.mark.parametrize(
    ("body", "marks"),
    [
        ("plain text, no block syntax.", set()),
        ("# h\n\n> q\n\n* a\n\n[r]: /x", {"#", ">", "*", "]:"}),
        ("\tcode", {"    "}),  # a tab is expanded before the parser reads the text
        ("  \x02  x", {"    "}),  # and STX and ETX taken out
        ("]\x03:", {"]:"}),
        ("a\r=", {"="}),
    ],
)
def test_block_marks_see_what_the_parser_will_see(body: str, marks: set[str]) -> None:
    assert block_marks(as_parsed(body)) == frozenset(marks)


DOCUMENTS = sorted(path for path in DATA.rglob("*") if path.is_file() and path.suffix in {".md", ".txt", ".markdown"})


def test_the_torture_text_renders_as_stock() -> None:
    assert len(DOCUMENTS) > 20
    assert_same(TORTURE)


# Every test document: a few of each folder by default, all of them with -m exhaustive (and on the
# lowest Python-Markdown, where .ci/run runs this file with the exhaustive cases).
@pytest.mark.parametrize("path", file_sweep(DOCUMENTS))
def test_every_markdown_test_document_renders_as_stock(path: Path) -> None:
    assert_same(path.read_text(encoding="utf-8", errors="replace"))


@exhaustive
def test_generated_corpus_renders_as_stock(tmp_path: Path) -> None:
    generate(tmp_path, 400)
    for path in sorted(tmp_path.iterdir()):
        assert_same(path.read_text(encoding="utf-8"))


def test_unknown_inline_internals_fall_back_to_stock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(markdown.treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern")
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, SkippingInlineExtension()])
    assert type(md.treeprocessors["inline"]) is markdown.treeprocessors.InlineProcessor


def test_the_fast_engine_is_used_where_it_is_trusted() -> None:
    # Checked on this Python and this Python-Markdown: else the tests above prove only stock's output.
    assert engine._engine is engine.fast_to_html
    assert engine.choose_engine() is engine.fast_to_html
    assert engine.fast_to_html(engine.PROBE) == stock().convert(engine.PROBE)
    assert engine.fast_to_html(engine.PROBE_UNDEFINED) == stock().convert(engine.PROBE_UNDEFINED)
    assert isinstance(engine._instance(()).parser, SkippingBlockParser)
    assert len(engine._BLOCK_MARKS) == 9  # every processor named there exists here
    assert len(engine._REFERENCE_PATTERNS) == 4
    assert isinstance(engine._instance(()).treeprocessors["unescape"], engine.SkippingUnescapeTreeprocessor)


@pytest.mark.parametrize("to_html", [engine.fast_to_html, engine.stock_to_html])
def test_a_body_that_fails_mid_list_leaves_no_state_behind(monkeypatch: pytest.MonkeyPatch, to_html: object) -> None:
    assert callable(to_html)

    def fail(self: object, parent: object, blocks: list[str]) -> None:
        raise ValueError("a bug of Python-Markdown")

    with monkeypatch.context() as broken:
        broken.setattr(markdown.blockprocessors.ParagraphProcessor, "run", fail)
        with pytest.raises(ValueError):
            to_html("* item\n\n    text in the item")
    assert to_html("A paragraph.") == "<p>A paragraph.</p>"


def test_block_level_tags_are_those_of_stock() -> None:
    ours, theirs = engine._instance(()), stock()
    tags = [*theirs.block_level_elements, "span", "P", "Div/", "a", "", "/", None, 3, "code", "pre", "br"]
    ours._block_level = frozenset(ours.block_level_elements)  # as while it converts a document
    assert [ours.is_block_level(tag) for tag in tags] == [theirs.is_block_level(tag) for tag in tags]
    ours._block_level = None
    assert [ours.is_block_level(tag) for tag in tags] == [theirs.is_block_level(tag) for tag in tags]


def _missing_inline_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(markdown.treeprocessors.InlineProcessor, "_InlineProcessor__handleInline")


def _missing_apply_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(markdown.treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern")


def _missing_re_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexchars, "sre_parse", None)


def _changed_re_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(regexchars.sre_parse, "POSSESSIVE_REPEAT")


def _missing_extra_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(markdown.extensions.extra, "extensions")


def _probe_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Python-Markdown whose loop changed under the same name: ours would now drop emphasis.
    monkeypatch.setattr(SkippingInlineProcessor, "_InlineProcessor__handleInline", lambda self, data, i=0: data)


def _block_loop_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Python-Markdown whose block loop changed: ours, a copy of the old one, would differ.
    monkeypatch.setattr(SkippingBlockParser, "parseBlocks", lambda self, parent, blocks: blocks.clear())


def _undefined_references_render(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Python-Markdown that renders an undefined reference: ours, which skips them, would differ.
    def handle(self: object, m: re.Match[str], data: str) -> tuple[object, int, int]:
        return xml.etree.ElementTree.Element("a"), m.start(0), m.end(0)

    monkeypatch.setattr(markdown.inlinepatterns.ReferenceInlineProcessor, "handleMatch", handle)


def _links_read_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Python-Markdown that reads (url) otherwise: our short cut, a copy of the old reading, would differ.
    def get_link(self: object, data: str, index: int) -> tuple[str, None, int, bool]:
        close = data.find(")", index)
        return "/changed", None, close + 1, close != -1

    monkeypatch.setattr(markdown.inlinepatterns.LinkInlineProcessor, "getLink", get_link)


def _probe_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, data: str, patternIndex: int = 0) -> str:
        raise TypeError("a changed signature")

    monkeypatch.setattr(SkippingInlineProcessor, "_InlineProcessor__handleInline", broken)


@pytest.mark.parametrize(
    ("simulate", "reason"),
    [
        (_missing_inline_loop, "InlineProcessor.__handleInline"),
        (_missing_apply_pattern, "InlineProcessor.__applyPattern"),
        (_missing_re_parser, "re._parser"),
        (_changed_re_parser, "re._parser"),
        (_missing_extra_list, "markdown.extensions.extra.extensions"),
        (_probe_differs, "rendered a probe text differently"),
        (_block_loop_differs, "rendered a probe text differently"),
        (_undefined_references_render, "rendered a probe text differently"),
        (_links_read_otherwise, "rendered a probe text differently"),
        (_probe_fails, "failed on a probe text (TypeError: a changed signature)"),
    ],
)
def test_unknown_internals_fall_back_to_stock_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, simulate: object, reason: str
) -> None:
    assert callable(simulate)
    with caplog.at_level("WARNING", logger="feeds.markup.markdown"):
        # Changed only while the engine is chosen: stock Python-Markdown itself calls the names
        # deleted here, and in a real upgrade it would call their new ones.
        with monkeypatch.context() as changed:
            simulate(changed)
            chosen = engine.choose_engine()
        monkeypatch.setattr(engine, "_engine", chosen)
        outputs = [engine.to_html(text) for text in (TORTURE, engine.PROBE, SNIPPETS["table"])]
    assert chosen is engine.stock_to_html
    assert outputs == [stock().convert(text) for text in (TORTURE, engine.PROBE, SNIPPETS["table"])]
    [record] = caplog.records  # one warning, however many bodies are rendered
    assert record.levelname == "WARNING"
    assert reason in record.getMessage()
    assert "rendering with stock Python-Markdown" in record.getMessage()


# Found by test_generated_blocks_render_as_stock in CI, on markdown 3.5: a blank abbreviation
# ("*[" then "]:" on the next line) made stock Python-Markdown 3.5 and 3.6 loop forever in their
# abbreviation pattern, and ours with it. pyproject.toml requires 3.7, which renders it.
BLANK_ABBREVIATION = "[a]: /xb\n- - --\t\n1. :_[[a:#b*-_\n* * * a\t:_]>aa[\n: *[\n\t]:\n1. :_[[a:#b*-_\n"


def test_a_blank_abbreviation_renders_and_does_not_hang() -> None:
    # In a child process with a time limit: a hang must fail the test, not stall CI.
    import subprocess
    import sys

    code = (
        "import sys; from tests.test_markdown_engine import BLANK_ABBREVIATION, assert_same; "
        "assert_same(BLANK_ABBREVIATION); assert_same(BLANK_ABBREVIATION + '\\n# b[#caa ')"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


# The fuzz runs above are exhaustive: the default run tries each on a few inputs.
test_fuzz_runs_briefly = briefly(
    test_a_pattern_never_matches_without_its_characters,
    test_generated_markdown_renders_as_stock,
    test_generated_blocks_render_as_stock,
    test_generated_reference_links_render_as_stock,
    test_generated_inline_links_render_as_stock,
)
