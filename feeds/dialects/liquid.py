"""Jekyll's Liquid, evaluated the way Jekyll does before Markdown, for what blog posts use of it.

Jekyll renders Liquid over the whole body, code blocks included (that is why posts about Liquid
wrap it in ``{% raw %}``), so this does too. Supported: ``{{ expression | filters }}`` over
``site``, ``page`` and assigned variables; ``assign``, ``for``, ``raw``, ``highlight``,
``comment``, ``link`` and ``post_url``. Any other tag is removed (a block's content is kept), with
a warning naming the file and line: a feed must never show template syntax.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import quote, urljoin

from feeds.dialects.common import Job, Next, code_block
from feeds.lazyre import LazyPattern

# Compiled on first use: most bodies hold none of this syntax, and a build may never need them.
_SITE_URL_PAIR = LazyPattern(r"\{\{-?\s*site\.url\s*-?\}\}\s*\{\{-?\s*site\.baseurl\s*-?\}\}")
_REFERENCE_START = LazyPattern(r"\{%-?\s*(link|post_url)\s+")
_VERBATIM = ("raw", "highlight", "comment")
_ARG = LazyPattern(r"""'[^']*'|"[^"]*"|[^\s,:|'"]+|\|""")
_RANGE = LazyPattern(r"\(\s*(\S+)\s*\.\.\s*(\S+)\s*\)")
# The loop's collection may not end in a space: else each space of a long run would be tried
# as its end, each trying the rest of the run as the space before "reversed".
_LOOP = LazyPattern(r"(\w+)\s++in\s++(.+?)(?<!\s)(\s+reversed)?(?:\s+(?:limit|offset):.*)?")
_SPACE = LazyPattern(r"\s*")
_WORD = LazyPattern(r"\w+")

# What one body may expand to. Liquid itself stops nesting at 100; the others are far above what
# a post's loops make, and far below what would exhaust a renderer's memory.
MAX_DEPTH = 100
MAX_ITERATIONS = 100_000  # loop iterations in all, nested ones included
MAX_OUTPUT = 1_000_000  # characters of text made, and of any one value


def references(body: str) -> list[str]:
    """The documents ``{% link %}`` and ``{% post_url %}`` name (``kind\\x1fpath``)."""
    if "{%" not in body:
        return []
    found = []
    ends = Next(body, "%}")
    pos = 0
    while (m := _REFERENCE_START.search(body, pos)) is not None:
        close = ends.find(m.end())
        if close < 0:
            break
        path, _ = _strip_dash(body[m.end() : close])
        found.append(f"{m.group(1)}\x1f{path.strip()}")
        pos = close + 2
    return found


def expand(body: str, job: Job) -> str:
    if "{%" not in body and "{{" not in body:
        return body
    # Jekyll sites write "{{ site.url }}{{ site.baseurl }}/x": both together are the site's URL once.
    body = _SITE_URL_PAIR.sub("{{ site.url }}", body)
    nodes, _, _ = _parse(_Tokens(body), 0, frozenset(), job)
    site = job.site
    root = site.url.rstrip("/")
    scope: dict[str, Any] = {
        "site": {**site.site_variables, "url": root, "baseurl": root, "title": site.title},
        "page": {
            **job.doc.extra,
            "title": job.doc.title,
            "url": job.doc.link,
            "date": job.doc.published.isoformat(),
            "slug": job.doc.slug,
            "tags": list(job.doc.tags),
        },
    }
    return _Renderer(body, job, scope).run(nodes)


# A node: ("text", text) | ("out", expression, offset) | ("tag", name, args, offset)
#       | ("verbatim", name, args, content, offset) | ("for", args, children, offset)
Node = tuple[Any, ...]


@dataclass(frozen=True)
class _Token:
    """A ``{% name args %}`` tag (``name`` set) or a ``{{ expression }}`` output (``name`` None)."""

    start: int
    end: int
    name: str | None
    args: str  # a tag's arguments, or an output's expression
    trim_before: bool  # "{%-": the text before loses its trailing whitespace
    trim_after: bool  # "-%}": the text after loses its leading whitespace


