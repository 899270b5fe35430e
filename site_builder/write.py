"""The only module that writes the site to disk.

The site is written to a staging folder beside the output folder and swapped in only
when it is complete, so a failed build leaves the last good site untouched. Preview
rebuilds (`serve`) rewrite just the files that changed, each atomically, and leave a
problem report beside the output folder while the content has mistakes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

FileData = str | bytes


def new_staging(output_dir: Path) -> Path:
    """An empty staging folder beside `output_dir` (same file system, so publishing is a rename)."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-staging-", dir=output_dir.parent))


def copy_static(static_dirs: list[Path], staging: Path) -> None:
    """Copy the theme's static assets into staging/static (later folders override earlier ones)."""
    for static_dir in static_dirs:
        if static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)


def write_files(root: Path, files: Mapping[str, FileData] | Iterable[tuple[str, FileData]], reuse: Path | None = None) -> int:
    """Write each (relative path, text or bytes) under `root`, text as UTF-8 with \\n line ends; return how many.

    With `reuse` (the site published last time), a file whose bytes are unchanged there is
    hard-linked instead of written: on some disks creating a file costs 50 times more than
    reading one, and the published site's files are never changed in place.
    """
    items = files.items() if isinstance(files, Mapping) else files
    base, old = str(root), str(reuse) if reuse is not None else None
    made: set[str] = set()
    count = 0
    for relative, data in items:
        target = os.path.join(base, relative)
        folder = os.path.dirname(target)
        if folder not in made:  # one mkdir per folder, not per file
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        encoded = data.encode("utf-8") if isinstance(data, str) else data
        if old is None or not _link_if_same(os.path.join(old, relative), target, encoded):
            with open(target, "wb") as stream:
                stream.write(encoded)
        count += 1
    return count


def _link_if_same(previous: str, target: str, data: bytes) -> bool:
    """Hard-link `previous` as `target` when it holds exactly `data`; False when it does not or cannot."""
    try:
        if os.path.getsize(previous) != len(data):
            return False
        with open(previous, "rb") as stream:
            if stream.read() != data:
                return False
        os.link(previous, target)
    except OSError:  # no such file, or a file system without hard links
        return False
    return True


def stage_output(files: dict[str, FileData], static_dirs: list[Path], output_dir: Path) -> Path:
    """Write every file and the static assets into a new staging folder beside `output_dir`."""
    staging = new_staging(output_dir)
    try:
        copy_static(static_dirs, staging)
        write_files(staging, sorted(files.items()))
    except BaseException:
        discard(staging)
        raise
    return staging


def publish(staging: Path, output_dir: Path) -> None:
    """Swap the complete staging folder in as `output_dir` (the old one is removed after)."""
    output_dir = output_dir.resolve()
    os.chmod(staging, 0o755)
    old = None
    if output_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-old-", dir=output_dir.parent))
        os.rename(output_dir, old / "site")
    os.rename(staging, output_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def replace_files(output_dir: Path, files: dict[str, FileData]) -> None:
    """Rewrite some files of a published site in place, each atomically (for fast rebuilds in serve)."""
    for relative, data in files.items():
        target = output_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)


def replace_folder(output_dir: Path, name: str, new_folder: Path) -> None:
    """Swap `new_folder` in as output_dir/name (e.g. a fresh search index), removing the old one."""
    target = output_dir / name
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{name}-old-", dir=output_dir.parent))
        os.rename(target, old / name)
    os.rename(new_folder, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staging, ignore_errors=True)


def problem_report_path(output_dir: Path) -> Path:
    """Where `serve` keeps the last failed rebuild's problems: beside the output folder, never inside it."""
    output_dir = output_dir.resolve()
    return output_dir.parent / f".{output_dir.name}-problems.txt"


def write_problem_report(output_dir: Path, report: str) -> None:
    """Record why the last rebuild failed, for the preview's error banner."""
    path = problem_report_path(output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_files(path.parent, {path.name: report})


def clear_problem_report(output_dir: Path) -> None:
    """Forget the last failure once a rebuild succeeds."""
    problem_report_path(output_dir).unlink(missing_ok=True)
