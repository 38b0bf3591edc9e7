"""The progress bar ``feeds build`` shows on a terminal, drawn with tqdm.

Only ``feeds.cli`` imports this module, and only when stderr is a terminal that can redraw a line
and nothing asked for quiet or machine-readable output. tqdm itself (tens of milliseconds to
import) is imported only once the build has run for ``delay`` seconds: a build that ends sooner,
such as a rebuild where nothing changed, never loads it, and shows nothing.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any, TextIO

from feeds.progress import Progress

DELAY = 1.0  # seconds: a shorter build is over before a bar would help
# No rate: files, bodies and feeds per second say little to someone waiting for the build.
BAR_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]"


class TerminalProgress(Progress):
    """One bar on ``stream``, reused by every stage, cleared when the build is over (``close``)."""

    def __init__(self, stream: TextIO, delay: float | None = None) -> None:
        self.stream = stream
        self.shown_after = time.monotonic() + (DELAY if delay is None else delay)
        self.name = ""
        self.total = 0
        self.done = 0
        self.bar: Any = None  # a tqdm, once shown

    def stage(self, name: str, total: int) -> None:
        if total <= 0:
            return  # nothing to wait for: the bar keeps showing the stage before
        self.name, self.total, self.done = name, total, 0
        if self.bar is None:
            self._show_when_due()
        else:
            self.bar.set_description_str(name, refresh=False)
            self.bar.initial = 0  # reset() keeps it, and the first estimate would count the last stage's steps
            self.bar.reset(total)

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.bar is None:
            self._show_when_due()
        else:
            self.bar.update(steps)

    def close(self) -> None:
        """Clear the bar's line: what the build prints next starts on a clean line."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _show_when_due(self) -> None:
        if self.total <= 0 or time.monotonic() < self.shown_after:
            return
        try:
            from tqdm import tqdm
        except ImportError:  # a broken install: the bar is a comfort, the build goes on without it
            self.shown_after = math.inf
            return

        # tqdm's monitor is a thread, and the build forks its workers only while it runs no other
        # thread (feeds.parallel): without it, the bar redraws whenever a result arrives.
        tqdm.monitor_interval = 0
        # A thread lock, not tqdm's default multiprocessing one: the workers never draw.
        tqdm.set_lock(threading.RLock())
        self.bar = tqdm(
            total=self.total,
            initial=self.done,
            desc=self.name,
            file=self.stream,
            leave=False,
            dynamic_ncols=True,
            bar_format=BAR_FORMAT,
            colour=None,  # the bar has no colour, whatever NO_COLOR says
        )
