"""The body of a plain-text news article as HTML: paragraphs, subheadings, captions and notes.

What each line *is* (a caption, a copyright note, a hashtag line, a byline) is read with the
patterns of ``feeds.readers.newscaptions`` and ``feeds.readers.newswords``, the words the news
reader knows articles by; nothing here drops a line: captions become ``<figure><figcaption>``,
closing notes ``<small>``, hashtags stay text.
"""

from __future__ import annotations

import html
import re

from feeds.readers.newscaptions import (
    BOOK_ENTRY,
    CREDIT_END,
    CREDIT_ONLY,
    HASHTAGS,
    NOTE,
    PHOTOGRAPHER_END,
    PHOTOGRAPHER_SIGN,
    SEPARATED_CREDIT,
    SIGNED_BY_OUTLET,
    ends_in_photo_credit,
    is_caption,
    is_photo_credit,
    is_sign_credit,
)
from feeds.readers.newsdeck import agency_after_stop, titled
from feeds.readers.newstitle import is_buttons, printed_twice
from feeds.readers.newswords import (
    BYLINE,
    CLOSING,
    CLOSING_REPORTER,
    DATELINE,
    JUNK_WORD,
    PICTURE_ENDING,
    is_outlet,
    plain,
)

SUBHEADING_MAX = 60
CAPTION_MAX = 150  # a credit at the end of a longer line ends a paragraph, not a caption


def to_html(body: str) -> str:
    """The body as HTML: paragraphs, subheadings, photo captions and notes, nothing dropped."""
    blocks = _blocks(body)
    out: list[str] = []
    for i, (kind, lines) in enumerate(blocks):
        text = "\n".join(html.escape(line, quote=False) for line in lines)
        if kind == "p" and _is_subheading(blocks, i):
            out.append(f"<h3>{text}</h3>")
        elif kind == "caption":
            out.append(f"<figure><figcaption>{text}</figcaption></figure>")
        elif kind == "note":
            out.append(f"<p><small>{text}</small></p>")
        else:
            out.append(f"<p>{text}</p>")
    return "\n".join(out)


def _blocks(body: str) -> list[tuple[str, list[str]]]:
    """Blank-line separated paragraphs; a caption, note or hashtag line is always a block of its own."""
    blocks: list[tuple[str, list[str]]] = []
    current: list[str] = []
    lines = [raw.strip() for raw in body.split("\n")]
    before_text = True  # no paragraph yet: a caption's place, before the dateline or byline
    zone = _caption_zone(lines)

    def flush() -> None:
        if current:
            blocks.append(("p", current.copy()))
            current.clear()

    for i, line in enumerate(lines):
        if not line:
            flush()
            continue
        kind = _kind(lines, i, before_text, alone=not current, zone=zone)
        if kind == "p":
            current.append(line)
            before_text = False
        else:
            flush()
            blocks.append((kind, [line]))
    flush()
    return blocks


