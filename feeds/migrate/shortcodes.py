"""Hugo shortcodes as plain HTML that feed readers show.

Readers strip iframes and scripts, so an embed becomes what survives there: a YouTube video a
linked thumbnail (its URL is fixed by the video id), other embeds a link. Hugo expands shortcodes
everywhere in the body, code blocks included, and writes ``{{</* name */>}}`` to show one
literally: so does this. An unknown shortcode leaves its inner content, with a warning.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from feeds.lazyre import LazyPattern
from feeds.migrate import docsy
from feeds.migrate.common import Job, code_block

# Compiled on first use: most bodies hold none of this syntax, and a build may never need them.
_LITERAL = LazyPattern(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
_ARGS = r"""(?:"(?:\\.|[^"\\])*"|`[^`]*`|[^"`])*?"""
_SHORTCODE = LazyPattern(r"\{\{([<%])\s*(/?)\s*([\w.-]+)(" + _ARGS + r")\s*(/?)\s*[>%]\}\}", re.S)
_ARG = LazyPattern(r"""(?:([\w-]+)\s*=\s*)?("(?:\\.|[^"\\])*"|`[^`]*`|[^\s"`]+)""")
_PAGE_ONLY = LazyPattern(r"\{\{.*?\}\}|<(script|style)\b.*?</\1\s*>|<link\b[^>]*>", re.S | re.I)
_REFERENCE = LazyPattern(r"\{\{[<%]\s*(?:ref|relref)\s+(" + _ARGS + r")\s*[>%]\}\}", re.S)
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
    found = []
    for raw in _REFERENCE.findall(body):
        positional, named = _args(raw)
        target = named.get("path") or (positional[0] if positional else "")
        found.append(f"ref\x1f{target.partition('#')[0]}")
    return found


def render(body: str, job: Job) -> str:
    if "{{<" not in body and "{{%" not in body:
        return body
    body = _LITERAL.sub(lambda m: job.keep("{{" + m.group(1) + m.group(2) + m.group(3) + "}}"), body)
    return _expand(body, job, body, 0)


def _expand(text: str, job: Job, whole: str, base: int) -> str:
    out: list[str] = []
    pos = 0
    while (m := _SHORTCODE.search(text, pos)) is not None:
        out.append(text[pos : m.start()])
        pos = m.end()
        closing, name, raw_args, self_closed = m.group(2), m.group(3), m.group(4), m.group(5)
        offset = base + m.start()
        if closing:
            job.warn(whole, offset, f"closing shortcode {{{{< /{name} >}}}} without an opening one removed")
            continue
        inner = None
        if not self_closed and name not in _SELF_CLOSING:
            end = re.compile(r"\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[>%]\}\}").search(text, m.end())
            if end is not None:
                inner, pos = text[m.end() : end.start()], end.end()
        alone = _alone(text, m.start(), pos)
        out.append(_convert(name, _args(raw_args), inner, alone, job, whole, offset, base + m.end()))
    out.append(text[pos:])
    return "".join(out)


def _alone(text: str, start: int, end: int) -> bool:
    before = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return not text[before:start].strip() and not text[end : len(text) if after < 0 else after].strip()


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
    name: str, args: Args, inner: str | None, alone: bool, job: Job, whole: str, offset: int, inner_at: int
) -> str:
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
        return _expand(inner, job, whole, inner_at) if inner else ""
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
        return _PAGE_ONLY.sub("", inner or "")
    job.warn(whole, offset, f"unknown shortcode {{{{< {name} >}}}}: only its inner content is kept")
    return _expand(inner, job, whole, inner_at) if inner else ""


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
