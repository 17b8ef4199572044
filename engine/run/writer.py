"""Safe writes: a file is replaced whole or not at all, and never over a user's edit.

``write_atomic`` writes the new content to a temporary file in the same folder (named
``.gomend-XXXXXXXX.tmp`` and locked while it is written), flushes it to disk, gives it the
original's permission bits, owner and group, and then, just before replacing the original,
checks that the original still holds the bytes the run read: a file edited meanwhile is
left as the user made it (``WriteRefused``, "changed during the run"). It writes as
``gofmt -w`` would: a read-only file is refused; a symbolic link is written through (its
target is rewritten, the link stays a link); a file with more than one hard link, or whose
owner the run cannot give the copy, is rewritten in place through its own inode once the
temporary copy is complete, so every link sees the fix. Otherwise the copy is renamed over
the original, so an interrupted run leaves every file either old or new.

A killed run may leave its temporary file behind: ``remove_stale_temps`` removes those that
match gomend's name and that no writer holds locked. ``replace_whole`` writes gomend's own
files (the cache), which need no flush to disk and whose failures only cost a later run time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
from collections.abc import Iterable

from gomend.engine.go.files import held, hold, read_regular

TEMP_PREFIX, TEMP_SUFFIX = ".gomend-", ".tmp"
TEMP_NAME = re.compile(r"^\.gomend-[A-Za-z0-9_]{8}\.tmp$")  # what tempfile.mkstemp makes


class WriteRefused(OSError):
    """The file was not written, for a reason of its own (``strerror``): it is read-only, or
    it changed during the run."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(errno.EPERM, reason, path)


_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file at ``path`` with ``data``; with ``expected``, only while it still
    holds those bytes (what the run read). Ctrl-C and SIGTERM wait until the write is done
    or undone (a few milliseconds): an interruption never leaves the temporary file."""
    if not hasattr(signal, "pthread_sigmask"):
        _write(path, data, expected)
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        _write(path, data, expected)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _write(path: str, data: bytes, expected: bytes | None) -> None:
    target = os.path.realpath(path)
    st = os.stat(target)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteRefused(path, "read-only")
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as fh:
            hold(fh.fileno())  # a live writer: never taken for stale
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            in_place = st.st_nlink > 1 or not _same_owner(tmp, st)
            if expected is not None and read_regular(target) != expected:
                raise WriteRefused(path, "changed during the run")
            if in_place:
                _write_in_place(target, data)
            else:
                os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _same_owner(tmp: str, st: os.stat_result) -> bool:
    """Give the copy the original's owner and group; whether it now has them (as root, or
    for a group of the user's, it does)."""
    copy = os.stat(tmp)
    if (copy.st_uid, copy.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except OSError:
        return False
    return True


def _write_in_place(target: str, data: bytes) -> None:
    """Rewrite the file through its own inode: its links, owner and mode stay as they are."""
    fd = os.open(target, os.O_WRONLY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(paths: Iterable[str]) -> list[str]:
    """Remove the temporary files among ``paths`` that a killed run left: gomend's name, a
    regular file, and no writer holding its lock. The ones removed."""
    removed = []
    for path in paths:
        if TEMP_NAME.match(os.path.basename(path)) and not held(path):
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed.append(path)
    return removed


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
