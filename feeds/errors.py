"""The exceptions feeds raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class FeedsError(Exception):
    """Base of every error feeds reports to a user (anything else is a bug)."""


class ConfigError(FeedsError):
    """A missing or wrong site setting."""

    def __init__(self, message: str, *, key: str | None = None, source: str | None = None) -> None:
        self.key = key
        self.source = source
        where = f"{source}: " if source else ""
        what = (
            f"[tool.feeds] {key}: "
            if key and source and source.endswith("pyproject.toml")
            else (f"{key}: " if key else "")
        )
        super().__init__(f"{where}{what}{message}")


class ContentError(FeedsError):
    """A content file that cannot be published; ``str()`` reads ``path:line: message``."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.path + (f":{line}" if line else "") + f": {message}")

    def __reduce__(self) -> tuple[type[ContentError], tuple[str, str, int | None]]:
        # Parsed in worker processes, errors travel back pickled; the default pickles str(self) only.
        return (self.__class__, (self.path, self.message, self.line))


class UnknownFormatError(ContentError):
    """No reader recognises the file's content."""


class FrontMatterError(ContentError):
    """Front matter that does not parse or is not a mapping."""


class DateError(ValueError):
    """A date value that no parser understands; ContentError adds the file and line."""


class OutputError(FeedsError):
    """An output path that would leave the output folder, or cannot be written."""
