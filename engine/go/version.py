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


def build_expression(source: bytes) -> str | None:
    """The expression of the ``//go:build`` line before the package clause, if any."""
    if b"//go:build" not in source:
        return None
    clause = _PACKAGE.search(source)
    head = source[: clause.start()] if clause is not None else source
    found = _BUILD.search(head)
    if found is None:
        return None
    return found.group(1).decode("utf-8", "replace").split("//")[0].strip()


_BUILD_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_.]+)")


def valid_build_expression(expr: str) -> bool:
    """Whether a ``//go:build`` expression parses as the go command reads it: tags joined
    by ``&&`` and ``||``, negated by ``!``, grouped by parentheses."""
    tokens: list[str] = []
    at = 0
    while at < len(expr.rstrip()):
        found = _BUILD_TOKEN.match(expr, at)
        if found is None:
            return False
        tokens.append(found.group(1))
        at = found.end()
    return bool(tokens) and _or_expr(tokens, 0) == len(tokens)


def _or_expr(tokens: list[str], at: int) -> int:
    """The position after an ``||`` expression starting at ``at``, or -1."""
    at = _and_expr(tokens, at)
    while at >= 0 and at < len(tokens) and tokens[at] == "||":
        at = _and_expr(tokens, at + 1)
    return at


def _and_expr(tokens: list[str], at: int) -> int:
    at = _unary(tokens, at)
    while at >= 0 and at < len(tokens) and tokens[at] == "&&":
        at = _unary(tokens, at + 1)
    return at


def _unary(tokens: list[str], at: int) -> int:
    if at >= len(tokens):
        return -1
    if tokens[at] == "!":
        return _unary(tokens, at + 1)
    if tokens[at] == "(":
        at = _or_expr(tokens, at + 1)
        return at + 1 if 0 <= at < len(tokens) and tokens[at] == ")" else -1
    return at + 1 if tokens[at] not in ("&&", "||", ")") else -1


def build_minimum(source: bytes) -> Version | None:
    """The version a ``//go:build`` line before the package clause requires of every build:
    the highest ``go1.N`` among terms joined only by ``&&`` (an ``||`` or a ``!`` makes it
    say nothing certain)."""
    expr = build_expression(source)
    if expr is None:
        return None
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


def shown(version: Version | None) -> str | None:
    """A version as the ``go`` line spells it (``1.24``); None stays None (the newest Go)."""
    return None if version is None else f"{version[0]}.{version[1]}"


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
