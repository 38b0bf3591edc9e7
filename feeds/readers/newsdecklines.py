"""Whether a line near a news article's head may be a deck's: short, no sentence, caption nor credit.

``feeds.readers.news`` plans the head with these: where a deck printed under the date line ends,
the lead printed after the head's photo, and the paragraphs above a date line that make it a
letter's sign-off rather than a deck. Apart from the planning because they judge one line, or a
few, by its shape; ``feeds.readers.newsdeck`` holds the rules for the deck's harder shapes.
"""

from __future__ import annotations

import re

from feeds.readers.newscaptions import BOOK_ENTRY, CREDIT_END, HASHTAGS, NOTE, PHOTOGRAPHER_SIGN, is_caption
from feeds.readers.newsdeck import glued_deck, noun_point, sentence_over_photo, sentences_only
from feeds.readers.newstitle import deck_class, is_buttons
from feeds.readers.newswords import BYLINE, CLOSING_REPORTER, CUES, FULL_STOP, SENTENCE_END, SERIES_LABEL, is_bare_name

DECK_LINE_MAX = 80  # a deck line below the date line; a longer line there is the text's first paragraph


_DECK_LINES = 4  # a deck's points, or a deck broken into short lines as a headline is


def _deck_after(rest: list[tuple[int, str]], start: int) -> int:
    """Where the text starts after a deck printed under the date line: short lines that are not a
    sentence or a caption, set off by a blank line (a line right above the text is a photo's
    caption); ``start`` when there is none."""
    end = start
    while end < len(rest) - 1 and end - start < _DECK_LINES and _deck_like(rest[end][1], DECK_LINE_MAX, after=True):
        if rest[end][1] == rest[end + 1][1]:
            break  # a line printed twice is a photo's alt text and caption: the text starts there
        if end > start and rest[end][0] > rest[end - 1][0] + 1 and BYLINE.match(rest[end + 1][1]):
            break  # set off from the deck, right above the byline: a photo's caption
        end += 1
    # A series label ("[인천문화 40년을 듣는다]") and its episode line need no blank line after them,
    # nor does a deck above a photo's caption.
    series = end - start == 2 and SERIES_LABEL.fullmatch(rest[start][1]) is not None
    photo = end < len(rest) and (
        (end < len(rest) - 1 and rest[end][1] == rest[end + 1][1]) or _signed_photo(rest[end][1])
    )
    # a deck glued to the text's first paragraph, or one sentence over the photo
    glued = start + (glued_deck(rest, start) or int(sentence_over_photo(rest, start)))
    return end if end > start and (rest[end][0] > rest[end - 1][0] + 1 or series or photo) else glued


def _signed_photo(s: str) -> bool:
    """A photo's caption, or one signed by its photographer after a slash ("… 있다./뉴스1=홍길동 기자")."""
    return is_caption(s) or PHOTOGRAPHER_SIGN.search(s) is not None


def _signed_off(deck: list[str]) -> bool:
    """Whether the lines above the date line are a text's paragraphs, not a deck: more than three
    lines or one of a paragraph's length, two of them or more ending in a full stop and led by no
    list mark, as a deck's points are (a letter from the editor, signed and dated at its foot)."""
    sentences = sum(1 for s in deck if FULL_STOP.search(s) and s[0] not in _LIST_MARKS)
    # Fewer lines make a short text's paragraphs when one is longer than any deck's line; a
    # portal's teaser of the text, above its source and time, is one such line.
    long = any(len(s) > _PARAGRAPH_MIN for s in deck)
    teaser = any(len(s) > _PARAGRAPH_MIN and len(_SENTENCE_BREAK.findall(s)) >= 2 for s in deck) or sentences_only(deck)
    return (sentences >= 2 and (len(deck) > 3 or long)) or teaser


_PARAGRAPH_MIN = 150
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s")


_LIST_MARKS = frozenset("-–—•·▶▷■□◆◇△▲※○●")


def _lead(lines: list[tuple[int, str]], title: str) -> list[str]:
    """A deck printed after the photo under the head: the summary, though it stays in the body.
    The headline printed again over the text is no deck, nor are the lines the deck's table tells
    from one."""
    i = 0
    while i < min(len(lines), 2) and _photo_line(lines[i][1]):
        i += 1
    while i + 1 < len(lines) and lines[i][1] == lines[i + 1][1]:
        i += 2  # a photo's alt text and its caption, the same line printed twice
    lead: list[str] = []
    while (
        i < len(lines) - 1
        and len(lead) < 3
        and _deck_like(lines[i][1], DECK_LINE_MAX)
        and deck_class(lines[i][1], title) == "deck"
    ):
        if is_bare_name(lines[i][1]) and not lead:
            break  # a name alone under the headline is its writer's, no deck
        lead.append(lines[i][1])
        i += 1
    set_off = 0 < i < len(lines) and lines[i][0] > lines[i - 1][0] + 1  # by a blank line
    return lead if lead and set_off else []


def _quoted(s: str) -> bool:
    """A line that is one quotation ("“도봉뉴스는 구정소식지? 구청장 홍보지인가?”"): a deck may quote a
    question or an exclamation under the date line."""
    return len(s) > 2 and s[0] in "“\"‘'" and s[-1] in "”\"’'" and s[-2] in "?!"


def _photo_line(s: str) -> bool:
    """A caption or credit under the head's photo; a roundup's entry ("▲ 경향신문 = …") or a
    paragraph of sentences ending in its photo's credit is the text."""
    if BOOK_ENTRY.match(s) or len(_SENTENCE_BREAK.findall(s)) >= 3:
        return False
    return is_caption(s) or CREDIT_END.search(s) is not None


def _deck_like(s: str, longest: int = 200, *, after: bool = False) -> bool:
    """Whether ``s`` may be a deck line: short, no sentence, caption, byline or closing.

    Below the date line (``after``), a deck may end in "…다" without a full stop ("열 곳 가운데
    여섯 곳이 다시 문을 열었다"), or quote a question: the body's sentences end in a full stop.
    """
    return (
        len(s) <= longest
        and (not (FULL_STOP if after else SENTENCE_END).search(s) or (after and (_quoted(s) or noun_point(s))))
        and not _signed_photo(s)
        and not CREDIT_END.search(s)
        and not BYLINE.match(s)
        and not CLOSING_REPORTER.match(s)
        and not NOTE.search(s)
        and not HASHTAGS.match(s)
        and not CUES.fullmatch(s)
        and not (s[0] == "•" and is_buttons(s[1:]))  # a bullet's button: "• kakao share"
    )
