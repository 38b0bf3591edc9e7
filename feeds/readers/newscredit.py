"""A news article's writers where its head's byline does not name them, or names them short.

A desk's byline naming only the outlet, a writer's address signed in the text, and the writer of
a letter or a contribution printed as news, credited on lines of their own.

A paper prints the letters it receives (on its anniversary, at the new year) under a headline,
the writer credited on a line of their own by name, organisation and post, in one of three
orders: after the letter's kind in brackets ("[창간축사] 홍길동 한빛전력(주) 사장"), after the
letter's kind and a dash ("한빛신문 창간 30주년 축하메시지 - 홍길동 한빛대학교 교수"), or the
organisation first ("(사)한빛협회 회장 홍길동", "한빛배연구회 홍길동 회장") under a headline naming
the kind ("<창간11주년축사> …"). Only the deck's lines and the text's first line are read, and only
when nothing else names a writer. A person named with a post under any other headline is whom the story is about; the
line stays where it is, in the deck or the text.

A trade magazine credits its contributor above the text in a block of three lines (the name
alone, where they work and their post, their address alone), or on a line led by ``글 |`` (the
name maybe in Hangul and Latin letters, then the post: "글 | 존 스미스(John Smith), 사업 개발
매니저").
"""

from __future__ import annotations

import re
from typing import Any

from feeds.readers.newswords import ADDRESSED_SIGNATURE, ALONE_EMAIL, EMAIL_RE, SENTENCE_END, is_bare_name, plain

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
# A headline (or its deck) closing with its writer's credit after a slash or a dash: "한빛신문 창간
# 30돌에 부쳐 / 홍길동 발행인", "지역 언론이 가야 할 길 - 홍길동 한빛대 교수": a letter or a column
_HEADLINE_CREDIT = re.compile(
    rf".{{4,80}}?\s[/\-–—]\s*(?P<name>[가-힣]{{2,4}}){_WORKPLACE}\s+"
    rf"(?:{_POST}|발행인|편집인|편집국장|주필|논설위원|논설실장|칼럼니스트)"
)
# The name spaced out, as a signature prints it ("김 순 임"): after the dash with an occupation in
# brackets or a post ("북구신문에 바란다 - 김 순 임 (주부)"), or leading the headline with the post
# before a slash ("이 경 일 중구의회 의장/ 지방의회 …"); unspaced, a name there is the story's subject.
_SPACED = r"(?P<name>[가-힣](?: [가-힣]){1,3})"
_SPACED_CREDITS = (
    re.compile(rf".{{4,80}}?\s[/\-–—]\s*{_SPACED}(?:\s*\([가-힣]{{1,8}}\)|{_WORKPLACE}\s+(?:{_POST}|의장))?"),
    re.compile(rf"{_SPACED}{_WORKPLACE}\s*(?:{_POST}|의장)\s*/\s*.{{4,80}}"),
)
# "(사)한빛협회 회장 홍길동": the organisation and the post first, under a headline naming the kind
_SIGNED = re.compile(
    rf"(?:\([사재주]\)\s*)?[가-힣A-Za-z0-9]{{2,20}}(?:\s+[가-힣A-Za-z0-9]{{1,20}}){{0,2}}\s+{_POST}\s+(?P<name>[가-힣]{{2,4}})"
)


# "한빛배연구회 홍길동 회장": the organisation, then the name and the post, under a headline naming the kind
_SIGNED_NAME_FIRST = re.compile(
    rf"(?:\([사재주]\)\s*)?[가-힣A-Za-z0-9]{{2,20}}(?:\s+[가-힣A-Za-z0-9]{{1,20}}){{0,2}}\s+(?P<name>[가-힣]{{2,4}})\s+(?:{_POST}|의장)"
)


def letter_writer(title: str, lines: list[str]) -> str | None:
    """The writer a letter's credit line among ``lines`` (the deck's, the text's first) names."""
    for s in lines:
        for pattern in _CREDITS:
            m = pattern.fullmatch(s)
            if m and is_bare_name(m.group("name")):
                return m.group("name")
        kind = KIND.search(title)
        for signed in (_SIGNED, _SIGNED_NAME_FIRST) if kind else ():
            m = signed.fullmatch(s)
            if m and is_bare_name(m.group("name")):
                return m.group("name")
    return None


