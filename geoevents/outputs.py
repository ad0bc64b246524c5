"""Writing results to files: atomically, with clear errors."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from geoevents.errors import OutputError


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    A run killed half-way leaves the old file (or none), never a truncated one.
    ``-`` writes to standard output.
    """
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return Path("-")
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            # mkstemp makes the file private (0600): give it a new file's permissions.
            mask = os.umask(0o22)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    except UnicodeEncodeError as err:
        raise OutputError(f"cannot write {target}: text that is not valid Unicode ({err})") from err
    return target
