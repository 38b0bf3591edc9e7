"""Finding the content files and decoding them to text."""

from __future__ import annotations

import codecs
import contextlib
import itertools
import logging
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from feeds.errors import ContentError, UnreadableText
from feeds.lazyre import LazyPattern

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
    ]
)
MAX_BYTES = 10 * 1024 * 1024  # an article larger than this is a mistake (a log, a dump), not prose

_HANGUL = LazyPattern("[\uac00-\ud7a3]")  # needed only for a name or a file not in UTF-8


@dataclass(frozen=True)
class Text:
    text: str  # LF line endings, no BOM, no XML-forbidden characters
    encoding: str
    # The text is the bytes' UTF-8 decoding as it stands (after a BOM): nothing was normalised,
    # repaired or taken out, so any tail of the bytes decodes to the same tail of the text.
    raw: bool = False


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each field through object.__setattr__
class Found:
    """A candidate article and its stat, as the cache compares it (made once per file, every run).

    Size and mtime alone miss an edit that keeps both (a tool that restores the mtime, a file
    renamed over this one): the change time and the inode catch those. ``racy``: changed in the
    second the build began, so a later edit in that second may leave every field as it is (git's
    "racy" files): such a file is recorded so that the next build reads it again.
    """

    path: str  # a str, not a Path: at 10,000 files, making Paths was a third of a no-change run
    source: str  # relative to the content folder, with forward slashes
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    ino: int = 0
    racy: bool = False

    def stat(self) -> tuple[int, int, int, int]:
        """What the cache compares: size, mtime, ctime and inode."""
        return self.size, self.mtime_ns, self.ctime_ns, self.ino

    def recorded(self) -> tuple[int, int, int, int]:
        """What the cache is to remember of the file: its ``stat``, or for a racy file one that no
        file's matches (size -1), so that the next build reads it again."""
        return (-1 if self.racy else self.size), self.mtime_ns, self.ctime_ns, self.ino


RACY_SLACK_NS = 100_000_000  # the kernel's file times come from a clock that may lag the wall clock


def racy_since(now_ns: int) -> int:
    """The earliest mtime of a file that is racy for a build that began at ``now_ns``: the
    start of the second it began in (file systems keep whole seconds, some of them)."""
    return (now_ns - RACY_SLACK_NS) // 1_000_000_000 * 1_000_000_000


def discover(
    content_dir: Path, skip: Iterable[Path] = (), racy_from: int | None = None
) -> tuple[list[Found], list[ContentError]]:
    """Every candidate article below ``content_dir`` sorted by relative path, and what was refused.

    Hidden files and folders, editor backups and assets are skipped silently, and so are the
    folders in ``skip`` (the output and the cache: a build must never read its own feeds back as
    articles, wherever they live). Symbolic links are followed only when they stay inside
    ``content_dir``: a link out, a broken link or a loop is refused with a message, and never
    read. A cron run with nothing to do spends most of its time here, so it is one scandir walk
    with one stat per file. A file whose mtime is ``racy_from`` (ns) or later is ``racy``.
    """
    root = str(content_dir.resolve())
    skipped = _identities(skip)
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
                if not name.startswith(".") and not (skipped and _identity(entry.path) in skipped):
                    pending.append((f"{prefix}{_text_name(name)}/", entry.path))
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
                mtime, ino = st.st_mtime_ns, st.st_ino
                if ino >= 1 << 63:  # as the cache's signed 64-bit column holds it, or it never matches
                    ino -= 1 << 64
                racy = racy_from is not None and mtime >= racy_from
                found.append(Found(entry.path, prefix + _text_name(name), st.st_size, mtime, st.st_ctime_ns, ino, racy))
    found.sort(key=lambda f: f.source)
    found = _unique_sources(found, refused)
    refused.sort(key=lambda e: e.path)
    return found, refused


def listing(stats: Sequence[Found], recorded: bool = False) -> str:
    """The listed files and their stats, as one text: what the plan (and a no-change run) compares.

    One record per file, "size mtime ctime inode source", NUL between records (no file name holds
    one). Cheaper to make than any structure: a no-change run makes it for 100,000 files.
    ``recorded``: as the build is to remember it, racy files with the size -1 (``Found.recorded``),
    which no listing matches.
    """
    if recorded and any(st.racy for st in stats):
        return "\0".join([f"{st.recorded()[0]} {st.mtime_ns} {st.ctime_ns} {st.ino} {st.source}" for st in stats])
    return "\0".join([f"{st.size} {st.mtime_ns} {st.ctime_ns} {st.ino} {st.source}" for st in stats])


def listed_source(record: str) -> str:
    """The source of one record of a ``listing``."""
    return record.split(" ", 4)[-1]


