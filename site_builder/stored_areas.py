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
from .parallel import load_in_workers, workers_for

CACHE_NAME = "areas-{code}-{folder}.pickle"
"""One file per content folder (and version of the code)."""
KEEP_SITES = 8
"""How many content folders' areas are kept; older ones (tests make many) are deleted."""


def load_areas_stored(paths: list[Path]) -> list[AreaResult]:
    """content.load_area for every path (in workers when many must be parsed), reusing the last build's areas."""
    if not paths:
        return []
    code = code_version()
    name = CACHE_NAME.format(code=code, folder=hashlib.blake2b(str(paths[0].parent.resolve()).encode(), digest_size=8).hexdigest())
    stored = usercache.read_pickle(name)
    if not isinstance(stored, dict):
        stored = {}
    keys = file_keys(paths, code)
    missing = [path for path, key in zip(paths, keys) if key is None or not isinstance(stored.get(key), bytes)]
    fresh = dict(zip(missing, load_in_workers(load_area_pickled, missing, workers_for(len(missing)))))
    results: list[AreaResult] = []
    keep: dict[str, bytes] = {}
    for path, key in zip(paths, keys):
        pickled, problems = fresh[path] if path in fresh else (stored[key], [])
        try:
            area = pickle.loads(pickled) if pickled is not None else None
        except Exception:  # a damaged entry: parse the file after all
            pickled, problems = load_area_pickled(path)
            area = pickle.loads(pickled) if pickled is not None else None
        if key is not None and pickled is not None:
            keep[key] = pickled
        results.append((area, problems))
    if keep.keys() != stored.keys():
        usercache.write_pickle(name, keep, keep_newest=KEEP_SITES)
    return results


def load_area_pickled(path: Path) -> tuple[bytes | None, list[ContentError]]:
    """content.load_area, with the area pickled: workers hand it over like this anyway, and so it is stored."""
    area, problems = load_area(path)
    return (pickle.dumps(area, protocol=pickle.HIGHEST_PROTOCOL) if area is not None and not problems else None), problems


def file_keys(paths: list[Path], code: str) -> list[str | None]:
    """What each area's parsed form depends on: its path and bytes, its notes' bytes, and the code.

    None for a file that cannot be read (load_area will say what is wrong with it).
    """
    keys: list[str | None] = []
    folders: dict[Path, tuple[str, set[str]]] = {}
    for path in paths:
        if path.parent not in folders:  # resolve each folder and list its notes once, not once per file
            try:
                names = set(os.listdir(path.parent))
            except OSError:
                names = set()
            folders[path.parent] = (str(path.parent.resolve()), names)
        folder, names = folders[path.parent]
        digest = hashlib.blake2b(f"{code}\0{folder}\0{path.name}\0".encode(), digest_size=20)
        notes = path.stem + ".md"
        try:
            digest.update(path.read_bytes())
            digest.update(b"\0notes\0" + (path.parent / notes).read_bytes() if notes in names else b"\0no notes")
        except OSError:
            keys.append(None)
            continue
        keys.append(digest.hexdigest())
    return keys


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
