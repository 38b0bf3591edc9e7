"""Plain-text news articles, as Korean news sites publish them.

    오랜 '동지' MS와 오픈AI, 이젠 '적'으로 돌아서          <- title (line 1)

    지난해 이후 묵은 갈등, 최근 파트너십 붕괴 …             <- deck: the summary

    2025-03-10     전윤미 기자                             <- date line (+ reporter)
    오픈AI의 샘 앨트먼(왼쪽)과 … (사진=마이크로소프트)      <- body starts: a photo caption

    [애플경제 전윤미 기자] 자매회사로 알려질 정도로 …        <- byline names the publication

    MS, 자체 모델 'MAI' 개발, 기술 독립 선언               <- subheading

The head is read by what each line *is*, not by where it stands: among the first lines, a line
made only of date stamps (labelled 입력, 수정, … or not), reporters, an outlet's name and page
junk is metadata, whatever its order and separators; the lines between the title and those are
the deck. A line with any other word is text, never metadata (a CSV row, a diary's date and
weather), and date lines apart with text between are a log's entries, not an article's head: no
line of a file is ever dropped. Everything after the head is the body, rendered by ``feeds.markup.news``: every line of
it reaches the HTML. The body's dateline or byline (``(서울=연합뉴스) 홍길동 기자 =``), a
closing reporter line and the copyright line name the outlet and reporters when the head does
not. tests/data/news holds real articles of many outlets, with what each page shows.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from feeds.lazyre import LazyPattern
from feeds.readers import Parsed, from_line

NAME = "news"
SCAN_LINES = 15  # the date stamp must be among this many non-empty lines, or the text is not news
DECK_LINE_MAX = 80  # a deck line below the date line; a longer line there is the text's first paragraph


# --- date stamps -----------------------------------------------------------------------------
# A stamp is cut out of its line as written and parsed by feeds.dates (which knows every form
# here); these patterns only have to find where it starts and ends.
_DAY = r"(?:\s*\(\s*[월화수목금토일]\s*\)|\s*[월화수목금토일]요일)?"
_CLOCK = r"(?:(?:오전|오후|AM|PM)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM)(?![A-Za-z]))?"
_KO_CLOCK = r"(?:(?:오전|오후)\s*)?\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?(?:\s*\d{1,2}\s*초)?"
_ISO_TIME = r"T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
_TIME = rf"(?:{_ISO_TIME}|\s*,?\s*(?:{_CLOCK}|{_KO_CLOCK})|\s*[(\[]\s*{_CLOCK}\s*[)\]])?"
_ZONE = r"(?:\s*(?:KST|UTC|GMT|JST)(?![A-Za-z]))?"
DATE = (
    r"(?<!\d)(?:\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?!\d)\.?"
    r"|\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일)" + _DAY + _TIME + _ZONE
)
_UPDATED_LABEL = r"(?:최종\s*)?(?:수정|업데이트|갱신)"
_PUBLISHED_LABEL = r"(?:기사\s*)?(?:최초\s*)?(?:입력|등록|승인|게재|발행|작성|송고|보도)"
_LABEL = rf"(?:{_UPDATED_LABEL}|{_PUBLISHED_LABEL})(?:\s*(?:일시|일자|시간|일))?"
# The label comes before the date ("입력 2024.04.05", "입력 | 2024.04.05"), or, on a line that
# starts with a date, after it ("2024.04.05 09:40 입력 | 2024.04.05 10:11 수정").
_DATE = LazyPattern(DATE)
_MAYBE_DATE = LazyPattern(r"\d{4}\s*(?:[-./]|년)")  # cheap: most lines have no date at all
_LABEL_BEFORE = LazyPattern(rf"(?P<label>{_LABEL})\s*[:：|]?\s*$")
_LABEL_AFTER = LazyPattern(rf"\s*(?P<label>{_LABEL})(?!\s*[:：]?\s*\d)")
_LABEL_ONLY = LazyPattern(rf"(?:[•·\-]\s*)?{_LABEL}\s*[:：|]?")
_IS_UPDATE = LazyPattern(_UPDATED_LABEL)

# --- reporters -------------------------------------------------------------------------------
_ROLE = (
    r"(?:선임기자|객원기자|전문기자|인턴기자|수습기자|편집기자|사진기자|취재기자|대기자|기자|특파원|통신원"
    r"|논설위원|논설실장|편집위원|해설위원|칼럼니스트|리포터|캐스터|에디터|PD|앵커)"
)
# A name is 2-4 syllables; up to 7 are taken so that a section name glued to it by a flattened
# page ("경제홍길동 기자") is caught and cut off, not read as a seven-syllable name.
_NAME = r"[가-힣]{2,7}?"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Several names ("홍길동·김철수 기자", "홍길동, 김철수 기자") are each 2-4 syllables.
_NAMES = r"(?:[가-힣]{2,4}(?:\s*[·,ㆍ/]\s*[가-힣]{2,4})+|" + _NAME + ")"
# The role ends its word, unless a flattened page glued a stamp's label to it ("기자입력 : …").
REPORTERS = (
    rf"(?<![가-힣])(?P<names>{_NAMES})\s*{_ROLE}(?:(?![가-힣])|(?={_LABEL}))"
    rf"(?:\s*[|/]?\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?"
)
_REPORTER = LazyPattern(REPORTERS)
# Writers a head line names beside its date or after a bullet ("홍길동 발행인 | 기사입력 …",
# "• 홍길동 선임연구원"), never in the body, where "홍길동 대표" is someone the story is about.
_HEAD_ROLE = (
    r"(?:명예기자|시민기자|발행인|편집인|편집국장|편집장|주필|대표|(?:선임|책임|수석)?연구(?:원|위원)|교수|변호사)"
)
_HEAD_REPORTER = LazyPattern(
    rf"(?<![가-힣])(?P<names>{_NAMES})(?<!뉴스)(?<!일보)(?<!신문)(?<!방송)\s*{_HEAD_ROLE}(?![가-힣])"
    rf"(?:\s*[|/]?\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?"
    # the role first, as a sign-off prints it: "발행인 홍길동"
    rf"|(?<![가-힣]){_HEAD_ROLE}\s+(?P<after>[가-힣]{{2,4}})(?![가-힣])"
)
_SIGNATURE = LazyPattern(rf"(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})\s+{_HEAD_ROLE}\s+[가-힣]{{2,4}}")
_ROLE_ONLY = LazyPattern(rf"{_ROLE}|{_HEAD_ROLE}")
_ROLE_WORDS = ("기자", "특파원", "위원", "PD", "앵커", "리포터", "캐스터", "에디터", "통신원", "칼럼니스트")
_HEAD_ROLE_WORDS = LazyPattern("발행인|편집|주필|대표|연구|교수|변호사")
_ANY_ROLE_WORD = LazyPattern("|".join(_ROLE_WORDS))  # one scan, where a loop of `in` made ten
_ROLE_AT_END = LazyPattern(_ROLE + "$")
_NAME_SEPARATORS = LazyPattern(r"\s*[·,ㆍ/]\s*|\s+")
_PLACE_SEPARATORS = LazyPattern(r"[=/]")
_EMAIL_RE = LazyPattern(_EMAIL)
# Section names pages print in front of a reporter's name; cut off when glued to it.
_SECTION_PREFIX = LazyPattern(
    r"^(?:정치|경제|사회|문화|국제|산업|금융|증권|부동산|스포츠|연예|생활|전국|지역"
    r"|오피니언|과학|테크|유통|건강|세계|북한|IT)(?:부|팀)?"
)

# --- the rest of a metadata line -------------------------------------------------------------
# What a page prints beside the date and reporter: buttons and labels flattened into the text,
# and stock tickers. None of it is the outlet.
_JUNK = LazyPattern(
    r"^(?:기사\s*원문|원문\s*보기|원문|기사\s*보내기|글자\s*크기|글씨\s*크기|프린트|인쇄|스크랩|공유|댓글\s*\d*|좋아요"
    r"|구독|기자\s*페이지|기자명|기자\s*정보|다른\s*기사\s*보기|입력|수정|승인|등록|최종\s*수정|업데이트|가+"
    r"|진행|출연|사회|취재|촬영|편집|최종\s*편집|작성자|글쓴이|편집국|편집부|보도국|글|사진|영상|의견\s*\d*|호수?\s*\d+|제?\s*\d+\s*호|통권\s*\d+"
    r"|\(?\d{6}\)?|\(?[A-Z]{2,6}\s*:\s*[A-Z0-9.]{1,10}\)?|KST|[A-Z]"
    r"|[가-힣A-Za-z ]{1,12}=)$"  # the place of a dateline: "뉴욕=홍길동 특파원"
)
# A line of nothing but buttons, or the site's address: page junk, part of the head.
_JUNK_WORD = LazyPattern(
    r"(?:프린트(?:하기)?|인쇄(?:하기)?|닫기|댓글\d*|폰트|글자|글씨|크기|본문|설정|공유(?:하기)?|스크랩|가+|기사\s*원문"
    r"|원문\s*보기|좋아요|싫어요|구독(?:하기)?|북마크|페이스북|트위터|카카오톡|카카오스토리|밴드|링크|URL|복사|목록"
    r"|이메일|메일|보내기|듣기|음성|확대|축소|바로가기|뒤로가기|검색|메뉴|SNS|\+|-|https?://\S+|www\.\S+"
    r"|크게|작게|\d{1,5}|IT|정치|경제|사회|문화|국제|산업|금융|증권|부동산|스포츠|연예|생활|전국|지역|오피니언|과학"
    r"|테크|유통|건강|세계|북한|호수|통권|제?\d+호|Array|undefined|null|NaN)",
    re.IGNORECASE,
)
_BULLET_OUTLET = LazyPattern(r"•\s*(?P<outlet>[^\d\s]{2,20})")
# A name in Latin script, as the Korean editions of foreign outlets print it: two or three
# capitalised words or initials ("JR Raphael", "Peter Wayner"), the last no outlet's word.
_OUTLET_WORD = r"(?:News|Times|Post|Daily|Korea|Herald|Journal|Today|World|Media|Review|Weekly|Wire|Press|TV|Tech)"
_LATIN_NAME = LazyPattern(
    rf"(?:[A-Z][a-z]+|[A-Z]{{1,3}}\.?)(?: (?:[A-Z][a-z]+|[A-Z]\.)){{0,1}} (?!{_OUTLET_WORD}$)[A-Z][a-z]+"
)
_LATIN_BYLINE = LazyPattern(
    r"(?P<name>(?:[A-Z][a-z]+|[A-Z]{1,3}\.?)(?: [A-Z][a-z]+){1,2})"
    r"\s*[|/]\s*(?P<outlet>[A-Z][A-Za-z0-9.&]*(?: [A-Z][A-Za-z0-9.&]*){0,2})"
)
_WRITER_LABEL = LazyPattern(r"(?:작성자|글쓴이|글)\s*[:：]?\s*(?P<who>[가-힣A-Za-z0-9]{2,20})")
_DESK = LazyPattern(r"\s*(?:편집국|편집부|보도국|보도부|취재부|취재팀|뉴스팀|온라인뉴스부)$")
_COMMA_OUTLET = LazyPattern(r"(?P<outlet>[^\s,]{2,20}),")  # "뉴스1," left of a flattened "뉴스1, 2025년 …"
_BARE_NAME = LazyPattern(r"[가-힣]{2,4}")
# A name printed without a role ("유룡 2023. 9. 9. 07:04") starts with a family name: these cover
# nearly every Korean. A word beside a date that starts with none (a diary's 맑음) is no name.
_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염"
    "여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈"
)
# The sections and programme names a page prints beside the date ("앵커리포트 2026.02.11 …").
_SECTION = LazyPattern(
    r"(?:정치|경제|사회|문화|국제|산업|금융|증권|부동산|스포츠|연예|생활|전국|지역|오피니언|과학|테크|유통|건강|세계|북한"
    r"|IT|일반|종합|속보|단독|포토|칼럼|사설|기획|인터뷰|앵커리포트|리포트)(?:부|팀|면)?"
)
_KNOWN_OUTLET = LazyPattern(r"한겨레|경향|조선|중앙|동아|국민|세계|한국|매일|프레시안|시사인|오마이뉴스")
_WORDS = LazyPattern(r"[\s/·|•]+")
_PIECES = LazyPattern(r"\s*(?:[|│｜/,·•ㆍ]|\s-\s|\s{2,})\s*")
_OUTLET_MAX = 20
_FULL_STOP = LazyPattern(r"[.!?。][\"'”’)]?$")
_SERIES_LABEL = LazyPattern(r"[\[【〔<〈《][^\]】〕>〉》]{2,40}[\]】〕>〉》]")
_SENTENCE_END = LazyPattern(r"(?:다|요|죠|까)[.!?]?[\"'”’]?$|[.!?。][\"'”’)]?$")

# --- the body's dateline, byline and closing line --------------------------------------------
_OPEN = r"[\[［【〔(（<〈]"
_CLOSE = r"[\]］】〕)）>〉]"
BYLINE = LazyPattern(
    rf"^\s*(?:{_OPEN}\s*(?P<pub1>[^\]\[()=】【]+?)\s*(?:=|\s)\s*(?P<names1>{_NAME}(?:(?:\s*[·,ㆍ]\s*|\s+){_NAME})*)"
    rf"\s*{_ROLE}\s*{_CLOSE}"
    rf"|{_OPEN}\s*(?:[^)\]】=]+=)?\s*(?P<pub2>[^)\]】=]+?)\s*{_CLOSE}\s*"
    rf"(?P<names2>{_NAME}(?:(?:\s*[·,ㆍ]\s*|\s+){_NAME})*)\s*{_ROLE}\s*=)"
)
_CLOSING_REPORTER = LazyPattern(
    rf"^[/=\-–—]?\s*(?:글\s*[·ㆍ]?\s*(?:사진)?\s*=?\s*)?(?P<names>{_NAMES})\s*{_ROLE}"
    rf"(?:\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?\s*(?:(?:다른\s*)?기사\s*(?:더\s*보기|보기))?\s*$"
)
# "세종 = 글·사진 조해동 기자 haedong@munhwa.com", "보령=김창희 기자 chkim@munhwa.com"
DATELINE = LazyPattern(
    rf"^[가-힣A-Za-z]{{1,10}}\s*=\s*(?:글\s*[·ㆍ]?\s*(?:사진\s*)?=?\s*)?(?P<names>{_NAMES})\s*{_ROLE}"
    rf"(?:\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?\s*$"
)
# "YTN 권남기 (kwonnk09@ytn.co.kr)": the outlet, the reporter and the address, closing the article
_CLOSING_OUTLET_REPORTER = LazyPattern(
    rf"^(?P<outlet>[A-Za-z0-9]{{2,12}}|[가-힣A-Za-z0-9]{{2,10}}(?:뉴스|일보|신문|방송))\s+(?P<names>[가-힣]{{2,4}})"
    rf"\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?\s*$"
)
# "<저작권자 © 테크라인 무단전재 …>", "[저작권자(c) YTN …]", "Copyright © 전주MBC. …", "ⓒ 정원뉴스"
_COPYRIGHT = LazyPattern(
    r"^\s*[<‹〈\[(]?\s*(?:저작권자|copyright|ⓒ|©)\s*(?:\(c\)|ⓒ|©)?\s*(?P<outlet>[^\s.,<>\[\]()]{2,20})",
    re.IGNORECASE,
)
_ALONE_EMAIL = LazyPattern(rf"\s*(?P<email>{_EMAIL})\s*")
# In "[공주/CTN]" the outlet is after the place, in "[교육타임즈/충남교육]" before the section.
_OUTLET_LIKE = LazyPattern(
    r"(?:뉴스|일보|신문|타임즈|타임스|경제|방송|저널|미디어|투데이|데일리|비즈|포스트|닷컴|TV|tv)$"
    r"|(?<=[가-힣A-Za-z])[0-9]$"  # 뉴스1, not a number or a version
    r"|^[A-Z][A-Za-z0-9.&]*(?: [A-Z][A-Za-z0-9.&]*){0,2}$"  # YTN, CTN, ZDNet Korea
)

# --- captions, notes and hashtags (shared with feeds.markup.news) ----------------------------
_CAPTION_WORD = (
    r"(?:사진|자료|그래픽|이미지|출처|영상|제공|캡처|캡쳐|사진\s*제공|사진\s*출처|자료\s*사진|일러스트|촬영|편집)"
)
_END = r"\s*[|│]?\s*$"  # a flattened page may leave a separator after the credit
CAPTION = LazyPattern(
    # (사진=…) [사진=…] 〈사진=…〉 (사진 = …) at the end of the line
    rf"{_OPEN}\s*{_CAPTION_WORD}\s*[=:/]\s*[^()\[\]<>〈〉]{{1,60}}{_CLOSE}{_END}"
    # <… 제공> [… 제공] (… 제공), [연합뉴스 자료사진]
    rf"|{_OPEN}[^()\[\]<>〈〉]{{1,60}}?\s*(?:제공|자료\s*사진|사진\s*제공|캡처|캡쳐|DB){_CLOSE}{_END}"
    # 사진=… with its bracket lost, or alone on a line: "…있다. 사진=게티이미지)", "…/사진제공=공주소방서"
    rf"|(?:^|[\s./])사진\s*(?:제공|출처)?\s*[=:]\s*[^=]{{1,40}}$"
    # a photographer's credit: "… 2024.4.5 [공동취재] photo@yna.co.kr"
    rf"|\d{{4}}\.\d{{1,2}}\.\d{{1,2}}\.?\s*(?:\[[^\]]{{1,20}}\]\s*)?\s*{_EMAIL}\s*$"
    # a line led by a triangle
    r"|^\s*[▲△]"
    # a photographer's or designer's credit: "… 2025.6.24/뉴스1 © News1 박지혜 기자"
    rf"|(?:^|[\s/])[©ⓒ]\s*[A-Za-z0-9가-힣]{{1,20}}\s+[가-힣]{{2,4}}\s*(?:기자|디자이너|작가|PD)$"
)
_CLOSERS = frozenset("]］】〕)）>〉")  # _CLOSE's characters


def is_caption(s: str) -> bool:
    """``CAPTION.search(s)``, without the search where it cannot match.

    Searching a paragraph for CAPTION tries every alternative at every character: the byline
    paragraph of every article cost ~50 us. Each alternative needs something cheap to see: a
    closing bracket ending the line (before an optional separator), "사진", an address's "@", a
    leading triangle, or a copyright sign.
    """
    end = s.rstrip()
    if end[-1:] in ("|", "│"):
        end = end[:-1].rstrip()
    if not (end[-1:] in _CLOSERS or "사진" in s or "@" in s or "©" in s or "ⓒ" in s or s.lstrip()[:1] in ("▲", "△")):
        return False
    return CAPTION.search(s) is not None


# A caption without a caption word: a short line that ends in a photo credit. Only where captions
# sit (before the dateline or byline) or set off by a separator ("… 있다. /뉴시스").
_CREDITS = (
    r"(?:연합뉴스|뉴시스|뉴스1|뉴스핌|AP|AFP|EPA|로이터|신화|게티이미지(?:뱅크|코리아)?|Getty\s*Images"
    r"|셔터스톡|Shutterstock|픽사베이|언스플래시|[가-힣A-Za-z0-9]{1,20}\s*제공"
    r"|[가-힣]{0,8}공동취재단?|(?:[가-힣A-Za-z]{1,10}\s*)?화면\s*캡[처쳐])(?:\s*(?:자료)?사진)?"
)
# A photo's credit under it, led by a copyright sign: a photo agency or a person ("ⓒGetty Images",
# "ⓒ 홍길동", "ⓒ시사IN 홍길동"). "ⓒ 정원뉴스" alone is the outlet's copyright, closing the article.
_PHOTO_CREDIT = LazyPattern(r"\s*[ⓒ©]\s*(?P<who>[^\s<>\[\]()]{1,20}(?: [^\s<>\[\]()]{1,20})?)\s*")
_PHOTO_AGENCY = LazyPattern(
    r"Getty\s*Images(?:\s*Bank)?|게티이미지(?:뱅크|코리아)?|AP|AFP|EPA|로이터|Reuters|셔터스톡|Shutterstock"
)


def is_photo_credit(s: str) -> bool:
    """Whether ``s`` is a copyright sign and a photographer or photo agency: a caption's credit."""
    m = _PHOTO_CREDIT.fullmatch(s) if ("ⓒ" in s or "©" in s) else None
    if m is None:
        return False
    who = m.group("who")
    last = who.rsplit(" ", 1)[-1]
    return _PHOTO_AGENCY.fullmatch(who) is not None or (_is_bare_name(last) and not _is_outlet(last))


