"""The words of Korean news pages: roles, names, outlets, page junk, the body's bylines and closings.

Shared by the head reader (``feeds.readers.news`` and the line features of
``feeds.readers.newshead``) and the body's rendering (``feeds.markup.news``). Each pattern finds
one kind of thing as pages print it; deciding what a line *is* from them is the readers' work.
A date stamp's words are in ``feeds.readers.newsdatewords``; captions, credits, notes and
hashtags in ``feeds.readers.newscaptions``.
"""

from __future__ import annotations

import re

from feeds.lazyre import LazyPattern
from feeds.readers.newsdatewords import _LABEL

# --- reporters -------------------------------------------------------------------------------
# A magazine's desk before its editor's role: "피처 에디터" (feature editor), "뷰티 에디터"
_EDITOR_DESK = r"피처|뷰티|패션|리빙|컬처|푸드|트래블|디지털"
EDITOR_DESK = LazyPattern(f"(?:{_EDITOR_DESK})")
_ROLE = (
    r"(?:선임기자|명예기자|시민기자|학생기자|객원기자|전문기자|인턴기자|수습기자|편집기자|사진기자|취재기자|(?:객원|선임|전문)?대기자|기자|특파원|통신원"
    rf"|논설위원|논설실장|편집위원|해설위원|칼럼니스트|리포터|캐스터|(?:(?:{_EDITOR_DESK})\s?)?에디터"
    r"|PD|앵커|인턴"
    r"|[가-힣]{0,3}(?:부장|차장|국장))"  # a desk's head writing: "[서울=뉴스핌] 이준혁 정치부장 ="
)
# A name is 2-4 syllables; up to 7 are taken so that a section name glued to it by a flattened
# page ("경제홍길동 기자") is caught and cut off, not read as a seven-syllable name.
_NAME = r"[가-힣]{2,7}?"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Several names ("홍길동·김철수 기자", "홍길동, 김철수 기자") are each 2-4 syllables.
_NAMES = r"(?:[가-힣]{2,4}(?:\s*[·,ㆍ/]\s*[가-힣]{2,4})+|" + _NAME + ")"
# The role ends its word, unless a flattened page glued a stamp's label to it ("기자입력 : …").
REPORTERS = (
    rf"(?<![가-힣])(?P<names>{_NAMES})\s*/?\s*{_ROLE}(?:(?![가-힣])|(?={_LABEL}))"
    rf"(?:\s*[|/,]?\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?"  # "홍길동 기자, hong@example.com"
)
REPORTER = LazyPattern(REPORTERS)
# The outlet between the name and the role: "한현정 스타투데이 기자(kiki2022@mk.co.kr)"; a word glued to
# the role is part of it ("홍길동 수습기자").
NAME_OUTLET_ROLE = LazyPattern(
    rf"(?<![가-힣])(?P<name>[가-힣]{{2,4}})\s+(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})\s+(?={_ROLE})"
)
# Writers a head line names beside its date or after a bullet ("홍길동 발행인 | 기사입력 …",
# "• 홍길동 선임연구원"), never in the body, where "홍길동 대표" is someone the story is about.
_HEAD_ROLE = (
    r"(?:발행인|편집인|편집국장|편집장|주필|발기인(?:\s*대표)?|대표|(?:선임|책임|수석)?연구(?:원|위원)|교수|변호사"
    r"|[가-힣]{0,5}의원)"
)
HEAD_REPORTER = LazyPattern(
    rf"(?<![가-힣])(?P<names>{_NAMES})(?<!뉴스)(?<!일보)(?<!신문)(?<!방송)\s*/?\s*{_HEAD_ROLE}(?![가-힣])"
    rf"(?:\s*[|/]?\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?"
    # the role first, as a sign-off prints it: "발행인 홍길동"
    rf"|(?<![가-힣]){_HEAD_ROLE}\s+(?P<after>[가-힣]{{2,4}})(?![가-힣])"
    rf"(?:\s*[|/]?\s*[(<\[]?\s*(?P<email_after>{_EMAIL})\s*[)>\]]?)?"
)
# A bulleted writer with where they work between the name and the post: "• 공석기 서울대 교수"
NAME_WORK_POST = LazyPattern(
    rf"(?<![가-힣])(?P<name>[가-힣]{{2,4}})\s+(?P<work>[가-힣A-Za-z0-9()]{{2,12}})\s+{_HEAD_ROLE}(?![가-힣])"
)
SIGNATURE = LazyPattern(
    rf"(?:(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})\s+)?(?:{_HEAD_ROLE}\s+[가-힣]{{2,4}}|[가-힣]{{2,4}}\s*{_HEAD_ROLE})"
)
# The writer alone signing with their title, a space between: "홍길동 전라남도의원", "발행인 홍길동"
SIGNER = LazyPattern(rf"{_HEAD_ROLE}\s+[가-힣]{{2,4}}|[가-힣]{{2,4}}\s+{_HEAD_ROLE}")
ROLE_ONLY = LazyPattern(rf"{_ROLE}|{_HEAD_ROLE}")
_ROLE_WORDS = ("기자", "특파원", "위원", "PD", "앵커", "리포터", "캐스터", "에디터", "통신원", "칼럼니스트")
HEAD_ROLE_WORDS = LazyPattern("발행인|발기인|편집|주필|대표|연구|교수|변호사|의원")
ANY_ROLE_WORD = LazyPattern("|".join(_ROLE_WORDS))  # one scan, where a loop of `in` made ten
ROLE_AT_END = LazyPattern(_ROLE + "$")
_NAME_SEPARATORS = LazyPattern(r"\s*[·,ㆍ/]\s*|\s+")
PLACE_SEPARATORS = LazyPattern(r"[=/]")
EMAIL_RE = LazyPattern(_EMAIL)
# Section names pages print in front of a reporter's name; cut off when glued to it.
SECTION_PREFIX = LazyPattern(
    r"^(?:정치|경제|사회|문화|국제|산업|금융|증권|부동산|스포츠|연예|생활|전국|지역"
    r"|오피니언|여론|독자|과학|테크|유통|건강|세계|북한|IT)(?:부|팀)?"
)

