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
from typing import Any
from urllib.parse import quote, urljoin

from feeds.lazyre import LazyPattern
from feeds.migrate.common import Job, code_block

# Compiled on first use: most bodies hold none of this syntax, and a build may never need them.
_TOKEN = LazyPattern(r"\{%(-?)\s*(\w+)\s*(.*?)\s*(-?)%\}|\{\{(?![<%])(-?)\s*(.*?)\s*(-?)\}\}", re.S)
_SITE_URL_PAIR = LazyPattern(r"\{\{-?\s*site\.url\s*-?\}\}\s*\{\{-?\s*site\.baseurl\s*-?\}\}")
_REFERENCE = LazyPattern(r"\{%-?\s*(link|post_url)\s+(.*?)\s*-?%\}", re.S)
_VERBATIM = ("raw", "highlight", "comment")
_ARG = LazyPattern(r"""'[^']*'|"[^"]*"|[^\s,:|'"]+|\|""")
_RANGE = LazyPattern(r"\(\s*(\S+)\s*\.\.\s*(\S+)\s*\)")


def references(body: str) -> list[str]:
    """The documents ``{% link %}`` and ``{% post_url %}`` name (``kind\\x1fpath``)."""
    if "{%" not in body:
        return []
    return [f"{kind}\x1f{path.strip()}" for kind, path in _REFERENCE.findall(body)]


def render(body: str, job: Job) -> str:
    if "{%" not in body and "{{" not in body:
        return body
    # Jekyll sites write "{{ site.url }}{{ site.baseurl }}/x": both together are the site's URL once.
    body = _SITE_URL_PAIR.sub("{{ site.url }}", body)
    nodes, _, _ = _parse(body, 0, frozenset(), job)
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


def _parse(src: str, pos: int, ends: frozenset[str], job: Job) -> tuple[list[Node], int, str | None]:
    nodes: list[Node] = []
    while True:
        m = _TOKEN.search(src, pos)
        if m is None:
            nodes.append(("text", src[pos:]))
            return nodes, len(src), None
        text = src[pos : m.start()]
        if m.group(1) == "-" or m.group(5) == "-":
            text = text.rstrip()
        nodes.append(("text", text))
        pos = m.end()
        if m.group(4) == "-" or m.group(7) == "-":
            pos = len(src) - len(src[pos:].lstrip())
        if m.group(2) is None:
            nodes.append(("out", m.group(6), m.start()))
            continue
        name, args = m.group(2), m.group(3)
        if name in ends:
            return nodes, pos, name
        if name in _VERBATIM:
            end = re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}").search(src, m.end())
            if end is None:
                job.warn(src, m.start(), f"{{% {name} %}} is never closed; the rest of the text is kept as it is")
                nodes.append(("verbatim", name, args, src[m.end() :], m.start()))
                return nodes, len(src), None
            nodes.append(("verbatim", name, args, src[m.end() : end.start()], m.start()))
            pos = end.end()
        elif name == "for":
            children, pos, _ = _parse(src, pos, frozenset({"endfor"}), job)
            nodes.append(("for", args, children, m.start()))
        else:
            nodes.append(("tag", name, args, m.start()))


class _Renderer:
    def __init__(self, src: str, job: Job, scope: dict[str, Any]) -> None:
        self.src = src
        self.job = job
        self.scope = scope

    def run(self, nodes: list[Node]) -> str:
        out: list[str] = []
        for node in nodes:
            kind = node[0]
            if kind == "text":
                out.append(node[1])
            elif kind == "out":
                out.append(_to_text(self.evaluate(node[1], node[2])))
            elif kind == "verbatim":
                out.append(self.verbatim(node[1], node[2], node[3]))
            elif kind == "for":
                out.append(self.loop(node[1], node[2], node[3]))
            else:
                out.append(self.tag(node[1], node[2], node[3]))
        return "".join(out)

    def verbatim(self, name: str, args: str, content: str) -> str:
        if name == "comment":
            return ""
        if name == "highlight":
            lang = args.split()[0] if args.split() else ""
            return self.job.keep(code_block(content, lang))
        return self.job.keep(content)

    def loop(self, args: str, children: list[Node], offset: int) -> str:
        m = re.fullmatch(r"(\w+)\s+in\s+(.+?)(\s+reversed)?(?:\s+(?:limit|offset):.*)?", args.strip())
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
        out = []
        for index, item in enumerate(items):
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
            return int(token)
        if token in ("true", "false"):
            return token == "true"
        if token in ("nil", "null", "empty"):
            return None
        if (m := _RANGE.fullmatch(token)) is not None:
            low, high = self.value(m.group(1), offset), self.value(m.group(2), offset)
            return list(range(int(low or 0), int(high or 0) + 1))
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
        return filters[name]()


def _to_text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if isinstance(value, list | tuple):
        return "".join(_to_text(v) for v in value)
    return str(value)
