"""The importer's one way to write: whole content files, each replaced in one step.

`import` and `update` write area files, notes, `site.yaml` and `import-base.json` only here.
A reader (a build, an editor, git) never sees half a file, and a failure part-way (a full disk)
says how many files were written, each completely, so the next run finishes the job.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Sequence


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content in one step, so readers never see half a file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            # mkstemp makes the file private (0600): give it the old file's mode, or the usual one.
            os.chmod(temp, path.stat().st_mode & 0o777 if path.is_file() else 0o666 & ~_umask())
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_all(writes: Sequence[tuple[Path, str]], error: type[Exception], again: str) -> None:
    """Write every (path, text) with write_atomic; on the first failure raise `error` saying how far it got.

    `again` ends the message: what to run to finish the job.
    """
    for done, (path, text) in enumerate(writes):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        except OSError as exc:
            raise error(
                f"{path}: cannot be written ({exc.strerror}); {done} of {len(writes)} files were written before it, "
                f"each completely. Free the space or fix the permissions and {again}: the next run finishes the job."
            ) from exc


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
