"""A file's result: its status, why, its findings, and its new bytes when it changed.

``FileStatus`` is a ``StrEnum``: each status equals its name as a string (``"changed"``),
so reports print it and callers may compare it with the string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gomend.engine.codemod import Finding
from gomend.engine.go.parse import SyntaxProblem


class FileStatus(StrEnum):
    CHANGED = "changed"  # with fixes applied (scan: with fixes to apply)
    UNCHANGED = "unchanged"  # nothing to fix, or not rewritten (syntax errors)
    SKIPPED = "skipped"  # not analysed: unreadable, too large or deep, not Go text, generated
    FAILED = "failed"  # its fixes could not be applied, or a codemod raised


@dataclass
class FileResult:
    path: str
    status: FileStatus
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    before: bytes | None = None
    after: bytes | None = None
    syntax_error: SyntaxProblem | None = None
    fixed_by: dict[str, int] = field(default_factory=dict)  # codemod id -> fixes applied
    # of a file with findings: the Go version they were judged for ("1.24"; None: the
    # newest Go), its //go:build expression, and what is wrong with either
    go_version: str | None = None
    build: str | None = None
    warnings: list[str] = field(default_factory=list)
