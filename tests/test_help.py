"""Help that says what each command writes, its exit codes and the environment it reads."""

from __future__ import annotations

import pytest

from feeds.cli import main


def help_of(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    assert main([*command, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())  # as one line: wrapping depends on the width


@pytest.mark.parametrize("command", [(), ("build",)])
def test_what_build_writes_its_exit_codes_and_environment(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    text = help_of(capsys, *command)
    assert all(word in text for word in ("RSS", "Atom", "JSON Feed", "OPML")), text
    assert all(f" {code} " in text for code in "01234"), text
    assert "SOURCE_DATE_EPOCH" in text and "FEEDS_WORKERS" in text


def test_every_command_has_its_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("init", "serve", "config", "validate"):
        assert "exit codes:" in help_of(capsys, command), command
    assert "feed.json" in help_of(capsys, "validate")
    assert "--drafts" in help_of(capsys, "serve") and "--drafts" in help_of(capsys, "build")