CREDIT_ONLY = LazyPattern(rf"[/=]?\s*{_CREDITS}")  # "연합뉴스", "오진욱 제공" alone on a line
CREDIT_END = LazyPattern(rf"(?:^|[\s.,)\]])(?:[/=]\s*)?[(\[]?{_CREDITS}\s*[)\]]?$")
SEPARATED_CREDIT = LazyPattern(rf"(?:[/=]|\.\s)\s*[(\[]?{_CREDITS}\s*[)\]]?$")
NOTE = LazyPattern(
    r"^\s*[<‹〈《\[［]?\s*(?:저작권자|copyright|ⓒ|©|\(c\))"
    r"|무단\s*전재|재배포\s*금지|배포\s*금지|AI\s*학습.{0,10}금지|ⓒ|©|copyright"
    r"|^\s*[(\[【]\s*끝\s*[)\]】]\s*$"
    r"|^\s*[※*]?\s*(?:이|본)\s*기사는.{0,80}(?:제공|게재|송고|전재|출고|작성|협약|제휴)",
    re.IGNORECASE,
)
HASHTAGS = LazyPattern(r"^\s*#[^\s#]+(?:\s*#[^\s#]+)*\s*$")
_HASHTAG = LazyPattern(r"#([^\s#]+)")
CLOSING = tuple(".!?。…:;,)]」』>")
# A Markdown file's head: never a news article's.
_MARKDOWN = LazyPattern(r"^(?:#{1,6}\s|```|~~~|<[a-zA-Z!/])|\]\(|^[=-]{3,}$|^\|?\s*:?-{3,}:?\s*\|")


