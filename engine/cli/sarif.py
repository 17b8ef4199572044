"""SARIF 2.1.0 output: one run, the rules with their documentation, results and their fixes.

Regions are 1-based lines and columns counted in UTF-16 code units (SARIF's default
``columnKind``), computed from the file's text, so they differ from the byte columns of the
text report only on lines with non-ASCII characters before the finding. Every fixable finding
carries one ``fix``: the replacements that turn the file into what applying that fix alone
gives (the runner's first pass: edits, realigned trailing comments, imports). When that equals
the fix's own byte-range edits, the replacements are exactly those edits; otherwise (imports
added or dropped, comments realigned) they come from a line diff, trimmed to the characters
that change.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from gomend.engine import __version__
from gomend.engine.cli.report import display_path, severity
from gomend.engine.codemod import Codemod, Finding
from gomend.engine.go.edits import Edit, apply_edits
from gomend.engine.go.source import NotGoText, SourceText
from gomend.engine.run.fixpoint import apply_fix
from gomend.engine.run.result import FileResult
from gomend.engine.run.suppress import META_RULES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


class LineIndex:
    """Offsets in a text to SARIF (line, column): 1-based, columns in UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of a character offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        before = self.text[self.starts[line] : offset]
        return line + 1, len(before.encode("utf-16-le")) // 2 + 1

    def region(self, start: int, end: int) -> dict[str, int]:
        sl, sc = self.position(start)
        el, ec = self.position(end)
        return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}


def _char_offset(body: bytes, byte_offset: int) -> int:
    """The character offset of a byte offset: the byte offset itself in an ASCII file, else
    counted from the start of its line (line starts counted once per file), so that a file
    of thousands of findings costs linear time."""
    if body.isascii():
        return byte_offset
    byte_starts, char_starts = _line_starts(body)
    row = bisect.bisect_right(byte_starts, byte_offset) - 1
    start = byte_starts[row]
    return char_starts[row] + len(body[start:byte_offset].decode("utf-8", "replace"))


@functools.lru_cache(maxsize=1)
def _line_starts(body: bytes) -> tuple[list[int], list[int]]:
    """Where each line starts, in bytes and in characters (one file at a time)."""
    byte_starts, char_starts, chars = [0], [0], 0
    for line in body.splitlines(keepends=True):
        chars += len(line.decode("utf-8", "replace"))
        byte_starts.append(byte_starts[-1] + len(line))
        char_starts.append(chars)
    return byte_starts, char_starts


# Above this many fixes in one file, each finding's replacements are its own edits, not
# checked against the whole fix applied alone (which parses the file once per finding);
# a fix that also changes imports then gets no SARIF fix rather than an incomplete one.
MAX_EXACT_FIXES = 200


def fix_replacements(
    body: bytes, finding: Finding, crlf: bool, exact: bool = True
) -> list[tuple[int, int, str]]:
    """(start, end, text) character replacements on ``body``'s text that give the result of
    applying ``finding``'s fix alone; ``[]`` when it changes nothing. Not ``exact``: the
    fix's own edits (none for a fix that changes imports)."""
    if finding.fix is None:
        return []
    if not exact:
        if finding.fix.add_imports or finding.fix.drop_imports:
            return []
        return _edit_replacements(body, sorted(finding.fix.edits), crlf)
    after = apply_fix(body, finding, crlf)
    if after == body:
        return []
    edits = sorted(finding.fix.edits)
    if apply_edits(body, edits, crlf) == after:
        return _edit_replacements(body, edits, crlf)
    return _diff_replacements(body.decode("utf-8", "replace"), after.decode("utf-8", "replace"))


def _edit_replacements(body: bytes, edits: list[Edit], crlf: bool) -> list[tuple[int, int, str]]:
    out = []
    for e in edits:
        text = e.text.decode("utf-8", "replace")
        if crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        out.append((_char_offset(body, e.start), _char_offset(body, e.end), text))
    return out


def _diff_replacements(old: str, new: str) -> list[tuple[int, int, str]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    a_starts = [0]
    for line in a:
        a_starts.append(a_starts[-1] + len(line))
    b_starts = [0]
    for line in b:
        b_starts.append(b_starts[-1] + len(line))
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = a_starts[i1], a_starts[i2]
        old_part, new_part = old[start:end], new[b_starts[j1] : b_starts[j2]]
        prefix = _common_prefix(old_part, new_part)
        rest_old, rest_new = old_part[prefix:], new_part[prefix:]
        suffix = _common_prefix(rest_old[::-1], rest_new[::-1])
        out.append((start + prefix, end - suffix, rest_new[: len(rest_new) - suffix]))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def rule_descriptor(rule_id: str, title: str, doc: str, safety: str) -> dict[str, Any]:
    """A ``reportingDescriptor``: the rule with its documentation as help."""
    doc = doc.strip()
    first, _, rest = doc.partition("\n")
    body = doc if first.startswith("## ") or not rest else rest.strip()
    what = _section(body, "## What it does") or title
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": what},
        "help": {"text": body, "markdown": body},
        "defaultConfiguration": {"level": severity(rule_id)},
        "properties": {"fixSafety": safety},
    }


def _section(doc: str, heading: str) -> str:
    if heading not in doc:
        return ""
    after = doc.split(heading, 1)[1]
    return after.split("\n## ", 1)[0].strip()


