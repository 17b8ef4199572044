"""File discovery: which ``.go`` files a run looks at, and why the others were passed over.

Honours ``.gitignore`` files (through pathspec), skips ``vendor/``, ``testdata/`` and hidden
folders unless asked for, never follows a symbolic link out of the root, reports a link that
cannot be resolved (a loop, a dangling one) and walks on, takes a link to a file of the tree
as that file (walked once, under its own name, so a fix rewrites the file and the link stays
a link), and yields each file once, sorted by path, so output never depends on the file system's order; files are yielded
as the walk finds them (``Walker``), so that work starts before the walk ends.
"""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from gomend.engine.go.files import read_regular
from gomend.engine.run.writer import TEMP_PREFIX, TEMP_SUFFIX

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
    # when set, each folder's own ``exclude`` patterns and the folder they are relative to
    # (the nearest configuration file's: ``engine/config.py``, ``Configs.exclusion``), in
    # place of the two fields above
    exclusion: Callable[[str], tuple[tuple[str, ...], str | None]] | None = field(
        default=None, compare=False, repr=False
    )

    def in_folder(self, folder: str) -> WalkOptions:
        """These options with the ``exclude`` in force for the entries of ``folder``."""
        if self.exclusion is None:
            return self
        exclude, base = self.exclusion(folder)
        return WalkOptions(self.include_vendor, exclude, base)


@dataclass
class Walked:
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def _gitignore(folder: str) -> pathspec.PathSpec[Any] | None:
    path = os.path.join(folder, ".gitignore")
    try:
        lines = read_regular(path).decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def walk_paths(paths: list[str], options: WalkOptions | None = None) -> Walked:
    """Every ``.go`` file under ``paths`` (a file given by name is always taken), sorted."""
    walker = Walker(paths, options)
    result = Walked(files=list(walker), skipped=walker.skipped)
    result.files.sort()  # already sorted for one folder; several roots may interleave
    return result


class Walker:
    """The files under ``paths``, yielded one by one as the walk finds them, so that work
    on the first files starts while the walk goes on. For a single folder they come sorted
    by path (each folder's entries are visited in the order their full paths sort in); for
    several roots, or files given by name, the whole walk is done first and sorted.
    ``skipped`` grows as the walk passes things over."""

    def __init__(self, paths: list[str], options: WalkOptions | None = None) -> None:
        self.paths = paths
        self.options = options or WalkOptions()
        self.skipped: list[tuple[str, str]] = []  # (path, why)
        self.temps: list[str] = []  # gomend's temporary files met on the way
        self.excluded = 0  # files and folders the ``exclude`` patterns dropped

    def __iter__(self) -> Iterator[str]:
        if len(self.paths) == 1 and not os.path.isfile(self.paths[0]):
            yield from self._files()
        else:
            yield from sorted(self._files())

    def _files(self) -> Iterator[str]:
        seen: set[Key] = set()
        for root in self.paths:
            if os.path.isfile(root):
                if excluded_file(root, self.options):
                    self.excluded += 1
                    continue
                key = _real_key(root)
                if key not in seen:
                    seen.add(key)
                    yield root
                continue
            for path, key in _walk_dir(root, self.options, self.skipped, self.temps, self):
                if key not in seen:
                    seen.add(key)
                    yield path


# a file's identity: its real folder's (device, inode) and its name there
Key = tuple[int, int, str]
# the .gitignore specs in force in a folder, each with the folder it is relative to
Specs = list[tuple["pathspec.PathSpec[Any]", str]]


def _real_key(path: str) -> Key:
    real = os.path.realpath(path)
    folder = os.stat(os.path.dirname(real) or ".")
    return folder.st_dev, folder.st_ino, os.path.basename(real)


def _sorted_entries(
    folder: str, skipped: list[tuple[str, str]], temps: list[str]
) -> list[os.DirEntry[str]]:
    """The folder's ``.go`` files and folders (nothing else is walked) in the order of their
    paths: a folder sorts as its name and a separator, as the paths below it do ("a.go"
    before "a/", "a/" before "a0.go"). Also the ``.gitignore``, which the caller reads. A
    symbolic link that cannot be resolved (a loop, such as ``x.go -> x.go``) is skipped
    alone, with a line that says so; its siblings are walked. gomend's own temporary files
    (``engine/run/writer.py``) are listed in ``temps``, for ``fix`` to remove when stale."""
    keyed = []
    for e in os.scandir(folder):
        if e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX):
            temps.append(e.path if folder != "." else e.name)
            continue
        try:
            is_dir = e.is_dir()
        except OSError as exc:  # ELOOP: a link that leads back to itself
            if e.name.endswith(".go") or e.is_symlink():
                path = e.path if folder != "." else e.name
                skipped.append((path, _unresolved(exc)))
            continue
        if is_dir or e.name.endswith(".go") or e.name == ".gitignore":
            keyed.append((e.name + "/" if is_dir else e.name, e))
    keyed.sort(key=itemgetter(0))
    return [e for _, e in keyed]