@dataclass
class _Line:
    """What one head line holds."""

    stamps: list[tuple[str | None, str]] = field(default_factory=list)  # (label, date as written)
    authors: list[dict[str, str]] = field(default_factory=list)
    outlet: str | None = None
    label_only: str | None = None  # a label whose date is on the next line
    weak: bool = False  # a bare name, which may as well be a photo's subject


@dataclass(frozen=True)
class _Head:
    title: str
    title_line: int
    deck: list[str]  # lines taken out of the text as the deck
    summary: list[str]  # the deck, or a deck left in the body under a photo
    meta: dict[str, Any]
    lines: dict[str, int]
    body_line: int


def detect(text: str) -> bool:
    return _head(text) is not None


def read(text: str, path: str) -> Parsed:
    head = _head(text)
    assert head is not None, "read() called without detect()"
    body = from_line(text, head.body_line)
    meta = dict(head.meta)
    meta["title"] = head.title
    if head.summary:
        meta["summary"] = " ".join(head.summary)
    outlet, reporters = _from_body(body)
    if outlet and "publication" not in meta:
        meta["publication"] = outlet
    if reporters and "authors" not in meta:
        meta["authors"] = reporters
    elif reporters:  # the head named them; the byline or closing line may give their addresses
        emails = {r["name"]: r["email"] for r in reporters if "email" in r}
        meta["authors"] = [a if "email" in a or a["name"] not in emails else {**a, "email": emails[a["name"]]}
                           for a in meta["authors"]]  # fmt: skip
    tags = hashtags(body)
    if tags:
        meta["tags"] = tags
    lines = {"title": head.title_line, **head.lines}
    return Parsed(format=NAME, meta=meta, body=body, markup="news", body_line=head.body_line, lines=lines)