def _kind(lines: list[str], i: int, before_text: bool, *, alone: bool, zone: int) -> str:
    """What line ``i`` is: "caption", "note", "tags" or "p" (part of a paragraph)."""
    line = lines[i]
    s = plain(line)
    if HASHTAGS.match(s):
        return "tags"
    if _FILE_NAME.fullmatch(s):
        return "p"  # a picture's file name, left by the copy: no reader saw it as a caption
    twice = repeated(lines, i)
    if twice and CLOSING_REPORTER.match(s) and not _text_past_copies(lines, i):
        return "p"  # "/홍길동 기자" printed twice closing the text: the writer's signature
    if twice or (alone and _twice_on_one_line(s)) or _glued_copy(lines, i):
        return "caption"  # a photo's alt text and its caption, the same words line after line or glued
    listed = s[0] in "▲△" and (_in_list(lines, i) or BOOK_ENTRY.match(s) is not None)
    # A paragraph's sentences are cheaper to count than a caption's patterns to try.
    if (not listed and not _credited_paragraph(s) and is_caption(s)) or CREDIT_ONLY.fullmatch(s):
        return "caption"
    if alone and len(s) <= CAPTION_MAX and agency_after_stop(s):
        return "caption"  # "… 주인공이 됐다.<뉴시스>": the photo's caption, credited after its full stop
    credit = False
    if "ⓒ" in s or "©" in s:  # each of these credits is led by a copyright sign: most lines have none
        credit = (is_photo_credit(s) or ends_in_photo_credit(s)) and any(lines[i + 1 :])
        credit = credit or ((is_sign_credit(s) or _signed_at_end(s)) and text_after(lines, i))
    if credit or (alone and len(s) <= CAPTION_MAX and _credit_below(lines, i)):
        return "caption"  # "ⓒ 홍길동" under a photo, and the line it credits; last, it closes the article
    if alone and len(s) <= CAPTION_MAX and _ALT_TEXT.search(s) and (i + 1 == len(lines) or not lines[i + 1]):
        return "caption"  # "<headline> 기사의 사진": the photo's alt text, a line of its own
    if alone and len(s) <= CAPTION_MAX and PHOTOGRAPHER_SIGN.search(s) and text_after(lines, i):
        return "caption"  # "… 있다. /홍길동 기자" between paragraphs: a photo's; closing the text, the writer's
    if alone and len(s) <= CAPTION_MAX and _signed_by_outlet(s) and text_after(lines, i):
        return "caption"  # "… 출연했다. 한빛방송.": a photo signed with the outlet's name between paragraphs
    if len(s) <= 200 and _note(s) and not _SPEECH.fullmatch(s):
        return "note"  # a notice; someone's words on copying, quoted, are the text
    if alone and len(s) <= CAPTION_MAX and i > 0 and lines[i - 1] and CREDIT_ONLY.fullmatch(plain(lines[i - 1])):
        return "caption"  # glued under a credit alone ("뉴스1"): the photo's caption, its credit above it
    if before_text and alone and "@" in s and PHOTOGRAPHER_END.search(s):
        return "caption"  # the photo under the head, signed by its photographer
    if alone and len(s) <= CAPTION_MAX and _POSITIONS.search(s):
        return "caption"  # "… 홍길동 시장(앞줄 왼쪽에서 세 번째)": who the photo shows, and where they stand
    if len(s) <= SOURCE_MAX and (_SOURCE.search(s) or (s.endswith(_PICTURED_STOP) and _under_caption(lines, i))):
        return "caption"  # "행사 안내문. 출처=한빛시청", "열람실 모습." under a photo's signed caption
    if len(s) > CAPTION_MAX or BYLINE.match(s) or DATELINE.match(s):
        return "p"
    ends_block = i + 1 == len(lines) or not lines[i + 1]
    if before_text and CREDIT_END.search(s):
        return "caption"
    if alone and ends_block and SEPARATED_CREDIT.search(s):
        return "caption"
    # Above the dateline or byline, a line standing alone is what the page showed under a photo.
    if alone and ends_block and s.endswith(_PICTURED) and i > _first(lines):
        return "caption"  # "… 케익커팅을 하고있다", no full stop: what a photo shows, not a sentence of the text
    if i < zone and alone and (ends_block or i + 1 == zone) and not s.startswith(_LABELS) and not is_buttons(s):
        return "caption"
    if before_text and alone and i == _first(lines) and not ends_block and len(s) <= SOURCE_MAX and titled(s):
        return "caption"  # "한빛시청 도서관장 홍길동." glued above the text: the writer's photo
    # A short line glued to the text below it, before any text: the photo's subject ("박성웅").
    if before_text and alone and i == _first(lines) and not ends_block and len(s) <= SUBJECT_MAX and _plain_words(s):
        # unless the text goes on in short lines, as a broadcast's script breaks its sentences
        return "caption" if len(plain(lines[i + 1])) > SCRIPT_LINE_MAX else "p"
    return "p"


# A paragraph of three sentences or more may credit its photo at its end: no caption is so long,
# unless a triangle marks it as one.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s")


def _credited_paragraph(s: str) -> bool:
    return s[0] not in "▲△" and len(_SENTENCE_BREAK.findall(s)) >= 3


