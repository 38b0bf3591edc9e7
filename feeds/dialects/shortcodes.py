"""Hugo shortcodes as plain HTML that feed readers show.

Readers strip iframes and scripts, so an embed becomes what survives there: a YouTube video a
linked thumbnail (its URL is fixed by the video id), other embeds a link. Hugo expands shortcodes
everywhere in the body, code blocks included, and writes ``{{</* name */>}}`` to show one
literally: so does this. An unknown shortcode leaves its inner content, with a warning.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Callable

from feeds.dialects import docsy
from feeds.dialects.common import Job, Next, code_block
from feeds.lazyre import LazyPattern

# Compiled on first use: most bodies hold none of this syntax, and a build may never need them.
_LITERAL_START = LazyPattern(r"\{\{[<%]/\*")
_LITERAL_END = LazyPattern(r"\*/[>%]\}\}")
_NAME = LazyPattern(r"\{\{([<%])\s*(/?)\s*([\w.-]+)")
_REFERENCE_START = LazyPattern(r"\{\{[<%]\s*(?:ref|relref)\s+")
_CLOSING = LazyPattern(r"\{\{[<%]\s*/\s*([\w.-]+)\s*[>%]\}\}")
# Where an argument list may stop: a quote opens a string, ">}}" or "%}}" ends the shortcode.
_STOP = LazyPattern(r"""["`]|[>%]\}\}""")
_DOUBLE_QUOTED = LazyPattern(r"""(?:\\.|[^"\\])*\"""", re.S)
_ARG = LazyPattern(r"""(?:([\w-]+)\s*=\s*)?("(?:\\.|[^"\\])*"|`[^`]*`|[^\s"`]+)""")
_PAGE_ONLY = LazyPattern(r"\{\{|<(script|style|link)\b", re.I)
_PAGE_ONLY_END = {"script": r"</script\s*>", "style": r"</style\s*>", "link": ">"}
MAX_DEPTH = 100  # shortcodes inside shortcodes: as deep as Liquid lets blocks nest
# Shortcodes that never take inner content: no closing tag is looked for.
_SELF_CLOSING = frozenset(
    {"youtube", "vimeo", "vimeo_simple", "x", "tweet", "twitter", "twitter_simple", "instagram", "instagram_simple"}
    | {"gist", "figure", "ref", "relref", "param"}
)

Args = tuple[list[str], dict[str, str]]


def references(body: str) -> list[str]:
    """The documents ``ref``/``relref`` name (``ref\\x1fpath``)."""
    if "{{<" not in body and "{{%" not in body:
        return []
    scan = _Scan(body)
    found = []
    pos = 0
    while (m := _REFERENCE_START.search(body, pos)) is not None:
        end = scan.end(m.end(), len(body))
        if end is None:
            pos = m.start() + 1
            continue
        positional, named = _args(body[m.end() : end].rstrip())
        target = named.get("path") or (positional[0] if positional else "")
        found.append(f"ref\x1f{target.partition('#')[0]}")
        pos = end + 3
    return found


def expand(body: str, job: Job) -> str:
    if "{{<" not in body and "{{%" not in body:
        return body
    body = _literals(body, job)
    return _expand(_Scan(body), job, 0, len(body), 0)


def _literals(body: str, job: Job) -> str:
    """``{{</* name */>}}`` kept verbatim as ``{{< name >}}``: how Hugo shows a shortcode."""
    out: list[str] = []
    ends = Next(body, _LITERAL_END)
    pos = 0
    while (m := _LITERAL_START.search(body, pos)) is not None:
        end = ends.find(m.end())
        if end < 0:
            break
        out += [
            body[pos : m.start()],
            job.keep("{{" + body[m.start() + 2] + body[m.end() : end] + body[end + 2] + "}}"),
        ]
        pos = end + 5
    return "".join(out) + body[pos:] if out else body


