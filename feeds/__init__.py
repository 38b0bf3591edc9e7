"""feeds: publish RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds from a folder of mixed-format articles.

From Python, the command line's three jobs are three calls (docs/python.md)::

    >>> import feeds
    >>> site = feeds.load_site()           # feeds.toml, else [tool.feeds] of pyproject.toml
    >>> result = feeds.build("content", "out", site=site)
    >>> findings = feeds.validate("out")

Each is imported when first used, so that ``import feeds`` costs what the command line's no-change
build costs: nothing it would not load anyway.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from feeds.config import load_site

__version__ = "0.1.0"
__all__ = ["__version__", "build", "load_site", "validate"]


# feeds.build and feeds.validate are modules that can be called (their __call__ is the function): a
# module takes its name on its package the moment it is imported, so a function of that name here
# would not last past the first build. By name, so that importing feeds imports neither.
CALLABLE_MODULES = {"build": "feeds.build", "validate": "feeds.validate"}


def __getattr__(name: str) -> Any:
    if name in CALLABLE_MODULES:
        return importlib.import_module(CALLABLE_MODULES[name])
    if name == "load_site":
        from feeds.config import load_site

        return load_site
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
