"""XML-level rules: encoding, forbidden characters, entities, well-formedness, feed type."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from feeds.validate import validate_paths
from feeds.validate.findings import Collector
from feeds.validate.xmlcheck import check_xml

from ._cases import DATA, check_case, file_cases


@pytest.mark.parametrize("source", file_cases("xml"))
def test_case(source: Path) -> None:
    check_case(source)


def test_cp949_fixture_really_is_mis_encoded() -> None:
    # Guard against an editor or a checkout "fixing" the binary fixture.
    data = (DATA / "xml" / "cp949_in_utf8.xml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_cp949_message_names_the_encoding_and_the_text() -> None:
    [finding] = validate_paths([DATA / "xml" / "cp949_in_utf8.xml"], subscriber_check=False)
    assert "not valid UTF-8" in finding.message and "CP949" in finding.message
    assert "산업의 성공" in finding.message


def test_undefined_entity_message_suggests_the_character_reference() -> None:
    findings = validate_paths([DATA / "xml" / "undefined_entity.xml"], subscriber_check=False)
    assert any(f.message.startswith("&nbsp;") and "write &#160;" in f.message for f in findings)


def test_undeclared_prefix_message_names_the_namespace() -> None:
    findings = validate_paths([DATA / "xml" / "undeclared_prefix.xml"], subscriber_check=False)
    assert 'xmlns:dc="http://purl.org/dc/elements/1.1/"' in findings[0].message


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        '<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    ).encode()
    root = check_xml(data, Collector("x.xml"))
    assert root is not None
    assert b"TOP-SECRET" not in etree.tostring(root)


def test_entity_expansion_bomb_is_refused() -> None:
    # libxml2 refuses the amplification outright; we report it instead of expanding it.
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]>\n'
        '<rss version="2.0"><channel><title>&l9;</title></channel></rss>'
    ).encode()
    out = Collector("x.xml")
    root = check_xml(data, out)
    assert root is None or len(etree.tostring(root)) < 1000
    assert root is not None or [f.code for f in out.findings] == ["NotWellFormed"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    [finding] = validate_paths([tmp_path / "nope.xml"], subscriber_check=False)
    assert (finding.level, finding.code, finding.line) == ("error", "IOError", None)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    [finding] = validate_paths([tmp_path], subscriber_check=False)
    assert (finding.level, finding.code, finding.path) == ("error", "NoFeedsFound", str(tmp_path))


def test_many_bad_lines_are_capped(tmp_path: Path) -> None:
    body = "".join(f"<item><title>{'뉴스'.encode('cp949').decode('latin-1')}</title></item>\n" for _ in range(30))
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n{body}</channel></rss>\n'.encode(
            "latin-1"
        )
    )
    findings = [f for f in validate_paths([feed], subscriber_check=False) if f.code == "UnicodeError"]
    assert len(findings) == 11
    assert "20 more" in findings[-1].message


def test_file_named_twice_is_checked_once() -> None:
    source = DATA / "xml" / "bare_ampersand.xml"
    assert len(validate_paths([source, source], subscriber_check=False)) == 1
