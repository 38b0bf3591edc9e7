"""Text and JSON rendering of findings, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feeds.validate import Finding, Findings, exit_code, render_findings, validate_paths

from ._cases import DATA

RENDER = DATA / "render"
ERROR = Finding("error", "InvalidRFC3339Date", "out/atom.xml", 7, "entry updated: no time zone")
WARNING = Finding("warning", "MissingSelf", "out/atom.xml", 2, "no self link")
INFO = Finding("info", "SiteURLUnknown", "out", None, "no site URL")


@pytest.fixture
def site_findings(monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    # Relative paths in, relative paths out: the golden files do not depend on the checkout.
    monkeypatch.chdir(RENDER)
    return validate_paths([Path("site")])


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden(site_findings: list[Finding], fmt: str) -> None:
    golden = (RENDER / f"site.{fmt}").read_text(encoding="utf-8")
    assert render_findings(site_findings, fmt) + "\n" == golden  # type: ignore[arg-type]


def test_text_lines() -> None:
    text = render_findings([WARNING, ERROR, INFO], "text")
    assert text.splitlines() == [
        "out/atom.xml:2: warning: MissingSelf: no self link",
        "out/atom.xml:7: error: InvalidRFC3339Date: entry updated: no time zone",
        "out: info: SiteURLUnknown: no site URL",
        "2 files, 1 error, 1 warning, 1 info",
    ]


def test_summary_counts_clean_files() -> None:
    assert render_findings(Findings([], ["a.xml", "b.xml", "c.xml"]), "text") == "3 files, 0 errors, 0 warnings"
    assert render_findings([], "text", files=1) == "1 file, 0 errors, 0 warnings"
    assert render_findings([ERROR, ERROR], "text", files=3).endswith("\n3 files, 2 errors, 0 warnings")


def test_json_document() -> None:
    document = json.loads(render_findings(Findings([ERROR, INFO], ["out/atom.xml"]), "json"))
    assert document == {
        "findings": [
            {
                "path": "out/atom.xml",
                "line": 7,
                "level": "error",
                "code": "InvalidRFC3339Date",
                "message": "entry updated: no time zone",
            },
            {"path": "out", "line": None, "level": "info", "code": "SiteURLUnknown", "message": "no site URL"},
        ],
        "counts": {"files": 1, "errors": 1, "warnings": 0, "infos": 1},
    }


def test_json_keeps_korean_readable() -> None:
    korean = Finding("warning", "InvalidContact", "뉴스/rss.xml", 3, "'전윤미' is not an e-mail address")
    assert "전윤미" in render_findings([korean], "json")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="xml"):
        render_findings([], "xml")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("findings", "normal", "strict"),
    [
        ([], 0, 0),
        ([INFO], 0, 0),
        ([WARNING, INFO], 0, 1),
        ([ERROR], 1, 1),
        ([ERROR, WARNING], 1, 1),
    ],
)
def test_exit_code(findings: list[Finding], normal: int, strict: int) -> None:
    assert exit_code(findings) == normal
    assert exit_code(findings, strict=True) == strict


def test_findings_are_sorted(site_findings: list[Finding]) -> None:
    keys = [(f.path, f.line or 0, f.code) for f in site_findings]
    assert keys == sorted(keys)
    assert isinstance(site_findings, Findings) and site_findings.files == ("site/atom.xml", "site/rss.xml")