class _Tokens:
    """The tags and outputs of a text, in order, each ending at the first ``%}`` or ``}}`` after it.

    Read the way Liquid's tokenizer does, in one pass: an opening never closed makes no token, and
    the search for its end is not repeated for the next one.
    """

    def __init__(self, src: str) -> None:
        self.src = src
        self.tag_ends = Next(src, "%}")
        self.output_ends = Next(src, "}}")

    def next(self, pos: int) -> _Token | None:
        src = self.src
        while (at := src.find("{", pos)) >= 0:
            pos = at + 1
            second = src[at + 1 : at + 2]
            if second == "%":
                token = self._tag(at)
            elif second == "{" and src[at + 2 : at + 3] not in ("<", "%"):  # "{{<", "{{%": Hugo's
                token = self._output(at)
            else:
                continue
            if token is not None:
                return token
        return None

    def _tag(self, at: int) -> _Token | None:
        close = self.tag_ends.find(at + 2)
        if close < 0:
            return None
        src = self.src
        trim = src.startswith("-", at + 2)
        word = _WORD.match(src, _after_space(src, at + 2 + trim, close), close)
        if word is None:
            return None
        args, trim_after = _strip_dash(src[word.end() : close])
        return _Token(at, close + 2, word.group(), args, trim, trim_after)

    def _output(self, at: int) -> _Token | None:
        close = self.output_ends.find(at + 2)
        if close < 0:
            return None
        inner = self.src[at + 2 : close]
        trim = inner.startswith("-")
        expression, trim_after = _strip_dash(inner[trim:])
        return _Token(at, close + 2, None, expression, trim, trim_after)


def _after_space(src: str, pos: int, end: int | None = None) -> int:
    m = _SPACE.match(src, pos, len(src) if end is None else end)
    return m.end() if m else pos


def _strip_dash(inner: str) -> tuple[str, bool]:
    """``inner`` without its surrounding whitespace and a final "-", and whether it had that "-"."""
    inner = inner.lstrip()
    dash = inner.endswith("-")
    return (inner[:-1] if dash else inner).rstrip(), dash


def _parse(
    tokens: _Tokens, pos: int, ends: frozenset[str], job: Job, depth: int = 0
) -> tuple[list[Node], int, str | None]:
    src = tokens.src
    nodes: list[Node] = []
    while True:
        m = tokens.next(pos)
        if m is None:
            nodes.append(("text", src[pos:]))
            return nodes, len(src), None
        text = src[pos : m.start]
        if m.trim_before:
            text = text.rstrip()
        nodes.append(("text", text))
        pos = m.end
        if m.trim_after:
            pos = _after_space(src, pos)
        if m.name is None:
            nodes.append(("out", m.args, m.start))
            continue
        name, args = m.name, m.args
        if name in ends:
            return nodes, pos, name
        if name in _VERBATIM:
            end = re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}").search(src, m.end)
            if end is None:
                job.warn(src, m.start, f"{{% {name} %}} is never closed; the rest of the text is kept as it is")
                nodes.append(("verbatim", name, args, src[m.end :], m.start))
                return nodes, len(src), None
            nodes.append(("verbatim", name, args, src[m.end : end.start()], m.start))
            pos = end.end()
        elif name == "for":
            if depth >= MAX_DEPTH:
                job.fail(src, m.start, f"Liquid blocks nested more than {MAX_DEPTH} deep")
            children, pos, _ = _parse(tokens, pos, frozenset({"endfor"}), job, depth + 1)
            nodes.append(("for", args, children, m.start))
        else:
            nodes.append(("tag", name, args, m.start))


