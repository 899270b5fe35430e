"""The only module that writes the site to disk.

The site is written to a staging folder beside the output folder and swapped in only
when it is complete, so a failed build leaves the last good site untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def stage_output(files: dict[str, str | bytes], static_dirs: list[Path], output_dir: Path) -> Path:
    """Write every file and the static assets into a new staging folder beside `output_dir`."""
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-staging-", dir=output_dir.parent))
    try:
        for static_dir in static_dirs:
            if static_dir.is_dir():
                shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
        for relative, data in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, str):
                target.write_text(data, encoding="utf-8", newline="\n")
            else:
                target.write_bytes(data)
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


def replace_files(output_dir: Path, files: dict[str, str | bytes]) -> None:
    """Rewrite some files of a published site in place, each atomically (for fast rebuilds in serve)."""
    for relative, data in files.items():
        target = output_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)


def discard(staging: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staging, ignore_errors=True)