# --- the rest of a metadata line -------------------------------------------------------------
# What a page prints beside the date and reporter: buttons and labels flattened into the text,
# and stock tickers. None of it is the outlet.
JUNK = LazyPattern(
    r"^(?:기사\s*원문|원문\s*보기|원문|기사\s*보내기|글자\s*크기|글씨\s*크기|프린트|인쇄|스크랩|공유|댓글\s*\d*|좋아요"
    r"|구독|관련\s*기사(?:\s*\d*\s*건)?|기자\s*페이지|기자명|기자\s*정보|다른\s*기사\s*보기|신고(?:하기)?|관리자|운영자|(?i:admin|webmaster)|가+|기고|독자\s*기고|시론|논평"
    r"|[가-힣]{1,4}기사|공지(?:\s*사항)?|보도\s*자료"  # a list of the site's: "전체기사", "공지사항"
    r"|출처|매체명?|언론사"  # the source's label: "출처 : 한빛일보"
    rf"|{_LABEL}"  # a label left over once its date is read: "발행일 발행일 : 2019.01.11"
    r"|\d{1,3}\s*(?:초|분|시간|일|주|달|개월|년)\s*전"  # the page's age: "1달 전"
    r"|[\w.+-]+@"  # an address the site truncated: "kej@"
    r"|(?:트위터|페이스북|네이버|카카오톡|카카오스토리|밴드|공유하기){1,2}"  # share buttons, their label doubled
    r"|지면\s*[A-Z]?\d{1,3}\s*면?|데스크|[월화수목금토일](?:요일)?"  # "지면 A12", "데스크 승인", "(금)"
    r"|(?i:(?:posted|updated?|published|modified)(?:\s+on)?|date|by"  # an English edition's labels
    r"|reporter|editor|writer|written\s+by)"
    r"|진행|출연|대담|정리|기자|사회|취재|촬영|편집|최종\s*편집|작성자|글쓴이|편집국|편집부|보도국|글|사진|영상|(?:의견|댓글|조회수?|공감|추천)\s*[\d,]*|호수?\s*\d+|제?\s*\d+\s*호|통권\s*\d+"
    r"|\(?\d{6}\)?|\(?[A-Z]{2,6}\s*:\s*[A-Z0-9.]{1,10}\)?|KST|[A-Z]"
    r"|[가-힣A-Za-z ]{1,12}=)$"  # the place of a dateline: "뉴욕=홍길동 특파원"
)
# A line of nothing but buttons, or the site's address: page junk, part of the head.
JUNK_WORD = LazyPattern(
    r"(?:(?:프린트(?:하기)?|인쇄(?:하기)?|닫기|댓글\d*|폰트|글자|글씨|크기|본문|설정|공유(?:하기)?|스크랩|가++|기사\s*원문"
    r"|원문\s*보기|좋아요|싫어요|구독(?:하기)?|북마크|페이스북|트위터|카카오톡|카카오스토리|밴드|링크|URL|복사|목록"
    r"|이메일|메일|보내기|듣기|음성|확대|축소|바로가기|뒤로가기|검색|메뉴|쪽지|신고(?:하기)?|SNS|\+|-|https?://\S+|www\.\S+"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|tv)"  # the site's bare address: hanbit.com, hanbit.co.kr
    r"|크게|작게|ON|OFF|\d{1,5}+|IT|정치|경제|사회|문화|국제|산업|금융|증권|부동산|스포츠|연예|생활|전국|지역|오피니언|과학"
    r"|테크|유통|건강|세계|북한|호수|통권|제?\d+호|정보|페이지|더보기|지면(?:정보)?|Array|undefined|null|NaN|광고|버튼"
    r"|상태바|툴바|사이드바|RSS|수정(?:하기)?|삭제(?:하기)?"  # a widget or a button of the page, by its name
    r"|VIEWS?|HITS?"  # a counter's label, its number on the next line: "• VIEW" / "• 950"
    r"|[a-z0-9._+-]+@(?![\w.-])"  # an address the site truncated: "webmaster@"
    r"|창간사|신년사|축사|기념사|발간사|보기"  # the kind of a letter, printed as its section; glued: 글자크기
    r"|기사|네이버|(?:트위터|페이스북|카카오톡|밴드)로))+",  # the article's tools: 기사글축소, 트위터로 보내기
    re.IGNORECASE,
)
# Each piece JUNK_WORD reads a full stop in holds a scheme, "www.", an "@" or a domain's ending. A word
# with a full stop and none of them (a picture's file name, "2023060701010002365.jpg") is told at once,
# before the pattern tries every way of parting its digits into numbers, which takes seconds.
_DOTTED_JUNK = LazyPattern(r"https?://|www\.|@|\.(?:com|net|org|kr|tv)", re.IGNORECASE)


