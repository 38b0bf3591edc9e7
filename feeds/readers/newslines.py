"""Each of a news article's first lines read beside its neighbours.

``feeds.readers.newshead.classify`` reads a line alone; here its neighbours decide what it holds
where the line alone cannot: a writer's title signing above or under the date line, a name over its
role on the next line, a bare name that counts only next to a stamp, the site's date bar.
"""

from __future__ import annotations

import re

from feeds.readers.newsdatewords import DATE_BAR, DATE_STAMP, ENGLISH_WEEKDAY, IS_UPDATE, SITE_CLOCK, WEEKDAY
from feeds.readers.newshead import HeadLine, classify, printed_stamp, titled_stamp
from feeds.readers.newswords import HEAD_ROLE_WORDS, ISSUE_NUMBER, OUTLET_MAX, ROLE_ONLY


def is_labelled(info: HeadLine | None) -> bool:
    return info is not None and any(label for label, _ in info.stamps)


def classified(window: list[tuple[int, str]]) -> list[HeadLine | None]:
    """Each line's metadata; a line right under a date line may be its writer's signature."""
    infos: list[HeadLine | None] = []
    for i, (n, s) in enumerate(window):
        info = classify(s)
        below = i > 0 and window[i - 1][0] == n - 1 and (above := infos[i - 1]) is not None and above.stamps
        signs = info is None and below and HEAD_ROLE_WORDS.search(s) is not None
        if info is None and i == 0:
            info = titled_stamp(s)  # the headline and its stamp on the first line
        infos.append(classify(s, below_date=True) if signs else info)
    if not any(info and info.stamps for info in infos):
        _glued_stamp(window, infos)
    # A writer and their title signing above the date line, page lines between ("홍길동 전라남도의원" /
    # "오피니언" / "기고 2022.09.15 16:28"), as under it.
    for i, (_, s) in enumerate(window):
        if i and infos[i] is None and HEAD_ROLE_WORDS.search(s) and _page_lines_then_stamp(infos[i + 1 : i + 4]):
            infos[i] = classify(s, below_date=True)
    # A date with its weekday alone, no time nor label, first on the page or above a labelled
    # stamp, is the site's date bar or clock, not when the article was published: a page line.
    labelled = [i for i, info in enumerate(infos) if is_labelled(info)]
    for i, (_, s) in enumerate(window):
        if DATE_BAR.fullmatch(s) and (i == 0 or (labelled and labelled[-1] > i)):
            infos[i] = None
        elif labelled and labelled[-1] > i and (SITE_CLOCK.fullmatch(s) or _clock(s, infos[i], infos[i + 1 :])):
            infos[i] = HeadLine()  # "updated. 2024-04-27 13:15 (토)" above the article's stamp: the site's clock
    _clock_above_the_page(infos)
    _dashed_source(window, infos)
    # A date with the issue's number and no label nor time ("April 12, 2022 제 89호"), when a later
    # line holds a stamp with its label or time: the print issue's date, a page line, not a stamp.
    for i, info in enumerate(infos):
        if info and _issue_date(info, window[i][1]) and any(is_labelled(o) or _timed(o) for o in infos[i + 1 :]):
            infos[i] = HeadLine()
    return infos


_CLOCK_LABEL = re.compile(r"현재\s*시[각간]|최종\s*편집|날짜|오늘|(?i:today|now|updated?)")


