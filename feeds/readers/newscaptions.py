"""The words of what sits around a news article's paragraphs: captions, photo credits, notes, hashtags.

Apart from ``feeds.readers.newswords`` (dates' labels, people, outlets, page junk) because these
lines are the body's furniture, never its head's fields: the head reader passes over them, and
``feeds.markup.news`` renders them as what they are.
"""

from __future__ import annotations

import re

from feeds.lazyre import LazyPattern
from feeds.readers.newswords import _CLOSE, _EMAIL, _OPEN, is_bare_name, is_outlet

# --- captions, notes and hashtags (shared with feeds.markup.news) ----------------------------
# A sentence signed by its photographer after the full stop and a slash, the agency maybe before
# the name: "… 있다. /홍길동 기자", "… 있다./뉴스1=홍길동 기자".
PHOTOGRAPHER_SIGN = LazyPattern(r"[.)]\s*/\s*(?:[가-힣A-Za-z0-9]{1,10}\s*=\s*)?[가-힣]{2,4}\s*기자$")
# A sentence, then the outlet's name as the last one: "… 출연했다. BBS불교방송." (the name is checked)
SIGNED_BY_OUTLET = LazyPattern(r"[가-힣]{2}[.)]\s+(?P<outlet>[가-힣A-Za-z0-9]{2,12})\.?$")
_CAPTION_WORD = (
    r"(?:사진|자료|그래픽|이미지|출처|영상|제공|캡처|캡쳐|사진\s*제공|사진\s*출처|자료\s*사진|일러스트|촬영|편집)"
)
_END = r"\s*[|│]?\s*$"  # a flattened page may leave a separator after the credit
CAPTION = LazyPattern(
    # (사진=…) [사진=…] 〈사진=…〉 (사진 = …) at the end of the line
    rf"{_OPEN}\s*{_CAPTION_WORD}(?:\s*{_CAPTION_WORD})?\s*[=:/]\s*[^()\[\]<>〈〉]{{1,60}}{_CLOSE}{_END}"
    # <… 제공> [… 제공] (… 제공), [연합뉴스 자료사진]
    rf"|{_OPEN}[^()\[\]<>〈〉]{{1,60}}?\s*(?:제공|자료\s*사진|사진\s*제공|캡처|캡쳐|DB){_CLOSE}{_END}"
    # 사진=… with its bracket lost, or alone on a line: "…있다. 사진=게티이미지)", "…/사진제공=공주소방서"
    rf"|(?:^|[\s./])(?:사진|그래픽|이미지|일러스트)\s*(?:제공|출처)?\s*[=:]\s*[^=]{{1,40}}$"
    # a caption labelled as one: "사진설명: 개관식 모습"
    r"|^\s*사진\s*설명\s*[:：=]"
    # a photographer's credit: "… 2024.4.5 [공동취재] photo@yna.co.kr"
    rf"|\d{{4}}\.\d{{1,2}}\.\d{{1,2}}\.?\s*(?:\[[^\]]{{1,20}}\]\s*)?\s*{_EMAIL}\s*$"
    # a line led by a triangle
    r"|^\s*[▲△]"
    # a credit after a bar, alone: "사진ㅣJTBC", "사진|연합뉴스", the bar misprinted as I ("사진IJTBC")
    r"|^사진\s*[ㅣ|│I]\s*[A-Z가-힣][^\s]{0,19}$"
    # a gallery's credit, the place, the photographer and the day it was shot: "철원=양동욱 기자(2019. 2. 20)"
    r"|^[가-힣A-Za-z ]{1,12}=\s*[가-힣]{2,4}\s*기자\s*\(\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?\)$"
    # a photographer's or designer's credit: "… 2025.6.24/뉴스1 © News1 박지혜 기자"
    rf"|(?:^|[\s/])[©ⓒ]\s*[A-Za-z0-9가-힣]{{1,20}}\s+[가-힣]{{2,4}}\s*(?:기자|디자이너|작가|PD)$"
)
# A book listing's entry led by a triangle, no caption: "▲수박=김영진 글·그림", "▲세상 어딘가에=유희경 저자"
BOOK_ENTRY = LazyPattern(
    r"[▲△]\s*[^=]{1,40}=\s*[가-힣]{2,4}\s*(?:저자|지음|글·그림|글|그림|옮김|엮음|편저|시인|작가)"
    r"|[▲△]\s*[^=\s][^=]{0,11}\s=\s"  # a roundup's entry, its source first: "▲ 경향신문 = …"
)
_OTHER_CREDITS = ("그래픽", "이미지", "일러스트")
_CLOSERS = frozenset("]］】〕)）>〉")  # _CLOSE's characters


def is_caption(s: str) -> bool:
    """``CAPTION.search(s)``, without the search where it cannot match.

    Searching a paragraph for CAPTION tries every alternative at every character: the byline
    paragraph of every article cost ~50 us. Each alternative needs something cheap to see: a
    closing bracket ending the line (before an optional separator), "사진" or another credit's
    word, an address's "@", a leading triangle, or a copyright sign.
    """
    end = s.rstrip()
    if end[-1:] in ("|", "│"):
        end = end[:-1].rstrip()
    if not (
        end[-1:] in _CLOSERS
        or "사진" in s
        or "@" in s
        or "©" in s
        or "ⓒ" in s
        or s.lstrip()[:1] in ("▲", "△")
        or any(word in s for word in _OTHER_CREDITS)
    ):
        return False
    return CAPTION.search(s) is not None


