"""A private folder for what one build can hand the next: compiled templates, rendered Markdown, parsed areas.

It lives in the system's temporary folder, belongs to the current user and nobody else
may read or write it (what is cached ends up in pages). Everything in it is keyed by
the text it was made from, so a stale entry is never used, and deleting it is always safe.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def cache_dir() -> Path | None:
    """The folder, made if need be; None when no private folder can be had (then nothing is cached)."""
    uid = getattr(os, "getuid", lambda: None)()
    folder = Path(tempfile.gettempdir()) / (f"send-area-portal-cache-{uid}" if uid is not None else "send-area-portal-cache")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if uid is not None and (info.st_uid != uid or not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o077):
            return None  # someone else's, or readable by others: do not trust it
    except OSError:
        return None
    return folder


def read_json(name: str) -> Any:
    """A cached JSON value, or None when there is none (or it cannot be read)."""
    folder = cache_dir()
    try:
        return json.loads((folder / name).read_text("utf-8")) if folder else None
    except (OSError, ValueError):
        return None


def write_json(name: str, value: Any) -> None:
    """Store a JSON value atomically; failing to is never an error."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(value, stream, ensure_ascii=False)
        os.replace(temp, folder / name)
    except OSError:
        pass


def read_pickle(name: str) -> Any:
    """A cached Python value (only ever read from this private folder), or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, unreadable or from another version: start again
        return None


def write_pickle(name: str, value: Any, keep_newest: int | None = None) -> None:
    """Store a Python value atomically; failing to is never an error.

    With `keep_newest`, only that many files of the same kind (the same name up to its first
    "-") are kept, the most recently written.
    """
    folder = cache_dir()
    if folder is None:
        return
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / name)
        if keep_newest is not None:
            kind = name.split("-")[0]
            older = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)[keep_newest:]
            for path in older:
                path.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
