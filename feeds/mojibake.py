"""Korean text decoded with the wrong codec (mojibake): found cheaply, repaired only when exact.

Two mistakes are common on the web. EUC-KR/CP949 bytes read as Latin-1 or CP1252 turn 입력 into
``ÀÔ·Â``; UTF-8 bytes read as CP1252 turn it into ``ìž…ë ¥``. Either way almost every character
lands in U+0080-U+00FF, so text with no character in the Latin-1 letters block U+00C0-U+00FF is
never looked at again (one regex scan), and text where such characters are rare (``café``,
``Müller``) is left alone. A repair is kept only when re-encoding the text gives bytes that
decode *strictly* to mostly Hangul: anything less would change what the author wrote.

ftfy handles UTF-8 read as CP1252/Latin-1. It does not handle EUC-KR read as Latin-1 (it never
guesses a legacy CJK codec), so that case, and the mixed Latin-1/UTF-8 form some crawlers store
such pages in, is done here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from feeds.lazyre import LazyPattern

_GATE = re.compile("[\u00c0-\u00ff]")
_HIGH = re.compile("[\u0080-\u00ff]")
_LETTER_OR_HIGH = re.compile("[^\\W\\d_]|[\u0080-\u00ff]")  # each character counted once
_HANGUL = LazyPattern("[\uac00-\ud7a3]")  # needed only for text that is mojibake
_ASCII_OR_SPACE = re.compile(r"[\x00-\x7f\s]")
MIN_SUSPECTS = 8  # a few accented letters never make a file mojibake (nor a 2-syllable word)
DENSITY = 0.3  # share of U+0080-U+00FF characters among the letters; European text stays far below
HANGUL_SHARE = 0.5  # of the repaired non-ASCII characters (the rest: punctuation, Hanja, symbols)
MIN_SYLLABLES = 4
# CP1252's characters for bytes 0x80-0x9F. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined there;
# readers keep them as the Latin-1 C1 controls, which the Latin-1 rule already covers.
_CP1252_BYTE = {bytes([b]).decode("cp1252", errors="ignore"): b for b in range(0x80, 0xA0)}
_CP1252_BYTE.pop("", None)


@dataclass(frozen=True)
class Repair:
    text: str
    how: str  # e.g. "EUC-KR/CP949 read as Latin-1"


def suspect(text: str) -> bool:
    """Whether ``text`` is dense enough in Latin-1 characters to be mojibake (cheap on normal text)."""
    if _GATE.search(text) is None:
        return False
    high = len(_HIGH.findall(text))
    if high < MIN_SUSPECTS:
        return False
    return high >= DENSITY * len(_LETTER_OR_HIGH.findall(text))


def suspect_lines(text: str) -> list[str]:
    """The lines of ``text`` that are ``suspect`` on their own, with the whole text when it is.

    A short garbled paragraph under long ASCII front matter is diluted below the density of the
    whole file, yet it is all a feed's <content> shows, where ``feeds validate`` judges it alone.
    """
    if _GATE.search(text) is None:  # normal text stops here, at the cost of one scan
        return []
    found = [text] if suspect(text) else []
    found += [line for line in text.split("\n") if _GATE.search(line) and suspect(line)]
    return found


def repair(text: str) -> Repair | None:
    """The exact repair of Korean mojibake ``text``, or None when no codec pair gives one."""
    for how, encode in (
        ("EUC-KR/CP949 read as Latin-1/CP1252", _legacy_bytes),
        ("EUC-KR/CP949 stored as mixed Latin-1/UTF-8", _mixed_bytes),
    ):
        data = encode(text)
        if data is None:
            continue
        try:
            fixed = data.decode("cp949")
        except UnicodeDecodeError:
            continue
        if _mostly_hangul(fixed):
            return Repair(fixed, how)
    import ftfy  # only here: importing it costs every worker time, and most text never gets this far

    fixed, steps = ftfy.fix_encoding_and_explain(text)  # the encoding fix alone: no quote or width changes
    if steps and not suspect(fixed) and _mostly_hangul(fixed):
        return Repair(fixed, "UTF-8 read as CP1252/Latin-1")
    return None


def is_korean_mojibake(text: str) -> bool:
    """Whether ``text`` is Korean mojibake, repairable or not (lost bytes leave it unrepairable)."""
    if not suspect(text):
        return False
    if repair(text) is not None:
        return True
    # Lossy: decode what is left, replacing what cannot be, and see whether Korean comes out.
    for data, codec in ((_mixed_bytes(text), "cp949"), (_legacy_bytes(text), "utf-8")):
        if data is None:
            continue
        rough = data.decode(codec, errors="replace")
        if rough.count("\ufffd") <= len(rough) // 10 and _mostly_hangul(rough.replace("\ufffd", "")):
            return True
    return False


def first_suspect_line(text: str) -> int:
    """The 1-based line of the first Latin-1 letter, for messages."""
    m = _GATE.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def sample(text: str, width: int = 12) -> str:
    """A short piece of the mojibake around its first Latin-1 letter, for messages."""
    m = _GATE.search(text)
    start = m.start() if m else 0
    return " ".join(text[start : start + width].split())


def _legacy_bytes(text: str) -> bytes | None:
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
        elif ch in _CP1252_BYTE:
            out.append(_CP1252_BYTE[ch])
        else:
            return None
    return bytes(out)


def _mixed_bytes(text: str) -> bytes | None:
    # Some crawlers decode each valid UTF-8 sequence as UTF-8 and every other byte as Latin-1.
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
        else:
            out += ch.encode("utf-8", errors="surrogatepass")
    return bytes(out)


def _mostly_hangul(text: str) -> bool:
    # Only the 2,350 syllables of KS X 1001 (EUC-KR) count: real Korean text is made of them,
    # while random bytes read as CP949 land mostly in its 8,822 rarely used extension syllables.
    rest = _ASCII_OR_SPACE.sub("", text)
    common = _common_syllables()
    syllables = sum(1 for ch in _HANGUL.findall(rest) if ch in common)
    return syllables >= MIN_SYLLABLES and syllables >= HANGUL_SHARE * len(rest)


def plausibly_korean(text: str) -> bool:
    """Whether ``text``, decoded as CP949, reads as Korean: the syllables of KS X 1001 are at least
    half of its other characters than ASCII and spaces.

    Almost any bytes decode as CP949, to the extension syllables no one writes: Windows-1252's
    curly apostrophe and the letter after it (``It’s``, 92 73) make 뭩.
    """
    rest = _ASCII_OR_SPACE.sub("", text)
    common = _common_syllables()
    syllables = sum(1 for ch in _HANGUL.findall(rest) if ch in common)
    return syllables > 0 and syllables >= HANGUL_SHARE * len(rest)


def plausibly_western(text: str) -> bool:
    """Whether ``text``, decoded as Windows-1252, reads as Western text: its letters beyond ASCII
    are few (the density ``suspect`` looks for). Cyrillic or Greek bytes decode to little else."""
    high = len(_HIGH.findall(text))
    return high < MIN_SUSPECTS or high < DENSITY * len(_LETTER_OR_HIGH.findall(text))


@lru_cache(maxsize=1)
def _common_syllables() -> frozenset[str]:
    return frozenset(bytes([lead, trail]).decode("euc_kr") for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF))
