"""Output formats: one module per format, each with a ``FILENAME`` and ``render(feed) -> bytes``.

A new format (JSON Feed, say) is one module and one entry in ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable

from feeds.feedsets import Feed
from feeds.formats import atom, rss

FORMATS: dict[str, Callable[[Feed], bytes]] = {
    rss.FILENAME: rss.render,
    atom.FILENAME: atom.render,
}
