"""Which content files a maintainer changed: `check` shows their problems first and counts the rest.

A volunteer's pull request should not bury their own one warning under the project's backlog. The files are
those that differ from where the branch left the main branch: committed on the branch, staged, edited or new.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

BASES = ("origin/main", "main")
"""The branches `check` compares with, in order; SITE_BUILDER_BASE names another."""


def changed_files(folder: Path) -> set[Path] | None:
    """The files changed against the main branch, as resolved paths; None when git or the branch is not there."""
    base = _merge_base(folder)
    if base is None:
        return None
    top = _git(folder, "rev-parse", "--show-toplevel")
    listed = _git(folder, "diff", "--name-only", "-z", base)
    new = _git(folder, "ls-files", "--others", "--exclude-standard", "-z", "--full-name")
    if top is None or listed is None or new is None:
        return None
    root = Path(top.strip())
    return {(root / name).resolve() for name in (listed + new).split("\0") if name}


def _merge_base(folder: Path) -> str | None:
    wanted = os.environ.get("SITE_BUILDER_BASE")
    for base in ((wanted,) if wanted else BASES):
        found = _git(folder, "merge-base", "HEAD", base)
        if found:
            return found.strip()
    return None


def _git(folder: Path, *args: str) -> str | None:
    """git's output, or None when git is missing, fails or takes more than 10 seconds."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
