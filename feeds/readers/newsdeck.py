"""Where a news article's headline and deck are when the page's own lines crowd its head.

A page may print nothing but its own lines above the first date line: its controls, its menu, the
site's clock or a programme's air date (``로그인 회원가입`` / ``유튜브`` / ``2017.12.15 금 10:21``). When
every text line above it is the page's (``feeds.readers.newstitle``'s table finds each one), the
headline is the first text line under it that is not.
"""

from __future__ import annotations

from feeds.readers.newshead import HeadLine
from feeds.readers.newstitle import all_furniture

_LOOK_BELOW = 6  # lines past the candidates: the clock or air date, an outlet's or a section's line


def headline_below(window: list[tuple[int, str]], infos: list[HeadLine | None], t: int, labels: int) -> int:
    """How many lines from ``t`` are the page's before the headline: ``labels`` as chosen among
    the text lines above the first metadata line, or more when all of them are the page's and a
    headline stands under that line, a date stamp among the lines read."""
    above: list[int] = []
    i = t
    while i < len(infos) and (infos[i] is None or infos[i] == HeadLine()):
        if infos[i] is None:
            above.append(i)
        i += 1
    lines, numbers = [window[j][1] for j in above], [window[j][0] for j in above]
    if i == len(infos) or not all_furniture(lines, numbers):
        return labels
    for j in range(i, min(len(window), i + _LOOK_BELOW)):
        if infos[j] is not None:
            continue
        lines, numbers = [*lines, window[j][1]], [*numbers, window[j][0]]
        if not all_furniture(lines, numbers, below=True):
            stamped = any(info is not None and info.stamps for info in infos[t:])
            return j - t if stamped and j + 1 < len(window) else labels
    return labels
