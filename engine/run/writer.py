"""Safe writes: a file is replaced whole or not at all.

The new content goes to a temporary file in the same folder, is flushed to disk, gets the
original's permission bits, and is renamed over the original, so an interrupted run leaves
every file either old or new. ``replace_whole`` does the same for gomend's own files (the
cache), which need no flush to disk and whose failures only cost a later run time.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


def write_atomic(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(prefix=".gomend-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def replace_whole(path: str, text: str) -> bool:
    """Write ``text`` to a temporary name of this process's beside ``path`` and rename it
    over ``path``; False when that failed (nothing is left behind)."""
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temp, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(text)
        os.replace(temp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True
