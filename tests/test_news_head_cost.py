"""The head reader's shortcuts give the answers of the patterns and tests they stand in for."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from feeds.readers import newsbody, newstitle
from feeds.readers.newsdatewords import DATE_STAMP
from feeds.readers.newswords import COPYRIGHT_LAST, GLUED_SIGNATURE, JUNK_WORD, is_junk_word, plain

WORDS = [
    "프린트하기", "hanbit.co.kr", "www.hanbit.com", "https://example.com/a.jpg", "webmaster@", "hong@example.com",
    "a.b@", "HANBIT.KR", "hanbit.Kr", "123", "12345678", "제12호", "2023.01.02", "사진.jpg", "v1.0",
    "kakao.com.jpg", ".com", "x.tv", "http.jpg", "WWW.x", "", ".", "가가가", "댓글3",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_is_junk_word_is_the_pattern(word: str) -> None:
    assert is_junk_word(word) == (JUNK_WORD.fullmatch(word) is not None)


def test_a_pictures_file_name_is_told_at_once() -> None:
    # The pattern alone tries every way of parting the digits into numbers: seconds for this word.
    start = time.process_time()
    assert not is_junk_word("2023060701010002365.jpg")
    assert not newstitle.is_buttons("2023060701010002365.jpg")
    assert time.process_time() - start < 0.05


@pytest.mark.parametrize("word", ["1" * 40 + "x", "가" * 40 + "x", "1가" * 30 + "x", "12345가" * 12 + "@x"])
def test_a_long_run_the_pattern_cannot_finish_is_told_at_once(word: str) -> None:
    # A run of digits or of 가 that a word's last character spoils: parting the run into numbers
    # (or into runs of 가) every way there is took seconds at 20 characters and doubled with each.
    start = time.process_time()
    assert not is_junk_word(word)
    assert not JUNK_WORD.fullmatch(word)
    assert time.process_time() - start < 0.5


def test_the_line_caches_are_bounded_and_answer_as_the_tests() -> None:
    for cached in (newstitle._buttons, newstitle._controls):
        assert cached.cache_info().maxsize is not None
        for line in ("본문 바로가기 메뉴 바로가기", "배너 닫기", "새 도서관 문 열어", "kakao share"):
            assert cached(line) == cached.__wrapped__(line)


@pytest.mark.parametrize(
    "line",
    [
        "2024-01-02 10:11",
        "Friday, April 20, 2018",
        "주체107(2018)년 3월 1일",
        "새 도서관 문 열어",
        "١٢٣٤-٠١-٠٢",
        "02.15.2025",
    ],
)
def test_a_date_is_found_as_the_pattern_finds_it(line: str) -> None:
    found, want = newstitle._date_in(line), DATE_STAMP.search(line)
    assert (found and found.span()) == (want and want.span())


def _lines() -> list[str]:
    lines = [
        "… 당면과제이다. 변옥윤·객원논설위원",
        "끝났다! 홍길동 기자",
        "왜? 김철수 선임기자",
        "신연실 기자",
        "홍길동기자",
    ]
    for path in sorted(Path(__file__).parent.glob("data/news*/*.txt")):
        lines += [plain(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines


def test_the_bodys_pretests_answer_as_the_patterns() -> None:
    for s in _lines():
        found, want = newsbody._glued_signature(s), GLUED_SIGNATURE.search(s)
        assert (found and found.span()) == (want and want.span()), s
        found, want = newsbody._signer_alone(s), newsbody._SIGNER_ALONE.fullmatch(s.strip())
        assert (found and found.span()) == (want and want.span()), s
        assert "ⓒ" in s or "©" in s or COPYRIGHT_LAST.search(s) is None, s
