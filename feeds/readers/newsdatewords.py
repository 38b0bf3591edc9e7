"""The words of a news page's date stamps: dates as pages print them, their labels, weekdays, clocks.

Apart from ``feeds.readers.newswords`` (people, outlets, page junk) because a stamp is one concern
with its own small grammar: ``feeds.readers.newsstamps`` cuts stamps out of a line with these, and
the head reader tells a stamp's line from a headline by them.
"""

from __future__ import annotations

from feeds.lazyre import LazyPattern

# --- date stamps -----------------------------------------------------------------------------
# A stamp is cut out of its line as written and parsed by feeds.dates (which knows every form
# here); these patterns only have to find where it starts and ends.
# The weekday, Korean or English in brackets as the Korean is: "(목)", "목요일", "(Thu)"
_DAY = r"(?:\s*\(\s*(?:[월화수목금토일]|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*\)|\s*[월화수목금토일]요일)?"
_CLOCK = r"(?:(?:오전|오후|AM|PM)\s*)?\d{1,2}:\s?\d{2}(?::\d{2})?(?:\s*(?:AM|PM)(?![A-Za-z]))?"
_KO_CLOCK = r"(?:(?:오전|오후)\s*)?\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?(?:\s*\d{1,2}\s*초)?"
_ISO_TIME = r"T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
_TIME = rf"(?:{_ISO_TIME}|\s*,?\s*(?:{_CLOCK}|{_KO_CLOCK})|\s*[(\[]\s*{_CLOCK}\s*[)\]])?"
_ZONE = r"(?:\s*(?:KST|UTC|GMT|JST)(?![A-Za-z]))?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?)"  # "Friday", "Fri"
ENGLISH_WEEKDAY = LazyPattern(_WEEKDAY)
# A North Korean paper's year in the Juche calendar, the common year in brackets: "주체107(2018)년"
JUCHE = r"주체\s*\d{1,3}\s*\(\s*(\d{4})\s*\)"
DATE = (
    r"(?<!\d)(?:\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?!\d)\.?(?:일(?![가-힣]))?"
    rf"|(?:{JUCHE}|\d{{4}})\s*년\s*\d{{1,2}}\s*월\s*\d{{1,2}}\s*일"
    rf"|(?<![A-Za-z])(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}},\s*\d{{4}}(?!\d)"  # "Dec 28,2017", "Friday, Jan. 9, 2015"
    rf"|(?<![\w.])\d{{1,2}}\s+{_MONTH}\s+\d{{4}}(?!\d)"  # the day first: "2 Jan 2024"
    r"|(?<![\d.])[01]?\d\.[0-3]?\d\.\d{4}(?![\d.]))" + _DAY + _TIME + _ZONE  # the American order: "02.15.2025"
)
_UPDATED_LABEL = r"(?:최종\s*)?(?:수정|업데이트|갱신)(?:됨)?"
_PUBLISHED_LABEL = (
    r"(?:기사\s*)?(?:최초\s*)?(?:입력|등록|승인|게재|게시|발행|작성|송고|보도|배포|방영|출고"
    r"|(?<![A-Za-z])(?:(?:[Pp]osted|[Pp]ublished)(?:\s+on)?|On))"  # "posted Aug 05, 2019", "On August 09, 2018"
)
_LABEL = rf"(?:{_UPDATED_LABEL}|{_PUBLISHED_LABEL})(?:\s*(?:일시|일자|시간|시각|날짜|일))?"
# The label comes before the date ("입력 2024.04.05", "입력 | 2024.04.05"), or, on a line that
# starts with a date, after it ("2024.04.05 09:40 입력 | 2024.04.05 10:11 수정").
DATE_STAMP = LazyPattern(DATE)
# A date and its weekday alone: "2019.10.21 (월)", as a site's date bar prints today's date
DATE_BAR = LazyPattern(
    r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?\s*(?:\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일)"
)
# The site's clock, its English label, the time and the weekday: "updated. 2024-04-27 13:15 (토)",
# "UPDATE : 2024-03-29 18:29 (금)"; above the article's labelled stamp, it dates the page, not the article.
SITE_CLOCK = LazyPattern(
    r"(?i:(?:last\s+)?updated?)\.?\s*[:：]?\s*\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?\s*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일)"
)
WEEKDAY = LazyPattern(r"\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일")  # "(토)", "토요일"
MAYBE_DATE = LazyPattern(
    rf"\d{{4}}\s*\)?\s*(?:[-./]|년)|\d[,.]\s*\d{{4}}|\d\s+{_MONTH}\s+\d{{4}}"
)  # cheap: most lines have no date at all
LABEL_BEFORE = LazyPattern(rf"(?P<label>{_LABEL})\s*[:：|]?\s*[\[(]?\s*$")  # "등록날짜 [ 2006-12-12 … ]"
LABEL_AFTER = LazyPattern(rf"\s*(?P<label>{_LABEL})(?!\s*[:：]?\s*\d)")
LABEL_ONLY = LazyPattern(rf"(?:[•·\-]\s*)?{_LABEL}\s*[:：|]?")
IS_UPDATE = LazyPattern(_UPDATED_LABEL)
# A board's stamp with a two-digit year ("작성일 : 20-02-25 09:45"): a date only after a stamp's label,
# where "20-02-25" alone may as well be a score or a code.
SHORT_YEAR = LazyPattern(
    rf"(?:{_LABEL})\s*[:：|]?\s*(?<![\d.])(?P<year>\d{{2}})(?P<sep>[-./])\d{{1,2}}(?P=sep)\d{{1,2}}(?![\d.])"
)
# A labelled stamp with spaces in place of its date's dots ("입력 2022 11 20 20:28"): a date only
# after a stamp's label and before its time or the line's end, where bare numbers may be anything.
SPACED_STAMP = LazyPattern(
    rf"(?P<label>{_LABEL})\s*[:：|]?\s*(?P<date>\d{{4}} (?:0?[1-9]|1[0-2]) (?:0?[1-9]|[12]\d|3[01]))"
    r"(?=\s+\d{1,2}:\d{2}|\s*$)"
)
# A headline with its labelled stamp after it, on one line: "전통 문화의 향기 등록일 : 2018-03-15 12:00"
TITLED_STAMP = LazyPattern(rf"(?P<title>[^\s].{{2,}}?[^\s|:：])\s+(?={_LABEL}\s*[:：|]?\s*\d{{4}})")
# ... or its site's name and the date, after a slash: "… 친목모임 / 在日中国朝鮮族 2021.11.08"
TITLED_DATE = LazyPattern(rf"(?P<title>[^\s].{{2,}}?[^\s|:：])\s+/\s+[^\s/\d][^\s/]{{1,19}}\s+(?=(?:{DATE})$)")