def why_not(text: str) -> str:
    """Why ``text`` is not a news article, for the unknown-format message."""
    window = _window(text)
    if not window:
        return "the file is empty"
    if _MARKDOWN.search(window[0][1]):
        return f"line {window[0][0]} is Markdown, not a news title"
    first, last = window[0][0], window[-1][0]
    infos = [_classify(s) for _, s in window]
    stamped = [i for i, info in enumerate(infos) if info is not None and info.stamps]
    if len(stamped) > 1 and any(infos[j] is None for j in range(stamped[0] + 1, stamped[1])):
        a, b = window[stamped[0]][0], window[stamped[1]][0]
        return f"lines {a} and {b} are both date lines, with text between: dated entries (a log), not an article"
    dated = next((n for (n, s), info in zip(window, infos, strict=True) if info is None and _DATE.search(s)), None)
    if not stamped and dated is not None:
        return f"line {dated} holds a date, but also words that are no reporter, outlet or label: text, not a date line"
    looked = f"its first {SCAN_LINES} non-empty lines" if len(window) == SCAN_LINES else "the whole file"
    return f"no date line in lines {first}-{last}, {looked}"


def plain(line: str) -> str:
    """The line with its runs of whitespace (U+00A0, U+3000, tabs…) as single spaces."""
    line = line.strip()
    # Other spaces than " " are not printable: most lines need no work, and are told fast.
    return " ".join(line.split()) if "  " in line or not line.isprintable() else line


