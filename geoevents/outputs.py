"""Writing results to files: atomically, with clear errors."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from geoevents.errors import OutputError


def temp_file_beside(target: Path) -> tuple[int, str]:
    """A temporary file beside ``target``, with the permissions a new file would get.

    (``mkstemp`` makes files private, 0600; a result file should not be.)
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    mask = os.umask(0o22)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    return fd, tmp


def write_lines_atomic(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path`` through a synced temporary file and a rename.

    A run killed half-way leaves the old file (or none), never a truncated one.
    ``OSError`` propagates; :func:`write_text_atomic` turns it into a message.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`write_lines_atomic`).

    ``-`` writes to standard output.
    """
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return Path("-")
    target = Path(path)
    try:
        write_lines_atomic(target, [text])
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    except UnicodeEncodeError as err:
        raise OutputError(f"cannot write {target}: text that is not valid Unicode ({err})") from err
    return target
