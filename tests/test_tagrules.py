"""Tags for documents that carry none: ``tag_rules`` keywords and patterns, ``folder_tags``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from feeds.build import build
from feeds.cli import main
from feeds.config import load_site, site_from_mapping
from feeds.errors import ConfigError

from .conftest import DATA, TEST_SITE, read_document, tree

ROOT = Path(__file__).resolve().parents[1]
NEWS = """{title}

{deck}

2025-03-10     전윤미 기자

{body}
"""


def news(title: str = "제목", deck: str = "요약", body: str = "본문.") -> str:
    return NEWS.format(title=title, deck=deck, body=body)


def tags_of(tmp_path: Path, text: str, name: str = "a.txt", **settings: object) -> list[str]:
    site = site_from_mapping({**TEST_SITE, **settings})
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return list(read_document(path, tmp_path, site).tags)


RULES = {"OpenAI": ["오픈AI", "OpenAI", "챗GPT"], "AI": ["AI", "인공지능"], "Microsoft": ["re:마이크로소프트|\\bMS\\b"]}


def test_keywords_in_title_deck_and_lede_tag_the_document(tmp_path: Path) -> None:
    text = news("오픈AI의 새 모델", "마이크로소프트와의 관계", "인공지능 업계가 주목한다.")
    assert tags_of(tmp_path, text, tag_rules=RULES) == ["OpenAI", "AI", "Microsoft"]


@pytest.mark.parametrize("spelling", ["OpenAI", "openai", "OPENAI", "ＯｐｅｎＡＩ", "ｏｐｅｎａｉ"])
def test_keywords_match_across_case_and_width(tmp_path: Path, spelling: str) -> None:
    assert tags_of(tmp_path, news(f"{spelling} 발표"), tag_rules={"OpenAI": ["OpenAI"]}) == ["OpenAI"]


@pytest.mark.parametrize(
    ("title", "tagged"),
    [("AI 반도체", True), ("오픈AI의 발표", True), ("AI봇 출시", True), ("He said so", False), ("MAIN 뉴스", False)],
)
def test_latin_keywords_do_not_match_inside_latin_words(tmp_path: Path, title: str, tagged: bool) -> None:
    assert tags_of(tmp_path, news(title), tag_rules={"AI": ["AI"]}) == (["AI"] if tagged else [])


def test_patterns_are_regular_expressions_without_case(tmp_path: Path) -> None:
    rules = {"Microsoft": ["re:\\bms\\b|microsoft"]}
    assert tags_of(tmp_path, news("MS, 새 계약"), tag_rules=rules) == ["Microsoft"]
    assert tags_of(tmp_path, news("Microsoft 발표"), tag_rules=rules) == ["Microsoft"]
    assert tags_of(tmp_path, news("MSX 컴퓨터"), tag_rules=rules) == []


def test_only_the_first_paragraphs_are_read(tmp_path: Path) -> None:
    rules = {"OpenAI": ["오픈AI"]}
    body = "첫 문단.\n\n둘째 문단.\n\n셋째 문단.\n\n넷째 문단에 오픈AI가 나온다."
    assert tags_of(tmp_path, news(body=body), tag_rules=rules) == []
    body = "첫 문단.\n\n둘째 문단.\n\n셋째 문단에 오픈AI가 나온다."
    assert tags_of(tmp_path, news(body=body), tag_rules=rules) == ["OpenAI"]


def test_rules_add_to_own_tags_and_aliases_apply_after(tmp_path: Path) -> None:
    text = "---\ntitle: 오픈AI 소식\ndate: 2025-03-10\ntags: [ai, 뉴스]\n---\n\n본문\n"
    # "ai" is already there (in any case): the rule does not add "AI" again.
    assert tags_of(tmp_path, text, "a.md", tag_rules={"AI": ["AI"], "오픈AI": ["오픈AI"]}) == ["ai", "뉴스", "오픈AI"]
    content = tmp_path / "site"
    content.mkdir()
    (content / "a.md").write_text(text, encoding="utf-8")
    site = site_from_mapping({**TEST_SITE, "tag_rules": {"오픈AI": ["오픈AI"]}})  # TEST_SITE aliases 오픈AI -> OpenAI
    build(site, content, tmp_path / "out")
    assert "tags/openai/atom.xml" in tree(tmp_path / "out")
    assert "<title>Test site: OpenAI</title>" in (tmp_path / "out" / "tags/openai/atom.xml").read_text(encoding="utf-8")


def test_folder_tags_give_each_folder_level(tmp_path: Path) -> None:
    assert tags_of(tmp_path, news(), "경제/산업/a.txt", folder_tags=True) == ["경제", "산업"]
    assert tags_of(tmp_path, news(), "경제/산업/b.txt") == []  # off by default
    # "오픈AI" holds the keyword "AI" too: a Latin keyword may touch Hangul.
    tags = tags_of(tmp_path, news("오픈AI"), "경제/c.txt", folder_tags=True, tag_rules=RULES)
    assert tags == ["경제", "OpenAI", "AI"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"tag_rules": "AI"}, "tag_rules: must be a table"),
        ({"tag_rules": {"AI": 3}}, "tag_rules: 'AI' must be a list of non-empty keyword strings, got 3"),
        ({"tag_rules": {"AI": ["AI", ""]}}, "tag_rules: 'AI' must be a list of non-empty keyword strings"),
        ({"tag_rules": {"AI": []}}, "tag_rules: 'AI' must be a list of non-empty keyword strings"),
        ({"tag_rules": {"AI": ["re:(unclosed"]}}, "tag_rules: 'AI': bad regular expression 're:(unclosed'"),
        ({"tag_rules": {"A\x07I": ["AI"]}}, "tag_rules: must not contain control characters, got U+0007"),
        ({"folder_tags": "yes"}, "folder_tags: must be true or false, got 'yes'"),
    ],
)
def test_bad_rules_name_the_key(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        site_from_mapping({**TEST_SITE, **settings})
    assert message in str(info.value)


def test_bad_pattern_exits_2_naming_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    config = tmp_path / "site.toml"
    config.write_text('title = "T"\nurl = "https://e.org/"\n[tag_rules]\nAI = ["re:[a-"]\n', encoding="utf-8")
    assert main(["build", "--content", str(tmp_path / "content"), "--config", str(config)]) == 2
    assert "tag_rules: 'AI': bad regular expression 're:[a-'" in capsys.readouterr().err


def test_verbose_build_says_which_rule_tagged_which_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "news.txt").write_text(news("오픈AI 새 모델"), encoding="utf-8")
    config = tmp_path / "site.toml"
    config.write_text(
        'title = "T"\nurl = "https://e.org/"\nfolder_tags = true\n[tag_rules]\nOpenAI = ["챗GPT", "오픈AI"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["build", "--content", str(content), "--out", str(out), "--config", str(config), "--no-cache", "-v"]
    assert main(args) == 0
    assert f"{content / 'news.txt'}: tagged 'OpenAI' by tag_rules (matched '오픈AI')" in capsys.readouterr().err


def test_changing_the_rules_rebuilds_the_tag_feeds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "news.txt").write_text(news("오픈AI 새 모델"), encoding="utf-8")
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    build(site_from_mapping(TEST_SITE), content, out, cache_dir=cache)
    assert not (out / "tags").exists()
    build(site_from_mapping({**TEST_SITE, "tag_rules": {"OpenAI": ["오픈AI"]}}), content, out, cache_dir=cache)
    assert sorted(tree(out / "tags")) == ["openai/atom.xml", "openai/feed.json", "openai/index.html", "openai/rss.xml"]


def test_demo_site_puts_seed_004_in_fitting_tag_feeds(tmp_path: Path) -> None:
    site = load_site(cwd=ROOT)  # the demo site of pyproject.toml
    shutil.copy(DATA / "sites" / "seeds" / "content" / "004_41dab7516fac43bd.txt", tmp_path / "004.txt")
    tags = read_document(tmp_path / "004.txt", tmp_path, site).tags
    assert {"OpenAI", "Microsoft", "AI"} <= set(tags)
