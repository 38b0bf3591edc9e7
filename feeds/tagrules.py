"""Tags for documents that carry none: keyword rules (``tag_rules``) and folder names (``folder_tags``).

News articles have no tag metadata, so without this they never reach a tag feed. A rule maps a
tag to keywords, or to ``re:`` patterns, looked for in the title, the summary (the deck) and the
first paragraphs of the body. Both sides are compared after NFKC and case folding, so ``OpenAI``,
``openai`` and full-width ``ＯｐｅｎＡＩ`` are one keyword. A keyword that starts or ends with a
Latin letter or digit must not touch another one there: ``AI`` finds ``오픈AI의`` but not ``said``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from feeds.errors import ConfigError

PATTERN_PREFIX = "re:"
FIRST_PARAGRAPHS = 3  # the lede and what follows it: where a news article says what it is about
MAX_SCAN = 4000  # characters of body looked at, however long the paragraphs


@dataclass(frozen=True)
class TagRule:
    tag: str
    terms: tuple[str, ...]  # as written in the settings: keywords, or "re:" patterns


@dataclass(frozen=True)
class Match:
    tag: str
    why: str  # the rule's term that matched, or "folder" for a folder tag


def parse_rules(value: Any, source: str) -> tuple[TagRule, ...]:
    """The ``tag_rules`` table as rules, or ConfigError naming the key and what is wrong."""
    if not isinstance(value, Mapping):
        raise ConfigError('must be a table of tag = ["keyword", "re:pattern", …]', key="tag_rules", source=source)
    rules = []
    for tag, terms in value.items():
        if not isinstance(tag, str) or not tag.strip():
            raise ConfigError(f"tag names must be non-empty strings, got {tag!r}", key="tag_rules", source=source)
        if isinstance(terms, str):
            terms = [terms]
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ConfigError(
                f"{tag!r} must be a list of non-empty keyword strings, got {terms!r}", key="tag_rules", source=source
            )
        for term in terms:
            try:
                _compile(term)
            except re.error as exc:
                message = f"{tag!r}: bad regular expression {term!r}: {exc}"
                raise ConfigError(message, key="tag_rules", source=source) from exc
        rules.append(TagRule(tag.strip(), tuple(t.strip() for t in terms)))
    return tuple(rules)


def matches(
    rules: tuple[TagRule, ...], folder_tags: bool, source: str, title: str, summary: str | None, body: str
) -> list[Match]:
    """The tags the rules and the folder give a document, in rule order, each once."""
    found: list[Match] = []
    if folder_tags:
        found += [Match(folder, "folder") for folder in PurePosixPath(source).parts[:-1] if folder.strip()]
    if rules:
        text = fold("\n".join([title, summary or "", _first_paragraphs(body)]))
        for rule in rules:
            for term in rule.terms:
                if _compile(term).search(text):
                    found.append(Match(rule.tag, term))
                    break
    seen: set[str] = set()
    unique = []
    for m in found:
        if m.tag.casefold() not in seen:
            seen.add(m.tag.casefold())
            unique.append(m)
    return unique


def fold(text: str) -> str:
    """Text as rules see it: NFKC (full-width and compatibility forms folded) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=4096)  # every document is matched against the same few terms
def _compile(term: str) -> re.Pattern[str]:
    if term.startswith(PATTERN_PREFIX):
        # NFKC only: case-folding a pattern would turn \S into \s; IGNORECASE does that job.
        return re.compile(unicodedata.normalize("NFKC", term[len(PATTERN_PREFIX) :]), re.IGNORECASE)
    keyword = fold(term)
    before = r"(?<![0-9a-z])" if keyword[:1].isascii() and keyword[:1].isalnum() else ""
    after = r"(?![0-9a-z])" if keyword[-1:].isascii() and keyword[-1:].isalnum() else ""
    return re.compile(before + re.escape(keyword) + after)


def _first_paragraphs(body: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", body[: MAX_SCAN * 2]) if p.strip()]
    return "\n".join(paragraphs[:FIRST_PARAGRAPHS])[:MAX_SCAN]
