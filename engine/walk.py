"""File discovery: which ``.go`` files a run looks at, and why the others were passed over.

Honours ``.gitignore`` files (through pathspec), skips ``vendor/``, ``testdata/`` and hidden
folders unless asked for, never follows a symbolic link out of the root, and yields each file
once, sorted by path, so output never depends on the file system's order.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a .gitignore or an exclude pattern needs it: it costs
    import pathspec  # as much as walking a thousand files

SKIPPED_DIRS = ("vendor", "testdata")


@dataclass(frozen=True)
class WalkOptions:
    include_vendor: bool = False
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, relative to the walked root
    # when set, ``exclude`` is relative to this folder (the configuration file's) instead,
    # and also drops files given by name that lie below it
    exclude_base: str | None = None


@dataclass
class Walked:
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def _gitignore(folder: str) -> pathspec.PathSpec[Any] | None:
    path = os.path.join(folder, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            import pathspec

            return pathspec.GitIgnoreSpec.from_lines(fh)
    except OSError:
        return None


def walk_paths(paths: list[str], options: WalkOptions | None = None) -> Walked:
    """Every ``.go`` file under ``paths`` (a file given by name is always taken)."""
    options = options or WalkOptions()
    result = Walked()
    seen: set[str] = set()
    for root in paths:
        if os.path.isfile(root):
            key = os.path.realpath(root)
            if _excluded(root, False, options):
                continue
            if key not in seen:
                seen.add(key)
                result.files.append(root)
            continue
        for path, key in _walk_dir(root, options, result):
            if key not in seen:
                seen.add(key)
                result.files.append(path)
    result.files.sort()
    return result


def _walk_dir(root: str, options: WalkOptions, result: Walked) -> Iterator[tuple[str, str]]:
    """``(path, real path)`` of each file; the real path costs a system call per folder, not
    per file (only a symbolic link needs its own)."""
    real_root = os.path.realpath(root)
    excludes = _exclude_spec(options.exclude) if options.exclude else None
    # (folder, [(spec, folder the spec is relative to)])
    stack: list[tuple[str, list[tuple[pathspec.PathSpec[Any], str]]]] = [(root, [])]
    visited: set[str] = set()
    while stack:
        folder, specs = stack.pop()
        real = os.path.realpath(folder)
        if real in visited:
            result.skipped.append((folder, "symbolic link loop"))
            continue
        visited.add(real)
        spec = _gitignore(folder)
        if spec is not None:
            specs = [*specs, (spec, folder)]
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            result.skipped.append((folder, f"cannot read folder: {exc.strerror}"))
            continue
        subdirs = []
        for entry in entries:
            path = entry.path if folder != "." else entry.name  # entry.path: folder + name
            is_dir = entry.is_dir(follow_symlinks=True)
            if entry.is_symlink():
                target = os.path.realpath(path)
                if not (target == real_root or target.startswith(real_root + os.sep)):
                    if is_dir or entry.name.endswith(".go"):
                        result.skipped.append((path, "symbolic link out of the root"))
                    continue
            if _ignored(path, is_dir, specs):
                continue
            if options.exclude_base is not None:
                if _excluded(path, is_dir, options):
                    continue
            elif excludes is not None and excludes.match_file(
                os.path.relpath(path, root) + ("/" if is_dir else "")
            ):
                continue
            if is_dir:
                if entry.name.startswith((".", "_")):
                    continue
                if entry.name in SKIPPED_DIRS and not options.include_vendor:
                    continue
                subdirs.append(path)
            elif entry.name.endswith(".go") and not entry.name.startswith((".", "_")):
                if entry.is_file(follow_symlinks=True):
                    linked = entry.is_symlink()
                    yield path, os.path.realpath(path) if linked else os.path.join(real, entry.name)
        for sub in reversed(subdirs):
            stack.append((sub, specs))


def _ignored(path: str, is_dir: bool, specs: list[tuple[pathspec.PathSpec[Any], str]]) -> bool:
    for spec, base in specs:
        rel = os.path.relpath(path, base).replace(os.sep, "/")
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False


def _excluded(path: str, is_dir: bool, options: WalkOptions) -> bool:
    """``options.exclude`` against a path below ``options.exclude_base`` (else: never)."""
    if not options.exclude or options.exclude_base is None:
        return False
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(options.exclude_base))
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir:
        return False
    spec = _exclude_spec(options.exclude)
    return spec.match_file(rel.replace(os.sep, "/") + ("/" if is_dir else ""))


@functools.lru_cache(maxsize=8)
def _exclude_spec(patterns: tuple[str, ...]) -> pathspec.PathSpec[Any]:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)
