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
# Past this many keywords they are all looked for in one pass: a search per keyword costs about
# 2 µs on a news article, a pass of the automaton about 250 µs whatever their number.
ONE_PASS_FROM = 100


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
            if term.startswith(PATTERN_PREFIX) and (why := _slow(term)):
                message = (
                    f"{tag!r}: regular expression {term!r} {why}, which can take longer than any build has to match "
                    "one article; split it into simpler terms (each term of a rule is tried in turn)"
                )
                raise ConfigError(message, key="tag_rules", source=source)
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
        text = fold("\n".join([title[:MAX_SCAN], (summary or "")[:MAX_SCAN], _first_paragraphs(body)]))
        automaton = _keywords(rules)
        keywords = automaton.found(text) if automaton else None
        for rule in rules:
            for term in rule.terms:
                if keywords is None or term.startswith(PATTERN_PREFIX):
                    hit = _compile(term).search(text) is not None
                else:
                    hit = fold(term) in keywords
                if hit:
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


# A pattern is refused if matching it can backtrack more than a few times per character of the
# text: a repetition holding another (or an alternation), whose ways of splitting the text multiply
# (``(a+)+$`` on a run of "a" doubles with each one), or two open-ended repetitions, whose split
# points multiply (``.*.*x`` on a text without "x" tries every pair of them). A bounded one (``\d{4}``, ``\s?``)
# multiplies by at most its bound; past LONG_REPEAT it counts as open-ended.
LONG_REPEAT = 10


def _slow(term: str) -> str | None:
    """Why the ``re:`` pattern ``term`` could take polynomial or exponential time, or None."""
    from re import _parser  # type: ignore[attr-defined]  # CPython's, private: what re.compile reads

    pattern = unicodedata.normalize("NFKC", term[len(PATTERN_PREFIX) :])
    repeats = {_parser.MAX_REPEAT, _parser.MIN_REPEAT, getattr(_parser, "POSSESSIVE_REPEAT", None)}
    long_ones = 0

    def walk(items: Any, repeated: bool) -> str | None:
        nonlocal long_ones
        for op, av in items:
            inside, parts = repeated, av if isinstance(av, tuple | list) else (av,)
            if op in repeats:
                if av[1] > 1 and repeated:
                    return "repeats a repetition (nested quantifiers)"
                if av[1] > LONG_REPEAT:
                    long_ones += 1
                    if long_ones > 1:
                        return "has more than one open-ended repetition"
                inside = repeated or av[1] > 1
            elif op is _parser.BRANCH:
                if repeated:
                    return "repeats an alternation (nested quantifiers)"
                parts = av[1]
            for part in parts:
                if isinstance(part, _parser.SubPattern | list) and (why := walk(part, inside)) is not None:
                    return why
        return None

    return walk(_parser.parse(pattern, re.IGNORECASE), False)


class _Keywords:
    """Every keyword of the rules in one automaton (Aho-Corasick): one pass over a text finds
    them all, overlapping ones too, where a search per keyword took 4,000 passes."""

    def __init__(self, keywords: set[str]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.ends: list[list[str]] = [[]]  # keywords ending at a node, its suffixes' included
        for keyword in keywords:
            node = 0
            for ch in keyword:
                if ch not in self.goto[node]:
                    self.goto.append({})
                    self.ends.append([])
                    self.goto[node][ch] = len(self.goto) - 1
                node = self.goto[node][ch]
            self.ends[node].append(keyword)
        self.fail = [0] * len(self.goto)
        queue = list(self.goto[0].values())
        for node in queue:  # breadth first: a node's fallback is nearer the root, done before it
            for ch, child in self.goto[node].items():
                back = self.fail[node]
                while back and ch not in self.goto[back]:
                    back = self.fail[back]
                self.fail[child] = self.goto[back].get(ch, 0) if self.goto[back].get(ch) != child else 0
                self.ends[child] = self.ends[child] + self.ends[self.fail[child]]
                queue.append(child)

    def found(self, text: str) -> set[str]:
        """The keywords in ``text``, each where no Latin letter or digit touches its Latin ends."""
        found: set[str] = set()
        goto, fail, ends = self.goto, self.fail, self.ends
        node = 0
        for at, ch in enumerate(text):
            while node and ch not in goto[node]:
                node = fail[node]
            node = goto[node].get(ch, 0)
            for keyword in ends[node]:
                if keyword not in found and _bounded(text, at + 1 - len(keyword), at + 1):
                    found.add(keyword)
        return found


def _bounded(text: str, start: int, end: int) -> bool:
    first, last = text[start], text[end - 1]
    if first.isascii() and first.isalnum() and start and _LATIN(text[start - 1]):
        return False
    return not (last.isascii() and last.isalnum() and end < len(text) and _LATIN(text[end]))


def _LATIN(ch: str) -> bool:
    return ch in "0123456789abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=16)  # every document is matched against the same rules
def _keywords(rules: tuple[TagRule, ...]) -> _Keywords | None:
    """The rules' keywords in one automaton; None for a few, which are faster searched one by one."""
    keywords = {fold(t) for rule in rules for t in rule.terms if not t.startswith(PATTERN_PREFIX)}
    return _Keywords(keywords) if len(keywords) > ONE_PASS_FROM else None


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
