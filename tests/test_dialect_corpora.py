"""Real sites moved to feeds as they are: Jekyll's own news posts and Hugo's basic example posts.

The corpora, their licences and where they come from are in tests/data/dialects/*/. Each entry's
link and published date are compared with ``expected.json``, computed by ``jekyll_expected`` /
the Hugo rules below, independently of feeds' own date parsing.
"""

from __future__ import annotations

import functools
import html
import json
import re
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest

from feeds.build import BuildResult, build
from feeds.config import load_site
from feeds.validate import validate_paths

from .conftest import DATA

DIALECTS = DATA / "dialects"
JEKYLL = DIALECTS / "jekyll"
HUGO = DIALECTS / "hugo"
AT = datetime(2026, 11, 1, tzinfo=ZoneInfo("UTC"))
_FM_DATE = re.compile(r'^date:\s*"?(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d)?))?\s*([+-]\d\d:?\d\d)?"?\s*$', re.M)
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)


def jekyll_expected() -> dict[str, dict[str, str]]:
    """Jekyll's rules: the front matter's date (else the file name's) in the site's zone, the file name's slug."""
    zone = ZoneInfo("America/Los_Angeles")
    expected = {}
    for path in sorted((JEKYLL / "_posts").iterdir()):
        front = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        m = _FM_DATE.search(front)
        name = re.fullmatch(r"(\d{4}-\d\d-\d\d)-(.+)\.\w+", path.name)
        assert name is not None
        if m:
            clock = m.group(2) or "00:00"
            stamp = datetime.fromisoformat(f"{m.group(1)}T{clock}{m.group(3) or ''}")
            published = stamp if stamp.tzinfo else stamp.replace(tzinfo=zone)
        elif re.search(r"^date:", front, re.M):
            continue  # a date Jekyll's Ruby reads but no standard does: rejected, see the test
        else:
            published = datetime.combine(datetime.fromisoformat(name.group(1)).date(), time(), zone)
        local = published.astimezone(zone)
        expected[path.name] = {
            "link": f"https://jekyllrb.com/news/{local:%Y/%m/%d}/{name.group(2)}/",
            "published": published.isoformat(),
        }
    return expected


def entries(feed: Path) -> dict[str, feedparser.FeedParserDict]:
    return parsed(feed.read_bytes())


@functools.cache
def parsed(data: bytes) -> dict[str, feedparser.FeedParserDict]:
    """A feed's entries by link, as feedparser reads them. Jekyll's atom.xml (101 whole posts) is
    read by three tests of the one build they share, which only read it: it is parsed once."""
    return {e.link: e for e in feedparser.parse(data).entries}


