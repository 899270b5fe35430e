"""Use every core for big sites: run a function over parts of a list in forked worker processes.

Only lists of PARALLEL_FROM items or more are split: below that, starting workers costs
more than it saves. Work is handed out as index ranges over a list the workers inherit
when they are forked, so nothing big is copied to them, and each part's result depends only
on that part, so the output is the same byte for byte whichever process made it. Where fork
is not available (Windows), everything runs in this process.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 600
"""Fewest items (files to load, or files to write) worth splitting across processes."""
CHUNK = 100
"""Items per part: small enough to balance the load, big enough to keep hand-overs cheap."""

_shared: dict[str, Any] = {}
"""What the workers inherit at fork: the function and its list."""


def workers_for(items: int) -> int:
    """How many processes to use for `items` items: 1 for small sites or where fork is missing."""
    if items < PARALLEL_FROM:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def in_workers(function: Callable[[Sequence[T]], R], items: Sequence[T], workers: int) -> list[R]:
    """function(part) for consecutive parts of `items`, in `workers` forked processes; results in order.

    With one worker the whole list is one part, done in this process. If a part fails, the
    parts not yet started are cancelled and its exception is raised here.
    """
    if workers <= 1:
        return [function(items)]
    import multiprocessing  # only big sites need these
    from concurrent.futures import ProcessPoolExecutor

    _shared.update(function=function, items=items)
    try:
        ranges = [(start, min(start + CHUNK, len(items))) for start in range(0, len(items), CHUNK)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_range, bounds) for bounds in ranges]
            try:
                return [future.result() for future in futures]
            except BaseException:
                for future in futures:  # the build has failed: do not wait for work nobody will use
                    future.cancel()
                raise
    finally:
        _shared.clear()


def _run_range(bounds: tuple[int, int]) -> Any:
    start, end = bounds
    return _shared["function"](_shared["items"][start:end])


def load_in_workers(load_one: Callable[[Path], R], paths: Sequence[Path], workers: int | None = None) -> list[R]:
    """load_one(path) for every path, in `workers` processes (None: as many as pay); results in path order."""
    count = workers if workers is not None else workers_for(len(paths))
    parts = in_workers(lambda part: [load_one(p) for p in part], paths, count)
    return [result for part in parts for result in part]
