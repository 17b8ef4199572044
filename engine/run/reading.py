"""Reading a file for the run: its bytes, safely (size limits), and its signature.

A file larger than ``MAX_FILE_BYTES`` or that cannot be read becomes a "skipped" result with
a line that says why. The signature (``engine/run/index.py``) is taken when the file is
opened, so that a change while it is read gives it another, and its entry in the stat index
never matches.
"""

from __future__ import annotations

import os

from gomend.engine.go.files import open_regular
from gomend.engine.run.index import Signature, signature
from gomend.engine.run.result import FileResult, FileStatus

# Twice the largest file of the Go tree (a generated 3.9 MB table): a 50 MB file took
# minutes and 3 GB to parse and walk, so bigger files are skipped with a line that says so.
MAX_FILE_BYTES = 8 * 1024 * 1024


def read_source(path: str) -> bytes | FileResult:
    """The file's bytes, or the result of a file that cannot be read or is too large."""
    read = read_file(path, False)
    return read if isinstance(read, FileResult) else read[0]


def read_file(path: str, sign: bool) -> tuple[bytes, Signature | None] | FileResult:
    """The file's bytes (and with ``sign``, its signature, taken when it was opened: a
    change while it is read gives it another, so its entry in the stat index never
    matches)."""
    try:  # os.read, sized by fstat: a quarter of what a buffered read costs per small file
        fd, st = open_regular(path)  # never a FIFO or a device: those would block or not end
        try:
            size = st.st_size
            if size > MAX_FILE_BYTES:
                return _too_large(path)
            raw = os.read(fd, size + 1)
            if len(raw) != size:  # a short read, or the file changed: read on to the end
                parts = [raw]
                while parts[-1] and len(raw) <= MAX_FILE_BYTES:
                    parts.append(os.read(fd, 1 << 20))
                    raw = b"".join(parts)
            sig = signature(st) if sign else None
        finally:
            os.close(fd)
    except OSError as exc:
        return FileResult(path, FileStatus.SKIPPED, f"cannot read: {exc.strerror or exc}")
    return _too_large(path) if len(raw) > MAX_FILE_BYTES else (raw, sig)


def _too_large(path: str) -> FileResult:
    return FileResult(path, FileStatus.SKIPPED, f"larger than {MAX_FILE_BYTES >> 20} MiB")