def is_junk_word(s: str) -> bool:
    """Whether ``JUNK_WORD`` reads all of ``s``."""
    return ("." not in s or _DOTTED_JUNK.search(s) is not None) and JUNK_WORD.fullmatch(s) is not None


# The label of the share buttons: "이 기사를 공유합니다", "기사 공유하기"
SHARE_LABEL = LazyPattern(r"(?:이\s*)?기사를?\s*(?:공유|추천|스크랩)(?:합니다|하기)?")
# A row of buttons sending the article on: "트위터로 기사전송 페이스북으로 기사전송 미투데이로 기사전송"
SHARE_ROW = LazyPattern(r"(?:[가-힣A-Za-z]{1,8}(?:으로|로)\s*기사\s*(?:전송|보내기|공유)(?:하기)?\s*){2,}")
# "• 문화일보", "• 영광21", "• 구리남양주 시민의소리": a bullet line of the head naming the outlet
BULLET_OUTLET = LazyPattern(r"[•\-]\s*(?P<outlet>[^\d\s][^\s]{1,19}(?: [^\d\s][^\s]{1,11})?)")
# A name in Latin script, as the Korean editions of foreign outlets print it: two or three
# capitalised words or initials ("JR Raphael", "Peter Wayner"), the last no outlet's word.
_OUTLET_WORD = r"(?:News|Times|Post|Daily|Korea|Herald|Journal|Today|World|Media|Review|Weekly|Wire|Press|TV|Tech)"
_LATIN_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"  # Raphael, Vaughan-Nichols, Kyung-sik
_LATIN_NAME = (
    rf"(?:{_LATIN_WORD}|[A-Z]{{1,3}}\.?)(?: (?:{_LATIN_WORD}|[A-Z]\.)){{0,2}} (?!{_OUTLET_WORD}$){_LATIN_WORD}"
)
LATIN_NAME = LazyPattern(_LATIN_NAME)
# The page of a print edition beside the date: "A28 면", "2016-11-19A27면"
PRINT_PAGE = LazyPattern(r"(?<![\w])(?:제\s*)?[A-Z]?\d{1,3}\s*면(?![가-힣])")  # "A6면", "제6면"
# "조회수 1,234", "추천수 : 0": a counter, whose comma is no separator
COUNTER = LazyPattern(r"(?:의견|댓글|조회\s?수?|공감|추천수?|좋아요|싫어요|공유|Views?|Hits?)\s*[:：]?\s*\d[\d,]*")
LATIN_BYLINE = LazyPattern(
    rf"(?P<name>{_LATIN_NAME})\s*[|/]\s*(?P<outlet>[A-Z][A-Za-z0-9.&]*(?: [A-Z][A-Za-z0-9.&]*){{0,2}})"
)
# A board's row of labelled fields, its labels sometimes spaced out ("번 호 3 글쓴이 장주희(cbspr) 날 짜
# 2018-03-26 …", "제목 새해 이렇게 바뀝니다 게시일 2023.12.27 20:31 조회수 1215"): the label's kind of value.
BOARD_FIELDS = {
    "제목": "title", "글쓴이": "writer", "작성자": "writer", "날짜": "date", "게시일": "date", "등록일": "date",
    "작성일": "date", "번호": "junk", "조회": "junk", "조회수": "junk", "추천": "junk", "추천수": "junk",
    "첨부": "junk", "첨부파일": "junk",
}  # fmt: skip
BOARD_LABEL = LazyPattern(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(r"\s?".join(label) for label in sorted(BOARD_FIELDS, key=len, reverse=True))
    + r")\s*[:：]?(?=\s|\d|$)"
)
TITLE_LABEL = LazyPattern(r"^[\[【]?\s*제\s?목\s*[\]】]?\s*[:：]\s*")  # "[제목] : CBS 아침뉴스 대대적 개편"
# An organisation publishing its own page: an association, a foundation, a union ("인천경기기자협회").
ORGANISATION = LazyPattern(r"[가-힣A-Za-z0-9]{1,16}(?:협회|연합회|협의회|재단|조합|학회|연구소|위원회|센터|공단|노조)")
# A desk or a team's account, no outlet ("협동조합팀1", "편집국"); after an outlet's name, its desk
# ("일요시사 정치팀").
DESK_ACCOUNT = LazyPattern(r"[가-힣]{0,8}(?:팀|기자단|편집국|보도국|편집부|취재부|뉴스부)\d*")
DESK_AFTER = LazyPattern(r"\s+[가-힣]{1,6}(?:팀|부)$")
# An issue of a monthly or a quarterly, printed above the headline: "2015년 7월호", "2020년 봄호"
ISSUE = LazyPattern(r"\d{4}\s*년\s*(?:\d{1,2}\s*월|봄|여름|가을|겨울)\s*호")
# An issue's number beside its date: "제 89호", "통권 512호", "No. 89"
ISSUE_NUMBER = LazyPattern(r"(?<![\w])(?:제\s*|통권\s*)?\d{1,5}\s*호(?![가-힣])|(?<![\w])(?:No\.|Vol\.)\s*\d{1,5}")
# A magazine's masthead with its issue number, above the headline ("주간동아 685", "월간조선 제 512호").
MASTHEAD = LazyPattern(r"(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s+(?:제\s*)?\d{1,5}\s*호?")
# A letter's signature under its sign-off date at the end: the signer's title and name.
SIGN_OFF = LazyPattern(
    r"(?:[가-힣A-Za-z0-9]{2,12}\s+)?(?:발행인|편집인|편집국장|편집장|대표|국회의원|의원|회장|이사장|위원장|시장|군수|구청장|도지사"
    r"|교육감|총장|원장|사장)\s+(?P<name>[가-힣]{2,4})"
)
# A writer's name spaced out letter by letter, as a signature sets it, with their post and where they
# work before or after it: "박 종 순 한국CM협회 본부장", "원장 윤 제 용". Nobody spaces out a pictured name.
SPACED_SIGNATURE = LazyPattern(
    r"(?:(?P<before>[가-힣]{1,6}(?:장|사|원|수|표|인|관))\s+)?(?P<name>[가-힣](?: [가-힣]){2,3})"
    r"(?:\s+(?P<org>[가-힣A-Za-z0-9·()]{2,20}))?(?:\s+(?P<after>[가-힣]{1,6}(?:장|사|원|수|표|인|관)))?"
)
# "작성자 : 유하영(121.65.83.114)": the board's account or address after the name is no name
REGARDS = LazyPattern(r"(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s*(?:배상|올림|드림)")  # "디지털데일리 배상"
# A programme page's fields under its date: "■ 방송 : 제주MBC 라디오 <…>", "■ 진행 : 윤상범 아나운서"
PROGRAMME_FIELD = LazyPattern(
    r"[■□◆◇●○▶▷*\-]\s*(?P<label>방송|진행|출연|대담|일시|구성|연출|작가|제작|채널)\s*[:：]\s*(?P<value>.{1,60})"
)
PROGRAMME_HOST = LazyPattern(r"(?P<name>[가-힣]{2,4})\s*(?:아나운서|앵커|기자|PD|DJ|진행자)?")
CREDITS = LazyPattern(r"(?:출연|진행|구성|연출)\s*[:：]\s*[^\s:：].{0,40}")  # a programme's credits
# A readers' letters page's row of contributors, each with a place: "기고자 : 홍길동·대전 서구 김철수·경북 상주시"
CONTRIBUTORS = LazyPattern(
    r"(?:기고자|글쓴이|작성자|필자)\s*[:：]\s*(?P<list>(?:[가-힣]{2,4}·[가-힣]{1,6}(?: [가-힣]{1,6})?\s*)+)"
)
CONTRIBUTOR = LazyPattern(r"(?<![가-힣])(?P<name>[가-힣]{2,4})·")
# A writer's name, in Hangul or Hanja, beside the button to their other articles: "趙甲濟 필자의 다른 기사보기"
WRITER_BUTTON = LazyPattern(
    r"(?P<name>[가-힣]{2,4}|[\u4e00-\u9fff]{2,4})\s+(?:필자|기자|저자)의?\s*(?:다른\s*기사\s*(?:더\s*)?보기|페이지)"
)
# A credit's label leading the line, the host or writer after it: "대담: 홍길동 한빛일보 객원대기자"
CREDIT_LABEL = LazyPattern(r"(?:대담|진행|글|기고|필자)\s*[:：]")
WRITER_LABEL = LazyPattern(
    r"(?:작성자|글쓴이|기자명|필자|글)\s*[:：|]?\s*(?P<who>[가-힣A-Za-z0-9]{2,20})(?:\s*\([^()]{1,30}\))?"
)
DESK = LazyPattern(r"\s*(?:편집국|편집부|보도국|보도부|취재부|취재팀|뉴스팀|온라인뉴스부)$")
COMMA_OUTLET = LazyPattern(r"(?P<outlet>[^\s,]{2,20}),")  # "뉴스1," left of a flattened "뉴스1, 2025년 …"
_BARE_NAME = LazyPattern(r"[가-힣]{2,4}")
# A name printed without a role ("유룡 2023. 9. 9. 07:04") starts with a family name: these cover
# nearly every Korean. A word beside a date that starts with none (a diary's 맑음) is no name.
_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염"
    "여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈"
)
# The sections and programme names a page prints beside the date ("앵커리포트 2026.02.11 …").
SECTION = LazyPattern(
    r"(?:뉴스)?(?:정치|경제|사회|문화|국제|산업|금융|증권|부동산|스포츠|연예|생활|전국|지역|오피니언|과학|테크|유통|건강|세계|북한"
    r"|IT|일반|종합|속보|단독|포토|칼럼|사설|기획|인터뷰|앵커리포트|리포트|기타|여론|독자)(?:부|팀|면)?"
)
_KNOWN_OUTLET = LazyPattern(r"한겨레|경향|조선|중앙|동아|국민|세계|한국|매일|프레시안|시사인|오마이뉴스")
WORDS = LazyPattern(r"[\s/·|•]+")
PIECES = LazyPattern(r"\s*(?:[|│｜/,·•ㆍ]|\sㅣ\s|\s-\s|\s{2,})\s*")
OUTLET_MAX = 20
# A section's English name, beside the date on a syndicating site ("Travel / 권준우 / 2024-12-10 …")
ENGLISH_SECTION = LazyPattern(
    r"(?:News|Travel|Culture|Sports?|Economy|Politics|World|Life(?:style)?|Business|Entertainment|Opinion"
    r"|Society|Local|National|Health|Science|Tech|IT|Finance|People|Issue|Photo|Columns?|Editorials?|Interviews?|Features?"
    r"|Careers?|Fashion|Beauty|Living|Food|Style|Design|Education|Money|Movies?|Music|Books?)"
)
FULL_STOP = LazyPattern(r"[.!?。][\"'”’)]?$")
SERIES_LABEL = LazyPattern(r"[\[【〔<〈《][^\]】〕>〉》]{2,40}[\]】〕>〉》]")
SENTENCE_END = LazyPattern(r"(?:다|요|죠|까)[.!?]?[\"'”’]?$|[.!?。][\"'”’)]?$")

