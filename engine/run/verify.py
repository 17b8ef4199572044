"""``--verify``: Go's own build and vet, before and after the fixes, per package.

The fixes' files are grouped by package (their folder) and by module (the nearest folder
with a ``go.mod``); ``go vet`` (which builds first) runs once per module on all its touched
packages with the original files, and again with the fixed ones. A package that fails in a
way it did not fail before gets its original files back. Diagnostics are compared without
their line and column, which the fixes themselves move.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gomend.engine.go.toolchain import go_binary, go_env
from gomend.engine.go.version import go_mod_paths

# "path/to/file.go:12:3: message" -> ("path/to/file.go", "message")
_DIAGNOSTIC = re.compile(r"^(?:vet: )?(\S+?\.go):\d+(?::\d+)?: (.*)$")


@dataclass(frozen=True)
class Reverted:
    """A package whose fixes were undone: its folder, Go's first new complaint, its files."""

    package: str
    error: str
    files: tuple[str, ...]


def module_root(folder: str) -> str | None:
    """The folder of the nearest ``go.mod`` above ``folder``, or None."""
    found = next((p for p in go_mod_paths(folder) if os.path.isfile(p)), None)
    return os.path.dirname(found) if found is not None else None


def go_complaints(packages: list[str]) -> dict[str, set[str]]:
    """What ``go vet`` says of each package folder (absolute paths), position-free: run once
    per module, from its root, on all its packages together."""
    go = go_binary()
    env = go_env(go)
    by_module: dict[str, list[str]] = defaultdict(list)
    found: dict[str, set[str]] = {p: set() for p in packages}
    for package in packages:
        root = module_root(package)
        if root is None:
            found[package].add("no go.mod above the package: Go cannot build it")
            continue
        by_module[root].append(package)
    for root, folders in by_module.items():
        patterns = ["./" + os.path.relpath(f, root).replace(os.sep, "/") for f in folders]
        done = subprocess.run(
            [go, "vet", *patterns], cwd=root, env=env, capture_output=True, text=True, check=False
        )
        for line in done.stderr.splitlines():
            match = _DIAGNOSTIC.match(line.strip())
            if match is None:
                continue
            path = os.path.normpath(os.path.join(root, match.group(1)))
            folder = os.path.dirname(path)
            if folder in found:
                found[folder].add(f"{os.path.basename(path)}: {match.group(2)}")
    return found


def verify_fixes(
    fixed: Mapping[str, tuple[bytes, bytes]], write: Callable[[str, bytes, bytes], object]
) -> list[Reverted]:
    """Write each fixed file (path -> (before, after)) and keep a package's fixes only if Go
    finds nothing new to complain about in it; the others get their ``before`` back.
    ``write(path, new, expected)`` writes only over the bytes expected there."""
    packages: dict[str, list[str]] = defaultdict(list)
    for path in fixed:
        packages[os.path.dirname(os.path.abspath(path))].append(path)
    folders = sorted(packages)
    before = go_complaints(folders)
    for path, (was, after) in fixed.items():
        write(path, after, was)
    after_complaints = go_complaints(folders)
    reverted = []
    for folder in folders:
        new = sorted(after_complaints[folder] - before[folder])
        if not new:
            continue
        for path in packages[folder]:
            write(path, fixed[path][0], fixed[path][1])
        reverted.append(Reverted(folder, new[0], tuple(sorted(packages[folder]))))
    return reverted
