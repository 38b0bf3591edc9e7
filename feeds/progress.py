"""How a build says how far it is: stages of counted steps, reported as results come back.

The build calls a ``Progress`` and never prints: the default does nothing, and ``feeds.cli`` passes
a terminal bar (``feeds.progressbar``) only when someone is watching. Steps are counted in the
parent process, as each worker's result arrives, so the count is the work done, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

READING, RENDERING, SERIALIZING, WRITING = "reading files", "rendering bodies", "serializing entries", "writing feeds"


class Progress:
    """A build's stages and steps; this one ignores them (cron, scripts, tests, ``feeds serve``)."""

    def stage(self, name: str, total: int) -> None:
        """A stage of ``total`` steps starts; the one before it is over."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""

    def track(self, name: str, total: int, results: Iterable[T]) -> Iterator[T]:
        """``results`` as they come, a step each: the stage ``name`` of ``total`` steps."""
        self.stage(name, total)
        for result in results:
            self.advance()
            yield result

    def close(self) -> None:
        """The build is over (called by whoever made this ``Progress``, not by the build)."""


NO_PROGRESS = Progress()
