"""Pelican's intra-site links: ``{filename}/other.md``, ``{static}/img.png``, ``{attach}``, ``{index}``.

``{filename}`` names a document: it becomes that document's link. ``{static}`` and ``{attach}``
name a file Pelican copies as it is: it becomes the site URL plus its path under the content
folder. A path that starts with "/" is from the content folder, else from the linking document's
folder. The older ``|filename|`` spelling is read too. Code (blocks and spans) is left alone,
as Pelican, which rewrites only link targets, leaves it.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin

from feeds.dialects.code import code_spans, inside
from feeds.dialects.common import Job
from feeds.lazyre import LazyPattern

# Compiled on first use: most bodies hold none of this syntax, and a build may never need them.
_LINK = LazyPattern(r"""\{(filename|static|attach|index)\}([^\s"'<>)\]]*)""")


def references(body: str) -> list[str]:
    if "{filename}" not in body:
        return []
    return [f"filename\x1f{path.split('#')[0]}" for kind, path in _LINK.findall(body) if kind == "filename"]


def expand(body: str, job: Job) -> str:
    if "{" not in body:
        return body

    code: list[tuple[int, int]] | None = None

    def link(m: re.Match[str]) -> str:
        nonlocal code
        code = code_spans(body) if code is None else code
        if inside(code, m.start()):
            return m.group()  # a code sample that prints "{index}": Pelican leaves it too
        kind, target = m.group(1), m.group(2)
        if kind == "index":
            return job.site.url + target
        path, hash_, fragment = target.partition("#")
        if kind == "filename":
            found = job.links.find(path, job.doc.source) if job.links else None
            if found is None:
                job.warn(body, m.start(), f"{{filename}}{path}: no such document in the content folder; removed")
                return ""
            return found + hash_ + fragment
        if path.startswith("/"):
            where = path.lstrip("/")
        else:
            where = posixpath.normpath(posixpath.join(posixpath.dirname(job.doc.source), path))
        return str(urljoin(job.site.url, where)) + hash_ + fragment

    return _LINK.sub(link, body)