def test_jekyll_expected_file_is_current(update_golden: bool) -> None:
    got = json.dumps(jekyll_expected(), indent=1, ensure_ascii=False) + "\n"
    if update_golden:
        (JEKYLL / "expected.json").write_text(got, encoding="utf-8")
    assert got == (JEKYLL / "expected.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def jekyll(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """Jekyll's posts built once, and the output folder: the tests below only read it."""
    out = tmp_path_factory.mktemp("jekyll") / "out"
    return build(load_site(JEKYLL / "site.toml"), JEKYLL / "_posts", out, at=AT), out


def test_jekyll_posts_keep_their_urls_and_dates(jekyll: tuple[BuildResult, Path]) -> None:
    result, out = jekyll
    expected = json.loads((JEKYLL / "expected.json").read_text(encoding="utf-8"))
    assert len(expected) == 101 and result.published == 101 and result.skipped == []
    # The one post whose date no standard reads ("18:30:22 2023 -0800": the year twice).
    assert [f"{Path(e.path).name}:{e.line}" for e in result.errors] == ["2023-01-29-jekyll-3-9-3-released.markdown:3"]
    feed = entries(out / "atom.xml")
    assert sorted(feed) == sorted(e["link"] for e in expected.values())
    for name, want in expected.items():
        entry = feed[want["link"]]
        assert datetime.fromisoformat(entry.published) == datetime.fromisoformat(want["published"]), name
    # The three posts with no date in their front matter, dated by their file names.
    for name in ("2014-05-06-jekyll-turns-2-0-0", "2016-03-10-making-it-easier-to-contribute-to-jekyll"):
        assert datetime.fromisoformat(expected[next(k for k in expected if k.startswith(name))]["published"])


def _raw_blocks(source: Path) -> str:
    return "\n".join(_RAW.findall(source.read_text(encoding="utf-8")))


def test_jekyll_no_liquid_outside_raw_blocks(jekyll: tuple[BuildResult, Path]) -> None:
    _, out = jekyll
    expected = json.loads((JEKYLL / "expected.json").read_text(encoding="utf-8"))
    by_link = {want["link"]: name for name, want in expected.items()}
    leaks = []
    for feed in sorted(out.rglob("*.xml")):
        for link, entry in entries(feed).items():
            raw = _raw_blocks(JEKYLL / "_posts" / by_link[link])
            for part in [*entry.get("content", []), {"value": entry.get("summary", "")}]:
                text = html.unescape(re.sub(r"<[^>]+>", "", part["value"]))
                leaks += [(by_link[link], m) for m in _TEMPLATE.findall(text) if m not in raw]
    assert leaks == []


def test_jekyll_liquid_conversions(jekyll: tuple[BuildResult, Path]) -> None:
    _, out = jekyll
    feed = entries(out / "atom.xml")
    # {% post_url %} to a post in the folder: its permalink.
    turns_2 = feed["https://jekyllrb.com/news/2014/05/06/jekyll-turns-2-0-0/"].content[0].value
    assert 'href="https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/"' in turns_2
    # {% link _posts/… %}: its permalink; {{ site.repository }} in a {% for %} over an assigned list.
    v342 = feed["https://jekyllrb.com/news/2017/03/09/jekyll-3-4-2-released/"].content[0].value
    assert 'href="https://jekyllrb.com/news/2017/03/02/jekyll-3-4-1-released/"' in v342
    v101 = feed["https://jekyllrb.com/news/2013/05/08/jekyll-1-0-1-released/"].content[0].value
    assert 'href="https://github.com/jekyll/jekyll/issues/1037"' in v101
    # {% highlight ruby %}: a code block; {% raw %}: verbatim.
    all_html = (out / "atom.xml").read_text(encoding="utf-8")
    assert 'class="language-ruby"' in html.unescape(all_html)
    assert "{% include my-logo@2x.svg %}" in html.unescape(all_html)


def test_jekyll_feeds_validate(jekyll: tuple[BuildResult, Path]) -> None:
    _, out = jekyll
    findings = validate_paths([out], site_url=load_site(JEKYLL / "site.toml").url)
    assert [f"{f.path}:{f.line}: {f.code}" for f in findings if f.level == "error"] == []


HUGO_EXPECTED = {
    "emoji-support.md": "2019-03-05",
    "markdown-syntax.md": "2019-03-11",
    "math-typesetting.md": "2019-03-08",
    "placeholder-text.md": "2019-03-09",
    "rich-content.md": "2019-03-10",
}


def test_hugo_posts_published_index_skipped_exit_0(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "feeds", "build", "--content", str(HUGO / "post"), "--out", str(out),
         "--config", str(HUGO / "site.toml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    printed = run.stdout
    assert run.returncode == 0, run.stderr
    # The inline shortcodes' warnings name the file and line.
    assert "math-typesetting.md:29: inline shortcode {{< math.inline >}}" in run.stderr
    assert "skipped " in printed and "_index.md: a Hugo section page" in printed
    assert "5 published, 1 skipped, 0 rejected" in printed
    feed = entries(out / "atom.xml")
    assert sorted(feed) == sorted(f"https://gohugo.io/post/{n.removesuffix('.md')}/" for n in HUGO_EXPECTED)
    for name, day in HUGO_EXPECTED.items():
        assert feed[f"https://gohugo.io/post/{name.removesuffix('.md')}/"].published.startswith(day)


def test_hugo_no_shortcodes_video_linked(tmp_path: Path) -> None:
    site = load_site(HUGO / "site.toml")
    build(site, HUGO / "post", tmp_path / "out", at=AT)
    for feed in sorted((tmp_path / "out").rglob("*.xml")):
        text = html.unescape(feed.read_text(encoding="utf-8"))
        # Go template code in the math post's code blocks ("{{ partial … }}") is content, as in Hugo.
        assert "{{<" not in text and "{{%" not in text, feed
    rich = entries(tmp_path / "out" / "atom.xml")["https://gohugo.io/post/rich-content/"].content[0].value
    # A linked thumbnail (feedparser reorders attributes).
    assert re.search(
        r'<a href="https://www.youtube.com/watch\?v=ZJthWmvUzzc"><img [^>]*src="https://i.ytimg.com/vi/ZJthW', rich
    )
    assert 'href="https://vimeo.com/48912912"' in rich
    assert 'href="https://x.com/designreviewed/status/1085870671291310081"' in rich
    assert "<iframe" not in rich and "<script" not in rich and "<!--more-->" not in rich
    syntax = entries(tmp_path / "out" / "atom.xml")["https://gohugo.io/post/markdown-syntax/"].content[0].value
    assert '<code class="language-html">' in syntax
    findings = validate_paths([tmp_path / "out"], site_url=site.url)
    assert [f"{f.path}:{f.line}: {f.code}" for f in findings if f.level != "info"] == []
