"""Korean mojibake on the way in: repaired when the repair is exact, refused when it is not,
and correct text (every file of tests/data, European accents, CP1252 punctuation) left alone.

tests/data/mojibake/<case>.txt is a file as it arrives; beside it, <case>.expected.txt is the
exact repair, or <case>.expected.json says it must be rejected. <case>.source.json says how the
sample was made (a real corpus article mis-decoded on purpose) or where it was found (a page the
pages corpus stores as mojibake).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from feeds import mojibake
from feeds.cli import main
from feeds.errors import ContentError
from feeds.sources import decode

from .conftest import DATA, write_site_toml
from .sweeps import sweep

CASES_DIR = DATA / "mojibake"
CASES = sorted(p for p in CASES_DIR.glob("*.txt") if not p.name.endswith(".expected.txt"))
# Every other file the tests use: none of them is mojibake, so none may change.
# Every other file of tests/data but the validator's mojibake feeds, which are garbled on purpose.
GARBLED = (CASES_DIR, DATA / "validate" / "mojibake")
OTHER_FILES = sorted(p for p in DATA.rglob("*") if p.is_file() and not any(p.is_relative_to(g) for g in GARBLED))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_mojibake_is_repaired_exactly_or_rejected(case: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = case.read_bytes()
    repaired = case.with_name(case.stem + ".expected.txt")
    if repaired.exists():
        with caplog.at_level(logging.WARNING, logger="feeds.sources"):
            assert decode(data, str(case)).text == repaired.read_text(encoding="utf-8")
        assert any(str(case) in r.getMessage() and "mojibake" in r.getMessage() for r in caplog.records)
    else:
        assert json.loads(case.with_name(case.stem + ".expected.json").read_text(encoding="utf-8"))["rejected"]
        with pytest.raises(ContentError) as info:
            decode(data, str(case))
        assert str(info.value).startswith(f"{case}:1: Korean text decoded with the wrong codec")
        assert "cannot be repaired exactly" in str(info.value)


def test_every_case_says_where_it_comes_from() -> None:
    assert len(CASES) >= 6
    for case in CASES:
        source = json.loads(case.with_name(case.stem + ".source.json").read_text(encoding="utf-8"))
        assert source["made_from"] and source["url"].startswith("http") and source["notes"]
    assert any(c.name.startswith("real_") for c in CASES)


def _plain(data: bytes, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """What decode gives with the mojibake step switched off (or the error it raises)."""
    with monkeypatch.context() as m:
        m.setattr(mojibake, "suspect", lambda text: False)
        try:
            return decode(data, name).text
        except ContentError as exc:
            return f"error: {exc}"


@pytest.mark.parametrize(
    "path", sweep(OTHER_FILES, [p.relative_to(DATA).as_posix() for p in OTHER_FILES], [p.parent for p in OTHER_FILES])
)
def test_correct_files_pass_unchanged(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    try:
        got = decode(data, str(path)).text
    except ContentError as exc:
        got = f"error: {exc}"
    assert got == _plain(data, str(path), monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "Le café de la gare, à côté de l'hôtel : déjà « très » près.",
        "Ça a été élevé à l'âge où l'on s'étonne, déjà près du café, à côté de l'hôtel.",
        "Müller und Jürgen aßen Käse in Österreich, während Ångström über Größe sprach.",
        "Þórður Guðmundsson á bát sem heitir Fróði og sér ýmislegt á Íslandi.",
        "Tiếng Việt có dấu: à á â ã è é ê ì í ò ó ô õ ù ú ý đ, àáâãèéêìíòóôõùúý.",
        "“Quotes” ‘single’ – en — em … bullet • euro € trade ™ ‰ † ‡ Œ œ Š š Ÿ ƒ",
        "ÀÔ",  # too short: a couple of accented letters prove nothing
        "\x81\x81°À\x81\x81°À\x81\x81",  # Hypothesis found it: CP949 reads it as rare extension syllables
        "입력 2025.03.10 수정 2025.03.11 ÀÔ·Â 같은 깨진 글자를 설명하는 글",
    ],
)
def test_correct_text_is_never_repaired(text: str) -> None:
    data = text.encode("utf-8")
    assert decode(data, "x.txt").text == text
    assert not mojibake.is_korean_mojibake(text)


def test_korean_mojibake_of_each_kind_is_recognised() -> None:
    korean = "입력 2025.03.10 수정 2025.03.11 홍길동 기자 뉴스 본문입니다."
    for encoding, shown_as in [("cp949", "latin-1"), ("cp949", "cp1252"), ("utf-8", "latin-1"), ("utf-8", "cp1252")]:
        garbled = korean.encode(encoding).decode(shown_as, errors="ignore" if shown_as == "cp1252" else "strict")
        assert mojibake.is_korean_mojibake(garbled), (encoding, shown_as)
        fixed = mojibake.repair(garbled)
        if shown_as == "latin-1":  # lossless: the repair must be exact
            assert fixed is not None and fixed.text == korean


def test_build_repairs_with_a_warning_and_rejects_the_lossy_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "repairable.txt").write_bytes((CASES_DIR / "made_euckr_as_latin1.txt").read_bytes())
    (content / "lossy.txt").write_bytes((CASES_DIR / "real_munhwa_lossy.txt").read_bytes())
    config = write_site_toml(tmp_path / "site.toml")
    args = ["build", "--content", str(content), "--out", str(tmp_path / "out"), "--config", str(config), "--no-cache"]
    assert main(args) == 1  # one file rejected, the rest published
    err = capsys.readouterr().err
    assert f"{content / 'repairable.txt'}: repaired Korean mojibake (EUC-KR/CP949 read as Latin-1/CP1252)" in err
    assert f"{content / 'lossy.txt'}:1: Korean text decoded with the wrong codec" in err
    feed = (tmp_path / "out" / "atom.xml").read_text(encoding="utf-8")
    assert "KBS의 파격…메인뉴스 앵커에 14년차 최영철 기자" in feed
    assert "ÀÔ" not in feed


def test_a_field_garbled_behind_escapes_is_that_files_error(tmp_path: Path) -> None:
    """JSON escapes hide mojibake from the file's text; the parsed title is judged as a feed shows it."""
    from feeds.config import site_from_mapping
    from feeds.load import parse

    from .conftest import TEST_SITE

    garbled = "오랜 동지 MS와 오픈AI 이젠 적으로".encode("cp949").decode("latin-1")
    data = json.dumps({"title": garbled, "date": "2025-03-10"}).encode() + b"\n\nbody\n"
    assert data.isascii()
    with pytest.raises(ContentError, match=r"field 'title': Korean text decoded with the wrong codec"):
        parse(data, "a.md", site_from_mapping(TEST_SITE), "a.md")