# A caption without a caption word: a short line that ends in a photo credit. Only where captions
# sit (before the dateline or byline) or set off by a separator ("… 있다. /뉴시스").
_CREDITS = (
    r"(?:연합뉴스|뉴시스|뉴스1|뉴스핌|AP|AFP|EPA|로이터|신화|게티이미지(?:뱅크|코리아)?|Getty\s*Images"
    r"|셔터스톡|Shutterstock|픽사베이|언스플래시|[가-힣A-Za-z0-9]{1,20}\s*제공"
    r"|[가-힣]{0,8}공동취재단?|(?:[가-힣A-Za-z]{1,10}\s*){0,2}(?:화면\s*)?캡[처쳐])(?:\s*(?:자료)?사진)?"
)
# A photo's credit under it, led by a copyright sign: a photo agency or a person ("ⓒGetty Images",
# "ⓒ 홍길동", "ⓒ시사IN 홍길동"). "ⓒ 정원뉴스" alone is the outlet's copyright, closing the article.
_PHOTO_CREDIT = LazyPattern(r"\s*[ⓒ©]\s*(?P<who>[^\s<>\[\]()]{1,20}(?: [^\s<>\[\]()]{1,20}){0,2})\s*")
_PHOTO_AGENCY = LazyPattern(
    r"Getty\s*Images(?:\s*Bank)?|게티이미지(?:뱅크|코리아)?|AP|AFP|EPA|로이터|Reuters|셔터스톡|Shutterstock"
    r"|픽사베이|Pixabay|언스플래시|Unsplash"
)


def ends_in_photo_credit(s: str) -> bool:
    """Whether a line ends in a photo's credit after its caption ("… 둘러보고 있다. ⓒ홍길동")."""
    sign = max(s.rfind("ⓒ"), s.rfind("©"))
    return sign > 0 and s[sign - 1] in " ./" and is_photo_credit(s[sign:])


def is_photo_credit(s: str) -> bool:
    """Whether ``s`` is a copyright sign and a photographer or photo agency: a caption's credit."""
    m = _PHOTO_CREDIT.fullmatch(s) if ("ⓒ" in s or "©" in s) else None
    if m is None:
        return False
    who = m.group("who")
    last = who.rsplit(" ", 1)[-1]
    return _PHOTO_AGENCY.fullmatch(who) is not None or (is_bare_name(last) and not is_outlet(last))


def is_sign_credit(s: str) -> bool:
    """Whether ``s`` is only a copyright sign and a name or two ("ⓒSBS", "ⓒMicrosoft", "ⓒ 홍길동"): a
    photo's credit when text follows it, the outlet's copyright when it ends the article."""
    return ("ⓒ" in s or "©" in s) and _PHOTO_CREDIT.fullmatch(s) is not None


# A caption signed by its photographer: "… 질의응답 시간을 갖고 있다. 김동주 기자 zoo@donga.com"
PHOTOGRAPHER_END = LazyPattern(rf"[.)]\s*[가-힣]{{2,4}}\s*기자\s+{_EMAIL}\s*$")
CREDIT_ONLY = LazyPattern(rf"[/=]?\s*{_CREDITS}")  # "연합뉴스", "오진욱 제공" alone on a line
CREDIT_END = LazyPattern(rf"(?:^|[\s.,)\]])(?:[/=]\s*)?[(\[]?{_CREDITS}\s*[)\]]?$")
SEPARATED_CREDIT = LazyPattern(rf"(?:[/=]|\.\s)\s*[(\[]?{_CREDITS}\s*[)\]]?$")
NOTE = LazyPattern(
    r"^\s*[<‹〈《\[［]?\s*(?:저작권자|copyright|ⓒ|©|\(c\))"
    r"|무단\s*전재(?!했)|재배포\s*금지|배포\s*금지|AI\s*학습.{0,10}금지|ⓒ|©|copyright"  # "무단전재했기 때문" is a story
    r"|^\s*[(\[【]\s*끝\s*[)\]】]\s*$"
    rf"|^\s*◎.{{0,30}}(?:{_EMAIL}|\[email\s*protected\])\s*$"  # an agency's sign-off: "◎공감언론 뉴시스 …"
    r"|^\s*[※*]?\s*(?:이|본)\s*기사는.{0,80}(?:제공|게재|송고|전재|출고|작성|협약|제휴|프린트|인쇄)",
    re.IGNORECASE,
)
HASHTAGS = LazyPattern(r"^\s*#[^\s#]+(?:\s*#[^\s#]+)*\s*$")
_HASHTAG = LazyPattern(r"#([^\s#]+)")


def hashtags(body: str) -> list[str]:
    """The tags of the body's hashtag lines (``#네이버 #노사갈등``)."""
    found: list[str] = []
    for line in body.split("\n"):
        if "#" in line and HASHTAGS.match(line):
            found.extend(t for t in _HASHTAG.findall(line) if t not in found)
    return found
