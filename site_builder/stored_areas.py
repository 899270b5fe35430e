"""Parsed area files kept between builds, so an unchanged file is not parsed and checked again.

Parsing and validating YAML is about half of a big site's build. After a build, each area
that loaded without a problem is kept in the private cache folder (usercache.py), keyed by
a hash of its file's path and bytes, its notes' bytes, and the builder's own code and
libraries. The next build takes an area from there only when all of those are the same,
so an edited file, a changed schema or an upgraded library always means parsing again.
Files with problems are never kept: they are checked afresh every time.

Areas are kept pickled, one by one: a worker process hands a parsed area to the main
process pickled anyway, so storing it costs only writing those bytes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import usercache
from .config import PACKAGE_ROOT
from .content import AreaResult, load_area
from .errors import ContentError
from .models import LocalArea
from .parallel import load_in_workers, workers_for

CACHE_NAME = "areas-{code}-{folder}.pickle"
"""One file per content folder (and version of the code)."""
KEEP_SITES = 8
"""How many content folders' areas are kept; older ones (tests make many) are deleted."""


def load_areas_stored(paths: list[Path]) -> list[AreaResult]:
    """content.load_area for every path (in workers when many must be parsed), reusing the last build's areas."""
    if not paths:
        return []
    code, folders = code_version(), _Folders()
    name = CACHE_NAME.format(code=code, folder=hashlib.blake2b(folders.info(paths[0].parent)[0].encode(), digest_size=8).hexdigest())
    stored = usercache.read_pickle(name)
    if not isinstance(stored, dict):
        stored = {}
    results: list[AreaResult] = [(None, [])] * len(paths)
    keep: dict[str, bytes] = {}
    missing = []
    for index, path in enumerate(paths):
        key = file_key(path, code, folders) if stored else None  # with nothing stored, the workers work keys out
        area = _unpickled(stored.get(key)) if key is not None else None
        if area is None:
            missing.append(index)
        else:
            results[index], keep[key] = (area, []), stored[key]

    def parse(path: Path) -> tuple[str | None, bytes | None, list[ContentError]]:
        return (file_key(path, code, folders), *load_area_pickled(path))

    def unpickle(parsed: tuple[str | None, bytes | None, list[ContentError]]) -> tuple[str | None, bytes | None, AreaResult]:
        key, pickled, problems = parsed  # in this process, while the workers parse the next files
        return key, pickled, (_unpickled(pickled), problems)

    todo = [paths[i] for i in missing]
    for index, (key, pickled, result) in zip(missing, load_in_workers(parse, todo, workers_for(len(todo)), each=unpickle)):
        results[index] = result
        if key is not None and pickled is not None:
            keep[key] = pickled
    if keep.keys() != stored.keys():
        usercache.write_pickle(name, keep, keep_newest=KEEP_SITES)
    return results


def load_area_pickled(path: Path) -> tuple[bytes | None, list[ContentError]]:
    """content.load_area, with the area pickled: workers hand it over like this anyway, and so it is stored."""
    area, problems = load_area(path)
    return (pickle.dumps(area, protocol=pickle.HIGHEST_PROTOCOL) if area is not None and not problems else None), problems


def _unpickled(pickled: bytes | None) -> LocalArea | None:
    """The area in `pickled`, or None when there is none or it is damaged (then the file is parsed)."""
    try:
        area = pickle.loads(pickled) if isinstance(pickled, bytes) else None
    except Exception:
        return None
    return area if isinstance(area, LocalArea) else None


class _Folders:
    """Each folder's resolved path and file names, looked up once (not once per area file)."""

    def __init__(self) -> None:
        self._seen: dict[Path, tuple[str, frozenset[str]]] = {}

    def info(self, folder: Path) -> tuple[str, frozenset[str]]:
        if folder not in self._seen:
            try:
                names = frozenset(os.listdir(folder))
            except OSError:
                names = frozenset()
            self._seen[folder] = (str(folder.resolve()), names)
        return self._seen[folder]


def file_key(path: Path, code: str, folders: _Folders) -> str | None:
    """What an area's parsed form depends on: its path and bytes, its notes' bytes, and the code.

    None for a file that cannot be read (load_area will say what is wrong with it).
    """
    folder, names = folders.info(path.parent)
    digest = hashlib.blake2b(f"{code}\0{folder}\0{path.name}\0".encode(), digest_size=20)
    notes = path.stem + ".md"
    try:
        digest.update(path.read_bytes())
        digest.update(b"\0notes\0" + (path.parent / notes).read_bytes() if notes in names else b"\0no notes")
    except OSError:
        return None
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the builder's own code and schemas and the versions of the libraries that parse and check."""
    digest = hashlib.blake2b(digest_size=10)
    package = PACKAGE_ROOT / "site_builder"
    for source in sorted([*package.glob("*.py"), *package.glob("schemas/*.json")]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for library in ("PyYAML", "jsonschema", "jsonschema-rs", "Markdown"):
        try:
            digest.update(f"{library}={version(library)}".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    return digest.hexdigest()