def hashtags(body: str) -> list[str]:
    """The tags of the body's hashtag lines (``#네이버 #노사갈등``)."""
    found: list[str] = []
    for line in body.split("\n"):
        if "#" in line and HASHTAGS.match(line):
            found.extend(t for t in _HASHTAG.findall(line) if t not in found)
    return found


def _window(text: str) -> list[tuple[int, str]]:
    # Only the head matters: the split's last piece (the rest of the article) is never looked at.
    out: list[tuple[int, str]] = []
    for n, line in enumerate(text.split("\n", SCAN_LINES * 4)[: SCAN_LINES * 4], start=1):
        if line and not line.isspace():
            s = plain(line)
            if len(s) > 2 and s[0] == s[-1] == "|":
                s = s[1:-1].strip() or s  # a layout table's cell, flattened: "| 2026. 01.28(수) 14:51 |"
            out.append((n, s))
            if len(out) == SCAN_LINES:
                break
    return out


@lru_cache(maxsize=4)  # detect() then read() ask about the same text: work it out once
def _head(text: str) -> _Head | None:
    window = _window(text)
    infos = _without_lone_names(window, [_classify(s) for _, s in window])
    glued = _glued_reporter(window, infos)
    if glued:  # "경제정혜인" above the headline: the section and the reporter, flattened together
        infos[0] = _Line(authors=[{"name": glued}])
    # The title is the first line that is not metadata or page junk; a printer-friendly page
    # puts its date line before it.
    t = next((i for i, info in enumerate(infos) if info is None), None)
    if t is None or t + 1 >= len(window):
        return None
    title_line, title = window[t]
    if len(title) > 300 or _MARKDOWN.search(title):
        return None
    before = [(window[i], infos[i]) for i in range(t)]
    rest, infos = window[t + 1 :], infos[t + 1 :]
    first, last = _metadata_block(rest, infos)
    if first is None and not any(info and info.stamps for _, info in before):
        return None
    if first is not None and _dated_entries(infos, first, last):
        return None
    # A bare name right above the text is a photo's subject ("| 박성웅 |"), not the reporter.
    while first is not None and last > first:
        info = infos[last]
        if info is None or not info.weak or (last + 1 < len(rest) and rest[last + 1][0] > rest[last][0] + 1):
            break
        last -= 1
    if first is None:
        first, last = 0, -1  # all the metadata was above the title
    deck = [s for (_, s), info in zip(rest[:first], infos[:first], strict=True) if info is None]
    deck += [s for (_, s), info in zip(rest[first:last], infos[first:last], strict=True) if info is None]
    if any(_MARKDOWN.search(s) for s in deck):
        return None
    body_index = last + 1
    if _signed_off(deck):
        # Paragraphs above the date line: it is a letter's sign-off, and the text starts under
        # the title. The date and the signature stay in the text, and are read as its head.
        meta, where = _meta(rest[first : last + 1], infos[first : last + 1])
        if "date" not in meta:
            return None
        return _Head(title, title_line, [], _lead(rest), meta, where, rest[0][0])
    if not deck:
        # A deck printed after the date line: short lines that are not a sentence or a caption,
        # set off by a blank line (a line right above the text is a photo's caption).
        end = body_index
        while end < len(rest) - 1 and end - body_index < 3 and _deck_like(rest[end][1], DECK_LINE_MAX, after=True):
            end += 1
        # A series label ("[인천문화 40년을 듣는다]") and its episode line need no blank line after them.
        series = end - body_index == 2 and _SERIES_LABEL.fullmatch(rest[body_index][1]) is not None
        if end > body_index and (rest[end][0] > rest[end - 1][0] + 1 or series):
            deck = [s for _, s in rest[body_index:end]]
            body_index = end
    head_lines = [line for line, _ in before] + rest[first : last + 1]
    meta, where = _meta(head_lines, [info for _, info in before] + infos[first : last + 1])
    if "date" not in meta:
        return None
    summary = deck or _lead(rest[body_index:])
    body_line = rest[body_index][0] if body_index < len(rest) else head_lines[-1][0] + 1
    return _Head(title, title_line, deck, summary, meta, where, body_line)