# --- the body's dateline, byline and closing line --------------------------------------------
_OPEN = r"[\[［【〔(（<〈]"
_CLOSE = r"[\]］】〕)）>〉]"
# A picture file's endings, wherever a file name left on the page is told from text
PICTURE_ENDING = r"\.(?i:jpe?g|png|gif|webp)"
# A picture's file name the page glued before the byline: "김승호 박사.jpg[호남교육신문 김두헌 기자] …"
_PICTURE_FILE = rf"(?:[^\s\[\]][^\[\]]{{0,40}}?{PICTURE_ENDING}\s*)"
# The place after the outlet, before the reporter: "[홍주일보 홍성=김용환 인턴기자]"
_PLACE = r"(?:\s[가-힣]{2,3}(?=\s*=))"
BYLINE = LazyPattern(
    rf"^\s*{_PICTURE_FILE}?(?:{_OPEN}\s*(?P<pub1>[^\]\[()=】【]+?)(?:\([^()]{{1,10}}\)|{_PLACE})?\s*(?:[=/|ㅣ]|\s)\s*(?P<names1>{_NAME}(?:(?:\s*[·,ㆍ]\s*|\s+){_NAME})*)"
    rf"\s*{_ROLE}\s*{_CLOSE}"
    rf"|{_OPEN}\s*(?:[^)\]】=]+=)?\s*(?P<pub2>[^)\]】=]+?)\s*{_CLOSE}\s*"
    rf"(?P<names2>{_NAME}(?:(?:\s*[·,ㆍ]\s*|\s+){_NAME})*)\s*{_ROLE}\s*="
    # no bracket, the outlet's name before the reporter's: "아주경제 정하균 기자= …"
    rf"|(?P<pub3>[가-힣A-Za-z0-9]{{1,10}}(?:뉴스|일보|신문|경제|방송|저널|미디어|투데이|데일리))\s+"
    rf"(?P<names3>{_NAME})\s*{_ROLE}\s*[=|])"
)
CLOSING_REPORTER = LazyPattern(
    # the address may lead: "fnjung@fnnews.com 정기현 기자"; or the copyright notice, the reporter
    # after it with the button to their page: "Copyrights ⓒ 한빛뉴스. 무단 전재 및 재배포금지 홍길동기자 뉴스보기";
    # a broadcast's credit: "취재 : 홍길동 기자"; a note on the copy's source may come first ("<3월호 참조>")
    rf"^(?:<[^<>]{{2,30}}>\s*)?(?:(?P<lead>{_EMAIL})\s+|(?:(?i:copyrights?)\s*)?[ⓒ©][^ⓒ©]{{2,40}}?금지\.?\s+)?"
    rf"[/=\-–—<(\[]?\s*(?:글\s*[·ㆍ]?\s*(?:사진|그래픽)?\s*=?\s*|취재(?:기자)?\s*[:：]\s*)?(?P<names>{_NAMES})"
    rf"\s*(?:/\s*[가-힣]{{1,10}}?)?{_ROLE}"  # "<김명수/인물인터뷰전문기자 …>": the desk between name and role
    rf"(?:\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?\s*(?:의?\s*(?:다른\s*)?(?:기사|뉴스)\s*(?:더\s*보기|보기))?\s*[>)\]]?\s*$"
)
# "세종 = 글·사진 조해동 기자 haedong@munhwa.com", "보령=김창희 기자 chkim@munhwa.com"
DATELINE = LazyPattern(
    rf"^[가-힣A-Za-z]{{1,10}}\s*=\s*(?:글\s*[·ㆍ]?\s*(?:사진\s*)?=?\s*)?(?P<names>{_NAMES})\s*{_ROLE}"
    rf"(?:\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?\s*$"
)
# A broadcast report's last sentence names the station and the reporter: "KBS 뉴스 신강문입니다.",
# "뉴욕에서 TV조선 홍연주입니다."
BROADCAST_SIGN_OFF = LazyPattern(
    r"(?:^|[.\s])(?:[가-힣]{1,10}에서\s+)?(?P<outlet>[A-Z]{2,5}[가-힣]{0,3}|[가-힣]{1,6}(?:방송|[A-Z]{1,4}))"
    r"(?:\s*뉴스)?\s+(?P<name>[가-힣]{2,4})입니다\.?\s*$"
)
# A broadcast anchor handing over to the reporter: "조형준 기자가 정리했습니다.", "홍길동 기자가 보도합니다.",
# "홍길동 기잡니다." (기자입니다, as an anchor says it)
HANDOVER = LazyPattern(
    r"(?:(?<![\w])(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s+)?(?<![가-힣])(?P<name>[가-힣]{2,4}) 기(?:자가\s*"
    r"(?:[가-힣]{1,8}\s*)?(?:보도|취재|정리|전|소개|짚어"
    r"|알아|알려|만나|다녀)[가-힣]{0,6}(?:합니다|했습니다|봤습니다|왔습니다|드립니다|겠습니다)"
    r"|잡니다)\.?$"  # or the anchor's last words: "… 알아봤습니다. 장현수 기잡니다."
)
# The anchor calling the reporter on a line of its own: "김수강 기자."
CALLED = LazyPattern(r"(?P<name>[가-힣]{2,4}) 기자[.!]")
# A writer's name and role glued to the end of a closing paragraph: "… 당면과제이다. 변옥윤·객원논설위원",
# "… 강조했다. 염승열 기자"
GLUED_SIGNATURE = LazyPattern(
    rf"[.!?][\"'”’]?\s+(?P<name>[가-힣]{{2,4}})(?:\s*[·/]\s*|\s+)(?:객원|수석|전문|상임)?{_ROLE}$"
)
# ... with the address after the role: "… 있다. 김경호 선임기자 jijae@hani.co.kr"
ADDRESSED_SIGNATURE = LazyPattern(
    rf"[.!?][\"'”’]?\s+(?P<name>[가-힣]{{2,4}})\s+(?:객원|수석|전문|상임)?{_ROLE}\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?$"
)
# A transcript's speaker cue naming its anchor or reporter: "육서윤 앵커>", "마츠모토 시즈카 국민기자>"
SPEAKER_CUE = LazyPattern(r"(?P<name>[가-힣]{2,5}(?: [가-힣]{2,5})?)\s*(?:앵커|[가-힣]{0,2}기자)\s*>")
# "YTN 권남기 (kwonnk09@ytn.co.kr)": the outlet, the reporter and the address, closing the article
CLOSING_OUTLET_REPORTER = LazyPattern(
    rf"^(?P<open>\[)?[<〈]?\s*(?P<outlet>[A-Za-z0-9]{{2,12}}|[가-힣A-Za-z0-9]{{2,10}}(?:뉴스|일보|신문|방송|TV))"
    rf"\s+(?P<names>[가-힣]{{2,4}})(?:\s*(?P<role>{_ROLE}))?"
    # "<한빛일보 홍길동 기자 address>"; or in square brackets with the role, a photo's credit maybe
    # after a slash: "[한빛스타TV 홍길동 기자/사진=SBS 중계 캡처]"
    rf"(?(open)(?(role)(?:\s*/\s*사진\s*=[^\]]{{1,30}})?\s*\]|(?!))|\s*[(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?\s*[>〉]?)\s*$"
)
# "<저작권자 © 테크라인 무단전재 …>", "[저작권자(c) YTN …]", "Copyright © 전주MBC. …", "ⓒ 정원뉴스"
COPYRIGHT = LazyPattern(
    r"^\s*[<‹〈\[(]?\s*(?:저작권자|copyrights?|ⓒ|©)\s*(?:\(c\)|ⓒ|©)?\s*(?:\d{4}(?:\s*-\s*\d{4})?\s+)?"
    r"(?P<outlet>[^\s.,<>\[\]()]{2,20})",
    re.IGNORECASE,
)
# The copyright sign and the outlet after the notice: "무단전재 및 재배포 금지 ⓒ 한빛일보"
COPYRIGHT_LAST = LazyPattern(
    r"(?:무단\s*전재|재배포\s*금지|배포\s*금지).{0,20}?[ⓒ©]\s*(?P<outlet>[^\s.,<>\[\]()]{2,20})\s*[>\]]?\s*$"
)
ALONE_EMAIL = LazyPattern(rf"\s*(?P<email>{_EMAIL})\s*")
# In "[공주/CTN]" the outlet is after the place, in "[교육타임즈/충남교육]" before the section.
# The text opens with its outlet in brackets: "[파이낸셜뉴스] 계묘년 새해가 밝았다.", "[더팩트ㅣ사진공동취재단] …",
# "[내외경제TV - 경제1본부] …"
OPENING_OUTLET = LazyPattern(
    r"[\[【]\s*(?P<outlet>[^\]】|ㅣ=/\s][^\]】|ㅣ=/]{1,18}?)\s*(?:(?:[|ㅣ/]|-(?=\s))\s*(?P<desk>[^\]】]{1,20}))?[\]】]"
    # A particle glued after the bracket makes the name the sentence's subject: "[의협신문]이 …"
    r"(?!(?:이|가|은|는|을|를|의|에|와|과|도|로|으로|에서|에게)(?:\s|$))\s*"
)
# A broadcast's cues and labels, no deck: "[KBS 대전] [앵커]", "◀ 앵커 ▶", "<리포트>"
CUES = LazyPattern(
    r"(?:\s*[\[【<〈][^\]】>〉]{1,12}[\]】>〉]){2,}\s*"
    r"|\s*[\[【<〈◀]\s*(?:앵커|리포트|앵커\s*멘트|기자|인터뷰)\s*[\]】>〉▶]\s*"
)
OUTLET_LIKE = LazyPattern(
    r"(?:뉴스(?:통신)?|일보|신문|타임즈|타임스|경제|방송|저널|미디어|투데이|데일리|비즈|포스트|리뷰|닷컴|TV|tv)$"
    r"|(?<=[가-힣A-Za-z])[0-9]$"  # 뉴스1, not a number or a version
    r"|(?:뉴스|일보|신문|방송|미디어|투데이|데일리|TV)\d{2}$"  # 한빛뉴스24
    r"|^(?:주간|월간|계간)[가-힣A-Za-z]"  # a weekly's or a monthly's name: 주간동아, 월간조선
    r"|^(?:KBS|MBC|SBS|OBS|TBC|KNN|UBC|JTV|CJB|TJB|CBS|BBS|PBC)\s?[가-힣]{2,3}$"  # a regional station: KBS 대전
    r"|^[가-힣]{2,4}(?:MBC|KBS|SBS|BBS|CBS|PBC|OBS)$"  # 여수MBC, 대전KBS, 울산BBS
    r"|^(?i:kbs|mbc|sbs|obs|tbc|knn|ubc|jtv|cjb|tjb|cbs|bbs|pbc|jtbc|mbn|ytn)$"  # a station's call sign: tjb
    r"|^[A-Z][A-Za-z0-9.&]*(?: [A-Z][A-Za-z0-9.&]*){0,2}$"  # YTN, CTN, ZDNet Korea
)

