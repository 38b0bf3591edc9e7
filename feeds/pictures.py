"""An entry's picture, for readers to show beside its title: the ``image``, ``cover`` or
``heroImage`` metadata when the document has one, else the first ``<img>`` of its content.

Found once per entry, when the entry is built (``feeds.entries``), and shown by every format
(Media RSS in RSS and Atom, ``image`` in JSON Feed), so every format shows the same picture.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from feeds.document import Document
from feeds.urls import absolute

# Front matter keys other tools use for an article's picture (Hugo, Jekyll, Astro), first wins.
IMAGE_KEYS = ("image", "cover", "heroImage")
# Inside a mapping value such as Hugo's ``cover: {image: …, alt: …}``.
_NESTED_KEYS = ("image", "url", "src")
_IMG = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


# The media type of a picture by its file name's extension. A table of our own, not mimetypes:
# that reads the machine's mime.types (and Python's table grows by version), so one input gave
# other bytes on another machine. What feed readers show: the web's image formats.
IMAGE_TYPES = {
    ".apng": "image/apng",
    ".avif": "image/avif",
    ".bmp": "image/bmp",
    ".gif": "image/gif",
    ".heic": "image/heic",
    ".heif": "image/heif",
    ".ico": "image/vnd.microsoft.icon",
    ".jfif": "image/jpeg",
    ".jpe": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".jxl": "image/jxl",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class Image:
    url: str  # absolute, percent-encoded http(s) URL
    type: str | None  # image/* media type guessed from the file name, when it has a known one


def entry_image(doc: Document, content: str) -> Image | None:
    """The picture of the entry of ``doc`` whose HTML is ``content``, if it has one readers can fetch."""
    # Some readers lower-case every key (Pelican-style headers), others keep it as written.
    extra = {str(k).lower(): v for k, v in doc.extra.items()}
    for key in IMAGE_KEYS:
        found = _url_in(extra.get(key.lower()))
        if found and (image := _image(found, doc.link)):
            return image
    for match in _IMG.finditer(content):
        src = html.unescape(next(group for group in match.groups() if group is not None))
        if image := _image(src, doc.link):
            return image
    return None


def _url_in(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        for key in _NESTED_KEYS:
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key]).strip()
    return None


def _image(src: str, base: str) -> Image | None:
    """The picture at ``src`` (relative to the entry's link), if readers can fetch it: http(s) only."""
    try:
        url = absolute(src, base)
        parts = urlsplit(url)
    except ValueError:  # "https://[oops/": the link or the src is no URL (reported where it is read)
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None  # data: URIs and the like: no reader fetches them as a thumbnail
    return Image(url, IMAGE_TYPES.get(posixpath.splitext(parts.path)[1].lower()))
