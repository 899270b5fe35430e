"""The importer's one way to write: whole content files, each replaced in one step.

`import` and `update` write area files, notes, `site.yaml` and `import-base.json` only here.
A reader (a build, an editor, git) never sees half a file, and a failure part-way (a full disk)
says how many files were written, each completely, so the next run finishes the job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from site_builder.replace_file import replace_file


def write_all(writes: Sequence[tuple[Path, str]], error: type[Exception], again: str) -> None:
    """Write every (path, text) with replace_file; on the first failure raise `error` saying how far it got.

    `again` ends the message: what to run to finish the job.
    """
    for done, (path, text) in enumerate(writes):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, text)
        except OSError as exc:
            raise error(
                f"{path}: cannot be written ({exc.strerror}); {done} of {len(writes)} files were written before it, "
                f"each completely. Free the space or fix the permissions and {again}: the next run finishes the job."
            ) from exc