CLOSING = tuple(".!?。…:;,)]」』>")
# The outlet after the page's title: "청원군의회 … 괴롭히기?-충청리뷰", "새 도서관 | 한빛일보"
TITLE_OUTLET = LazyPattern(r"\s*[-|ㅣ–—]\s*(?P<outlet>[^\s\-|ㅣ]{2,12})$")
# A Markdown file's head: never a news article's.
# A link's target has no space nor Hangul: "[주요 신문 사설](28일 조간)" is a headline.
MARKDOWN = LazyPattern(r"^(?:#{1,6}\s|```|~~~|<[a-zA-Z!/])|\]\([^\s()가-힣]*\)|^[=-]{3,}$|^\|?\s*:?-{3,}:?\s*\|")


def plain(line: str) -> str:
    """The line with its runs of whitespace (U+00A0, U+3000, tabs…) as single spaces."""
    line = line.strip()
    # Other spaces than " " are not printable: most lines need no work, and are told fast.
    return " ".join(line.split()) if "  " in line or not line.isprintable() else line


def is_bare_name(s: str) -> bool:
    return _BARE_NAME.fullmatch(s) is not None and s[0] in _SURNAMES


def is_outlet(name: str) -> bool:
    if name[-1:].isdigit() and name.isascii() and name.islower():
        return False  # "contsmark1": a template's marker, where an outlet's number follows its name (뉴스1)
    if is_menu_word(name):
        return False  # "뉴스", "NEWS", "LIFESTYLE": a menu's word; an outlet names itself before its kind
    return bool(OUTLET_LIKE.search(name) or _KNOWN_OUTLET.fullmatch(name))


