"""The ``Finding`` record every check produces, and a small collector that fills in file and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from lxml import etree

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    level: Level
    code: str  # stable CamelCase name; W3C Feed Validation Service names where one fits
    path: str  # the file as given/found
    line: int | None
    message: str  # one line: what is wrong and what to do


# Where a finding points: an element (its lxml sourceline), a line number, or the whole file.
Where: TypeAlias = etree._Element | int | None


def line_of(where: Where) -> int | None:
    if where is None or isinstance(where, int):
        return where
    line = where.sourceline
    return int(line) if line is not None else None


def sort_key(finding: Finding) -> tuple[str, int, str, str, str]:
    # File-level findings (line None) sort before line 1 of the same file.
    return (finding.path, finding.line or 0, finding.code, finding.level, finding.message)


class Collector:
    """Collects the findings of one file so the checks need not repeat the path everywhere."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def add(self, level: Level, code: str, where: Where, message: str) -> None:
        # Messages must stay on one line: the text format is one finding per line.
        self.findings.append(Finding(level, code, self.path, line_of(where), " ".join(message.split())))

    def error(self, code: str, where: Where, message: str) -> None:
        self.add("error", code, where, message)

    def warning(self, code: str, where: Where, message: str) -> None:
        self.add("warning", code, where, message)

    def info(self, code: str, where: Where, message: str) -> None:
        self.add("info", code, where, message)

    def has_errors(self) -> bool:
        return any(f.level == "error" for f in self.findings)