def _unresolved(exc: OSError) -> str:
    return "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot resolve: {exc.strerror}"


def _walk_dir(
    root: str,
    options: WalkOptions,
    skipped: list[tuple[str, str]],
    temps: list[str],
    counts: Walker | None = None,
) -> Iterator[tuple[str, Key]]:
    """``(path, key)`` of each file, in the order of sorted paths. A folder costs one
    ``stat`` (its identity, which finds symbolic link loops); a file none, unless it is a
    symbolic link."""
    real_root = os.path.realpath(root)
    excludes = _exclude_spec(options.exclude) if options.exclude else None
    visited: set[tuple[int, int]] = set()
    in_folder: dict[str, WalkOptions] = {}  # each folder's exclude, when configured per folder
    # (folder, its identity, its entries still to visit, the .gitignore specs in force)
    stack: list[tuple[str, tuple[int, int], Iterator[os.DirEntry[str]], Specs]] = []

    def enter(folder: str, specs: Specs) -> None:
        try:
            st = os.stat(folder)
            ident = (st.st_dev, st.st_ino)
            if ident in visited:
                skipped.append((folder, "symbolic link loop"))
                return
            entries = _sorted_entries(folder, skipped, temps)
        except OSError as exc:
            skipped.append((folder, f"cannot read folder: {exc.strerror}"))
            return
        visited.add(ident)
        listed = any(e.name == ".gitignore" for e in entries)  # else no failed open to pay
        spec = _gitignore(folder) if listed else None
        if spec is not None:
            specs = [*specs, (spec, folder)]
        stack.append((folder, ident, iter(entries), specs))

    enter(root, [])
    while stack:
        folder, ident, entries, specs = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = entry.path if folder != "." else entry.name  # entry.path: folder + name
        is_dir = entry.is_dir(follow_symlinks=True)
        linked = entry.is_symlink()
        if linked:
            target = os.path.realpath(path)
            if not (target == real_root or target.startswith(real_root + os.sep)):
                if is_dir or entry.name.endswith(".go"):
                    skipped.append((path, "symbolic link out of the root"))
                continue
            if not is_dir:  # a link to a file of the tree: the file is walked as itself
                if entry.name.endswith(".go") and not os.path.exists(path):
                    skipped.append((path, "dangling symbolic link"))
                continue
        if is_dir:
            if entry.name.startswith((".", "_")):
                continue
            if entry.name in SKIPPED_DIRS and not options.include_vendor:
                continue
        elif not entry.name.endswith(".go") or entry.name.startswith((".", "_")):
            continue
        if specs and _ignored(path, is_dir, specs):
            continue
        if options.exclusion is not None:
            if folder not in in_folder:
                in_folder[folder] = options.in_folder(folder)
            dropped = _excluded(path, is_dir, in_folder[folder])
        elif options.exclude_base is not None:
            dropped = _excluded(path, is_dir, options)
        else:
            dropped = excludes is not None and excludes.match_file(
                os.path.relpath(path, root) + ("/" if is_dir else "")
            )
        if dropped:
            if counts is not None:
                counts.excluded += 1
            continue
        if is_dir:
            enter(path, specs)
        elif entry.is_file(follow_symlinks=True):
            yield path, _real_key(path) if linked else (*ident, entry.name)


def _ignored(path: str, is_dir: bool, specs: Specs) -> bool:
    for spec, base in specs:
        rel = os.path.relpath(path, base).replace(os.sep, "/")
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False


def excluded_file(path: str, options: WalkOptions) -> bool:
    """Whether ``exclude`` drops a file named by itself (``gomend scan FILE``, an editor's
    document, a package's file under ``go vet``): the patterns in force in its folder."""
    return _excluded(path, False, options.in_folder(os.path.dirname(path) or os.curdir))


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
