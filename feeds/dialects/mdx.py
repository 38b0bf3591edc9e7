"""MDX (``.mdx`` files: Next.js, Gatsby, Astro, Docusaurus): its JavaScript and JSX, turned into what a feed can show.

MDX is Markdown with ES modules and JSX components. A feed reader runs none of it, so:

- ``import``/``export`` blocks (a line starting with ``import``/``export``, up to the next blank
  line, as MDX reads them) are dropped; a default import of a media file (``import Img from
  './cat.png'``) is remembered, for a ``src={Img}``;
- a component with a ``src`` (``<Image src="/a.png" alt="A" />``, ``<Video src={clip} />``)
  becomes the media element its file is: ``<img>``, ``<video>`` or ``<audio>``;
- any other component (a capitalized tag: ``<Aside>``, ``<Tweet />``) is unwrapped: its
  children stay, its tags go, with a warning naming the line of its first use in the post;
- ``{/* comments */}`` are dropped.

Code blocks and code spans are left as written: a post about React shows its JSX. Linear in
the body: tags and braces are read by hand, one character at a time, never by backtracking.
"""

from __future__ import annotations

import html

from feeds.dialects.common import Job, log

_VIDEO = (".mp4", ".webm", ".mov", ".m4v", ".ogv")
_AUDIO = (".mp3", ".ogg", ".oga", ".wav", ".m4a", ".flac", ".opus")
_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", *_VIDEO, *_AUDIO)


def applies(source: str) -> bool:
    return source.lower().endswith(".mdx")


def expand(body: str, job: Job) -> str:
    imports: dict[str, str] = {}
    out: list[str] = []
    line = job.doc.body_line
    for chunk, is_code in _chunks(body):
        out.append(chunk if is_code else _text(chunk, imports, job, line))
        line += chunk.count("\n")
    return "".join(out)


def _chunks(body: str) -> list[tuple[str, bool]]:
    """The body cut into text and fenced code blocks (code: True), in order; ESM blocks are text."""
    chunks: list[tuple[str, bool]] = []
    fence = ""
    current: list[str] = []
    for line in body.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        marker = stripped[:3]
        if fence:
            current.append(line)
            if stripped.startswith(fence) and not stripped.strip().strip(fence[0]):
                chunks.append(("".join(current), True))
                current, fence = [], ""
        elif len(line) - len(stripped) < 4 and marker in ("```", "~~~"):
            if current:
                chunks.append(("".join(current), False))
            current = [line]
            fence = stripped[0] * (len(stripped) - len(stripped.lstrip(stripped[0])))
        else:
            current.append(line)
    if current:
        chunks.append(("".join(current), bool(fence)))
    return chunks