def is_menu_word(word: str) -> bool:
    """A kind of outlet with no name before it ("뉴스", "뉴스방송"), or a section's English name in any
    case ("NEWS", "LIFESTYLE"): a menu's word, no outlet's."""
    return bool(_MEDIA_WORD.fullmatch(word) or _ANY_CASE_SECTION.fullmatch(word))


_MEDIA_WORD = LazyPattern(
    r"(?:뉴스(?:통신)?|일보|신문|타임즈|타임스|경제|방송|저널|미디어|투데이|데일리|비즈|포스트|리뷰|닷컴|TV|tv){1,2}"
)  # one kind, or two ("뉴스방송"), and no name
_ANY_CASE_SECTION = LazyPattern("(?i:" + ENGLISH_SECTION.pattern + ")")


def spaced_signer(s: str) -> str | None:
    """The name a spaced-out signature holds ("원장 윤 제 용": 윤제용), with the post beside it."""
    m = SPACED_SIGNATURE.fullmatch(s) if s.count(" ") >= 2 and len(s) <= 40 else None
    if m is None or not (m.group("before") or m.group("after")):
        return None
    name = m.group("name").replace(" ", "")
    return name if is_bare_name(name) else None


def split_authors(names: str, email: str | None) -> list[dict[str, str]]:
    # "[아시아경제 김혜원 기자, 나주석 기자]": the role repeated between names is not a name
    split = (_cut_section(n) for n in _NAME_SEPARATORS.split(names))
    # nor is a desk's section ("이준혁 정치부장" read as 이준혁, 정치 and 부장)
    found = [
        {"name": n} for n in split if n and not ROLE_ONLY.fullmatch(n) and not SECTION.fullmatch(n)
        and not EDITOR_DESK.fullmatch(n)  # "홍길동, 피처 에디터": the editor's desk, no second name
        and n not in _CREDIT_WORDS  # "대담·정리 홍길동 기자": what the writer did, no name
        and n not in _ROLE_PARTS  # "홍길동 객원기자" read as 홍길동, 객원 and 기자
    ]  # fmt: skip
    found = [f for f in found if f["name"] not in ACCOUNTS]  # "관리자 기자": the site's account, no one
    if email and len(found) == 1:
        found[0]["email"] = email
    return found


ACCOUNTS = frozenset({"관리자", "운영자", "최고관리자"})
_CREDIT_WORDS = frozenset({"정리", "대담", "취재", "사진", "영상", "그래픽", "진행", "글"})
_ROLE_PARTS = frozenset({"객원", "수습", "선임", "수석", "전문", "시민", "명예", "학생", "편집", "상임", "보도"})


def _cut_section(name: str) -> str:
    if len(name) <= 4:
        return name
    cut = SECTION_PREFIX.sub("", name)
    return cut if 2 <= len(cut) <= 4 else name[-3:]