def rules_for(codemods: Sequence[Codemod]) -> list[dict[str, Any]]:
    rules = [
        rule_descriptor(c.id, c.title, c.doc.strip(), c.safety.value)
        for c in sorted(codemods, key=lambda c: c.id)
    ]
    for rule_id, (title, doc) in META_RULES.items():
        rules.append(rule_descriptor(rule_id, title, doc, "none"))
    return rules


def artifact_location(path: str) -> dict[str, str]:
    """A path below the current folder relative to ``%SRCROOT%`` (the current folder), as
    code-scanning uploads expect; any other as an absolute ``file:`` URI."""
    shown = display_path(path)
    if os.path.isabs(shown):
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown), "uriBaseId": SRCROOT}


def _read_body(result: FileResult) -> SourceText | None:
    raw = result.before
    if raw is None:
        try:
            raw = Path(result.path).read_bytes()
        except OSError:
            return None
    try:
        return SourceText.from_bytes(raw)
    except NotGoText:
        return None


def _result(
    finding: Finding,
    rule_index: int,
    artifact: dict[str, str],
    text: SourceText | None,
    index: LineIndex | None,
    fixes_written: bool,
    exact: bool = True,
) -> dict[str, Any]:
    if text is not None and index is not None:
        region = index.region(
            _char_offset(text.body, finding.start_byte), _char_offset(text.body, finding.end_byte)
        )
    else:
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
        }
    location = {"artifactLocation": artifact}
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": severity(finding.rule),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {**location, "region": region}}],
        "properties": {"fixSafety": str(finding.safety), "fixed": finding.fixed and fixes_written},
    }
    if text is not None and index is not None and finding.fix is not None:
        replacements = [
            {"deletedRegion": index.region(start, end), "insertedContent": {"text": new}}
            for start, end, new in fix_replacements(text.body, finding, text.crlf, exact)
        ]
        if replacements:
            out["fixes"] = [
                {
                    "description": {"text": f"{finding.safety} fix: {finding.message}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": location["artifactLocation"],
                            "replacements": replacements,
                        }
                    ],
                }
            ]
    return out


def fingerprint(
    rule: str, path: str, body: bytes | None, finding: Finding, seen: Counter[str]
) -> str:
    """A finding's identity that survives lines moving: its rule, its file and the text of
    the lines it spans with whitespace collapsed, and which occurrence of that text in the
    file it is (``seen`` counts them), hashed. Code scanning matches alerts on it, so an
    upload after an unrelated edit opens no duplicate alerts."""
    text = ""
    if body is not None:
        start = body.rfind(b"\n", 0, finding.start_byte) + 1
        end = body.find(b"\n", finding.end_byte)
        text = " ".join(
            body[start : len(body) if end < 0 else end].decode("utf-8", "replace").split()
        )
    key = f"{rule}\0{path}\0{text}"
    seen[key] += 1
    return hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]


def _note_build(out: dict[str, Any], result: FileResult) -> None:
    """The Go version a finding was judged for, and the build constraint of its file, as
    properties; the constraint also as a sentence of the message, for reviewers who read
    only that."""
    if result.go_version is not None:
        out["properties"]["goVersion"] = result.go_version
    if result.build is not None:
        out["properties"]["buildConstraint"] = result.build
        out["message"]["text"] += f" (the file builds only where //go:build {result.build})"


def sarif_document(
    results: Sequence[FileResult], codemods: Sequence[Codemod], fixes_written: bool = False
) -> dict[str, Any]:
    """The SARIF log for a run's file results; ``codemods`` are the ones that ran."""
    rules = rules_for(codemods)
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        artifact = artifact_location(result.path)
        if result.status in ("skipped", "failed") or result.syntax_error is not None:
            notifications.append(
                {
                    "level": "error" if result.status == "failed" else "note",
                    "message": {"text": f"{display_path(result.path)}: {result.reason}"},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                }
            )
        if not result.findings:
            continue
        text = _read_body(result)
        index = LineIndex(text.body.decode("utf-8", "replace")) if text is not None else None
        exact = sum(f.fix is not None for f in result.findings) <= MAX_EXACT_FIXES
        seen: Counter[str] = Counter()
        for finding in result.findings:
            if finding.rule not in rule_index:  # a codemod outside the list given
                rules.append(rule_descriptor(finding.rule, finding.rule, finding.rule, "none"))
                rule_index[finding.rule] = len(rules) - 1
            made = _result(
                finding, rule_index[finding.rule], artifact, text, index, fixes_written, exact
            )
            made["partialFingerprints"] = {
                "gomendStatement/v1": fingerprint(
                    finding.rule,
                    display_path(result.path),
                    text.body if text is not None else None,
                    finding,
                    seen,
                )
            }
            _note_build(made, result)
            sarif_results.append(made)
    root = Path.cwd().as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gomend",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root}},
                "columnKind": "utf16CodeUnits",
                "invocations": [
                    {
                        "executionSuccessful": not any(r.status == "failed" for r in results),
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": sarif_results,
            }
        ],
    }


def sarif_report(
    results: Sequence[FileResult], codemods: Sequence[Codemod], fixes_written: bool = False
) -> str:
    return json.dumps(sarif_document(results, codemods, fixes_written), indent=2)
