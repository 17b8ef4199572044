"""Opening files safely: only regular files are ever read.

Every file gomend reads (a Go file, a sibling of its package, a ``go.mod``, a ``.gitignore``,
a configuration, the cache's packs and indexes) is opened here, without blocking
(``O_NONBLOCK``), and checked with ``fstat`` to be a regular file before a byte is read: a
FIFO, a device or a socket named like one of them would otherwise hang the run or feed it
endless bytes. Such a file raises ``NotRegular``, an ``OSError`` that callers already treat
as "cannot read". Also the lock a run holds on its own temporary files and folders, by which
a later run tells what a killed one left (``hold``, ``held``).
"""

from __future__ import annotations

import errno
import os
import stat

try:
    import fcntl
except ImportError:  # not on Windows: there no lock is ever taken for abandoned
    fcntl = None  # type: ignore[assignment]

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


def hold(fd: int) -> None:
    """Lock the open file for as long as it stays open: a sign to other runs that its
    owner is alive (``held``)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def held(path: str) -> bool:
    """Whether a live process holds the lock on the regular file at ``path``; a missing
    file is held by no one, and whatever cannot be told (no locks here, not a regular
    file) counts as held, so that nothing is taken for abandoned on a guess."""
    if fcntl is None:
        return True
    try:
        fd, _ = open_regular(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def read_text(path: str) -> str:
    """The regular file at ``path`` as UTF-8 text (undecodable bytes kept as surrogates)."""
    return read_regular(path).decode("utf-8", "surrogateescape")
