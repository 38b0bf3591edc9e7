"""Output formats: one module per format, each with a ``FILENAME`` and ``render(feed) -> bytes``.

A new format (JSON Feed, say) is one module and one entry in ``MODULES``. The modules are light:
they import feedgen only when a feed is rendered, so a build with nothing to do never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType

from feeds.feedsets import Feed
from feeds.formats import atom, rss

MODULES: tuple[ModuleType, ...] = (rss, atom)
# Output file name -> the module that renders it; each module names its own file.
FORMATS: dict[str, ModuleType] = {module.FILENAME: module for module in MODULES}


def renderers() -> Iterator[tuple[str, Callable[[Feed], bytes]]]:
    """(file name, render function) for every format."""
    for filename, module in FORMATS.items():
        render: Callable[[Feed], bytes] = module.render
        yield filename, render