def _identities(folders: Iterable[Path]) -> set[tuple[int, int]]:
    ids = set()
    for folder in folders:
        with contextlib.suppress(OSError):
            st = os.stat(folder)
            ids.add((st.st_dev, st.st_ino))
    return ids


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _text_name(name: str) -> str:
    """A file name as text: what its source, slug and cache key are made from.

    Python gives a name that is not UTF-8 with its bytes as surrogates, which no encoder takes.
    Such names mostly come from Korean Windows shares, in CP949/EUC-KR: decoded as that when it
    gives Hangul (the rule ``decode`` applies to contents), else with the bytes escaped (``\\xe9``).
    """
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    return text if _HANGUL.search(text) else raw.decode("utf-8", "backslashreplace")


def _unique_sources(found: list[Found], refused: list[ContentError]) -> list[Found]:
    """Refuse files whose names decode to the same text (a UTF-8 and a CP949 spelling of one name)."""
    clashes = {a.source for a, b in itertools.pairwise(found) if a.source == b.source}
    if not clashes:
        return found
    for f in found:
        if f.source in clashes:
            refused.append(ContentError(f.path, f"skipped: another file's name also reads {f.source!r}"))
    return [f for f in found if f.source not in clashes]


def _inside(path: str, root: str) -> bool:
    target = os.path.realpath(path, strict=True)  # raises on a broken link or a loop
    return target == root or target.startswith(root + os.sep)


_BACKUP_ENDINGS = ("~", ".swp", ".swo", ".bak", ".tmp", ".orig")
_ASSET_ENDINGS = tuple(sorted(ASSET_SUFFIXES))


def _skipped_name(name: str) -> bool:
    # Each suffix holds one dot, so ending in it is having it as os.path.splitext's suffix, for a
    # name not starting with a dot; and str.endswith with a tuple is the cheapest test of all.
    return name.startswith((".", "#")) or name.endswith(_BACKUP_ENDINGS) or name.lower().endswith(_ASSET_ENDINGS)


