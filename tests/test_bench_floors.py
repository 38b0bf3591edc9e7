"""bench/floors.py runs end to end on a small corpus, and its file-write floor writes the same
bytes the build wrote, where the build wrote them."""

from __future__ import annotations

from pathlib import Path

from .benchscripts import bench_module, small_corpus


def test_floors_of_a_small_corpus(tmp_path: Path) -> None:
    content = tmp_path / "content"
    small_corpus(content)
    config = tmp_path / "feeds.toml"
    config.write_text(
        'title = "T"\nurl = "https://example.org/"\nmax_items = 5\nmarkdown = "commonmark"\n', encoding="utf-8"
    )
    floors = bench_module("floors")
    found = floors.floors(content, config, None, 1, tmp_path / "scratch")
    assert found["documents"] == 12 and found["real"]["cpu"]
    assert found["feeds"] >= 1 and found["entries"] >= found["distinct entries"] >= 1
    for name in floors.SUMMED:
        assert found["floors"][name][0] >= 0
    out = tmp_path / "scratch" / "real-out"
    files = floors.real_files(out)
    floors.write_all(files, tmp_path / "again", flush=True)
    assert floors.real_files(tmp_path / "again") == files
    assert not list((tmp_path / "again").rglob("*.tmp"))
