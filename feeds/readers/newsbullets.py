"""What a word on one of the head's bullet lines names, when it is no outlet's name and no bare
name: a writer after their label, or no one.

A CMS prints the article's fields as a bulleted list under the headline ("• 홍길동 기자",
"• 승인 2019.11.11 07:00", "• 댓글 0"). A field holding a post with no name ("• 논설주간"), a
button ("• 추천 추천하기") or a share button's code ("• ba") names no one and no outlet: the line
is the page's. A writer's label before a name ("• Editor. 홍길동") credits them, and so does a
reporters' club's cohort on a bulleted or dashed field ("- 17기 홍길동", beside "- 등록일 : …").
"""

from __future__ import annotations

import re

from feeds.readers.newswords import is_bare_name, is_outlet

# A post printed without its holder's name: the desk's chiefs, the editorial page's writers
_POST_ALONE = re.compile(
    r"(?:논설|편집|보도|취재|사진|영상)?(?:주간|국장|부국장|실장|부장|차장|위원|주필|데스크)|발행인|편집인|발행\s*겸\s*편집인"
)
# A button: its label and the verb ("추천하기", "스크랩 하기"); a share button's code in lower case
_BUTTON = re.compile(r"(?:\S+\s)?\S{1,6}\s?하기|[a-z]{2,3}")
# A writer's English label before the name, maybe with a full stop (a Korean one is a role, read before)
_LABELLED_WRITER = re.compile(r"(?i:editor|writer|reporter|words|text)\.?\s*(?P<name>[가-힣]{2,4})")


def bullet_word(word: str) -> str | None:
    """The writer a bulleted field names after its label, "" when it names no one and no outlet,
    or None when it is neither (an outlet's or a person's name, read elsewhere)."""
    if is_outlet(word):
        return None
    m = _LABELLED_WRITER.fullmatch(word)
    name = m.group("name") if m else None
    if name and is_bare_name(name):
        return name
    if _POST_ALONE.fullmatch(word) or _BUTTON.fullmatch(word):
        return ""
    return None


# A reporters' club's cohort before the name: "- 17기 주희", "• 3기 홍길동"
_COHORT_WRITER = re.compile(r"[•\-]\s*\d{1,3}\s*기\s+(?P<name>[가-힣]{2,4})")


def cohort_writer(s: str) -> str | None:
    """The writer a bulleted or dashed field names after their cohort in a reporters' club."""
    m = _COHORT_WRITER.fullmatch(s)
    return m.group("name") if m and is_bare_name(m.group("name")) else None