def _text(text: str, imports: dict[str, str], job: Job, first_line: int) -> str:
    """``text`` (no fenced code in it) with its ESM blocks, comments and components converted."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith(_ESM) and (not kept or not kept[-1].strip()):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                kept.append("\n")  # the line stays, empty: later lines keep their numbers
                i += 1
            _remember(" ".join(block), imports)
            continue
        kept.append(lines[i])
        i += 1
    text = "".join(kept)
    out: list[str] = []
    pos = 0
    counted, line = 0, first_line  # the line of ``counted``, advanced as warnings need it
    comments_close = True
    for at in _candidates(text):
        if at < pos:
            continue
        if text.startswith("{/*", at):
            end = text.find("*/}", at + 3) if comments_close else -1
            if end < 0:
                comments_close = False  # no later comment can close either
                continue
            out.append(text[pos:at])
            pos = end + 3
            continue
        tag, stop = _tag(text, at)
        if tag is None:
            pos_text = text[pos:stop]
            out.append(pos_text)
            pos = stop  # not a tag: what was read stays text, and is not read again
            continue
        name, attrs, closing, self_closing = tag
        out.append(text[pos:at])
        if not closing:
            line += text.count("\n", counted, at)
            counted = at
            out.append(_component(name, attrs, self_closing, imports, job, line))
        pos = stop
    out.append(text[pos:])
    return "".join(out)


_ESM = ("import ", "import{", "export ", "export{")


def _candidates(text: str) -> list[int]:
    """Where a component tag (``<Name``, ``</Name``, ``<>``, ``</>``) or a ``{/*`` may start: not in
    indented code or a code span."""
    found: list[int] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if ("<" in line or "{/*" in line) and not line.startswith(("    ", "\t")):
            ticks = 0
            for i, ch in enumerate(line):
                if ch == "`":
                    ticks += 1
                elif ticks % 2:
                    continue
                elif ch == "<":
                    following = line[i + 1 : i + 3]
                    if (
                        following[:1].isupper()
                        or following[:1] == ">"
                        or following == "/>"
                        or (following[:1] == "/" and following[1:2].isupper())
                    ):
                        found.append(offset + i)
                elif ch == "{" and line.startswith("/*", i + 1):
                    found.append(offset + i)
        offset += len(line)
    return found


def _tag(text: str, at: int) -> tuple[tuple[str, dict[str, str], bool, bool] | None, int]:
    """The JSX tag at ``at`` (name, string-valued attributes, closing, self-closing) and where it
    ends; if it is not one, None and where reading it stopped."""
    i = at + 1
    closing = text.startswith("/", i)
    if closing:
        i += 1
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "_.$"):
        j += 1
    name = text[i:j]
    attrs: dict[str, str] = {}
    k = j
    while k < len(text):
        ch = text[k]
        if ch.isspace():
            k += 1
        elif ch == ">":
            return (name, attrs, closing, False), k + 1
        elif text.startswith("/>", k):
            return (name, attrs, closing, True), k + 2
        elif ch == "{":
            end = _brace_end(text, k)
            if end < 0:
                return None, len(text)
            k = end  # a spread: {...props}
        elif ch.isalpha() or ch in "_:":
            n = k
            while n < len(text) and (text[n].isalnum() or text[n] in "_:.-"):
                n += 1
            key = text[k:n]
            while n < len(text) and text[n] in " \t":
                n += 1
            if not text.startswith("=", n):
                attrs[key] = ""
                k = n
                continue
            n += 1
            while n < len(text) and text[n] in " \t":
                n += 1
            if n < len(text) and text[n] in "\"'":
                end = text.find(text[n], n + 1)
                if end < 0:
                    return None, len(text)
                attrs[key] = html.unescape(text[n + 1 : end])
                k = end + 1
            elif n < len(text) and text[n] == "{":
                end = _brace_end(text, n)
                if end < 0:
                    return None, len(text)
                attrs[key] = "\x00" + text[n + 1 : end - 1].strip()  # an expression
                k = end
            else:
                return None, max(n, at + 1)
        else:
            return None, max(k, at + 1)
    return None, len(text)


def _brace_end(text: str, at: int) -> int:
    """Just past the ``}`` closing the ``{`` at ``at``, strings and template literals skipped; -1 if none."""
    depth = 0
    k = at
    while k < len(text):
        ch = text[k]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return k + 1
        elif ch in "\"'`":
            end = text.find(ch, k + 1)
            if end < 0:
                return -1
            k = end
        k += 1
    return -1


def _remember(block: str, imports: dict[str, str]) -> None:
    """Default imports of media files in an ESM block: ``import cat from './cat.png'``."""
    for statement in block.split("import ")[1:]:
        name, sep, rest = statement.partition(" from ")
        name = name.strip()
        if not sep or not name.isidentifier():
            continue
        rest = rest.strip()
        if rest[:1] in ("'", '"'):
            path = rest[1 : rest.find(rest[0], 1)]
            if path.lower().endswith(_MEDIA):
                imports[name] = path


def _component(
    name: str, attrs: dict[str, str], self_closing: bool, imports: dict[str, str], job: Job, line: int
) -> str:
    if not name:
        return ""  # a fragment, <> or </>
    src = attrs.get("src", "")
    if src.startswith("\x00"):
        expression = src[1:]
        src = imports.get(expression, "")
        if not src and len(expression) > 1 and expression[0] == expression[-1] and expression[0] in "\"'`":
            src = expression[1:-1]
    if src:
        return _media(src, attrs)
    warned = job.memo.setdefault("mdx components", set())
    if isinstance(warned, set) and (name, self_closing) not in warned:  # once per component in a post
        warned.add((name, self_closing))
        what = "removed" if self_closing else "its tags removed, its content kept"
        where = job.links.label(job.doc.source) if job.links else job.doc.source
        log.warning("%s:%d: MDX component <%s> is not HTML a feed can show: %s", where, line, name, what)
    return ""


def _media(src: str, attrs: dict[str, str]) -> str:
    # A relative path stays relative: it resolves against the entry's link, as a Markdown image's
    # does (a page bundle's files are published beside it).
    url = html.escape(src)

    def text(key: str) -> str:  # a string attribute; an expression is nothing a feed can show
        value = attrs.get(key, "")
        return "" if value.startswith("\x00") else value

    path = src.lower().split("?", 1)[0]
    if path.endswith(_VIDEO):
        return f'<video controls src="{url}"><a href="{url}">{url}</a></video>'
    if path.endswith(_AUDIO):
        return f'<audio controls src="{url}"><a href="{url}">{url}</a></audio>'
    alt = text("alt") or text("title")
    return f'<img src="{url}" alt="{html.escape(alt)}">'