class _Renderer:
    def __init__(self, src: str, job: Job, scope: dict[str, Any]) -> None:
        self.src = src
        self.job = job
        self.scope = scope
        self.made = 0  # characters of text made so far, in all
        self.iterations = 0  # loop iterations so far, in all
        self.at = 0  # offset of the node being rendered, for messages

    def run(self, nodes: list[Node]) -> str:
        out: list[str] = []
        for node in nodes:
            kind = node[0]
            if kind == "for":  # its text is counted as its children make it
                out.append(self.loop(node[1], node[2], node[3]))
                continue
            if kind == "text":
                piece = node[1]
            else:
                self.at = node[-1]
                if kind == "out":
                    piece = _to_text(self.evaluate(node[1], node[2]))
                elif kind == "verbatim":
                    piece = self.verbatim(node[1], node[2], node[3])
                else:
                    piece = self.tag(node[1], node[2], node[3])
            self.made += len(piece)
            if self.made > MAX_OUTPUT:
                self.fail(f"Liquid makes more than {MAX_OUTPUT:,} characters of text here")
            out.append(piece)
        return "".join(out)

    def fail(self, message: str, offset: int | None = None) -> NoReturn:
        self.job.fail(self.src, self.at if offset is None else offset, message)

    def verbatim(self, name: str, args: str, content: str) -> str:
        if name == "comment":
            return ""
        if name == "highlight":
            lang = args.split()[0] if args.split() else ""
            return self.job.keep(code_block(content, lang))
        return self.job.keep(content)

    def loop(self, args: str, children: list[Node], offset: int) -> str:
        m = _LOOP.fullmatch(args.strip())
        if m is None:
            self.job.warn(self.src, offset, f"cannot read the Liquid loop {{% for {args} %}}; its content is kept once")
            return self.run(children)
        items = self.evaluate(m.group(2), offset)
        if isinstance(items, str | int | float) or items is None:
            items = [items] if items not in (None, "") else []
        elif isinstance(items, dict):
            items = list(items.items())
        items = list(items)
        if m.group(3):
            items.reverse()
        self.iterations += len(items)
        if self.iterations > MAX_ITERATIONS:
            message = f"Liquid loops here run more than {MAX_ITERATIONS:,} times in all"
            self.fail(message, offset)
        out = []
        for index, item in enumerate(items):
            self.at = offset
            self.scope[m.group(1)] = item
            self.scope["forloop"] = {"index": index + 1, "index0": index, "first": index == 0}
            out.append(self.run(children))
        return "".join(out)

    def tag(self, name: str, args: str, offset: int) -> str:
        if name == "assign":
            target, _, expression = args.partition("=")
            self.scope[target.strip()] = self.evaluate(expression, offset)
            return ""
        if name in ("link", "post_url"):
            target = args.strip().strip("\"'")
            link = self.job.links.find(target, self.job.doc.source) if self.job.links else None
            if link is None:
                message = f"{{% {name} {target} %}}: no such document in the content folder; removed"
                self.job.warn(self.src, offset, message)
                return ""
            return link
        what = "block tag" if name in ("if", "unless", "case", "capture", "else", "elsif", "when") else "tag"
        self.job.warn(self.src, offset, f"unsupported Liquid {what} {{% {name} %}} removed")
        return ""

    def evaluate(self, expression: str, offset: int) -> Any:
        tokens = _ARG.findall(expression)
        if not tokens:
            return None
        pipes = [i for i, t in enumerate(tokens) if t == "|"]
        value = self.value(tokens[0], offset)
        for start, end in zip(pipes, [*pipes[1:], len(tokens)][: len(pipes)], strict=True):
            name, *args = tokens[start + 1 : end]
            value = self.apply(name, value, [self.value(a, offset) for a in args], offset)
        return value

    def value(self, token: str, offset: int) -> Any:
        if token[:1] in ("'", '"'):
            return token[1:-1]
        if re.fullmatch(r"-?\d+", token):
            try:
                return int(token)
            except ValueError:  # more digits than Python converts
                self.fail(f"Liquid number {token[:20]}… is too long", offset)
        if token in ("true", "false"):
            return token == "true"
        if token in ("nil", "null", "empty"):
            return None
        if token[:1] == "(" and token[-1:] == ")" and (m := _RANGE.fullmatch(token)) is not None:
            try:
                low, high = int(self.value(m.group(1), offset) or 0), int(self.value(m.group(2), offset) or 0)
            except (TypeError, ValueError):
                self.fail(f"Liquid range {token} needs whole numbers at both ends", offset)
            if high - low >= MAX_ITERATIONS:
                self.fail(f"Liquid range {token} has more than {MAX_ITERATIONS:,} items", offset)
            return list(range(low, high + 1))
        value: Any = self.scope
        for part in re.split(r"\.|\[|\]", token):
            if not part:
                continue
            part = part.strip("\"'")
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and part.lstrip("-").isdigit() and -len(value) <= int(part) < len(value):
                value = value[int(part)]
            elif isinstance(value, list) and part == "size":
                value = len(value)
            elif isinstance(value, list) and part in ("first", "last"):
                value = (value[0] if part == "first" else value[-1]) if value else None
            else:
                self.job.warn(self.src, offset, f"unknown Liquid variable {token!r} left empty")
                return None
        return value

    def apply(self, name: str, value: Any, args: list[Any], offset: int) -> Any:
        text = _to_text(value)
        first = _to_text(args[0]) if args else ""
        filters: dict[str, Callable[[], Any]] = {
            "relative_url": lambda: urljoin(self.job.site.url, text.lstrip("/")),
            "absolute_url": lambda: urljoin(self.job.site.url, text.lstrip("/")),
            "prepend": lambda: first + text,
            "append": lambda: text + first,
            "split": lambda: text.split(first) if first else list(text),
            "join": lambda: first.join(_to_text(v) for v in value) if isinstance(value, list) else text,
            "slugify": lambda: re.sub(r"[^\w]+", "-", text.lower(), flags=re.ASCII).strip("-"),
            "downcase": lambda: text.lower(),
            "upcase": lambda: text.upper(),
            "capitalize": lambda: text[:1].upper() + text[1:],
            "strip": lambda: text.strip(),
            "escape": lambda: html.escape(text),
            "xml_escape": lambda: html.escape(text),
            "uri_escape": lambda: quote(text, safe="/:?#[]@!$&'()*+,;=%-._~"),
            "url_encode": lambda: quote(text, safe=""),
            "replace": lambda: text.replace(first, _to_text(args[1]) if len(args) > 1 else ""),
            "remove": lambda: text.replace(first, ""),
            "default": lambda: value if value not in (None, "", False, []) else (args[0] if args else ""),
            "size": lambda: len(value) if isinstance(value, list | str) else 0,
            "markdownify": lambda: text,
        }
        if name not in filters:
            self.job.warn(self.src, offset, f"unsupported Liquid filter {name!r} ignored")
            return value
        # What replace and join would make, known before it is made: a text "replace"d into each
        # gap of another, or a long list joined by a long text, is the product of two sizes.
        if name == "replace" and args:
            gaps = text.count(first) if first else len(text) + 1
            size = len(text) + gaps * (len(_to_text(args[1]) if len(args) > 1 else "") - len(first))
        elif name == "join" and isinstance(value, list):
            size = sum(len(_to_text(v)) for v in value) + max(len(value) - 1, 0) * len(first)
        else:
            size = 0
        if size > MAX_OUTPUT:
            self.fail(f"Liquid filter {name!r} would make more than {MAX_OUTPUT:,} characters", offset)
        result = filters[name]()
        if isinstance(result, str | list) and len(result) > MAX_OUTPUT:
            self.fail(f"Liquid filter {name!r} makes more than {MAX_OUTPUT:,} characters", offset)
        return result


def _to_text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if isinstance(value, list | tuple):
        return "".join(_to_text(v) for v in value)
    return str(value)
