"""Parsed area files kept between preview rebuilds, reused while a file is unchanged.

A file counts as unchanged while its size and modification time (in nanoseconds), and
those of its .md notes, stay the same. Files that are new or changed are loaded again,
in worker processes when there are many of them (the first build of a big site).
"""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.content.load import AreaResult, load_area
from site_builder.commands.workers import load_in_workers

Stamp = tuple[int, int] | None


def file_stamp(path: Path) -> Stamp:
    """(size, modification time in ns) of a file, or None when it does not exist."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_size, stat.st_mtime_ns


class AreaCache:
    """Loads area files like content.load_area, remembering each result until its file changes."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[Stamp, Stamp], AreaResult]] = {}
        self.loaded: list[Path] = []
        """The files the last call had to read again."""

    def __call__(self, paths: list[Path]) -> list[AreaResult]:
        """The result for every path, in order: remembered where the file is unchanged."""
        # Stamped before reading, so an edit made while a file is read is seen next time.
        stamps = {p: (file_stamp(p), file_stamp(p.with_suffix(".md"))) for p in paths}
        stale = [p for p in paths if p not in self._entries or self._entries[p][0] != stamps[p]]
        fresh = dict(zip(stale, load_in_workers(load_area, stale)))
        self._entries = {p: (stamps[p], fresh[p]) if p in fresh else self._entries[p] for p in paths}
        self.loaded = stale
        return [self._entries[p][1] for p in paths]
