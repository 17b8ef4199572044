"""Only what a change introduced (``--new-from-rev``): each file's changed lines, which
findings lie on them, and where those lines are once a pass of fixes has moved them.

``ChangedLines`` is what git said (``engine/git/changes.py`` asks it): for each file of the
working tree that changed since a revision, the 1-based lines of its new side; a file git
does not track counts as new throughout, a file it does not name changed no line. A finding
is new when any line of its span (``line`` to ``end_line``) is a changed line; the others
are neither reported nor fixed (``engine/run/fixpoint.py``), as suppressed findings are not.
A fix of a new finding moves lines and makes new ones: ``carry_lines`` follows the changed
lines into the next pass's text, where the lines the fixes wrote count as changed too.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from gomend.engine.codemod import Finding

# a file's changed lines: 1-based line numbers, or None for every line (a new file)
Lines = frozenset[int] | None
NOTHING: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ChangedLines:
    """The lines the working tree changed since ``rev``, by file: its name in the real,
    absolute path of its folder (a file that is a link is its own entry, as in git)."""

    rev: str  # the commit they are new since, as given (``HEAD``, ``main``, a hash)
    files: Mapping[str, Lines]
    # each folder's real path, resolved once (a walk asks for every file of a folder)
    _folders: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def of(self, path: str) -> Lines:
        """The changed lines of ``path`` (None: all of them; empty: none)."""
        folder, name = os.path.split(os.path.abspath(path))
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return self.files.get(os.path.join(real, name), NOTHING)

    def key(self, path: str) -> bytes:
        """The changed lines of ``path`` as bytes, for the result cache's key."""
        lines = self.of(path)
        return b"*" if lines is None else ",".join(map(str, sorted(lines))).encode()


def is_new(finding: Finding, lines: Lines) -> bool:
    """Whether any line of the finding's span is a changed line."""
    if lines is None:
        return True
    last = max(finding.line, finding.end_line)
    if last - finding.line < len(lines):
        return any(n in lines for n in range(finding.line, last + 1))
    return any(finding.line <= n <= last for n in lines)


def keep_new(findings: list[Finding], lines: Lines) -> list[Finding]:
    """The findings on changed lines, in their order."""
    return findings if lines is None else [f for f in findings if is_new(f, lines)]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines()  # a last line without its newline is the same line


def changed_between(old: bytes, new: bytes) -> frozenset[int]:
    """The lines of ``new`` that are not lines of ``old`` kept as they were (the new side of
    a diff with no context), for a text that is not on disk (``--stdin-filename``)."""
    matcher = difflib.SequenceMatcher(None, _lines(old), _lines(new), autojunk=False)
    return frozenset(
        n + 1
        for tag, _, _, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
        for n in range(j1, j2)
    )


def carry_lines(before: bytes, after: bytes, lines: Lines) -> Lines:
    """The changed lines of ``before`` where they are in ``after`` (a pass of fixes later),
    with every line those fixes wrote: a fix only ever comes from a new finding."""
    if lines is None or before == after:
        return lines
    matcher = difflib.SequenceMatcher(None, _lines(before), _lines(after), autojunk=False)
    carried: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            carried.update(j1 + 1 + (n - i1 - 1) for n in lines if i1 < n <= i2)
        else:
            carried.update(range(j1 + 1, j2 + 1))
    return frozenset(carried)