def _headline_credit(lines: list[str]) -> str | None:
    """The writer credited at the end of the headline or a deck's line, after a slash or a dash,
    or, spaced out, leading the headline."""
    found = [m.group("name") for s in lines if (m := _HEADLINE_CREDIT.fullmatch(s))]
    found += [m.group("name").replace(" ", "") for s in lines[:1] for p in _SPACED_CREDITS if (m := p.fullmatch(s))]
    return next((name for name in found if is_bare_name(name)), None)


# "글 | 존 스미스(John Smith), 사업 개발 매니저": a Korean name, or a foreign one spelt in Hangul
# (words apart) with its Latin spelling after it
_LATIN_SPELLING = r"\s*\([A-Za-z][A-Za-z .'-]+\)"
_WRITTEN_BY = re.compile(
    rf"글\s*[|:：]\s*(?P<name>[가-힣]{{2,4}}(?![가-힣 ])|[가-힣]{{1,6}}(?: [가-힣]{{1,6}}){{1,2}}(?={_LATIN_SPELLING}))"
    rf"(?:{_LATIN_SPELLING})?(?:\s*,\s*[^,]{{1,40}})?"
)
_WORKPLACE_MAX = 40


def contributor(lines: list[str]) -> dict[str, str] | None:
    """The contributor a credit among the text's first ``lines`` names, with their address."""
    for i, s in enumerate(lines):
        m = _WRITTEN_BY.fullmatch(s) if s.startswith("글") else None
        if m:
            return {"name": m.group("name")}
        if i + 2 < len(lines) and is_bare_name(s) and (address := ALONE_EMAIL.fullmatch(lines[i + 2])):
            workplace = lines[i + 1]
            if len(workplace) <= _WORKPLACE_MAX and not SENTENCE_END.search(workplace) and "@" not in workplace:
                return {"name": s, "email": address.group("email")}
    return None


def credited(meta: dict[str, Any], title: str, deck: list[str], body: str) -> None:
    """A letter's or a contribution's writer, credited on lines of their own under the head."""
    lines = [plain(line) for line in body.split("\n", _CREDIT_LINES * 2)[: _CREDIT_LINES * 2] if line.strip()]
    writer = letter_writer(title, [*deck, *lines[:1]]) or _headline_credit([title, *deck])
    found = {"name": writer} if writer else contributor(lines[:_CREDIT_LINES])
    found = found or (_signed_page_line(deck) if not lines else None)  # a photo item: no text of its own
    if found:  # "[창간축사] 홍길동 한빛전력(주) 사장", "홍길동" / "한빛연구소 컨설턴트" / "hong@example.com"
        meta["authors"] = [found]


_CREDIT_LINES = 12


def _signed_page_line(lines: list[str]) -> dict[str, str] | None:
    """A photo item's one paragraph among the head's lines, signed at its end by the photographer
    with their address ("… 참석하고 있다. 김경호 선임기자 jijae@hani.co.kr"); under an article's
    text, a photographer signing its caption is not its writer."""
    for s in lines:
        m = ADDRESSED_SIGNATURE.search(s) if "@" in s else None
        if m and is_bare_name(m.group("name")):
            return {"name": m.group("name"), "email": m.group("email")}
    return None


def desk_byline(meta: dict[str, Any], page: list[str]) -> None:
    """A byline naming the outlet ("• 현대해양 기자"), which the head prints bracketed alone too
    ("[현대해양]") or names as the publisher: the desk's, naming no one but the outlet."""
    names = {s[1:-1].strip() for s in page if len(s) > 2 and s[0] in "[【" and s[-1] in "]】"}
    names.add(meta.get("publication") or "")
    authors = meta.get("authors", [])
    desk = [a for a in authors if a["name"] in names]
    if not desk:
        return
    meta["authors"] = [a for a in authors if a not in desk]
    if not meta["authors"]:
        del meta["authors"]
    meta.setdefault("publication", desk[0]["name"])


def signed_address(author: dict[str, str], body: str) -> dict[str, str]:
    """The writer with the address they sign with in the text ("홍길동 기자 hong@example.com"),
    under a photo or at a paragraph's end: one address only, or none is taken."""
    if "email" in author:
        return author
    found = set(re.findall(re.escape(author["name"]) + r"\s*(?:기자|특파원)\s*(" + EMAIL_RE.pattern + ")", body))
    return {**author, "email": found.pop()} if len(found) == 1 else author