def _signed_off(deck: list[str]) -> bool:
    """Whether the lines above the date line are a text's paragraphs, not a deck: more than three
    lines, some of them sentences (a letter from the editor, signed and dated at its foot)."""
    return len(deck) > 3 and sum(1 for s in deck if _SENTENCE_END.search(s)) >= 2


def _glued_reporter(window: list[tuple[int, str]], infos: list[_Line | None]) -> str | None:
    """The reporter of a first line that is a section and a name glued ("경제정혜인"), above the title."""
    if len(window) < 3 or infos[0] is not None or infos[1] is not None:
        return None
    m = _SECTION_PREFIX.match(window[0][1])
    name = window[0][1][m.end() :] if m else ""
    return name if len(name) == 3 and _is_bare_name(name) and not _is_outlet(name) else None


def _dated_entries(infos: list[_Line | None], first: int, last: int) -> bool:
    """Whether date lines come apart, text between or after them: a log's or a changelog's entries.

    An article's head has its stamps together (입력 and 수정 on a line each, or on one line); a
    short article may close with its date line again, with nothing after it.
    """
    stamped = [i for i, info in enumerate(infos) if info is not None and info.stamps]
    return any(i > last and None in infos[i + 1 :] for i in stamped) or any(
        infos[j] is None
        for a, b in itertools.pairwise(i for i in stamped if first <= i <= last)
        for j in range(a + 1, b)
    )


def _without_lone_names(window: list[tuple[int, str]], infos: list[_Line | None]) -> list[_Line | None]:
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
        ):
            out[i] = None
    return out


def _metadata_block(rest: list[tuple[int, str]], infos: list[_Line | None]) -> tuple[int | None, int]:
    """The first and last index of the run of metadata lines that holds a date stamp, if any."""
    start = 0
    while start < len(rest):
        first = next((i for i in range(start, len(rest)) if infos[i] is not None), None)
        if first is None:
            break
        # The run goes on while metadata lines follow each other, with at most two deck lines
        # between them (a deck printed after the date line, then the reporter's line).
        last = i = first
        while i + 1 < len(rest):
            i += 1
            if infos[i] is not None:
                last = i
            elif not (_deck_like(rest[i][1]) and any(info is not None for info in infos[i + 1 : i + 3])):
                break
        if any(info and info.stamps for info in infos[first : last + 1]):
            return first, last
        start = last + 1
    return None, -1


def _lead(lines: list[tuple[int, str]]) -> list[str]:
    """A deck printed after the photo under the head: the summary, though it stays in the body."""
    i = 0
    while i < min(len(lines), 2) and (is_caption(lines[i][1]) or CREDIT_END.search(lines[i][1])):
        i += 1
    lead: list[str] = []
    while i < len(lines) - 1 and len(lead) < 3 and _deck_like(lines[i][1], DECK_LINE_MAX):
        lead.append(lines[i][1])
        i += 1
    set_off = 0 < i < len(lines) and lines[i][0] > lines[i - 1][0] + 1  # by a blank line
    return lead if lead and set_off else []


def _meta(lines: list[tuple[int, str]], infos: list[_Line | None]) -> tuple[dict[str, Any], dict[str, int]]:
    """Published, updated, authors and outlet from the head's metadata lines."""
    published: tuple[str, int] | None = None
    updated: tuple[str, int] | None = None
    unlabelled: list[tuple[str, int]] = []
    authors: list[dict[str, str]] = []
    outlet: tuple[str, int] | None = None
    pending: str | None = None
    for (n, _), info in zip(lines, infos, strict=True):
        if info is None:
            continue
        for label, date in info.stamps:
            label = label or pending
            pending = None
            if label is None:
                unlabelled.append((date, n))
            elif _IS_UPDATE.search(label):
                updated = updated or (date, n)
            else:
                published = published or (date, n)
        pending = info.label_only or pending
        for author in info.authors:
            if all(a["name"] != author["name"] for a in authors):
                authors.append(author)
        if info.outlet and outlet is None:
            outlet = (info.outlet, n)
    # Without labels, the first date is when it was published and a second one its update.
    if published is None and unlabelled:
        published = unlabelled.pop(0)
    if updated is None and unlabelled:
        updated = unlabelled.pop(0)
    meta: dict[str, Any] = {}
    where: dict[str, int] = {}
    for key, found in (("date", published), ("updated", updated), ("publication", outlet)):
        if found:
            meta[key], where[key] = found
    if authors:
        meta["authors"] = authors
        where["authors"] = next(n for (n, _), info in zip(lines, infos, strict=True) if info and info.authors)
    return meta, where


