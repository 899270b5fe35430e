"""Use every core for big sites: load area files and render and write pages in forked worker processes.

Only sites of PARALLEL_FROM files or more are split: below that, starting workers costs
more than it saves. Work is handed out in index ranges over lists the workers inherit when
they are forked, so nothing big is copied to them, and every file's text depends only on
its own job, so the output is byte-identical to a serial build whichever worker made it.
Where fork is not available (Windows), everything runs in one process.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Sequence

PARALLEL_FROM = 600
"""Fewest items (area files, or pages) worth splitting across processes."""
CHUNK = 100
"""Items per task: small enough to balance the load, big enough to keep hand-overs cheap."""

_shared: dict[str, Any] = {}
"""What the workers inherit at fork: the task function's inputs."""


def workers_for(items: int, limit: int | None = None) -> int:
    """How many processes to use for `items` items: 1 for small sites or where fork is missing."""
    if items < PARALLEL_FROM:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(limit or os.cpu_count() or 1, os.cpu_count() or 1, 8))


def map_in_workers(function: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any], workers: int,
                   meanwhile: Callable[[], None] | None = None, each: Callable[[Any], Any] | None = None) -> list[Any]:
    """function(items[i:j]) for consecutive ranges, in `workers` forked processes; results in input order.

    `meanwhile` runs in this process while the workers work (or after, with one worker);
    `each`, if given, is applied here to every result as its range comes back.
    """
    if workers <= 1:
        results = function(items)
        if meanwhile:
            meanwhile()
        return [each(r) for r in results] if each else results
    import multiprocessing  # only big sites need these
    from concurrent.futures import ProcessPoolExecutor

    _shared.update(function=function, items=items)
    try:
        ranges = [(start, min(start + CHUNK, len(items))) for start in range(0, len(items), CHUNK)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run_range, bounds) for bounds in ranges]
            try:
                if meanwhile:
                    meanwhile()
            except BaseException:
                for future in futures:  # the build has failed: do not wait for work nobody will use
                    future.cancel()
                raise
            parts = [[each(r) for r in future.result()] if each else future.result() for future in futures]
    finally:
        _shared.clear()
    return [result for part in parts for result in part]


def _run_range(bounds: tuple[int, int]) -> list[Any]:
    start, end = bounds
    return _shared["function"](_shared["items"][start:end])


def load_in_workers(load_one: Callable[[Path], Any], paths: Sequence[Path], workers: int,
                    each: Callable[[Any], Any] | None = None) -> list[Any]:
    """load_one(path) for every path, split across workers; results in path order (`each` as map_in_workers)."""
    return map_in_workers(lambda chunk: [load_one(p) for p in chunk], paths, workers, each=each)
