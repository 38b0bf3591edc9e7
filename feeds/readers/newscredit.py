"""The writer of a letter printed as news: a congratulatory address, a contribution, a message.

A paper prints the letters it receives (on its anniversary, at the new year) under a headline,
the writer credited on a line of their own by name, organisation and post, in one of three
orders: after the letter's kind in brackets ("[창간축사] 홍길동 한빛전력(주) 사장"), after the
letter's kind and a dash ("한빛신문 창간 30주년 축하메시지 - 홍길동 한빛대학교 교수"), or the
organisation first ("(사)한빛협회 회장 홍길동") under a headline naming the kind ("<창간11주년축사>
…"). Only the deck's lines and the text's first line are read, and only when nothing else names
a writer. A person named with a post under any other headline is whom the story is about; the
line stays where it is, in the deck or the text.
"""

from __future__ import annotations

import re

from feeds.readers.newswords import is_bare_name

# The kinds of letter a paper prints: 축사, 창간사, 신년사, 기념사, 격려사, 발간사, 축하메시지, 기고
_KIND = r"(?:축사|창간사|신년사|기념사|격려사|발간사|축하\s*메시지|특별\s*기고|기고)"
# A writer's post, the last word of the credit
_POST = (
    r"(?:사장|회장|이사장|원장|총장|교수|대표(?:이사)?|위원장|청장|시장|군수|구청장|도지사|교육감|국회의원|의원|장관"
    r"|소장|센터장|국장|이사|박사|변호사|연구원|연구위원)"
)
_WORKPLACE = r"(?:\s+[^\s\[\]<>]{1,20}){0,3}"  # "한빛대학교 한빛병원", "한빛전력(주)"
KIND = re.compile(_KIND)
_CREDITS = (
    # "[창간축사] 홍길동 한빛전력(주) 사장"
    re.compile(
        rf"[\[<〈【(]\s*[^\]>〉】)]{{0,12}}{_KIND}[^\]>〉】)]{{0,6}}[\]>〉】)]\s*(?P<name>[가-힣]{{2,4}}){_WORKPLACE}\s+{_POST}"
    ),
    # "한빛신문 창간 30주년 축하메시지 - 홍길동 한빛대학교 교수"
    re.compile(rf".{{0,60}}{_KIND}\s*[-–—:]\s*(?P<name>[가-힣]{{2,4}}){_WORKPLACE}\s+{_POST}"),
)
# "(사)한빛협회 회장 홍길동": the organisation and the post first, under a headline naming the kind
_SIGNED = re.compile(
    rf"(?:\([사재주]\)\s*)?[가-힣A-Za-z0-9]{{2,20}}(?:\s+[가-힣A-Za-z0-9]{{1,20}}){{0,2}}\s+{_POST}\s+(?P<name>[가-힣]{{2,4}})"
)


def letter_writer(title: str, lines: list[str]) -> str | None:
    """The writer a letter's credit line among ``lines`` (the deck's, the text's first) names."""
    for s in lines:
        for pattern in _CREDITS:
            m = pattern.fullmatch(s)
            if m and is_bare_name(m.group("name")):
                return m.group("name")
        m = _SIGNED.fullmatch(s) if KIND.search(title) else None
        if m and is_bare_name(m.group("name")):
            return m.group("name")
    return None