def _classify(s: str) -> _Line | None:
    """The metadata a head line holds, or None when it is anything else (title, deck, body)."""
    # Cheap tests first: detection runs this on the first lines of every file not claimed before.
    if len(s) > 200 or "다." in s:
        return None  # a sentence
    maybe_date = _MAYBE_DATE.search(s)
    maybe_reporter = _ANY_ROLE_WORD.search(s) is not None
    # A writer's title other than a reporter's counts beside a date or after a bullet only.
    head_role = (maybe_date or s[0] == "•" or "|" in s or _is_signature(s)) and _HEAD_ROLE_WORDS.search(s) is not None
    if not maybe_date and not maybe_reporter and not head_role:
        return _classify_wordy(s)
    info = _Line()
    rest = s
    if maybe_date:
        info.stamps, rest = _stamps(s)
    for pattern, on in ((_REPORTER, maybe_reporter), (_HEAD_REPORTER, head_role)):
        if not on:
            continue
        kept, prev = [], 0
        for m in pattern.finditer(rest):
            names = m.group("names") or m.group("after")
            info.authors.extend(_authors(names, m.groupdict().get("email")))
            kept.append(rest[prev : m.start()])
            prev = m.end()
        rest = " | ".join([*kept, rest[prev:]])
    if (not info.stamps and not info.authors) or is_caption(s):
        return None  # nothing after all, or a photo's credit: "(사진=홍길동 기자)"
    rest = _EMAIL_RE.sub(" | ", rest)
    for piece in _PIECES.split(rest):
        kind = _piece(piece.strip(" ()[]:：|.•·-■□◆◇▶▷●○*"), rest)
        if kind is None:
            # Words that are none of these: a headline, a sentence, a CSV row's values, a diary's
            # weather. The line is text, which must stay in the document, not metadata.
            return None
        if kind[0] == "outlet":
            info.outlet = info.outlet or kind[1]  # "테크데일리, 오세훈 기자, 2025-01-02"
        elif kind[0] == "author":
            info.authors.append({"name": kind[1]})  # a name without a role: "유룡 2023. 9. 9. 07:04"
    return info


def _is_signature(s: str) -> bool:
    """A letter's signature: the outlet, the writer's title and name ("한빛신문 발행인 홍길동")."""
    m = _SIGNATURE.fullmatch(s)
    return m is not None and _is_outlet(m.group("outlet"))


def _piece(piece: str, line: str) -> tuple[str, str] | None:
    """What one piece of a metadata line is: ("junk", …), ("outlet", name), ("author", name), or None (text)."""
    # A label kept before the outlet's name ("최종편집 경남우리신문") is page junk.
    while " " in piece and not _JUNK.match(piece) and _JUNK.match(piece.split(" ", 1)[0]):
        piece = piece.split(" ", 1)[1]
    if not piece or _JUNK.match(piece):
        return ("junk", piece)
    if len(piece) > _OUTLET_MAX or _SENTENCE_END.search(piece):
        return None  # more than metadata: a sentence that mentions a date or a reporter
    if _LATIN_NAME.fullmatch(piece):
        return ("author", piece)  # "Peter Wayner | InfoWorld 2024.03.05"
    if _is_outlet(piece) or re.search(re.escape(piece) + r"\s*,", line):
        return ("outlet", piece)
    if _is_bare_name(piece) and not _SECTION_PREFIX.match(piece):
        return ("author", piece)
    if _SECTION.fullmatch(piece):
        return ("junk", piece)
    return None


def _classify_wordy(s: str) -> _Line | None:
    """A head line with no date and no role: a label, page junk, an outlet, a name, or text (None)."""
    if len(s) <= 12 and _LABEL_ONLY.fullmatch(s):
        return _Line(label_only=s)
    if len(s) <= 60 and all(_JUNK_WORD.fullmatch(word) for word in _WORDS.split(s) if word):
        return _Line()
    writer = _WRITER_LABEL.fullmatch(s)
    if writer:  # "작성자 ○○신문편집국": a desk is its outlet, not a person
        who = writer.group("who")
        if _is_bare_name(who):
            return _Line(authors=[{"name": who}])
        desk = _DESK.sub("", who)
        return _Line(outlet=desk) if _is_outlet(desk) else None
    latin = _LATIN_BYLINE.fullmatch(s)
    if latin:  # "JR Raphael | Computerworld": the Korean edition of a foreign outlet
        return _Line(authors=[{"name": latin.group("name")}], outlet=latin.group("outlet"))
    # A line that is only an outlet's name ("• 문화일보", "뉴스1,") or a reporter's ("최유진")
    alone = _BULLET_OUTLET.fullmatch(s) if s[0] == "•" else _COMMA_OUTLET.fullmatch(s) if s[-1] == "," else None
    if alone:
        name = alone.group("outlet")
        if s[0] == "•" and _is_bare_name(name) and not _is_outlet(name):
            return _Line(authors=[{"name": name}])  # "• 홍길동": the writer, on a bullet line of the head
        return _Line(outlet=name)
    if len(s) <= 12 and " " not in s and _is_outlet(s):
        return _Line(outlet=s)  # "뉴스1" alone above the date line
    if len(s) <= 4 and _is_bare_name(s):
        return _Line(outlet=s) if _is_outlet(s) else _Line(authors=[{"name": s}], weak=True)
    return None


