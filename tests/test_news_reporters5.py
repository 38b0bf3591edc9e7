"""A writer's address printed on the date line, with no name beside it, is the address of the one
writer the head names: "송요기" on its own line above "geumjoseeun@naver.com | 2018-01-01 12:09:27".

Found in tests/data/news5 (로컬세계, a board engine's page that prints the writer's name and, under
it, the address beside the stamp); the tests use a made-up name and address.
"""

from __future__ import annotations

from feeds.readers import read

BODY = "한빛시는 10일 새 도서관을 열었다고 밝혔다. 도서관은 시청 옆에 있다.\n\n둘째 문단이다.\n"
HEADLINE = "새 도서관 문 열어 시민 반겨"


def test_the_address_on_the_date_line_is_the_one_writers() -> None:
    meta = read(f"{HEADLINE}\n\n홍길동\n\nhong@example.com | 2018-01-01 12:09:27\n\n" + BODY, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_with_two_writers_the_address_is_no_ones() -> None:
    text = f"{HEADLINE}\n\n홍길동 기자, 김철수 기자\n\nhong@example.com | 2018-01-01 12:09:27\n\n" + BODY
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동"}, {"name": "김철수"}]


def test_a_stamp_labelled_with_its_time_of_sending_names_no_one() -> None:
    """ "• 송고시각 2019.02.17 14:33" (정관타임스): 송고시각, the time it was sent, is a label like 입력시간."""
    text = f"{HEADLINE}\n• 홍길동 기자\n• 송고시각 2019.02.17 14:33\n• 댓글 0\n\n" + BODY
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["date"] == "2019.02.17 14:33"


def test_a_name_over_its_role_on_the_next_line_is_the_byline() -> None:
    """ "오영주" / (blank) / "  기자" under the stamp (뉴스웨이's AMP page sets the role in a box of
    its own): one byline, and the deck under it is the deck alone."""
    deck = "경기침체로 인한 상인들 애로사항도 청취"
    text = f"{HEADLINE}\n\n등록 2020.09.29 16:04\n\n홍길동\n\n  기자\n\n{deck}\n\n" + BODY
    meta = read(text, "a.txt").meta
    assert meta["authors"] == [{"name": "홍길동"}]
    assert meta["summary"] == deck


def test_the_writers_address_in_a_photos_credit() -> None:
    """ "▲ … 보이고 있다. 이진우 기자 ljw@kihoilbo.co.kr" (기호일보): the writer the head names signs
    the photo's caption with the address; it is hers wherever it stands."""
    caption = "▲ 시민들이 새 도서관을 둘러보고 있다. 홍길동 기자 hong@example.com"
    text = f"{HEADLINE}\n\n2018-01-29     홍길동 기자\n\n{caption}\n\n" + BODY
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동", "email": "hong@example.com"}]


def test_another_persons_address_is_not_the_writers() -> None:
    text = f"{HEADLINE}\n\n2018-01-29     홍길동 기자\n\n▲ 사진 김철수 기자 kim@example.com\n\n" + BODY
    assert read(text, "a.txt").meta["authors"] == [{"name": "홍길동"}]


def test_the_sites_admin_account_is_no_writer() -> None:
    """ "전라매일관리자 기자 / jlmi1400@hanmail.net입력 : 2024년 08월 13일" (전라매일, a reader's
    letter posted by the site's account): 관리자, "administrator", is no one's name."""
    for account in ("관리자", "한빛일보관리자", "운영자"):
        text = f"{HEADLINE}\n\n{account} 기자 / hong@example.com입력 : 2024년 08월 13일\n" + BODY
        assert "authors" not in read(text, "a.txt").meta, account