class _Scan:
    """Shortcodes in a text, found in time linear in its length.

    A shortcode is ``{{<`` (or ``{{%``), its name, then arguments up to the first ``>}}`` (or
    ``%}}``) not inside a quoted string; one whose end is never found is text. Looking for the end
    of each unclosed one anew would read the rest of the text once for each of them. So the places
    where an argument list may stop are found once, and each place's outcome is kept: where the
    shortcode read from there ends, or that it never does.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.stops = [m.start() for m in _STOP.finditer(text)]
        self.outcome: dict[int, int | None] = {}  # stop -> where ">}}" is, read from there; None: nowhere
        self.string_end: dict[int, int | None] = {}  # opening quote -> past the closing one
        self.unclosed_from = len(text)  # a string opened at or after this never closes
        self.closings: dict[str, list[int]] | None = None

    def end(self, pos: int, limit: int) -> int | None:
        """Where the ``>}}`` of arguments starting at ``pos`` is, if it ends before ``limit``."""
        at = self._from(bisect_left(self.stops, pos))
        return at if at is not None and at + 3 <= limit else None

    def _from(self, index: int) -> int | None:
        text, stops, seen = self.text, self.stops, []
        outcome: int | None = None
        while index < len(stops):
            stop = stops[index]
            if stop in self.outcome:
                outcome = self.outcome[stop]
                break
            seen.append(stop)
            if text[stop] not in '"`':
                outcome = stop
                break
            after = self._string(stop)
            if after is None:
                break
            index = bisect_left(stops, after, index + 1)
        for stop in seen:
            self.outcome[stop] = outcome
        return outcome

    def _string(self, quote: int) -> int | None:
        if quote in self.string_end:
            return self.string_end[quote]
        after: int | None = None
        if self.text[quote] == "`" or quote < self.unclosed_from:
            if self.text[quote] == "`":
                close = self.text.find("`", quote + 1)
                after = close + 1 if close >= 0 else None
            else:
                m = _DOUBLE_QUOTED.match(self.text, quote + 1)
                after = m.end() if m else None
            if after is None and self.text[quote] == '"':
                # A later string that is not closed either: it reads on where this one reads.
                self.unclosed_from = quote
        self.string_end[quote] = after
        return after

    def closing(self, name: str, pos: int, limit: int) -> tuple[int, int] | None:
        """The first ``{{< /name >}}`` from ``pos``, ending before ``limit``: its start and end."""
        if self.closings is None:
            self.closings = {}
            for m in _CLOSING.finditer(self.text):
                self.closings.setdefault(m.group(1), []).extend((m.start(), m.end()))
        found = self.closings.get(name, [])
        i = bisect_left(found, pos) & ~1  # an even index: a start
        while i < len(found) and found[i] < pos:
            i += 2
        if i < len(found) and found[i + 1] <= limit:
            return found[i], found[i + 1]
        return None


def _expand(scan: _Scan, job: Job, lo: int, hi: int, depth: int) -> str:
    text = scan.text
    out: list[str] = []
    pos = lo
    while (start := text.find("{{", pos, hi)) >= 0:
        m = _NAME.match(text, start, hi)
        end = scan.end(m.end(), hi) if m else None
        if m is None or end is None:
            out.append(text[pos : start + 1])
            pos = start + 1
            continue
        out.append(text[pos:start])
        tail = text[m.end() : end].rstrip()
        self_closed = tail.endswith("/")
        raw_args = tail[:-1].rstrip() if self_closed else tail
        pos = end + 3
        closing, name = m.group(2), m.group(3)
        if closing:
            job.warn(text, start, f"closing shortcode {{{{< /{name} >}}}} without an opening one removed")
            continue
        inner: tuple[int, int] | None = None
        if not self_closed and name not in _SELF_CLOSING:
            close = scan.closing(name, pos, hi)
            if close is not None:
                inner, pos = (pos, close[0]), close[1]
        alone = _alone(text, start, pos, lo, hi)
        out.append(_convert(name, _args(raw_args), inner, alone, job, scan, start, depth))
    out.append(text[pos:hi])
    return "".join(out)


def _alone(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Whether only spaces are between the shortcode and the ends of its line (or of ``lo:hi``)."""
    before = start
    while before > lo and text[before - 1] != "\n" and text[before - 1].isspace():
        before -= 1
    after = end
    while after < hi and text[after] != "\n" and text[after].isspace():
        after += 1
    return (before == lo or text[before - 1] == "\n") and (after == hi or text[after] == "\n")


def _args(raw: str) -> Args:
    positional: list[str] = []
    named: dict[str, str] = {}
    for key, value in _ARG.findall(raw):
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif value.startswith("`"):
            value = value[1:-1]
        if key:
            named[key] = value
        else:
            positional.append(value)
    return positional, named


def _pick(args: Args, name: str, index: int) -> str:
    positional, named = args
    return named.get(name) or (positional[index] if len(positional) > index else "")


