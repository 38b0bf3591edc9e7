"""Exhaustive sweeps: every case in CI, a few of each family in the default run.

A sweep checks one property on every case it can find: a fast path against the slow path it
skips on every file of tests/data, a fuzz run of thousands of examples. Each case is its own test
item, marked ``exhaustive`` but for a few of each family (a folder of tests/data, say), kept in the
default run so that a quick run still tries every kind of case. ``pytest -m exhaustive`` runs the
rest; .ci/run runs them all. A run whose ``-m`` deselects them all (the default) does not make them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA

exhaustive = pytest.mark.exhaustive
REPOSITORY = DATA.parent.parent


def sweep(
    cases: Iterable[object], ids: Sequence[str] | None = None, families: Sequence[Hashable] | None = None, keep: int = 2
) -> list[Any]:
    """``cases`` as pytest params (named by ``ids``), all but ``keep`` of each family (``families``
    says each case's; by default they are all one) marked exhaustive. The kept ones are the first
    and the last of their family and, for a larger ``keep``, others evenly between."""
    cases = list(cases)
    members: dict[Hashable, list[int]] = {}
    for index in range(len(cases)):
        members.setdefault(families[index] if families else None, []).append(index)
    kept = set()
    for family in members.values():
        picks = min(keep, len(family))
        kept.update(family[round(i * (len(family) - 1) / max(picks - 1, 1))] for i in range(picks))
    from . import conftest

    return [
        pytest.param(case, id=None if ids is None else ids[index], marks=() if index in kept else exhaustive)
        for index, case in enumerate(cases)
        if index in kept or conftest.SWEEP_EVERY_CASE
    ]


def in_modes(cases: Sequence[str], modes: Sequence[str], keep: int = 2) -> list[Any]:
    """Each of ``cases`` in each of ``modes`` (a build with a cache and without, say), as pytest
    params ``(case, mode)`` named ``case-mode``: every case in the first mode, and in each other
    mode only ``keep`` of them (as ``sweep`` picks) unmarked, the rest marked exhaustive. The
    default run then tries every case once and every mode on a few."""
    few = {param.id for param in sweep(cases, list(cases), keep=keep) if not param.marks}
    from . import conftest

    return [
        pytest.param(case, mode, id=f"{case}-{mode}", marks=() if kept else exhaustive)
        for case in cases
        for mode in modes
        if (kept := mode == modes[0] or case in few) or conftest.SWEEP_EVERY_CASE
    ]


def data_id(path: Path) -> str:
    """A file of tests/data as a test ID: its path in the repository, the same in every checkout."""
    return path.relative_to(REPOSITORY).as_posix()


def file_sweep(files: Sequence[Path], values: Sequence[object] | None = None, keep: int = 2) -> list[Any]:
    """A sweep of files of tests/data (or of ``values``, one for each), named by their paths in the
    repository; a family is a folder."""
    return sweep(files if values is None else values, [data_id(p) for p in files], [p.parent for p in files], keep)


def briefly(*tests: Callable[..., None], inputs: int = 100) -> Callable[..., None]:
    """A test that tries each Hypothesis test of ``tests`` (each marked exhaustive, for its full run)
    on ``inputs`` inputs made from fixed random bytes, as an external fuzzer would: the default
    run's taste of the fuzz runs. A failure raises what the test raised. Hypothesis skips an
    input too short for an example, or one the test rejects: most must make one."""

    @pytest.mark.parametrize("test", tests, ids=[test.__name__ for test in tests])
    def test_fuzz_runs_briefly(test: Callable[..., None]) -> None:
        rng = random.Random(test.__name__)
        ran = sum(
            test.hypothesis.fuzz_one_input(rng.randbytes(4096)) is not None  # type: ignore[attr-defined]
            for _ in range(inputs)
        )
        assert ran * 2 > inputs, f"only {ran} of {inputs} inputs made an example"

    return test_fuzz_runs_briefly
