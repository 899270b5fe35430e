"""Replace a file in one step: whoever reads it sees the old file or the new one, never half of either.

Both the builder (`serve`'s quick rebuilds of a published site) and the importer (content files a
maintainer may have edited) write through here, so neither can leave a truncated file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to `path` through a temporary file beside it and one rename.

    The file keeps its mode, or gets the usual one (0666 less the umask) when new; a failure
    removes the temporary file and leaves `path` as it was.
    """
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            # mkstemp makes the file private (0600): give it the old file's mode, or the usual one.
            os.chmod(temp, path.stat().st_mode & 0o777 if path.is_file() else 0o666 & ~_umask())
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