def _is_bare_name(s: str) -> bool:
    return _BARE_NAME.fullmatch(s) is not None and s[0] in _SURNAMES


def _is_outlet(name: str) -> bool:
    return bool(_OUTLET_LIKE.search(name) or _KNOWN_OUTLET.fullmatch(name))


def _stamps(s: str) -> tuple[list[tuple[str | None, str]], str]:
    """The (label, date) stamps of a line, and the line without them.

    A label comes before its date ("입력 2024.04.05", "입력 | 2024.04.05", "…20:11수정 2024…"),
    or, on a line that starts with an unlabelled date, after it ("2024.04.05 09:40 입력 | …").
    """
    dates = list(_DATE.finditer(s))
    if not dates:
        return [], s
    ends = [m.start() for m in dates[1:]] + [len(s)]
    # The lookahead past the label must see the next date: "14:17 수정 : 2022.08.19 14:44" is the
    # next stamp's label, not this one's.
    after_first = _LABEL_AFTER.match(s, dates[0].end())
    postfix = not _LABEL_BEFORE.search(s, 0, dates[0].start()) and after_first and after_first.end() <= ends[0]
    stamps: list[tuple[str | None, str]] = []
    rest: list[str] = []
    prev = 0
    for m, end in zip(dates, ends, strict=True):
        start, stop = m.start(), m.end()
        label = None
        if postfix:
            after = _LABEL_AFTER.match(s, stop, end)
            if after:
                label, stop = after.group("label"), after.end()
        else:
            before = _LABEL_BEFORE.search(s, prev, start)
            if before:
                label, start = before.group("label"), before.start()
                # A section glued to the label ("일반입력 :2011/…") goes with it; a role
                # ("기자입력 : …") stays for the reporter pattern.
                word = start
                while word > prev and "가" <= s[word - 1] <= "힣":
                    word -= 1
                if word < start and not _ROLE_AT_END.search(s[word:start]):
                    start = word
        stamps.append((label, m.group().replace("[", "(").replace("]", ")")))  # "[13:46]" as feeds.dates reads it
        rest.append(s[prev:start])
        prev = stop
    rest.append(s[prev:])
    return stamps, " | ".join(rest)


def _authors(names: str, email: str | None) -> list[dict[str, str]]:
    # "[아시아경제 김혜원 기자, 나주석 기자]": the role repeated between names is not a name
    split = (_cut_section(n) for n in _NAME_SEPARATORS.split(names))
    found = [{"name": n} for n in split if n and not _ROLE_ONLY.fullmatch(n)]
    if email and len(found) == 1:
        found[0]["email"] = email
    return found


def _cut_section(name: str) -> str:
    if len(name) <= 4:
        return name
    cut = _SECTION_PREFIX.sub("", name)
    return cut if 2 <= len(cut) <= 4 else name[-3:]


def _deck_like(s: str, longest: int = 200, *, after: bool = False) -> bool:
    """Whether ``s`` may be a deck line: short, no sentence, caption, byline or closing.

    Below the date line (``after``), a deck may end in "…다" without a full stop ("열 곳 가운데
    여섯 곳이 다시 문을 열었다"): the body's sentences end in one.
    """
    return (
        len(s) <= longest
        and not (_FULL_STOP if after else _SENTENCE_END).search(s)
        and not is_caption(s)
        and not CREDIT_END.search(s)
        and not BYLINE.match(s)
        and not NOTE.search(s)
        and not HASHTAGS.match(s)
    )


def _from_body(body: str) -> tuple[str | None, list[dict[str, str]]]:
    """The outlet and reporters the body's dateline, byline or closing lines name."""
    raw = [line for line in body.split("\n") if line.strip()]
    head = [plain(line) for line in raw[:8]]
    # Closing lines are short: a long one is a paragraph, not worth cleaning.
    tail = [plain(line) if len(line) < 200 else line for line in raw[-12:]] if len(raw) > 8 else head
    outlet: str | None = None
    reporters: list[dict[str, str]] = []
    for s in head:
        m = BYLINE.match(s)
        if m and is_caption(s):
            continue  # a photo's dateline names the photographer, not the reporter
        if m:
            # "(서울=연합뉴스)", "[공주/CTN]", "[교육타임즈/충남교육]": the part that is an outlet
            parts = [p.strip() for p in _PLACE_SEPARATORS.split((m.group("pub1") or m.group("pub2")).strip())]
            outlet = next((p for p in parts if _OUTLET_LIKE.search(p)), parts[-1])
            reporters = _authors(m.group("names1") or m.group("names2"), None)
            break
        d = DATELINE.match(s)
        if d:
            reporters = _authors(d.group("names"), d.group("email"))
            break
    closing_outlet = None
    for i in reversed(range(len(tail))):
        c = _CLOSING_REPORTER.match(tail[i]) or _CLOSING_OUTLET_REPORTER.match(tail[i])
        if c and not reporters:
            # "홍길동 기자" with the address on the next line
            after = _ALONE_EMAIL.fullmatch(tail[i + 1]) if i + 1 < len(tail) else None
            reporters = _authors(c.group("names"), c.group("email") or (after and after.group("email")))
            closing_outlet = c.groupdict().get("outlet")
        copyright = _COPYRIGHT.search(tail[i])
        if copyright and not closing_outlet and not is_photo_credit(tail[i]):
            closing_outlet = copyright.group("outlet")
    return outlet or closing_outlet, reporters
