"""Finding the content files and decoding them to text."""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from feeds.errors import ContentError

log = logging.getLogger(__name__)

# Assets that live beside articles (images, stylesheets) are not articles. This is not format
# detection, which is by content: it only keeps a site's pictures from being reported as bad input.
ASSET_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".svg",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".pdf",
        ".css",
        ".js",
        ".map",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".mp3",
        ".mp4",
        ".m4a",
        ".webm",
        ".ogg",
        ".wav",
        ".zip",
        ".gz",
        ".tar",
        ".json.gz",
    ]
)
MAX_BYTES = 10 * 1024 * 1024  # an article larger than this is a mistake (a log, a dump), not prose

# Characters XML 1.0 forbids. Tab, LF and CR are allowed; NUL never reaches here (binary check).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")


@dataclass(frozen=True)
class Text:
    text: str  # LF line endings, no BOM, no XML-forbidden characters
    encoding: str


@dataclass(frozen=True)
class Found:
    """A candidate article and its stat, as the cache compares it."""

    path: str  # a str, not a Path: at 10,000 files, making Paths was a third of a no-change run
    source: str  # relative to the content folder, with forward slashes
    size: int
    mtime_ns: int


def discover(content_dir: Path) -> tuple[list[Found], list[ContentError]]:
    """Every candidate article below ``content_dir`` sorted by relative path, and what was refused.

    Hidden files and folders, editor backups and assets are skipped silently. Symbolic links
    are followed only when they stay inside ``content_dir``: a link out, a broken link or a
    loop is refused with a message, and never read. A cron run with nothing to do spends most
    of its time here, so it is one scandir walk with one stat per file.
    """
    root = str(content_dir.resolve())
    found: list[Found] = []
    refused: list[ContentError] = []
    pending = [("", str(content_dir))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            refused.append(ContentError(folder, f"skipped: cannot list the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith("."):
                    pending.append((f"{prefix}{name}/", entry.path))
                continue
            if _skipped_name(name):
                continue
            try:
                if entry.is_symlink() and not _inside(entry.path, root):
                    raise ValueError
                st = entry.stat()
            except (OSError, RuntimeError):
                refused.append(ContentError(entry.path, "skipped: broken or looping symbolic link"))
                continue
            except ValueError:
                refused.append(ContentError(entry.path, "skipped: symbolic link points outside the content folder"))
                continue
            if stat.S_ISREG(st.st_mode):
                found.append(Found(entry.path, prefix + name, st.st_size, st.st_mtime_ns))
    found.sort(key=lambda f: f.source)
    refused.sort(key=lambda e: e.path)
    return found, refused


def _inside(path: str, root: str) -> bool:
    target = os.path.realpath(path, strict=True)  # raises on a broken link or a loop
    return target == root or target.startswith(root + os.sep)


def _skipped_name(name: str) -> bool:
    if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swo", ".bak", ".tmp", ".orig")):
        return True
    return os.path.splitext(name)[1].lower() in ASSET_SUFFIXES


def read_bytes(path: str | Path, label: str | None = None) -> bytes:
    """The file's bytes (at most MAX_BYTES); ``label`` is the name used in error messages.

    FileNotFoundError passes through: a file deleted since it was found is gone, not bad.
    """
    name = label or str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ContentError(name, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise ContentError(name, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not an article")
    return data


def decode(data: bytes, name: str) -> Text:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP949/EUC-KR Korean text."""
    if not data.strip():
        raise ContentError(name, "file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    elif b"\x00" in data[:8192]:
        raise ContentError(name, "binary file (contains NUL bytes), not a text article")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            text, encoding = _korean_legacy(data, name, utf8_error), "cp949"
    log.debug("%s: decoded as %s", name, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Text(clean_xml_chars(text), encoding)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(name, f"invalid {encoding} byte {data[exc.start]:#04x}", line) from exc


def _korean_legacy(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> str:
    # CP949 is a superset of EUC-KR, the two encodings Korean sites still save in. Almost any
    # byte soup decodes as *something*, so accept it only when it yields Hangul.
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if _HANGUL.search(text):
        return text
    line = data[: utf8_error.start].count(b"\n") + 1
    raise ContentError(
        name,
        f"not UTF-8 (invalid byte {data[utf8_error.start]:#04x}) and not CP949/EUC-KR Korean text; "
        "save the file as UTF-8",
        line,
    )


def clean_xml_chars(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, surrogates, U+FFFE/FFFF)."""
    return _XML_FORBIDDEN.sub("", text)
