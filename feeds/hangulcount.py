"""Whether a text is mostly Korean: its Hangul counted against the other scripts' letters, in C
loops over the text's encodings rather than a regular expression over its characters."""

from __future__ import annotations

from collections.abc import Iterable

# Letters that tell a language: Hangul, and the other scripts' letters (plain character ranges, not
# Unicode categories: a category is looked up in Python for each character).
_HANGUL_RANGES = ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))
_OTHER_LETTER_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF),
                        (0x590, 0x6FF), (0x900, 0xDFF), (0xE00, 0xEFF), (0x3040, 0x30FF), (0x3400, 0x4DBF),
                        (0x4E00, 0x9FFF))  # fmt: skip


def mostly_hangul(sample: str) -> bool:
    """Whether ``sample`` holds more Hangul (_HANGUL_RANGES) than other letters (_OTHER_LETTER_RANGES)."""
    latin = sample.encode("latin-1", "ignore")
    if len(latin) == len(sample):
        return False  # no Hangul below U+0100
    units = sample.encode("utf-16-be", "surrogatepass")
    high = units[0::2]
    hangul = _HANGUL_COUNT.count_latin(latin) + _HANGUL_COUNT.count_wide(units, high)
    if not hangul:
        return False
    other = _OTHER_LETTER_COUNT.count_latin(latin)
    # The other letters at or above U+0100 are at most the characters there that are not Hangul:
    # in Korean text the Hangul outnumber those, and they need not be counted.
    if hangul > other + len(sample) - len(latin) - hangul:
        return True
    return hangul > other + _OTHER_LETTER_COUNT.count_wide(units, high)


class _Counter:
    """Counts the characters of a text that fall in some ranges of the Basic Multilingual Plane.

    What ``len(re.findall("[ranges]", text))`` gives, a few dozen times faster: that regex was a
    large share of reading a big Korean site. The text is encoded (C loops): its characters below
    U+0100 as Latin-1 bytes, and the rest as UTF-16 code units, split into high and low bytes.
    A deleting bytes.translate counts the bytes in a set: the Latin-1 ones in the ranges, and
    the high bytes of the 256-character blocks wholly inside the ranges. Blocks only partly
    inside are few, and are checked one character at a time.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        blocks: dict[int, set[int]] = {block: set() for block in range(0x100)}  # high byte -> low bytes
        for low, high in ranges:
            assert high <= 0xFFFF and (high < 0xD800 or low > 0xDFFF)
            for block in range(low >> 8, (high >> 8) + 1):
                blocks[block].update(range(max(low, block << 8) & 0xFF, (min(high, block << 8 | 0xFF) & 0xFF) + 1))
        self.latin_deleted = bytes(c for c in range(0x100) if c not in blocks[0])
        self.block_deleted = bytes([0] + [b for b in range(1, 0x100) if len(blocks[b]) < 0x100])
        self.partial = tuple((bytes([b]), frozenset(lows)) for b, lows in blocks.items() if b and 0 < len(lows) < 0x100)

    def count(self, text: str) -> int:
        latin = text.encode("latin-1", "ignore")
        if len(latin) == len(text):
            return self.count_latin(latin)
        # Surrogates (from characters beyond the BMP) have high bytes D8-DF, in no range.
        units = text.encode("utf-16-be", "surrogatepass")
        return self.count_latin(latin) + self.count_wide(units, units[0::2])

    def count_latin(self, latin: bytes) -> int:
        """How many of the characters below U+0100 (``latin``: the text encoded as Latin-1, others left out)."""
        return len(latin.translate(None, self.latin_deleted))

    def count_wide(self, units: bytes, high: bytes) -> int:
        """How many at or above U+0100, given the text's UTF-16-BE ``units`` and their ``high`` bytes."""
        found = len(high.translate(None, self.block_deleted))
        for block, lows in self.partial:
            at = high.find(block)
            while at != -1:
                found += units[2 * at + 1] in lows
                at = high.find(block, at + 1)
        return found


_HANGUL_COUNT = _Counter(_HANGUL_RANGES)
_OTHER_LETTER_COUNT = _Counter(_OTHER_LETTER_RANGES)
