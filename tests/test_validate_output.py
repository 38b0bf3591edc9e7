"""Our own output, as `feeds validate` sees it: zero errors and zero warnings; and the CLI around it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from feeds.build import build
from feeds.cli import main
from feeds.config import Site, site_from_mapping
from feeds.validate import validate_paths

from .conftest import SEEDS, TEST_SITE
from .corpus import generate
from .sweeps import exhaustive

AT = datetime(2026, 11, 1, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


def test_seed_site_validates_clean(tmp_path: Path, site: Site) -> None:
    build(site, SEEDS, tmp_path / "out", at=AT)
    findings = validate_paths([tmp_path / "out"], site_url=site.url)
    assert [f for f in findings if f.level != "info"] == []


@exhaustive  # every document of a generated corpus: the seed site above is the default run's
def test_generated_corpus_validates_clean(tmp_path: Path) -> None:
    made = {Path(g.name).stem: g for g in generate(tmp_path / "content", 1000)}
    site = site_from_mapping({**TEST_SITE, "language": "ko", "max_items": 20})
    result = build(site, tmp_path / "content", tmp_path / "out", at=AT)
    assert result.errors == [] and result.published == 1000
    findings = validate_paths([tmp_path / "out"], site_url=site.url)
    problems = [f for f in findings if f.level != "info" and f.code != "DuplicateUpdated"]
    assert [f"{f.path}:{f.line}: {f.code}: {f.message}" for f in problems] == []
    # The one W3C warning our output can earn, as the W3C service gives it: two Atom entries with one
    # <updated>, from articles that give a date without a time and were published the same day. Each
    # says why and what to do, and names entries that really come from such articles.
    duplicates = [f for f in findings if f.code == "DuplicateUpdated"]
    assert duplicates, "the generated corpus has same-day date-only articles; the W3C warns on them"
    for finding in duplicates:
        assert finding.level == "warning" and "a date without a time" in finding.message, finding
        value = finding.message.split("<updated> ", 1)[1].split(" ", 1)[0]
        root = etree.parse(finding.path).getroot()
        sharing = [
            entry.findtext(f"{ATOM}id", "")
            for entry in root.iter(f"{ATOM}entry")
            if entry.findtext(f"{ATOM}updated") == value
        ]
        assert len(sharing) >= 2
        for entry_id in sharing:  # https://example.com/posts/<slug>/, and the slug is the file's stem
            assert made[entry_id.rstrip("/").rsplit("/", 1)[1]].date_only, entry_id


def test_validate_cli_exit_codes(tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    build(site, SEEDS, out, at=AT)
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("12 files, 0 errors, 0 warnings")  # 6 of two authors
    broken = out / "atom.xml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("+09:00</published>", "</published>", 1),
                      encoding="utf-8")  # fmt: skip
    assert main(["validate", "--format", "json", str(broken)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["errors"] >= 1
    assert {f["code"] for f in report["findings"]} >= {"InvalidRFC3339Date"}
    assert main(["validate", str(tmp_path / "missing.xml")]) == 2


def test_build_validate_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import write_site_toml

    config = write_site_toml(tmp_path / "site.toml")
    code = main(["build", "--content", str(SEEDS), "--out", str(tmp_path / "out"), "--config", str(config),
                 "--validate", "--no-cache"])  # fmt: skip
    assert code == 0
    assert "12 files, 0 errors, 0 warnings" in capsys.readouterr().out
