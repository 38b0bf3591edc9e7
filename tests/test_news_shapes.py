"""Variants of the head and caption shapes real pages print (tests/data/readers/news_shape_* hold
one whole article of each): the writer signing a letter, credits under photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import Site
from feeds.fragments import content_html
from feeds.readers import read
from feeds.readers.newscaptions import CREDIT_ONLY, SEPARATED_CREDIT, is_photo_credit
from feeds.readers.newswords import LATIN_BYLINE

from .conftest import read_document

LETTER = (
    "창간 30주년을 맞아\n\n"
    "독자 여러분, 안녕하세요.\n오늘로 창간 30주년을 맞았습니다.\n그동안 감사했습니다.\n앞으로도 보답하겠습니다.\n"
    "2022년 5월17일\n{signature}\n"
)


@pytest.mark.parametrize("signature", ["한빛신문 발행인 홍길동", "발행인 홍길동", "홍길동 발행인"])
def test_a_letter_signed_under_its_date(signature: str) -> None:
    parsed = read(LETTER.format(signature=signature), "a.txt")
    assert parsed.meta["authors"] == [{"name": "홍길동"}]
    assert parsed.body.startswith("독자 여러분")  # the paragraphs above the date stay the text


@pytest.mark.parametrize(
    "line", ["ⓒGetty Images", "ⓒGettyImagesBank", "ⓒ 게티이미지뱅크", "ⓒ 홍길동", "ⓒ시사IN 홍길동", "© Unsplash"]
)
def test_a_photo_credit(line: str) -> None:
    assert is_photo_credit(line)


@pytest.mark.parametrize(
    "line", ["ⓒ 정원뉴스", "ⓒ 한겨레", "ⓒ 시사IN", "ⓒ 연합뉴스", "ⓒ 한빛일보 무단전재 및 재배포 금지"]
)
def test_a_copyright_closing_is_no_photo_credit(line: str) -> None:
    assert not is_photo_credit(line)


@pytest.mark.parametrize(
    "credit", ["평양사진공동취재단", "사진공동취재단", "유튜브 화면캡처", "유튜브 캡처", "방송 화면 캡처"]
)
def test_credits_outside_the_agencies(credit: str) -> None:
    assert CREDIT_ONLY.fullmatch(credit)
    assert SEPARATED_CREDIT.search(f"행사장 모습. {credit}")
    assert SEPARATED_CREDIT.search(f"행사장 모습. [{credit}]")


@pytest.mark.parametrize(
    ("line", "name", "outlet"),
    [
        ("Peter Wayner | InfoWorld", "Peter Wayner", "InfoWorld"),
        ("Steven J. Vaughan-Nichols | ZDNET", "Steven J. Vaughan-Nichols", "ZDNET"),
        ("Jon Gold | Network World", "Jon Gold", "Network World"),
    ],
)
def test_a_latin_byline(line: str, name: str, outlet: str) -> None:
    m = LATIN_BYLINE.fullmatch(line)
    assert m and (m.group("name"), m.group("outlet")) == (name, outlet)


@pytest.mark.parametrize("counter", ["의견 0", "댓글 12", "조회수 1,234", "조회 87"])
def test_a_counter_beside_the_date(counter: str) -> None:
    parsed = read(f"제목입니다\n입력 2024.03.05 13:45 {counter}\n\n본문입니다.\n", "a.txt")
    assert parsed.meta["date"] == "2024.03.05 13:45"
    assert "publication" not in parsed.meta


def test_a_credit_at_the_end_of_a_caption(tmp_path: Path, site: Site) -> None:
    text = "제목입니다\n입력 2024.03.05 13:45\n\n시민들이 정원을 둘러보고 있다. ⓒ홍길동\n\n본문입니다.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    html = content_html(read_document(tmp_path / "a.txt", tmp_path, site))
    assert html.startswith("<figure><figcaption>시민들이 정원을 둘러보고 있다. ⓒ홍길동</figcaption></figure>")


def test_a_printer_pages_paragraphs_are_no_deck() -> None:
    # The date line above the title; the paragraphs under it are the text, not its summary.
    text = "프린트하기 닫기\n2026년 01월 19일 18:21 김지영 기자\n\n제목입니다\n\n첫 문단입니다.\n\n둘째 문단입니다.\n"
    parsed = read(text, "a.txt")
    assert "summary" not in parsed.meta
    assert parsed.body.startswith("첫 문단입니다.")


def test_a_deck_of_points_ending_in_full_stops_is_no_letter() -> None:
    text = (
        "내년 예산 5% 늘린다\n\n- 복지 예산 8% 증액.\n- 국방 예산 4% 증액.\n- 연구개발 예산 동결.\n"
        "- 지방 교부금 3% 증액.\n입력 2024.08.27 10:00\n홍길동 기자\n\n정부가 내년 예산안을 발표했다.\n"
    )
    parsed = read(text, "a.txt")
    assert parsed.meta["summary"].startswith("- 복지 예산")
    assert parsed.body.startswith("정부가")


def test_a_columns_closing_credit_keeps_its_last_paragraph(tmp_path: Path, site: Site) -> None:
    text = "제목입니다\n입력 2024.03.05 13:45\n\n첫 문단입니다.\n\n마지막 문단입니다.\nⓒ 홍길동\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    html = content_html(read_document(tmp_path / "a.txt", tmp_path, site))
    assert html.endswith("<p>마지막 문단입니다.</p>\n<p><small>ⓒ 홍길동</small></p>")
