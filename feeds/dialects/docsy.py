"""Shortcodes that show a page bundle's images: Docsy's ``imgproc`` and a ``gallery``.

Both name images by a glob over the page's resources, the files beside its ``index.md``:
``{{< imgproc sunset Fill "600x300" >}}caption{{< /imgproc >}}`` is the first resource whose path
matches ``**sunset*`` (Hugo's ``Resources.GetMatch``, the files in name order), shown at its own
size in a figure with the caption and the front matter's ``resources`` byline for it, as Docsy's
theme does; ``{{< gallery match="images/*" >}}`` is every image resource ``match`` matches. The
image's URL is its name, relative: it resolves against the entry's link, as a page resource's
does in Hugo. Without the bundle's files (a page that is no bundle, or none that matches) the
caption alone is kept, with a warning.
"""

from __future__ import annotations

import html
import posixpath
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from feeds.dialects.common import Job
from feeds.dialects.links import listing

_IMAGE_ENDINGS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".bmp", ".tif", ".tiff")
_BRACES = re.compile(r"\{([^{}]*)\}")


def references(body: str, source: str) -> list[str]:
    """The bundle's folder (``dir\\x1fpath``) when the body shows its images: its files are the HTML's input."""
    if "imgproc" not in body and "gallery" not in body:
        return []
    return [f"dir\x1f{posixpath.dirname(source)}"] if _is_bundle(source) else []


def imgproc(positional: list[str], inner: str | None, job: Job) -> str | None:
    """Docsy's ``imgproc``: a figure of the resource matching ``**NAME*``; None when there is none."""
    name = positional[0] if positional else ""
    found = [r for r in resources(job) if _glob(f"**{name}*", r)] if name else []
    if not found:
        return None
    caption = (inner or "").strip()
    byline = _param(job.doc.extra.get("resources"), found[0], "byline")
    if byline:
        caption += f"<small><br/>{html.escape(byline)}</small>"
    image = f'<img src="{html.escape(found[0])}" alt="">'
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image}{figcaption}</figure>\n\n"


def gallery(named: dict[str, str], job: Job) -> str | None:
    """A gallery of the image resources ``match`` names (default: all); None when there is none."""
    pattern = named.get("match") or "*"
    found = [r for r in resources(job) if r.lower().endswith(_IMAGE_ENDINGS) and _glob(pattern, r)]
    if not found:
        return None
    images = "".join(f'<img src="{html.escape(r)}" alt="">' for r in found)
    return f"\n\n<p>{images}</p>\n\n"


def resources(job: Job) -> list[str]:
    """The page bundle's files, as paths from its folder, in name order; [] for a page that is no bundle."""
    if not _is_bundle(job.doc.source) or job.links is None or not job.links.prefix:
        return []
    found = job.memo.get("resources")
    if not isinstance(found, list):
        found = job.memo["resources"] = listing(Path(job.links.prefix), posixpath.dirname(job.doc.source))
    return found


def _is_bundle(source: str) -> bool:
    return posixpath.basename(source).rsplit(".", 1)[0] == "index" and "/" in source


def _glob(pattern: str, name: str) -> bool:
    """Hugo's resource glob, case-insensitive: ``**`` crosses folders, ``{a,b}`` is either."""
    pattern = pattern.lower().replace("**", "*")
    name = name.lower()
    alternatives = [pattern]
    for _ in range(4):  # at most four brace groups are expanded: a glob from front matter is short
        expanded = []
        for alternative in alternatives:
            m = _BRACES.search(alternative)
            if m is None:
                expanded.append(alternative)
                continue
            expanded += [alternative[: m.start()] + choice + alternative[m.end() :] for choice in m.group(1).split(",")]
        alternatives = expanded[:64]
    return any(fnmatchcase(name, alternative) for alternative in alternatives)


def _param(declared: Any, name: str, key: str) -> str:
    """The front matter ``resources`` entry's ``params.KEY`` for the resource ``name``; "" if none."""
    if not isinstance(declared, list):
        return ""
    for entry in declared:
        if isinstance(entry, dict) and isinstance(entry.get("src"), str) and _glob(entry["src"], name):
            params = entry.get("params")
            value = params.get(key) if isinstance(params, dict) else None
            if isinstance(value, str):
                return value
    return ""
