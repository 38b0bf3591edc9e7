"""Hostile text through the converters: what one file holds can fail that file, never the build.

Each converter is fed about 100 KB of its worst case. What it may cost is bounded: a construct
that would expand past the bounds is that file's ContentError, and every scan is linear. The
time bound is a hang bound (far above what the work takes), not a performance goal.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from feeds.config import site_from_mapping
from feeds.dialects import references, transform
from feeds.dialects.links import Links
from feeds.document import Document
from feeds.errors import ConfigError, ContentError
from feeds.fragments import marked_html, split_more
from feeds.load import parse
from feeds.markup import converter
from feeds.tagrules import matches, parse_rules

SITE = {"title": "T", "url": "https://example.org/blog/", "timezone": "Asia/Seoul"}
SIZE = 100_000
HANG = 1.0  # seconds: a hang bound on a noisy machine; the work itself takes a small fraction


class Hung(Exception):
    pass


@contextmanager
def bounded(seconds: float = HANG) -> Iterator[None]:
    """Fail if the block takes ``seconds`` of CPU or more; give up on it (and fail) after ten times
    that of wall time. CPU time, not wall time: on a shared, loaded machine a linear conversion
    waits for the CPU as long as the others make it, while a quadratic one still does the work."""

    def give_up(signum: int, frame: Any) -> None:
        raise Hung(f"still running after {10 * seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, 10 * seconds)
    start = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.process_time() - start
    assert elapsed < seconds, f"took {elapsed:.2f} s of CPU"


def doc(source: str, text: str) -> Document:
    return parse(text.encode(), source, site_from_mapping(SITE), source)[0]


def fill(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit))


JEKYLL = ("2025-01-01-a.md", "---\ntitle: T\n---\n")
HUGO = ("post/a.md", "+++\ntitle = 'T'\ndate = 2025-01-01\n+++\n")
PELICAN = ("a.md", "Title: T\nDate: 2025-01-01\n\n")
DEPTH = SIZE // 24
NESTED_SHORTCODES = "".join(f"{{{{< s{i} >}}}}" for i in range(DEPTH)) + "".join(
    f"{{{{< /s{i} >}}}}" for i in reversed(range(DEPTH))
)


# --------------------------------------------------------------------------- linear scans
# (name, (source, front matter), body): each must convert, however little of it is syntax.
LINEAR: list[tuple[str, tuple[str, str], str]] = [
    ("liquid: unclosed tags", JEKYLL, fill("{% a ")),
    ("liquid: unclosed outputs", JEKYLL, fill("{{ a ")),
    ("liquid: tags that open tags", JEKYLL, fill("{%") + "%}"),
    ("liquid: spaces inside an unclosed tag", JEKYLL, "{% a " + fill(" ") + "x"),
    ("liquid: spaces inside a tag", JEKYLL, "{% a " + fill(" ") + "x %}"),
    ("liquid: spaces inside an output", JEKYLL, "{{ a " + fill(" ") + "x }}"),
    ("liquid: whitespace control on every tag", JEKYLL, fill("{%- assign a = 1 -%}\n")),
    ("liquid: spaces in a loop's arguments", JEKYLL, "{% for i in a" + fill(" ") + "b %}x{% endfor %}"),
    ("liquid: a range without its end", JEKYLL, "{{ (" + fill(".") + "x }}"),
    ("liquid: unclosed links", JEKYLL, fill("{% link ")),
    ("liquid: unclosed raw blocks", JEKYLL, fill("{% raw %}{% endraw ")),
    ("hugo: unclosed shortcodes", HUGO, fill("{{< x ")),
    ("hugo: unclosed % shortcodes", HUGO, fill("{{% x ")),
    ("hugo: shortcodes never closed", HUGO, fill("{{< n >}}")),
    ("hugo: spaces inside an unclosed shortcode", HUGO, "{{< x " + fill(" ") + "y"),
    ("hugo: unclosed literal shortcodes", HUGO, fill("{{</* x ")),
    ("hugo: unclosed refs", HUGO, fill("{{< ref ")),
    ("hugo: an inline shortcode of unclosed actions", HUGO, "{{< a.inline >}}" + fill("{{") + "{{< /a.inline >}}"),
    ("hugo: an inline shortcode of unclosed scripts", HUGO, "{{< a.inline >}}" + fill("<script") + "{{< /a.inline >}}"),
    ("pelican: links", PELICAN, fill("{filename}x.md ")),
    ("pelican: links among unclosed fences", PELICAN, fill("```x y\n{index}\n")),
    ("pelican: links among fences", PELICAN, fill("```\n{index}\n")),
    (
        "pelican: links among backtick runs of every length",
        PELICAN,
        "".join("`" * k + " {index} " for k in range(1, 440)),
    ),
    ("pelican: links in indented lines", PELICAN, fill("\n    {index}\n- a\n")),
    ("summary marker in code spans", PELICAN, fill("`<!--more-->` ") + "<!--more-->"),
]


@pytest.mark.parametrize(("name", "kind", "body"), LINEAR, ids=[case[0] for case in LINEAR])
def test_converters_are_linear(name: str, kind: tuple[str, str], body: str, caplog: pytest.LogCaptureFixture) -> None:
    source, front = kind
    d = doc(source, front + body)
    with bounded():
        references(body, d.format, d.source)
        transform(d, site_from_mapping(SITE), Links([d]))


# --------------------------------------------------------------------------- bounded expansion
# (name, (source, front matter), body, what the error says): past a bound, the file's error.
BOUNDED: list[tuple[str, tuple[str, str], str, str]] = [
    ("a loop over a huge range", JEKYLL, "{% for i in (1..100000000) %}x{% endfor %}", "range"),
    ("nested loops", JEKYLL, "{% for i in (1..1000) %}" * 5 + "x" + "{% endfor %}" * 5, "loop"),
    (
        "a loop's output",
        JEKYLL,
        '{% assign s = "' + fill("x", 50_000) + '" %}{% for i in (1..1000) %}{{ s }}{% endfor %}',
        "more than",
    ),
    (
        "doubling by assign",
        JEKYLL,
        '{% assign s = "xx" %}' + "{% assign s = s | append: s %}" * 64 + "{{ s }}",
        "more than",
    ),
    (
        "replace into every gap",
        JEKYLL,
        '{% assign s = "' + fill("x", 50_000) + '" %}{{ s | replace: "", s }}',
        "more than",
    ),
    (
        "joining a long list",
        JEKYLL,
        '{% assign s = "' + fill("x", 50_000) + '" %}{{ s | split: "" | join: s }}',
        "more than",
    ),
    ("deeply nested loops", JEKYLL, fill("{% for i in (1..1) %}"), "nested"),
    ("deeply nested closed loops", JEKYLL, "{% for i in (1..1) %}" * 2000 + "x" + "{% endfor %}" * 2000, "nested"),
    ("deeply nested shortcodes", HUGO, NESTED_SHORTCODES, "nested"),
]


@pytest.mark.parametrize(("name", "kind", "body", "says"), BOUNDED, ids=[case[0] for case in BOUNDED])
def test_expansion_past_the_bounds_is_the_files_error(
    name: str, kind: tuple[str, str], body: str, says: str, caplog: pytest.LogCaptureFixture
) -> None:
    source, front = kind
    d = doc(source, front + body)
    with bounded(), pytest.raises(ContentError, match=rf"^{source}:{front.count(chr(10)) + 1}: .*{says}") as caught:
        transform(d, site_from_mapping(SITE), Links([d]))
    assert "\n" not in str(caught.value)


def test_loops_within_the_bounds_still_run() -> None:
    body = (
        "{% for i in (1..300) %}{% for j in (1..300) %}{% endfor %}{% endfor %}{% for i in (1..3) %}{{ i }}{% endfor %}"
    )
    d = doc(JEKYLL[0], JEKYLL[1] + body)
    assert transform(d, site_from_mapping(SITE), Links([d])) == "123"


# --------------------------------------------------------------------------- Markdown
MARKDOWN: list[tuple[str, str]] = [
    ("a line of [", fill("[")),
    ("a line of ![", fill("![")),
    ("a line of [ with a reference defined", fill("[") + "\n\n[a]: /x\n"),
    ("a line of ] then [", fill("]", SIZE // 2) + fill("[", SIZE // 2)),
]


@pytest.mark.parametrize(("name", "body"), MARKDOWN, ids=[case[0] for case in MARKDOWN])
def test_markdown_is_linear_on_brackets(name: str, body: str) -> None:
    to_html = converter("markdown")
    with bounded():
        to_html(body)


@pytest.mark.parametrize(
    "text",
    [
        "[a [b] c](/x) [d]e] [[f]](/g) ![i [j]](/k.png) [open [x](/y) ]",
        "[a]\n\n[a]: /r\n\n[b [a]] ![a][] [a][] [[a]]",
        "\\[a\\] [b\\]](/c) `[d`] [e`]`](/f)",
    ],
)
def test_markdown_brackets_render_as_stock(text: str) -> None:
    from feeds.markup.markdown import fast_to_html, stock_to_html

    assert fast_to_html(text) == stock_to_html(text)


# --------------------------------------------------------------------------- tag rules
def test_a_pattern_with_nested_quantifiers_is_refused_naming_its_rule() -> None:
    with pytest.raises(ConfigError, match=r"tag_rules: 'A': .*'re:\^\(a\+\)\+\$'.*nested"):
        parse_rules({"A": ["re:^(a+)+$"]}, "feeds.toml")


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("re:(a*)*", "nested"),
        ("re:(?:ab+|c)*d", "nested"),
        ("re:(x{2,})+", "nested"),
        ("re:((a|b)+c)+", "nested"),
        ("re:(a|aa)*b", "nested"),
        ("re:.*.*x", "more than one open-ended"),
        ("re:\\w+\\s?\\w+x", "more than one open-ended"),
    ],
)
def test_patterns_that_backtrack_are_refused(pattern: str, why: str) -> None:
    with pytest.raises(ConfigError, match=why):
        parse_rules({"A": [pattern]}, "feeds.toml")


@pytest.mark.parametrize(
    "pattern",
    ["re:마이크로소프트|\\bMS\\b", "re:\\d+ ?원", "re:(ab)+c", "re:(a|b)?c*", "re:\\d{4}-\\d{2}-\\d{2}", "re:(?:x|y)+"],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert parse_rules({"A": [pattern]}, "feeds.toml")[0].terms == (pattern,)


def test_thousands_of_keywords_take_one_pass() -> None:
    keywords = [f"keyword{i}" for i in range(4000)]
    rules = parse_rules({"Many": keywords, "Last": ["keyword3999"], "AI": ["AI"]}, "feeds.toml")
    body = "\n\n".join(["본문 " * 300 + " AI keyword3999"] * 3)
    with bounded():
        for i in range(100):
            found = matches(rules, False, f"a{i}.txt", f"제목 {i}", "요약", body)
    assert [m.tag for m in found] == ["Many", "Last", "AI"] and found[0].why == "keyword3999"


# --------------------------------------------------------------------------- code is left alone
def test_pelican_placeholders_in_code_are_left_alone() -> None:
    body = (
        '```python\nprint(f"{index}: {filename}")\n```\n\n    {static} in indented code\n\n'
        "Inline `{index}` and `` {filename}x `` but [home]({index}) and [s]({static}/a.png).\n"
    )
    d = doc(PELICAN[0], PELICAN[1] + body)
    out = transform(d, site_from_mapping(SITE), Links([d]))
    assert '```python\nprint(f"{index}: {filename}")\n```' in out and "    {static} in indented code" in out
    assert "`{index}`" in out and "`` {filename}x ``" in out
    assert "[home](https://example.org/blog/)" in out and "[s](https://example.org/blog/a.png)" in out


def test_more_marker_in_code_is_not_the_summary() -> None:
    body = "Intro.\n\n```html\n<p>One</p>\n<!--more-->\n<p>Two</p>\n```\n\nRest.\n"
    d = doc(PELICAN[0], PELICAN[1] + body)
    content, summary = split_more(marked_html(d, site_from_mapping(SITE), Links([d])))
    assert summary is None and "&lt;p&gt;One&lt;/p&gt;\n&lt;!--more--&gt;\n&lt;p&gt;Two&lt;/p&gt;" in content


def test_jekyll_excerpt_separator_in_code_is_not_the_summary() -> None:
    body = "Intro.\n\n    <!--cut--> in indented code\n\nMore `<!--cut-->`.\n\n<!--cut-->\n\nRest.\n"
    d = doc(JEKYLL[0], "---\ntitle: T\nexcerpt_separator: <!--cut-->\n---\n" + body)
    content, summary = split_more(marked_html(d, site_from_mapping(SITE), Links([d])))
    assert summary == "Intro. <!--cut--> in indented code More <!--cut-->." and "Rest." in content


def test_more_marker_after_code_is_the_summary() -> None:
    body = "Intro `<!--more-->`.\n\n```\n<!--more-->\n```\n\nStill intro.\n<!--more-->\nRest.\n"
    d = doc(PELICAN[0], PELICAN[1] + body)
    content, summary = split_more(marked_html(d, site_from_mapping(SITE), Links([d])))
    assert summary is not None and summary.endswith("Still intro.") and content.count("&lt;!--more--&gt;") == 2


def test_warnings_about_one_file_are_capped(caplog: pytest.LogCaptureFixture) -> None:
    d = doc(HUGO[0], HUGO[1] + "{{< unknown >}}\n" * 100)
    with caplog.at_level(logging.WARNING, logger="feeds.dialects"):
        transform(d, site_from_mapping(SITE), Links([d]))
    lines = caplog.text.splitlines()
    assert len(lines) == 21 and "post/a.md:24: unknown shortcode" in lines[19]
    assert lines[20].endswith("post/a.md:25: more warnings about this file left out")


@pytest.mark.parametrize(
    "title", ["오픈AI의 발표", "AI봇 출시", "He said so", "ＯｐｅｎＡＩ 발표", "MAIN 뉴스", "the ai1 and ai"]
)
def test_many_keywords_match_as_few_do(title: str) -> None:
    few = {"OpenAI": ["오픈AI", "OpenAI"], "AI": ["AI", "인공지능"], "One": ["ai1"]}
    many = {**few, "Filler": [f"필러{i}" for i in range(200)]}
    tags = [
        [(m.tag, m.why) for m in matches(parse_rules(rules, "feeds.toml"), False, "a.txt", title, None, "본문")]
        for rules in (few, many)
    ]
    assert tags[0] == tags[1]
