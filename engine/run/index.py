"""The stat index: which files of a tree are unchanged since the last run, told by ``stat``.

A warm run on an unchanged tree should not read the tree again. For each file of the last
walk of the same roots, the index keeps the file's signature (device, inode, size, and the
modification and status-change times in nanoseconds) and its verdict: settled by the
prefilter with nothing to report, or the key of its entry in the result cache
(``engine/run/cache.py``), whose content key it was stored under. A file whose ``stat`` still
gives the same signature gets its verdict without being read.

This is how git tells a clean work tree from a dirty one, and it is as safe: writing a file
sets its status-change time to the current time, and no program can set that time back
(``touch -d`` changes the modification time and, by doing so, the status-change time);
replacing a file (an atomic rename, a checkout) changes its inode. The one gap is git's
"racily clean" file, changed again within the clock tick of the run that saw it: a file
whose status-change time lies within ``RACY_SECONDS`` of the run's start (or after it) is
never entered, so the next run reads it. A signature is taken when the file is opened; a
change while it is read gives the file a status-change time after the run's start, hence
another signature, so an entry whose verdict came from changed bytes never matches.

One index per run configuration (the result cache's fingerprint) and per set of roots and
walk options, as text (never a pickle), replaced atomically; a corrupt or foreign one is
ignored. Only POSIX systems keep one (elsewhere ``st_ctime`` is the creation time).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import time

from gomend.engine.go.files import read_text
from gomend.engine.run.writer import replace_whole

HEADER = "gomend stat index 1"
RACY_SECONDS = 2
PLAIN = ""  # the verdict of a file the prefilter settles with nothing to report

# (device, inode, size, modification time, status-change time)
Signature = tuple[int, int, int, int, int]


def signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _entry(sig: Signature, verdict: str) -> str:
    """A file's entry in the index: its signature, then its verdict."""
    dev, ino, size, mtime, ctime = sig
    return f"{dev} {ino} {size} {mtime} {ctime} {verdict}"


def supported() -> bool:
    return os.name == "posix"


def walk_scope(roots: list[str], walk_key: str) -> str:
    """A name for a walk: the working folder, the roots and the walk's options (the stat
    index and the result cache keep one file per walk)."""
    described = json.dumps([os.getcwd(), [os.path.abspath(r) for r in roots], walk_key])
    return hashlib.blake2b(described.encode(), digest_size=12).hexdigest()


class StatIndex:
    """The index of one walk: read when the run starts, written when it ends.

    On disk: a header, then for each file its path and its entry (the signature's five
    numbers and the verdict, separated by spaces), all separated by NUL bytes, which no path
    holds: one split reads it, and a run that finds nothing changed compares strings.
    Indexes of walks not repeated for a while go with the cache's pruning (engine/run/cache.py)."""

    def __init__(self, folder: str, roots: list[str], walk_key: str) -> None:
        self.started_ns = time.time_ns()
        self.folder = folder
        self.path = os.path.join(folder, f"index-{walk_scope(roots, walk_key)}")
        self._old: dict[str, str] = self._read()
        self._new: dict[str, str] = {}

    def _read(self) -> dict[str, str]:
        try:
            parts = read_text(self.path).split("\0")
        except (OSError, ValueError):
            return {}
        if parts[0] != HEADER or len(parts) % 2 != 1:
            return {}
        return dict(zip(parts[1::2], parts[2::2], strict=True))

    def lookup(self, path: str) -> str | None:
        """The file's verdict when it is unchanged since the last run, else None."""
        entry = self._old.get(path)
        if entry is None:
            return None
        try:
            now = _entry(signature(os.stat(path)), "")
        except OSError:
            return None
        if not entry.startswith(now) or " " in entry[len(now) :]:
            return None
        self._new[path] = entry
        return entry[len(now) :]

    def forget(self, path: str) -> None:
        """A verdict looked up but not usable after all (its cache entry is gone)."""
        self._new.pop(path, None)

    def record(self, path: str, sig: Signature, verdict: str) -> None:
        """What a run found for a file it read (``sig``: taken when it was opened)."""
        if sig[4] < self.started_ns - RACY_SECONDS * 1_000_000_000:
            self._new[path] = _entry(sig, verdict)

    def save(self) -> None:
        """Write the index of this run's files, when it differs from the one read; failures
        are ignored (the index is an optimisation)."""
        if self._new == self._old:
            with contextlib.suppress(OSError):
                os.utime(self.path)  # in use: not to be pruned
            return
        text = "\0".join((HEADER, *itertools.chain.from_iterable(self._new.items())))
        try:
            os.makedirs(self.folder, exist_ok=True)
        except OSError:
            return
        replace_whole(self.path, text)