# A photo's alt text naming what it illustrates: "<headline> 기사의 사진", "… 관련 이미지".
_ALT_TEXT = re.compile(r"\s(?:기사의?|관련)\s*(?:대표\s*)?(?:사진|이미지)$")
_PICTURED = ("있다", "있는 모습", "모습")
_PICTURED_STOP = ("있다.", "모습.")
# A photo's source at the end of its caption: "행사 안내문. 출처=한빛시청", "… (출처: 한빛시청)"
_SOURCE = re.compile(r"(?:^|[\s.(])출처\s*[=:：]\s*[^\s=:：][^.=:：]{0,30}\)?$")
SOURCE_MAX = 60
_POSITIONS = re.compile(r"\([^()]*(?:왼쪽|오른쪽|가운데|앞줄|뒷줄|좌측|우측)[^()]*\)\.?$")


def _under_caption(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is glued under a photo's caption, signed or with its credit."""
    above = plain(lines[i - 1]) if i > 0 and lines[i - 1] else ""
    return bool(above) and (is_caption(above) or PHOTOGRAPHER_SIGN.search(above) is not None)


_FILE_NAME = re.compile(rf"\S+{PICTURE_ENDING}")
_LABELS = tuple("■□◆◇▶▷●○【〈<[(")  # series labels and boxes, not captions
ZONE_LINES = 8  # a dateline or byline further down is not where the article starts
SUBJECT_MAX = 20  # a deck line under the head is longer, or quotes someone
SCRIPT_LINE_MAX = 40  # a script's lines are short; the paragraph under a photo's subject is longer
_SPEECH = re.compile(r"[“\"].+(?:다|요)[.!?]?[”\"]")  # a quoted sentence: “… 주의해야 합니다.”
_QUOTES = frozenset("\"“”‘’'")


def _signed_by_outlet(s: str) -> bool:
    """Whether a line is a sentence, then the outlet's name alone as its last one: a photo's credit."""
    m = SIGNED_BY_OUTLET.search(s)
    return m is not None and is_outlet(m.group("outlet"))


def _plain_words(s: str) -> bool:
    """Words a photo's subject may be: no sentence, no quote, not the page's buttons ("스크랩버튼")."""
    return not s.endswith(CLOSING) and _QUOTES.isdisjoint(s) and not JUNK_WORD.fullmatch(s)


def _caption_zone(lines: list[str]) -> int:
    """The index of the dateline or byline that starts the article, if it is among its first lines;
    a line that is only a byline, closing a short article ("신안=홍길동 기자" over the copyright),
    starts nothing."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        s = plain(line)
        m = BYLINE.match(s) or DATELINE.match(s)
        if m:
            return 0 if m.end() >= len(s.rstrip()) and not text_after(lines, i) else i
        seen += 1
        if seen == ZONE_LINES:
            break
    return 0


# Something every alternative of NOTE holds, looked for without its search: one of its words or
# signs ("Ⓒ" is "ⓒ" case-blind), or the "co" or "(c)" its case-blind "copyright" and "(c)" start
# with (only these: a case-blind "i" would also be "İ" or "ı").
_NOTE_WORDS = ("저작권자", "무단", "금지", "끝", "◎", "기사는", "ⓒ", "Ⓒ", "©")
_COPYRIGHT_START = re.compile(r"[cC][oO]|\([cC]\)")


def _note(s: str) -> bool:
    """``NOTE.search(s)``, without the search where it cannot match: most lines hold none of its words."""
    if not (any(word in s for word in _NOTE_WORDS) or (("c" in s or "C" in s) and _COPYRIGHT_START.search(s))):
        return False
    return NOTE.search(s) is not None


def repeated(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is printed again right above or under itself, with or without the
    caption's triangle or its full stop (a photo's alt text, then "▲" and its caption)."""
    here = lines[i].lstrip("▲△ ").rstrip(". ")
    if not here:
        return False
    if i > 0 and lines[i - 1].lstrip("▲△ ").rstrip(". ") == here:
        return True
    return i + 1 < len(lines) and lines[i + 1].lstrip("▲△ ").rstrip(". ") == here


def _text_past_copies(lines: list[str], i: int) -> bool:
    """Whether text other than copies of line ``i`` and closing notes follows it."""
    return any(line and line != lines[i] and not _note(line) for line in lines[i + 1 :])


def _glued_copy(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is one of a photo's title, its caption and the two glued on the next
    line as its alt text ("코로나 현장에서" / "… 있다. 홍길동 기자" / "코로나 현장에서 … 홍길동 기자")."""
    for a in (i - 2, i - 1, i):
        if a < 0 or a + 2 >= len(lines) or not (lines[a] and lines[a + 1] and lines[a + 2]):
            continue
        if " ".join(lines[a + 2].split()) == " ".join(f"{lines[a]} {lines[a + 1]}".split()):
            return True
    return False


_TWICE_START = 20  # the words both copies start with
_TWICE_END = 6  # and end with: a credit, "(왼쪽부터)."


def _twice_on_one_line(s: str) -> bool:
    """Whether a line is one caption printed twice, glued, the second maybe worded a little apart:
    a photo's alt text and its caption ("… 회장(왼쪽부터).인민왕 한국어판이 … 회장(왼쪽부터).")."""
    if len(s) > 2 * CAPTION_MAX:
        return False
    half = len(s) // 2
    if s[:half] == s[len(s) - half :] and printed_twice(s):  # it says yes only if the halves are alike
        return True  # the very same words twice
    if len(s) < 2 * _TWICE_START:
        return False
    end = s.rstrip(" .")[-_TWICE_END:]
    if not (")" in end or "]" in end):
        return False  # a caption's credit or its "(왼쪽부터)" ends it; a paragraph printed twice is the text
    for p in range(int(len(s) * 0.4), int(len(s) * 0.6) + 1):
        if s.startswith(s[p : p + _TWICE_START]) and s[:p].rstrip(" .").endswith(end):
            return True
    return False


def text_after(lines: list[str], i: int) -> bool:
    """Whether text follows line ``i``, not only closing notes: "ⓒSBS" between paragraphs credits
    the photo above it; under the last paragraph it is the outlet's copyright."""
    return any(line and not _note(line) for line in lines[i + 1 :])


def _signed_at_end(s: str) -> bool:
    """Whether a caption ends in a copyright sign and its credit ("개관식 모습. ⓒ한빛일보"): between
    paragraphs, a photo's; a notice ending so ("무단전재 및 재배포 금지 ⓒ 한빛일보") is no caption."""
    sign = max(s.rfind("ⓒ"), s.rfind("©"))
    return sign > 0 and s[sign - 1] in " ./" and is_sign_credit(s[sign:]) and not _note(s[:sign])


def _credit_below(lines: list[str], i: int) -> bool:
    """Whether a photo's credit is glued under line ``i``, with more text after it: the last line
    of an article is its closing ("ⓒ 홍길동" under a column), not a photo's credit."""
    if not (i + 1 < len(lines) and lines[i + 1] and is_photo_credit(plain(lines[i + 1]))):
        return False
    return any(lines[i + 2 :])


def _first(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if line), -1)


def _in_list(lines: list[str], i: int) -> bool:
    """Whether a ▲ line is one item of several ("▲쿠키 만들기 ▲열쇠고리 만들기" one per line)."""
    return any(0 <= j < len(lines) and lines[j][:1] in ("▲", "△") for j in (i - 1, i + 1))


def _is_subheading(blocks: list[tuple[str, list[str]]], i: int) -> bool:
    _, lines = blocks[i]
    if len(lines) != 1 or i == 0 or i == len(blocks) - 1:
        return False
    line = lines[0]
    if len(line) > SUBHEADING_MAX or line.endswith(CLOSING) or BYLINE.match(line):
        return False
    # Between paragraphs: what follows must be body text, not another heading or a caption.
    following = blocks[i + 1]
    return following[0] == "p" and (
        len(following[1]) > 1 or len(following[1][0]) > SUBHEADING_MAX or following[1][0].endswith(CLOSING)
    )