def _a(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def _block(inline: str, alone: bool) -> str:
    return f"\n\n<p>{inline}</p>\n\n" if alone else inline


def _convert(
    name: str, args: Args, span: tuple[int, int] | None, alone: bool, job: Job, scan: _Scan, offset: int, depth: int
) -> str:
    whole = scan.text
    inner = whole[span[0] : span[1]] if span else None
    converters: dict[str, Callable[[], str | None]] = {
        "youtube": lambda: _youtube(args, alone),
        "vimeo": lambda: _vimeo(args, alone),
        "vimeo_simple": lambda: _vimeo(args, alone),
        "x": lambda: _post(args, alone),
        "tweet": lambda: _post(args, alone),
        "twitter": lambda: _post(args, alone),
        "twitter_simple": lambda: _post(args, alone),
        "instagram": lambda: _instagram(args, alone),
        "instagram_simple": lambda: _instagram(args, alone),
        "gist": lambda: _gist(args, alone),
        "figure": lambda: _figure(args),
        "highlight": lambda: job.keep(code_block(inner or "", _pick(args, "lang", 0))),
        "ref": lambda: _ref(args, job),
        "relref": lambda: _ref(args, job),
    }
    if name in ("imgproc", "gallery"):
        shown = docsy.imgproc(args[0], inner, job) if name == "imgproc" else docsy.gallery(args[1], job)
        if shown is not None:
            return shown
        job.warn(
            whole, offset, f"shortcode {{{{< {name} >}}}}: no file of the page bundle matches; its caption is kept"
        )
        if not span or not inner:
            return ""
        if depth >= MAX_DEPTH:
            job.fail(whole, offset, f"shortcodes nested more than {MAX_DEPTH} deep")
        return _expand(scan, job, span[0], span[1], depth + 1)
    if name in converters:
        result = converters[name]()
        if result is not None:
            return result
        job.warn(whole, offset, f"shortcode {{{{< {name} >}}}}: no such document in the content folder; removed")
        return ""
    if name.endswith(".inline"):
        # Hugo's inline shortcode: its inner content is a Go template feeds cannot run. What a reader
        # could show is its HTML; template actions, scripts, styles and stylesheets are not that.
        job.warn(whole, offset, f"inline shortcode {{{{< {name} >}}}}: its template is not run, its HTML is kept")
        return _page_only(inner or "")
    job.warn(whole, offset, f"unknown shortcode {{{{< {name} >}}}}: only its inner content is kept")
    if not span or not inner:
        return ""
    if depth >= MAX_DEPTH:
        job.fail(whole, offset, f"shortcodes nested more than {MAX_DEPTH} deep")
    return _expand(scan, job, span[0], span[1], depth + 1)


def _page_only(html: str) -> str:
    """``html`` without Go template actions, scripts, styles and stylesheet links, in one pass."""
    ends = {"{{": Next(html, "}}")} | {name: Next(html, LazyPattern(end, re.I)) for name, end in _PAGE_ONLY_END.items()}
    out: list[str] = []
    pos = last = 0
    while (m := _PAGE_ONLY.search(html, pos)) is not None:
        end = ends[(m.group(1) or "{{").lower()]
        if end.find(m.end()) < 0:
            pos = m.start() + 1
            continue
        out.append(html[last : m.start()])
        pos = last = end.stop
    return "".join(out) + html[last:]


def _youtube(args: Args, alone: bool) -> str:
    video = _pick(args, "id", 0)
    title = args[1].get("title") or "YouTube video"
    url = f"https://www.youtube.com/watch?v={video}"
    thumbnail = f"https://i.ytimg.com/vi/{video}/hqdefault.jpg"
    image = f'<img src="{html.escape(thumbnail)}" alt="{html.escape(title)}">'
    return _block(f'<a href="{html.escape(url)}">{image}</a>', alone)


def _vimeo(args: Args, alone: bool) -> str:
    video = _pick(args, "id", 0)
    return _block(_a(f"https://vimeo.com/{video}", args[1].get("title") or f"Vimeo video {video}"), alone)


def _post(args: Args, alone: bool) -> str:
    user, post = args[1].get("user", ""), args[1].get("id") or (args[0][-1] if args[0] else "")
    url = f"https://x.com/{user}/status/{post}" if user else f"https://x.com/i/status/{post}"
    return _block(_a(url, f"Post by @{user} on X" if user else "Post on X"), alone)


def _instagram(args: Args, alone: bool) -> str:
    post = _pick(args, "id", 0)
    return _block(_a(f"https://www.instagram.com/p/{post}/", "Instagram post"), alone)


def _gist(args: Args, alone: bool) -> str:
    user, gist, file = _pick(args, "user", 0), _pick(args, "id", 1), _pick(args, "file", 2)
    url = f"https://gist.github.com/{user}/{gist}" + (f"#file-{re.sub(r'[^A-Za-z0-9_-]', '-', file)}" if file else "")
    return _block(_a(url, f"Gist {file or gist} by {user}"), alone)


def _figure(args: Args) -> str:
    named = args[1]
    alt = named.get("alt") or named.get("caption", "")
    image = f'<img src="{html.escape(named.get("src", ""))}" alt="{html.escape(alt)}">'
    if named.get("link"):
        image = f'<a href="{html.escape(named["link"])}">{image}</a>'
    caption = ""
    if named.get("title"):
        caption += f"<h4>{html.escape(named['title'])}</h4>"
    if named.get("caption") or named.get("attr"):
        attr = named.get("attr", "")
        attr = _a(named["attrlink"], attr) if attr and named.get("attrlink") else html.escape(attr)
        caption += f"<p>{html.escape(named.get('caption', ''))}{' ' if named.get('caption') and attr else ''}{attr}</p>"
    return f"\n\n<figure>{image}" + (f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>\n\n"


def _ref(args: Args, job: Job) -> str | None:
    target = _pick(args, "path", 0)
    path, hash_, fragment = target.partition("#")
    link = job.links.find(path, job.doc.source) if job.links else None
    if link is None:
        return None
    return link + hash_ + fragment
