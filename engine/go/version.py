"""The Go language version of a file: the ``go`` line of its nearest ``go.mod`` (``go 1.24``,
``go 1.24.3``), narrowed by a ``//go:build go1.N`` constraint in the file; with no
``go.mod``, the newest Go (None). Fixes that need a newer standard library than the file's
version (``t.Context()``, ``runtime.AddCleanup``: Go 1.24) are not offered."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

Version = tuple[int, int]

_GO_LINE = re.compile(rb"^\s*go\s+(\d+)\.(\d+)(?:\.\d+|rc\d+|beta\d+)?\s*(?://.*)?$", re.M)
_BUILD = re.compile(rb"^//go:build\s+(.+)$", re.M)
_GO_TAG = re.compile(r"\bgo1\.(\d+)\b")
_PACKAGE = re.compile(rb"^package\s", re.M)


def go_mod_version(data: bytes) -> Version | None:
    """The version of a ``go.mod``'s ``go`` directive, or None when it has none."""
    found = _GO_LINE.search(data)
    return (int(found.group(1)), int(found.group(2))) if found else None


def build_minimum(source: bytes) -> Version | None:
    """The version a ``//go:build`` line before the package clause requires of every build:
    the highest ``go1.N`` among terms joined only by ``&&`` (an ``||`` or a ``!`` makes it
    say nothing certain)."""
    clause = _PACKAGE.search(source)
    head = source[: clause.start()] if clause is not None else source
    found = _BUILD.search(head)
    if found is None:
        return None
    expr = found.group(1).decode("utf-8", "replace").split("//")[0]
    if "||" in expr or "!" in expr:
        return None
    minors = [int(m) for m in _GO_TAG.findall(expr)]
    return (1, max(minors)) if minors else None


def file_version(module: Version | None, source: bytes) -> Version | None:
    """The file's language version from its module's and its build constraint."""
    narrowed = build_minimum(source)
    if module is None:
        return None
    return max(module, narrowed) if narrowed is not None else module


def at_least(version: Version | None, wanted: Version) -> bool:
    """Whether a file of ``version`` (None: the newest Go) may use what ``wanted`` added."""
    return version is None or version >= wanted


def go_mod_paths(folder: str) -> Iterator[str]:
    """Where a ``go.mod`` for a file in ``folder`` may be, nearest first, up to the root."""
    current = os.path.abspath(folder)
    while True:
        yield os.path.join(current, "go.mod")
        parent = os.path.dirname(current)
        if parent == current:
            return
        current = parent
