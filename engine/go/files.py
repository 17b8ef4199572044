"""Opening files safely: only regular files are ever read.

Every file gomend reads (a Go file, a sibling of its package, a ``go.mod``, a ``.gitignore``,
a configuration, the cache's packs and indexes) is opened here, without blocking
(``O_NONBLOCK``), and checked with ``fstat`` to be a regular file before a byte is read: a
FIFO, a device or a socket named like one of them would otherwise hang the run or feed it
endless bytes. Such a file raises ``NotRegular``, an ``OSError`` that callers already treat
as "cannot read".
"""

from __future__ import annotations

import errno
import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegular(OSError):
    """The path names something other than a regular file (a FIFO, a device, a folder)."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.EINVAL, "not a regular file", path)


def open_regular(path: str) -> tuple[int, os.stat_result]:
    """A descriptor of the regular file at ``path``, and its ``fstat``; the caller closes
    it. Raises ``NotRegular`` for anything else (the descriptor is closed then)."""
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(path)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_regular(path: str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (its first ``limit``, when given)."""
    fd, st = open_regular(path)
    try:
        want = st.st_size + 1 if limit is None else min(st.st_size + 1, limit)
        parts, got = [], 0
        while limit is None or got < limit:
            chunk = os.read(fd, want if limit is None else min(limit - got, max(want, 1 << 16)))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
            want = 1 << 20
        return b"".join(parts)
    finally:
        os.close(fd)


def read_text(path: str) -> str:
    """The regular file at ``path`` as UTF-8 text (undecodable bytes kept as surrogates)."""
    return read_regular(path).decode("utf-8", "surrogateescape")
