"""The exceptions feeds raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

import errno
import re
from pathlib import Path

from feeds.lazyre import LazyPattern

# What would break a one-line message (cron mails and log parsers read one message a line), or
# cannot be printed: control characters, Unicode line separators, and the surrogates Python
# decodes a file name's non-UTF-8 bytes to.
_UNPRINTABLE = LazyPattern("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` on one line: control characters and undecodable bytes as backslash escapes.

    Idempotent (an escaped text has nothing left to escape), so a message may pass through twice.
    """
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode's surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


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
    """A content file that cannot be published; ``str()`` reads ``path:line: message``, on one line.

    ``path`` is kept as shown (escaped by ``printable``): it is for people, and must survive
    JSON, SQLite and a terminal, which a file name's undecodable bytes would not.
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = printable(str(path))
        self.line = line
        self.message = printable(message)
        super().__init__(self.path + (f":{line}" if line else "") + f": {self.message}")

    def __reduce__(self) -> tuple[type[ContentError], tuple[str, str, int | None]]:
        # Parsed in worker processes, errors travel back pickled; the default pickles str(self) only.
        return (self.__class__, (self.path, self.message, self.line))


class UnknownFormatError(ContentError):
    """No reader recognises the file's content."""


class UnreadableText(ContentError):
    """Bytes that are not text feeds can read (empty, binary, an unknown encoding)."""


class MissingField(ContentError):
    """A document without a title or a published date: not (yet) an article."""


class PageError(MissingField):
    """Front matter without any date: a page (an about page), not a post."""


class RedirectStub(ContentError):
    """Front matter that only redirects elsewhere: a stub, not an article."""


class FrontMatterError(ContentError):
    """Front matter that does not parse or is not a mapping."""


class DateError(ValueError):
    """A date value that no parser understands; ContentError adds the file and line."""


class OutputError(FeedsError):
    """An output path that would leave the output folder, or cannot be written."""


class DiskError(OutputError):
    """The disk refused a write or a removal (read-only, full, permission denied): not the input's fault."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = printable(str(path))
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    @classmethod
    def from_os_error(cls, path: str | Path, exc: OSError, doing: str = "cannot write") -> DiskError:
        name = errno.errorcode.get(exc.errno or 0)
        return cls(path, f"{doing}: {exc.strerror or exc}" + (f" ({name})" if name else ""))

    def __reduce__(self) -> tuple[type[DiskError], tuple[str, str]]:
        # Raised in serializing workers, it travels back pickled.
        return (self.__class__, (self.path, self.reason))
