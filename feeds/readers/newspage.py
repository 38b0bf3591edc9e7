"""What of a news article's head is the page's, not the article's: found once the lines have their class.

The deck's lines are weighed by the deck's table (``feeds.readers.newstitle``): page lines among
them (buttons, the headline printed again) are page junk, and a line of the text (a broadcast's
cue) starts the text. A row of bullet buttons ("• 트위터" / "• 유튜브" / "• 프린터") names no one and
no outlet, nor do the page's sections between its title and the headline printed again.
"""

from __future__ import annotations

from feeds.readers.newshead import HeadLine, Kind
from feeds.readers.newstitle import copy_of, deck_class
from feeds.readers.newswords import is_junk_word


def weigh_deck(window: list[tuple[int, str]], classes: list[Kind], title: str) -> None:
    """The deck's lines weighed by the deck's table: page lines among them are page junk, and
    from a line of the text on (a broadcast's cue), the deck under the date line is the text."""
    text = False
    for i, kind in enumerate(classes):
        if kind is not Kind.DECK:
            text = text and kind is Kind.BODY
            continue
        found = deck_class(window[i][1], title)
        if found == "page":
            classes[i] = Kind.PAGE_JUNK
        elif found == "text" or text:
            below = i > 0 and any(k is Kind.DATE_LINE for k in classes[:i])
            if below and all(k is Kind.DECK or k is Kind.BODY for k in classes[i:]):
                classes[i] = Kind.BODY
                text = True


def between_title_and_copy(window: list[tuple[int, str]], classes: list[Kind], title: str) -> None:
    """The page's title, then its sections ("• 정치/행정", "• 사람들") or a template's label ("상태바"),
    then the headline printed again above the stamps: bullet lines between them are the page's,
    naming no one and no outlet, and the text lines no deck (the deck comes under the headline)."""
    if Kind.TITLE not in classes or Kind.DATE_LINE not in classes:
        return
    t, date = classes.index(Kind.TITLE), classes.index(Kind.DATE_LINE)
    copy = next((i for i in range(t + 1, date) if classes[i] is Kind.PAGE_JUNK and copy_of(window[i][1], title)), None)
    for i in range(t + 1, copy or t):
        if (classes[i] in (Kind.BYLINE, Kind.OUTLET) and window[i][1][0] == "•") or classes[i] is Kind.DECK:
            classes[i] = Kind.PAGE_JUNK


def button_rows(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> list[HeadLine | None]:
    """A row of three bullet lines or more, glued, one of them a button ("• 트위터", "• 이메일 보내기"):
    the share and tool buttons ("• 유튜브", "• 프린터", "• PDF"), naming no one and no outlet."""
    out = list(infos)
    rows: list[list[int]] = []
    for i, ((n, s), info) in enumerate(zip(window, infos, strict=True)):
        if s[0] != "•" or info is None or info.stamps:
            continue
        if rows and rows[-1][-1] == i - 1 and window[i - 1][0] == n - 1:
            rows[-1].append(i)
        else:
            rows.append([i])
    for row in rows:
        if len(row) >= 3 and any(all(is_junk_word(w) for w in window[i][1][1:].split()) for i in row):
            for i in row:
                out[i] = HeadLine()
    return out
