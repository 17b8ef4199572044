"""One package's files, read once: the other non-test files in a Go file's folder.

A ``Package`` belongs to one analysed file. It lists and reads the folder once, reports each
read to its ``reads`` (for the result cache: ``("listing", folder, names joined by NUL)`` and
``("file", path, bytes read, or None)``), and hands out the siblings of the same package,
parsed. Reads and parses are memoised across the files of a process, shared by its threads.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gomend.engine.go.file import GoFile
from gomend.engine.go.files import read_regular
from gomend.engine.go.gaps import lower
from gomend.engine.go.parse import Tree, parse
from gomend.engine.go.source import has_token
from gomend.engine.go.version import (
    Version,
    build_expression,
    file_version,
    go_mod_paths,
    go_mod_version,
    shown,
    valid_build_expression,
)

Read = tuple[str, str, bytes | None]

SIBLING_READ_LIMIT = 2_000_000


def package_file(
    path: str,
    source: bytes,
    settings: dict[str, dict[str, Any]] | None = None,
    reads: list[Read] | None = None,
    tree: Tree | None = None,
) -> GoFile:
    """A parsed file (``tree``, when given, is the parse of ``source``) with its package,
    whose reads are reported to ``reads`` when given. A file of newer Go than the grammar
    reads is read lowered (``engine/go/gaps.py``): it is only read, never rewritten."""
    if tree is None:
        tree = parse(source)
        lowered = lower(source) if tree.root_node.has_error else None
        if lowered is not None:
            source, tree = lowered.body, lowered.tree
    return GoFile(
        path=path,
        source=source,
        tree=tree,
        settings=settings or {},
        package=Package(reads),
    )


def build_notes(
    path: str, source: bytes, reads: list[Read] | None = None
) -> tuple[str | None, str | None, list[str]]:
    """What a finding says of the build it was judged for: the file's Go version (``1.24``;
    None for the newest Go), its ``//go:build`` expression, and warnings (a ``go.mod``
    without a valid ``go`` line, a ``//go:build`` line that does not parse). The ``go.mod``
    looked for is reported to ``reads``."""
    module, warning = _module_version(path, reads)
    warnings = [] if warning is None else [warning]
    build = build_expression(source)
    if build is not None and not valid_build_expression(build):
        warnings.append(f"{path}: //go:build line does not parse ({build}); analysed all the same")
    return shown(file_version(module, source)), build, warnings


class Package:
    """The other non-test files of one file's package, read once for that file, and the
    version of its module."""

    def __init__(self, reads: list[Read] | None = None) -> None:
        self.reads = reads  # what the file's analysis read besides the file; None: unrecorded
        self._read: list[_Sibling] | None = None
        self._module: tuple[Version | None] | None = None

    def module_version(self, file: GoFile) -> Version | None:
        """The ``go`` line of the nearest ``go.mod`` above the file (None: none, or none
        given). Each ``go.mod`` looked for is reported to ``reads``, found or not, so a
        cached result is dropped when one appears, changes or goes."""
        if self._module is None:
            self._module = (_module_version(file.path, self.reads)[0],)
        return self._module[0]

    def siblings(
        self, file: GoFile, needle: bytes, shape: re.Pattern[bytes] | None = None
    ) -> Iterator[GoFile]:
        """The siblings of ``file`` in its package whose text holds ``needle`` (as a whole
        word if an identifier) and ``shape`` (when given), parsed."""
        if file.package_name.endswith("_test"):
            return  # an external test package lives in _test.go files only: no sibling is read
        if self._read is None:
            self._read = _read_siblings(file.path, self.reads)
        word = needle.isascii() and needle.decode().isidentifier()
        key = (needle, None if shape is None else shape.pattern)
        for candidate in self._read:
            holds = candidate.found.get(key)
            if holds is None:
                data = candidate.data
                holds = candidate.found[key] = (
                    has_token(data, needle) if word else needle in data
                ) and (shape is None or shape.search(data) is not None)
            if not holds:
                continue
            sibling = _parsed_sibling(candidate.path, candidate.data)
            if sibling.package_name == file.package_name:
                yield sibling


# Parsed siblings, shared by the files of a folder; bounded by their total size, so memory
# does not grow with the tree. Keyed by path and content: a changed file is parsed again.
# A sibling's own siblings are the same folder's files, which the file that asked for it
# has reported already: its package records nothing.
_parsed_siblings: OrderedDict[tuple[str, bytes], GoFile] = OrderedDict()
SIBLING_MEMO_BYTES = 8_000_000


@dataclass(eq=False)
class _Sibling:
    """A sibling file as read, with the answers of the text searches made on it."""

    path: str
    data: bytes
    identity: tuple[int, ...] | None  # of the file when read; None: read it again next time
    found: dict[tuple[bytes, bytes | None], bool] = field(default_factory=dict)


# The siblings of the last folders read, reused by the next files of those folders (files
# arrive sorted by path, a folder's subfolders between its files) while each file's identity
# is unchanged: device, inode, size, change and modification times. A file whose change time
# is not SETTLED_NS older than the read is read again each time: a change within the clock's
# granularity might keep the same times. Bounded by total size, the newest folder kept.
_read_folders: OrderedDict[str, dict[str, _Sibling]] = OrderedDict()
SETTLED_NS = 2_000_000_000
READ_MEMO_BYTES = 32_000_000


def _read_siblings(own_path: str, reads: list[Read] | None) -> list[_Sibling]:
    """The other non-test ``.go`` files in the folder of ``own_path``, each reported to
    ``reads`` with the bytes it has now, whether read now or reused."""
    folder = os.path.dirname(own_path) or "."
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        names = []
    if reads is not None:
        reads.append(("listing", folder, "\0".join(names).encode("utf-8", "replace")))
    with _memo_lock:
        known = _read_folders.pop(folder, {})
    memo: dict[str, _Sibling] = {}
    own = os.path.basename(own_path)
    found = []
    for name in names:
        if not name.endswith(".go") or name == own or name.endswith("_test.go"):
            continue
        path = os.path.join(folder, name)
        sibling = _read_sibling(path, known.get(path))
        if reads is not None:
            reads.append(("file", path, None if sibling is None else sibling.data))
        if sibling is not None:
            found.append(sibling)
            if sibling.identity is not None:
                memo[path] = sibling
    with _memo_lock:
        _read_folders[folder] = {**known, **memo}
        total = sum(len(s.data) for files in _read_folders.values() for s in files.values())
        while total > READ_MEMO_BYTES and len(_read_folders) > 1:
            _, old = _read_folders.popitem(last=False)
            total -= sum(len(s.data) for s in old.values())
    return found


def _module_version(own_path: str, reads: list[Read] | None) -> tuple[Version | None, str | None]:
    for path in go_mod_paths(os.path.dirname(os.path.abspath(own_path))):
        with _memo_lock:
            known = _go_mods.get(path)
        found = _read_sibling(path, known) if os.path.exists(path) else None
        if found is not None and found.identity is not None:
            with _memo_lock:
                _go_mods[path] = found
        if reads is not None:
            reads.append(("file", path, None if found is None else found.data))
        if found is not None:
            version = go_mod_version(found.data)
            if version is None:  # named from the file's folder, as the file is
                own = os.path.dirname(own_path)
                shown_path = os.path.join(own, os.path.relpath(path, os.path.abspath(own or ".")))
                return (
                    None,
                    f"{shown_path}: no valid go line; the files below it are judged as the newest Go",
                )
            return version, None
    return None, None


# go.mod files read, by path, reused while their identity holds (as the siblings above)
_go_mods: dict[str, _Sibling] = {}


def _read_sibling(path: str, known: _Sibling | None) -> _Sibling | None:
    """The file's bytes (None when unreadable): ``known``'s when its identity still holds."""
    started = time.time_ns()
    try:
        st = os.stat(path)
        identity: tuple[int, ...] | None = (
            st.st_dev, st.st_ino, st.st_size, st.st_ctime_ns, st.st_mtime_ns
        )  # fmt: skip
    except OSError:
        identity = None
    if known is not None and identity is not None and known.identity == identity:
        return known
    try:
        data = read_regular(path, SIBLING_READ_LIMIT)
    except OSError:
        return None
    if identity is not None and identity[3] > started - SETTLED_NS:
        identity = None
    return _Sibling(path, data, identity)


def _parsed_sibling(path: str, data: bytes) -> GoFile:
    key = (path, data)
    with _memo_lock:
        sibling = _parsed_siblings.get(key)
        if sibling is not None:
            _parsed_siblings.move_to_end(key)
            return sibling
    sibling = package_file(path, data)  # parsed outside the lock
    with _memo_lock:
        _parsed_siblings[key] = sibling
        total = sum(len(k[1]) for k in _parsed_siblings)
        while total > SIBLING_MEMO_BYTES and len(_parsed_siblings) > 1:
            (_, old), _ = _parsed_siblings.popitem(last=False)
            total -= len(old)
    return sibling


# The memos above are shared by the threads of a process (a migration may run repositories
# in threads): each change to them holds this lock.
_memo_lock = threading.Lock()