def _glued_stamp(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> None:
    """With no date line in the head, the first line under a text line (the headline) holding a
    stamp the site's software printed is the date line, whatever short page words are glued
    around it ("기사입력 2021-12-03 17:06:54   폰트크기 변경"); those words are page lines, kept. A
    date above every text line is the page's top bar, its clock: it dates nothing; so does one with
    the weekday or the clock's label ("현재시각", "최종편집", "Today"), which a site's clock prints."""
    for i, (_, s) in enumerate(window):
        clock = WEEKDAY.search(s) or ENGLISH_WEEKDAY.search(s) or _CLOCK_LABEL.search(s)
        if infos[i] is None and None in infos[:i] and DATE_STAMP.search(s) and not clock:
            info = classify(s, glued=True)
            if printed_stamp(info):
                infos[i] = info
                return


def _dashed_source(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> None:
    """One word on a dash-led line right above a dash-led date line ("- 스포츠서울" / "- 2025-04-18
    07:30"): a portal's list of the copy's source, its date and its link; the word is the outlet."""
    for i in range(len(window) - 1):
        (n, s), (below_n, below) = window[i], window[i + 1]
        word = s[2:].strip() if s.startswith("- ") else ""
        below_info = infos[i + 1]
        if (
            infos[i] is None
            and 2 <= len(word) <= OUTLET_MAX
            and " " not in word
            and below.startswith("- ")
            and below_n == n + 1
            and below_info is not None
            and below_info.stamps
        ):
            infos[i] = HeadLine(outlet=word)


def _clock_above_the_page(infos: list[HeadLine | None]) -> None:
    """Timed stamps above every text line, when a timed stamp of publication stands under one (the
    headline): the site's clock atop the page ("최종편집 : 2020-02-24 오전 10:06:32"), page junk.
    Alone above the headline, a stamp is a printer-friendly page's date line, and dates it."""
    first_text = next((i for i, info in enumerate(infos) if info is None), len(infos))
    published = any(
        _timed(info) and any(not (label and IS_UPDATE.search(label)) for label, _ in info.stamps)
        for info in infos[first_text + 1 :]
        if info
    )
    for i, info in enumerate(infos[:first_text]):
        if published and info and info.stamps and _timed(info) and not info.authors:
            infos[i] = HeadLine()


def _clock(s: str, info: HeadLine | None, below: list[HeadLine | None]) -> bool:
    """An unlabelled date with its weekday and time alone on its line ("2024.04.27 (토) 13:15"), above
    a stamp labelled as the article's first (입력, 승인…): the site's clock. Above an update stamp
    alone, it is when the article was published."""
    if info is None or len(info.stamps) != 1 or info.authors or info.outlet or is_labelled(info):
        return False
    published = any(label and not IS_UPDATE.search(label) for o in below if o for label, _ in o.stamps)
    return published and _timed(info) and WEEKDAY.search(s) is not None


def _timed(info: HeadLine | None) -> bool:
    return info is not None and any(":" in date or "시" in date for _, date in info.stamps)


def _issue_date(info: HeadLine, s: str) -> bool:
    return bool(info.stamps) and not is_labelled(info) and not _timed(info) and ISSUE_NUMBER.search(s) is not None


def _page_lines_then_stamp(infos: list[HeadLine | None]) -> bool:
    """Whether metadata lines follow, the last of them before any text holding a date stamp."""
    for info in infos:
        if info is None:
            return False
        if info.stamps:
            return True
    return False


def names_over_roles(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> list[HeadLine | None]:
    """A bare name with its role alone on the next line, blank lines apart ("오영주" / "기자"): a
    byline set in two boxes. The role's line names no one."""
    out = list(infos)
    for i in range(len(infos) - 1):
        name, role = infos[i], window[i + 1][1]
        if name is not None and name.weak and ROLE_ONLY.fullmatch(role) and window[i + 1][0] - window[i][0] <= 2:
            out[i], out[i + 1] = HeadLine(authors=name.authors), HeadLine()
    return out


def without_lone_names(window: list[tuple[int, str]], infos: list[HeadLine | None]) -> list[HeadLine | None]:
    """Bare names count only on a line next to a stamp or a reporter's line, blank lines apart.

    A short line of two to four syllables is as often a title, a deck or a section as a name: alone,
    it tells nothing ("제목" above "요약" above the date line is a title and a deck, not two people).
    """
    out = list(infos)
    for i, info in enumerate(infos):
        if info is None or not info.weak:
            continue
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(infos)]
        if not any(
            (other := infos[j]) is not None and not other.weak and abs(window[j][0] - window[i][0]) == 1
            for j in neighbours
        ) and not _above_stamps(window, infos, i):
            out[i] = None
    return out


def _above_stamps(window: list[tuple[int, str]], infos: list[HeadLine | None], i: int) -> bool:
    """A name of three syllables alone right above the stamps, a blank line apart, under the
    headline or its deck: the reporter ("한재호" / "입력 2020. 07. 30 17:29"), page lines between
    maybe ("한창호" / "webmaster@" / "기사입력 : …", the address cut short)."""
    j = i + 1
    while j < len(infos) and infos[j] == HeadLine() and window[j][0] - window[j - 1][0] <= 2:
        j += 1  # page junk between the name and the stamps
    below = infos[j] if j < len(infos) else None
    return (
        i > 0
        and len(window[i][1]) == 3
        and infos[i - 1] is None
        and below is not None
        and bool(below.stamps)
        and window[j][0] - window[j - 1][0] <= 2
    )