def read_bytes(
    path: str | Path, label: str | None = None, root: str | None = None, known: Callable[[bytes], bool] | None = None
) -> bytes:
    """The file's bytes (at most MAX_BYTES); ``label`` is the name used in error messages.

    With ``root`` (the content folder, resolved), the file opened must be inside it. ``discover``
    checked the path, but a file or a folder on its path can be swapped for a symbolic link
    since: so the check is made again on the open descriptor, which is what is read. Unless
    ``known`` says the bytes read are ones already read from inside ``root`` (their digest is
    that of the version parsed): they tell nothing new wherever the file now is, and the check,
    a look-up of the descriptor's path, costs about what opening the file does.
    FileNotFoundError passes through: a file deleted since it was found is gone, not bad.
    """
    name = label or str(path)
    try:
        # O_NONBLOCK: a file swapped for a FIFO must not hang the build in open().
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ContentError(name, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ContentError(name, "skipped: not a regular file (it changed while being read)")
        outside = "skipped: resolves outside the content folder (it changed while being read)"
        if root is not None and known is None and not _opened_inside(fd, path, st, root):
            raise ContentError(name, outside)
        try:
            data = _read_fd(fd, st.st_size)
        except OSError as exc:
            raise ContentError(name, f"cannot read the file: {exc.strerror or exc}") from exc
        # Checked on the descriptor still open: the very file whose bytes were read.
        if root is not None and known is not None and not known(data) and not _opened_inside(fd, path, st, root):
            raise ContentError(name, outside)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise UnreadableText(name, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not an article")
    return data


def _read_fd(fd: int, size: int) -> bytes:
    """At most MAX_BYTES + 1 bytes of the regular file open at ``fd``, which fstat said holds ``size``.

    One read of the size fstat gave (plus one byte, to see the end), then small reads to the end:
    a file that grew since is read on. Asking for MAX_BYTES + 1 at once, as a buffered read does,
    allocates 10 MB for every 5 kB article: that cost more than parsing the YAML.
    """
    limit = MAX_BYTES + 1
    data = os.read(fd, min(size + 1, limit))
    if len(data) <= size or len(data) >= limit:
        return data  # a regular file's read comes short only at its end: no read more to see it
    chunks = [data]
    total = len(data)
    while total < limit:
        chunk = os.read(fd, min(limit - total, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return data if len(chunks) == 1 else b"".join(chunks)


def _opened_inside(fd: int, path: str | Path, st: os.stat_result, root: str) -> bool:
    """Whether the file open at ``fd`` lives inside ``root``."""
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")  # Linux: the opened file's own path, no race
    except OSError:
        # No /proc: resolve the name, then make sure it still names the very file that is open.
        try:
            target = os.path.realpath(path, strict=True)
            now = os.stat(target)
        except (OSError, RuntimeError):
            return False
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return False
    return target.startswith(root + os.sep)


def decode(data: bytes, name: str, *, quiet: bool = False) -> Text:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP949/EUC-KR Korean text.

    Korean mojibake (EUC-KR or UTF-8 text once read with the wrong codec and saved again) is
    repaired when the repair is exact, with a warning unless ``quiet``, and refused otherwise.
    """
    if not data.strip():
        raise UnreadableText(name, "file is empty")
    utf8 = None  # the UTF-8 bytes the text came from, which the cheap tests below look at
    if data.startswith(codecs.BOM_UTF8):
        text, encoding, utf8 = _strict(data[3:], "utf-8", name), "utf-8-sig", data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    elif data.find(b"\x00", 0, 8192) != -1:
        raise UnreadableText(name, "binary file (contains NUL bytes), not a text article")
    else:
        try:
            text, encoding, utf8 = data.decode("utf-8"), "utf-8", data
        except UnicodeDecodeError as utf8_error:
            text, encoding = _legacy(data, name, utf8_error)
    log.debug("%s: decoded as %s", name, encoding)
    # Here, not at the top: a build with nothing to do lists files and decodes none.
    from feeds import mojibake
    from feeds.xmlchars import clean_xml_chars

    crlf = "\r" in text
    if crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    suspects = [] if utf8 is not None and _no_latin1_letters(utf8) else mojibake.suspect_lines(text)
    if suspects:
        text = _repaired(text, suspects, name, quiet)
    elif utf8 is not None and _xml_clean(utf8, text):
        return Text(text, encoding, raw=not crlf)
    return Text(clean_xml_chars(text), encoding)


# Cheap tests on the bytes of UTF-8 text, which answer for nearly every file what a regex scan of
# the decoded text would (a scan costs several times the decoding itself).
_NOT_CONTROL = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\r")


def _no_latin1_letters(utf8: bytes) -> bool:
    """Whether UTF-8 ``utf8`` lacks U+00C0-U+00FF, which Korean mojibake is made of: they all start with 0xC3."""
    return b"\xc3" not in utf8


def _xml_clean(utf8: bytes, text: str) -> bool:
    """Whether ``text``, decoded strictly from ``utf8``, has no character XML 1.0 forbids.

    Strict UTF-8 decoding never gives a surrogate; the other forbidden characters are the C0
    controls (single bytes) and U+FFFE/U+FFFF.
    """
    return not utf8.translate(None, _NOT_CONTROL) and "\ufffe" not in text and "\uffff" not in text


def _repaired(text: str, suspects: list[str], name: str, quiet: bool) -> str:
    from feeds import mojibake

    fixed = mojibake.repair(text)
    if fixed is not None:
        if not quiet:
            log.warning("%s: repaired Korean mojibake (%s); save the file as UTF-8 to silence this", name, fixed.how)
        return fixed.text
    garbled = next((s for s in suspects if mojibake.is_korean_mojibake(s)), None)
    if garbled is None:
        return text  # dense in accented letters, but not Korean text gone wrong: leave it as written
    raise ContentError(
        name,
        f"Korean text decoded with the wrong codec (mojibake like {mojibake.sample(garbled)!r}) that cannot be "
        "repaired exactly (bytes were lost, or only part of the file is garbled); save the original file "
        "again as UTF-8",
        text.count("\n", 0, text.index(garbled)) + mojibake.first_suspect_line(garbled),
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableText(name, f"invalid {encoding} byte {data[exc.start]:#04x}", line) from exc


def _legacy(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """Text that is not UTF-8: CP949/EUC-KR Korean, or else Windows-1252, and the codec it was."""
    from feeds import mojibake

    # CP949 is a superset of EUC-KR, the two encodings Korean sites still save in. Almost any
    # byte soup decodes as *something*, so accept it only when it reads as Korean; Windows-1252
    # (a superset of Latin-1, what Notepad saved Western text in) is the other legacy codec
    # articles come in.
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if text and mojibake.plausibly_korean(text):
        return text, "cp949"
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    # Western text has few letters beyond ASCII; text made of them is in some other codec
    # (Cyrillic, Greek), which Windows-1252 would only garble.
    if western and mojibake.plausibly_western(western):
        return western, "cp1252"
    if _HANGUL.search(text):  # not Windows-1252 either: Korean with rare syllables, as before
        return text, "cp949"
    line = data[: utf8_error.start].count(b"\n") + 1
    raise UnreadableText(
        name,
        f"not UTF-8 (invalid byte {data[utf8_error.start]:#04x}), nor CP949/EUC-KR Korean text, nor "
        "Windows-1252; save the file as UTF-8",
        line,
    )
