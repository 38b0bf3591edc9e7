"""The Go template actions of golang.org/x/website-style blogs: ``{{image}}``, ``{{code}}``, ``{{play}}``,
``{{video}}`` and ``{{raw}}``, as that site renders them.

Only in bodies that are such posts: YAML front matter with x/website's ``template: true``, or one
of these actions, with a string argument, outside code blocks and spans (``{{image "x.png"}}``).
A Handlebars or Vue sample inside a code block does not make a post one. In such a post, the
actions run everywhere, code blocks included, as x/website runs them. The files an action names are
beside the post, as on that site: ``{{code "cover/pkg.go"}}`` in ``blog/cover.md`` is
``blog/cover/pkg.go``. Its text is included as x/website does (the lines between two
``/regexp/`` addresses, ``OMIT`` lines left out, tabs as four spaces), in a code block. A file that
is not there, or an action feeds does not know, is removed with a warning naming the line: never
shown as text.

Linear in the body: one scan for ``{{``, each action parsed by hand to its ``}}``. An address is
matched as literal text with ``.`` for any character and ``^``/``$`` anchors, never as a full
regular expression: a pattern from a post must not make a build backtrack; a pattern that needs
one includes the whole file, with a warning. ``{{raw (file "x.html")}}`` puts in that file's text.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from feeds.dialects.common import Job, code_block

NAMES = ("image", "code", "play", "video", "raw")
MAX_FILE_BYTES = 1 << 20  # a source file beside a post; anything larger is not one
MAX_ADDRESS = 200  # a /text/ address: a line's words, not a document
FILE = "\x00file "  # an argument that is x/website's (file "name"): the file's text
_REGEX_SYNTAX = frozenset("*+?[]()|")  # "{" only before a digit: "^}" is a brace; "." any character
_GO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "a": "\a", "b": "\b", "f": "\f",
               "v": "\v"}  # fmt: skip


def applies(body: str, fmt: str, template: bool = False) -> bool:
    """Whether ``body`` is an x/website-style post: its front matter says ``template: true``
    (x/website's switch) and it holds one of its actions, or one is outside code."""
    if fmt != "frontmatter-yaml" or "{{" not in body:
        return False
    return any(
        _call(body, at) is not None for at in (_everywhere(body) if template else _actions(body, indented=False))
    )


def references(body: str, source: str) -> list[str]:
    """The files the actions include (``file\\x1fpath`` from the content folder): the HTML depends on them."""
    found = []
    for at in _everywhere(body):
        call = _call(body, at)
        if call is not None and call[0] in ("code", "play") and call[1]:
            found.append(f"file\x1f{_beside(source, call[1][0])}")
        elif call is not None and call[0] == "raw":
            found += [f"file\x1f{_beside(source, a[len(FILE) :])}" for a in call[1] if a.startswith(FILE)]
    return found


def expand(body: str, job: Job) -> str:
    out: list[str] = []
    pos = 0
    for at in _everywhere(body):
        if at < pos:
            continue
        call = _call(body, at)
        if call is None:
            continue
        name, args, end = call
        out.append(body[pos:at])
        out.append(_convert(name, args, job, body, at))
        pos = end
    out.append(body[pos:])
    return "".join(out)


def _everywhere(body: str) -> list[int]:
    """Where each ``{{`` starts: once a post is x/website's, its actions run in code blocks too, as
    there (its ``{{raw "<"}}`` in a code block is a "<")."""
    found = []
    at = body.find("{{")
    while at >= 0:
        found.append(at)
        at = body.find("{{", at + 2)
    return found


def _actions(body: str, *, indented: bool = True) -> list[int]:
    """Where each ``{{`` outside fenced code blocks and code spans starts; ``indented``: lines
    indented by four spaces too (a list item's, or x/website's own ``{{raw}}`` in one), which
    x/website runs like any other. Telling whether a post is such a post reads no indented line:
    there, an indented code sample is more likely."""
    found: list[int] = []
    fence = ""
    start = 0
    for line in body.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if fence:
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip().strip(fence[0]):
                fence = ""
        elif indent < 4 and stripped[:3] in ("```", "~~~"):
            run = len(stripped) - len(stripped.lstrip(stripped[0]))
            fence = stripped[0] * run
        elif "{{" in line and (indented or not line.startswith(("    ", "\t"))):
            found += _outside_spans(line, start)
        start += len(line)
    return found


def _outside_spans(line: str, offset: int) -> list[int]:
    found = []
    i = 0
    while (at := line.find("{{", i)) >= 0:
        tick = line.find("`", i, at)
        if tick >= 0:  # a code span opens before the action: skip to its end
            run = len(line) - len(line[tick:].lstrip("`")) - tick
            close = line.find("`" * run, tick + run)
            if close < 0:
                break
            i = close + run
            continue
        found.append(offset + at)
        i = at + 2
    return found


def _call(body: str, at: int) -> tuple[str, list[str], int] | None:
    """The action at ``at``: its function, its arguments, and where it ends; None if not one of NAMES."""
    i = at + 2
    j = i
    while j < len(body) and body[j].isalpha():
        j += 1
    name = body[i:j]
    if name not in NAMES or j >= len(body) or body[j] not in " \t":
        return None
    args: list[str] = []
    k = j
    while k < len(body):
        ch = body[k]
        if ch in " \t\n":
            k += 1
        elif body.startswith("}}", k):
            return (name, args, k + 2) if args else None
        elif ch == '"':
            end = k + 1
            while end < len(body) and body[end] not in '"\n':
                end += 2 if body[end] == "\\" else 1
            if end >= len(body) or body[end] != '"':
                return None
            args.append(_unquote(body[k + 1 : end]))
            k = end + 1
        elif ch == "`":
            end = body.find("`", k + 1)
            if end < 0:
                return None
            args.append(body[k + 1 : end])
            k = end + 1
        elif body.startswith("(file ", k):
            # x/website's {{raw (file "tags.html")}}: the named file's text.
            quote = k + 6
            while quote < len(body) and body[quote] == " ":
                quote += 1
            end = body.find('"', quote + 1) if body.startswith('"', quote) else -1
            if end < 0 or "\n" in body[quote:end] or not body.startswith(")", end + 1):
                return None
            args.append(FILE + _unquote(body[quote + 1 : end]))
            k = end + 2
        elif ch.isdigit():
            end = k
            while end < len(body) and body[end].isdigit():
                end += 1
            args.append(body[k:end])
            k = end
        else:
            return None
    return None


def _unquote(text: str) -> str:
    """A Go interpreted string literal's text (``"\\t"`` is a tab)."""
    if "\\" not in text:
        return text
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(_GO_ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _beside(source: str, name: str) -> str:
    """``name`` (relative to the post's folder) as a path from the content folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), name.lstrip("/")))


def _convert(name: str, args: list[str], job: Job, body: str, at: int) -> str:
    if name == "raw":
        texts = []
        for arg in args:
            if arg.startswith(FILE):
                text = _read(job, _beside(job.doc.source, arg[len(FILE) :]))
                if text is None:
                    job.warn(
                        body, at, f'{{{{raw (file "{arg[len(FILE) :]}")}}}}: no such file beside the post; removed'
                    )
                    continue
                arg = text
            texts.append(arg)
        return job.keep("".join(texts))
    target = args[0]
    if name == "image":
        url = job.site.url + _beside(job.doc.source, target)
        width = f' width="{args[1]}"' if len(args) > 1 and args[1].isdigit() else ""
        return f'\n\n<p><img src="{html.escape(url)}" alt=""{width}></p>\n\n'
    if name == "video":
        url = html.escape(job.site.url + _beside(job.doc.source, target))
        return f'\n\n<p><video controls src="{url}"><a href="{url}">{url}</a></video></p>\n\n'
    text = _read(job, _beside(job.doc.source, target))
    if text is None:
        job.warn(body, at, f'{{{{{name} "{target}"}}}}: no such file beside the post; removed')
        return ""
    excerpt = _excerpt(text, args[1:], job, body, at, name, target)
    lang = "go" if target.endswith(".go") else ""
    return job.keep(code_block(excerpt, lang))


def _read(job: Job, path: str) -> str | None:
    if path.startswith("../") or path == ".." or job.links is None or not job.links.prefix:
        return None
    root = Path(job.links.prefix).resolve()
    file = (root / path).resolve()
    try:
        if not file.is_relative_to(root) or not file.is_file() or file.stat().st_size > MAX_FILE_BYTES:
            return None
        return file.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None


def _excerpt(text: str, addresses: list[str], job: Job, body: str, at: int, name: str, target: str) -> str:
    """x/website's ``code``: the whole file, one line, or the lines from one address to the next."""
    lines = text.splitlines(keepends=True)
    if addresses and addresses[-1].startswith("HL"):
        addresses = addresses[:-1]
    if addresses and addresses[-1].isdigit() and len(addresses) > 2:
        addresses = addresses[:-1]  # a line-number setting, not an address
    first = last = None
    if len(addresses) >= 1:
        first = _line(lines, addresses[0], 0)
        last = first
    if len(addresses) >= 2 and first is not None:
        last = _line(lines, addresses[1], first + 1)
    if addresses and (first is None or last is None):
        job.warn(body, at, f'{{{{{name} "{target}"}}}}: an address feeds cannot match; the whole file is shown')
        first = last = None
    chosen = lines if first is None or last is None else lines[first : last + 1]
    kept = [line for line in chosen if not line.rstrip("\n").endswith("OMIT")]
    return "".join(kept).strip("\n").replace("\t", "    ")


def _line(lines: list[str], address: str, start: int) -> int | None:
    """The index of the line ``address`` names: a line number, ``$``, or ``/text/`` from ``start`` on."""
    if address.isdigit():
        n = int(address)
        return n - 1 if 0 < n <= len(lines) else None
    if address == "$":
        return len(lines) - 1 if lines else None
    if len(address) < 3 or address[0] != "/" or address[-1] != "/":
        return None
    pattern = address[1:-1].removeprefix("(?m)")
    if len(pattern) > MAX_ADDRESS:
        return None
    head, tail = pattern.startswith("^"), pattern.endswith("$") and not pattern.endswith("\\$")
    literal = pattern[1 if head else 0 : len(pattern) - 1 if tail else len(pattern)]
    # Literal text and ".": a pattern without repetition, which re matches without backtracking
    # beyond its own length.
    parts = []
    i = 0
    while i < len(literal):
        ch = literal[i]
        if ch == "\\" and i + 1 < len(literal) and not literal[i + 1].isalnum():
            parts.append(re.escape(literal[i + 1]))
            i += 2
            continue
        if ch in _REGEX_SYNTAX or ch == "\\" or (ch == "{" and literal[i + 1 : i + 2].isdigit()):
            return None  # a real regular expression
        parts.append("." if ch == "." else re.escape(ch))
        i += 1
    needle = re.compile(("^" if head else "") + "".join(parts) + ("$" if tail else ""))
    for index in range(start, len(lines)):
        if needle.search(lines[index].rstrip("\n")):
            return index
    return None
