"""Reports: findings and file results as text lines, JSON, and the closing summary.

Text is ``path:line:col: rule-id message``, the form editors and CI logs link. JSON is one
object with ``version``, ``findings`` and ``files``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gomend.engine import __version__
from gomend.engine.cli.colour import BOLD, RULE, paint
from gomend.engine.cli.colour import mark as paint_mark
from gomend.engine.cli.diff import unified_diff
from gomend.engine.run.fixpoint import SYNTAX_ERROR
from gomend.engine.run.result import FileResult


def display_path(path: str) -> str:
    """A path relative to the current folder when it lies below it, with ``/`` separators."""
    rel = os.path.relpath(path)
    shown = path if rel.startswith("..") else rel
    return shown.replace(os.sep, "/")


def finding_lines(
    result: FileResult, show_fixed: bool = False, unsafe_fixes: bool = False, colour: bool = False
) -> list[str]:
    """A line per finding, marked as ruff marks them: ``[*]`` when ``gomend fix`` would fix
    it (with this run's ``--unsafe-fixes``), ``[unsafe]`` when only ``--unsafe-fixes``
    would, nothing for a finding reported without a fix; ``fix`` ends a fixed one with
    ``[fixed]``. ``colour``: the path, rule id and marks painted for a terminal."""
    if not result.findings:
        return []
    path = display_path(result.path)
    lines = []
    for f in result.findings:
        suffix = mark = ""
        if show_fixed and f.fixed:
            suffix = " [fixed]"
        elif f.fix is not None:
            mark = "[*] " if f.fixable(unsafe_fixes) else "[unsafe] "
        if colour:
            where, rule = paint(path, BOLD), paint(f.rule, RULE)
            lines.append(f"{where}:{f.line}:{f.column}: {rule} {paint_mark(mark)}{f.message}")
            lines[-1] += paint_mark(suffix)
            continue
        lines.append(f"{path}:{f.line}:{f.column}: {f.rule} {mark}{f.message}{suffix}")
    return lines


def status_line(result: FileResult) -> str | None:
    """A line for a file that was skipped, failed, or could not be rewritten."""
    if result.status in ("skipped", "failed"):
        return f"{display_path(result.path)}: {result.status}: {result.reason}"
    if result.reason:  # not rewritten: a syntax error, or newer Go than the grammar reads
        return f"{display_path(result.path)}: {result.reason}"
    return None


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0
    failed: int = 0
    changed: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)
    unsafe_fixes: bool = False  # the run's --unsafe-fixes: which fixes count as fixable
    fixable: int = 0  # findings that fix would fix
    more_unsafe: int = 0  # findings only --unsafe-fixes would fix

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.status == "skipped":
            self.skipped += 1
        elif result.status == "failed":
            self.failed += 1
        elif result.status == "changed":
            self.changed += 1
        for f in result.findings:
            self.findings[f.rule] += 1
            if f.fixable(self.unsafe_fixes):
                self.fixable += 1
            elif f.fix is not None:
                self.more_unsafe += 1
        for rule, count in result.fixed_by.items():
            self.fixed[rule] += count

    def line(self, seconds: float, changed_word: str | None = "changed") -> str:
        """The closing line. ``changed_word`` None: a scan's, which counts the findings a
        fix would fix instead of files."""
        total = sum(self.findings.values())
        by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(self.findings.items()))
        counted = (
            f"{self.fixable} fixable" if changed_word is None else f"{self.changed} {changed_word}"
        )
        parts = [
            f"{self.files} file{'s' if self.files != 1 else ''} scanned",
            f"{self.skipped} skipped",
            counted,
        ]
        if self.failed:
            parts.append(f"{self.failed} failed")
        text = ", ".join(parts) + f"; {total} finding{'s' if total != 1 else ''}"
        if by_rule:
            text += f" ({by_rule})"
        return text + f" in {seconds:.2f}s"

    def hint(self) -> str | None:
        """What ``--unsafe-fixes`` would add, when it is not on."""
        n = self.more_unsafe
        if not n or self.unsafe_fixes:
            return None
        return f"{n} more fix{'es' if n != 1 else ''} with --unsafe-fixes (see 'gomend explain ID')"


def finding_json(result: FileResult, fixes_written: bool = True) -> list[dict[str, Any]]:
    path = display_path(result.path)
    return [
        {
            "rule": f.rule,
            "path": path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "message": f.message,
            "safety": str(f.safety),
            "fixable": f.fix is not None,
            "fixed": f.fixed and fixes_written,
            "go_version": result.go_version,
            "build": result.build,
        }
        for f in result.findings
    ]


def json_report(
    results: Sequence[FileResult],
    summary: Summary,
    seconds: float,
    fixes_written: bool = True,
    command: str = "fix",
) -> str:
    """The JSON document; ``fixed`` is true only where a fix was (or, for diff, would be)
    applied, never for ``scan``, which writes nothing. ``scan`` and ``diff`` mark a file
    with fixes ``would change``; ``diff`` adds each such file's ``patch``."""
    findings: list[dict[str, Any]] = []
    files: dict[str, dict[str, Any]] = {}
    dry = command in ("scan", "diff")
    for r in results:
        findings.extend(finding_json(r, fixes_written))
        changed = r.status == "changed"
        entry: dict[str, Any] = {"status": "would change" if dry and changed else r.status}
        if command == "diff" and changed and r.before is not None and r.after is not None:
            entry["patch"] = unified_diff(display_path(r.path), r.before, r.after)
        if r.reason:
            entry["reason"] = r.reason
        if r.syntax_error is not None:
            entry["syntax_error"] = {"line": r.syntax_error.line, "column": r.syntax_error.column}
        if r.findings or r.status != "unchanged" or r.reason:
            files[display_path(r.path)] = entry
    doc = {
        "version": __version__,
        "findings": findings,
        "files": files,
        "summary": {
            "files": summary.files,
            "skipped": summary.skipped,
            "changed": summary.changed,
            "failed": summary.failed,
            "findings": dict(sorted(summary.findings.items())),
            "seconds": round(seconds, 3),
        },
    }
    return json.dumps(doc, indent=2)


# --- GitHub Actions ----------------------------------------------------------------------


def github_escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """A workflow command's property value: the message escapes plus ``:`` and ``,``."""
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most 10 warning and 10 error annotations per step (50 per job)
MAX_ANNOTATIONS = 10


def github_annotations(
    results: Sequence[FileResult], limit: int | None = None
) -> tuple[list[str], int]:
    """``::error`` and ``::warning`` workflow commands, which GitHub Actions shows on the
    lines of the pull request's diff: the most severe first (syntax errors, then findings
    in path order), at most ``limit``; and how many were left out."""
    made = []
    for r in results:
        path = github_escape_property(display_path(r.path))
        for f in r.findings:
            props = (
                f"file={path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},"
                f"title={github_escape_property(f'gomend: {f.rule}')}"
            )
            level = severity(f.rule)
            made.append((level != "error", f"::{level} {props}::{github_escape_data(f.message)}"))
    made.sort(key=lambda pair: pair[0])  # stable: path order within each level
    lines = [line for _, line in made]
    if limit is None or len(lines) <= limit:
        return lines, 0
    return lines[:limit], len(lines) - limit


def github_summary(results: Sequence[FileResult], command: str) -> str:
    """The job summary (``$GITHUB_STEP_SUMMARY``, Markdown): findings per rule and per
    file, and the command that fixes them."""
    by_rule: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    by_file: Counter[str] = Counter()
    for r in results:
        for f in r.findings:
            by_rule[f.rule] += 1
            fixable[f.rule] += f.fix is not None
            by_file[display_path(r.path)] += 1
    total = sum(by_rule.values())
    out = [f"## gomend {command}: {total} finding{'s' if total != 1 else ''}\n"]
    if not total:
        return out[0]
    out += ["| rule | findings | with a fix |", "|---|---:|---:|"]
    out += [f"| `{rule}` | {n} | {fixable[rule]} |" for rule, n in sorted(by_rule.items())]
    out += ["", "| file | findings |", "|---|---:|"]
    out += [f"| `{path}` | {n} |" for path, n in sorted(by_file.items())]
    out += [
        "",
        "Fix them with `gomend fix` (add `--unsafe-fixes` for the fixes to review), and see "
        "`gomend explain RULE` for each rule.",
        "",
    ]
    return "\n".join(out)


def severity(rule_id: str) -> str:
    """A file that does not parse is an error; every codemod's finding, a warning (the
    words GitHub annotations and SARIF levels share)."""
    return "error" if rule_id == SYNTAX_ERROR else "warning"
