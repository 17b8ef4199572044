"""Suppression comments: which findings a ``//gomend:ignore`` or ``//nolint`` comment silences.

Two spellings, both line comments written without a space after ``//`` (Go's directive
style):

- ``//gomend:ignore ID[,ID...] reason``: the reason is required; without one the comment
  still silences, and is itself reported as ``suppression-without-reason``.
- ``//nolint:gomend`` (every codemod) or ``//nolint:ID[,ID...]`` (golangci-lint's syntax,
  other linters' names may share the list, and ``// nolint: ID`` is read too), optionally
  followed by ``// reason``. A bare ``//nolint`` (golangci-lint's "every linter") silences
  every codemod; ``govet`` and ``lostcancel`` name ``lost-cancel`` (vet's lostcancel check
  is the same one).

A comment that looks meant for gomend but is not one (``// gomend:ignore`` with a space, or
an id no codemod has) silences nothing and is reported as ``malformed-suppression``; no fix
ever deletes or rewrites a line that holds a suppression comment (``protect_comments``).

A comment at the end of a line of code covers findings starting on that line; a comment alone
on its line covers findings starting on the next line. A silenced finding is neither
reported nor fixed. With ``report_unused``, a suppression that silences nothing is reported as
``unused-suppression`` (one whose ids all name codemods that did not run is not: it cannot
be judged; a ``//nolint:gomend`` is judged only when every codemod ran).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from gomend.engine.codemod import Finding
from gomend.engine.go.parse import Tree

WITHOUT_REASON = "suppression-without-reason"
UNUSED = "unused-suppression"
MALFORMED = "malformed-suppression"
WILDCARD = "gomend"
# golangci-lint's names for checks that are one of gomend's codemods
ALIASES = {"govet": ("lost-cancel",), "lostcancel": ("lost-cancel",)}

# the findings that are no codemod's: about suppression comments, and about a file that
# does not parse (engine/run/fixpoint.py)
META_RULES: dict[str, tuple[str, str]] = {
    "syntax-error": (
        "A file does not parse",
        "## What it does\nReports a Go file that tree-sitter's Go grammar cannot parse, at the "
        "first error. gomend checks and rewrites nothing in such a file, and `scan`, `diff` "
        "and `fix` exit 1.\n\n"
        "## Why is this bad?\nA file that does not parse hides every finding in it; a run "
        "that said nothing about it would pass a CI check it never made.\n\n"
        "## Example\n```go\nfunc f() {\n        x := \n}\n```\n\n"
        "## Use instead\n```go\nfunc f() {\n        x := 1\n        _ = x\n}\n```\n\n"
        "## Fix safety\nNo fix: correct the file; `gofmt -e` lists every error.\n",
    ),
    WITHOUT_REASON: (
        "A //gomend:ignore comment gives no reason",
        "## What it does\nReports a `//gomend:ignore ID` comment with no reason after the id. "
        "The comment still silences the finding.\n\n"
        "## Why is this bad?\nA silenced finding without a reason cannot be reviewed: the next "
        "reader does not know whether the misuse was judged harmless or just hidden.\n\n"
        "## Example\n```go\nruntime.GC() //gomend:ignore gc-in-hot-path\n```\n\n"
        "## Use instead\n```go\nruntime.GC() //gomend:ignore gc-in-hot-path admin endpoint, "
        "called once a day\n```\n\n## Fix safety\nNo fix: only you know the reason.\n",
    ),
    MALFORMED: (
        "A comment meant to silence gomend does not",
        "## What it does\nReports a comment that looks like a suppression but is not one: "
        "`// gomend:ignore` with a space after `//` (Go directives have none), or a "
        "`//gomend:ignore` whose id names no codemod. It silences nothing.\n\n"
        "## Why is this bad?\nThe author meant to silence a finding and believes it is "
        "silenced; the finding is reported (and may be fixed) all the same.\n\n"
        "## Example\n```go\nruntime.GC() // gomend:ignore gc-in-hot-path admin endpoint\n```\n\n"
        "## Use instead\n```go\nruntime.GC() //gomend:ignore gc-in-hot-path admin endpoint\n"
        "```\n\n## Fix safety\nNo fix: correct the comment by hand.\n",
    ),
    UNUSED: (
        "A suppression comment silences nothing",
        "## What it does\nWith `gomend scan --report-unused-suppressions`, reports a "
        "`//gomend:ignore` or `//nolint` comment that silences no finding of the codemods "
        "that ran, or that names an unknown codemod id.\n\n"
        "## Why is this bad?\nA stale suppression hides the next real finding on its line.\n\n"
        "## Example\n```go\nctx, cancel := context.WithCancel(parent) "
        "//gomend:ignore lost-cancel cancelled in stop()\n```\n\n"
        "## Use instead\n```go\nctx, cancel := context.WithCancel(parent)\n```\n\n"
        "## Fix safety\nNo fix: remove the comment by hand.\n",
    ),
}

_DIRECTIVE_RE = re.compile(rb"//\s*(?:gomend:ignore|nolint)")
_IGNORE_RE = re.compile(
    r"^//(?P<space>\s*)gomend:ignore(?:\s+(?P<ids>\S+))?(?:\s+(?P<reason>.*))?$"
)
_NOLINT_RE = re.compile(r"^//\s*nolint\s*:\s*(?P<ids>[\w-]+(?:\s*,\s*[\w-]+)*)(?P<rest>.*)$")
_BARE_NOLINT_RE = re.compile(r"^//nolint(?P<rest>\s.*)?$")  # no space: prose says "nolint" too


@dataclass(frozen=True)
class Suppression:
    """One suppression comment."""

    style: str  # "gomend:ignore", "nolint", or "malformed" (silences nothing)
    ids: tuple[str, ...]  # codemod ids, or ("gomend",) for every codemod
    reason: str
    covers: int  # the 1-based line whose findings it silences
    start_byte: int
    end_byte: int
    line: int
    column: int
    end_column: int

    def silences(self, finding: Finding) -> bool:
        if self.style == "malformed":
            return False
        return finding.line == self.covers and (finding.rule in self.ids or WILDCARD in self.ids)


def has_directives(raw: bytes) -> bool:
    """Quick test on the bytes: could the file hold a suppression comment?"""
    return _DIRECTIVE_RE.search(raw) is not None


def find_suppressions(source: bytes, tree: Tree, known: Collection[str]) -> list[Suppression]:
    """Every suppression comment in the file (text inside strings is not a comment).

    ``known`` are the codemod ids; ``//nolint`` lists that name none of them (nor ``gomend``)
    belong to other linters and are left out.
    """
    found: list[Suppression] = []
    for match in _DIRECTIVE_RE.finditer(source):
        start = match.start()
        node = tree.root_node.descendant_for_byte_range(start, start + 2)
        if node is None or node.type != "comment" or node.start_byte != start:
            continue
        text = source[start : node.end_byte].decode("utf-8", "replace").rstrip()
        parsed = _parse(text, known)
        if parsed is None:
            continue
        style, ids, reason = parsed
        line_start = source.rfind(b"\n", 0, start) + 1
        line = source.count(b"\n", 0, start) + 1
        alone = not source[line_start:start].strip()
        found.append(
            Suppression(
                style=style,
                ids=ids,
                reason=reason,
                covers=line + 1 if alone else line,
                start_byte=start,
                end_byte=node.end_byte,
                line=line,
                column=start - line_start + 1,
                end_column=node.end_byte - line_start + 1,
            )
        )
    return found


def _parse(text: str, known: Collection[str]) -> tuple[str, tuple[str, ...], str] | None:
    m = _IGNORE_RE.match(text)
    if m is not None:
        ids = tuple(i for i in (m.group("ids") or "").split(",") if i)
        reason = (m.group("reason") or "").strip()
        if reason.startswith("//"):
            reason = reason[2:].strip()
        if m.group("space"):
            return "malformed", ids, "a space after //: Go directives have none"
        unknown = [i for i in ids if i != WILDCARD and i not in known]
        if unknown:
            return "malformed", ids, f"no codemod has the id {unknown[0]!r}"
        return "gomend:ignore", ids, reason
    bare = _BARE_NOLINT_RE.match(text)
    if bare is not None:  # golangci-lint's "every linter"
        rest = (bare.group("rest") or "").strip()
        return "nolint", (WILDCARD,), rest[2:].strip() if rest.startswith("//") else rest
    m = _NOLINT_RE.match(text)
    if m is None or (m.group("rest") and not m.group("rest")[0].isspace()):
        return None
    names = [n.strip() for n in m.group("ids").split(",")]
    ids = tuple(
        dict.fromkeys(i for n in names for i in ALIASES.get(n, (n,)) if i == WILDCARD or i in known)
    )
    if not ids:
        return None
    rest = m.group("rest").strip()
    return "nolint", ids, rest[2:].strip() if rest.startswith("//") else rest


def protect_comments(
    findings: Sequence[Finding], suppressions: Sequence[Suppression]
) -> list[Finding]:
    """The findings, without the fix of any whose edits would touch a line holding a
    suppression comment: a deletion must never take the comment that explains a choice."""
    if not suppressions:
        return list(findings)
    spans = [(s.start_byte, s.end_byte) for s in suppressions]
    out = []
    for f in findings:
        if f.fix is not None and any(
            _touches(e.start, e.end, start, end) for e in f.fix.edits for start, end in spans
        ):
            f = dataclasses.replace(f, fix=None)
        out.append(f)
    return out


def _touches(edit_start: int, edit_end: int, start: int, end: int) -> bool:
    """Whether an edit changes bytes of [start, end) (an insertion: inside it)."""
    if edit_start == edit_end:
        return start < edit_start < end
    return edit_start < end and start < edit_end


def drop_suppressed(
    findings: Sequence[Finding], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], set[int]]:
    """The findings no suppression silences, and the indexes of the suppressions used."""
    kept: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        hits = [i for i, s in enumerate(suppressions) if s.silences(finding)]
        if hits:
            used.update(hits)
        else:
            kept.append(finding)
    return kept, used


def suppression_findings(
    suppressions: Sequence[Suppression],
    used: Collection[int],
    ran: Collection[str],
    known: Collection[str],
    report_unused: bool,
) -> list[Finding]:
    """Findings about the comments themselves: a ``//gomend:ignore`` without a reason (when
    a codemod it names ran) and, with ``report_unused``, suppressions that silence nothing."""
    every_codemod_ran = set(known) <= set(ran)
    out: list[Finding] = []
    for index, s in enumerate(suppressions):
        judged = [i for i in s.ids if i in ran or (i == WILDCARD and every_codemod_ran)]
        label = ",".join(s.ids)
        if s.style == "malformed":
            out.append(_finding(s, MALFORMED, f"this comment silences nothing: {s.reason}"))
            continue
        if s.style == "gomend:ignore" and not s.ids:
            out.append(
                _finding(
                    s,
                    WITHOUT_REASON,
                    "//gomend:ignore names no codemod and gives no reason; "
                    "write //gomend:ignore ID reason",
                )
            )
            continue
        if s.style == "gomend:ignore" and not s.reason and any(i in ran for i in s.ids):
            out.append(
                _finding(
                    s,
                    WITHOUT_REASON,
                    f"suppression of {label} gives no reason; "
                    f"write the reason after the id (//gomend:ignore {label} reason)",
                )
            )
        if not report_unused or index in used:
            continue
        unknown = [i for i in s.ids if i != WILDCARD and i not in known]
        if unknown:
            out.append(
                _finding(
                    s,
                    UNUSED,
                    f"suppression names unknown codemod id {unknown[0]!r}; "
                    "correct it or remove the comment",
                )
            )
        elif judged:
            out.append(_finding(s, UNUSED, f"suppression of {label} silences nothing; remove it"))
    return out


def _finding(s: Suppression, rule: str, message: str) -> Finding:
    return Finding(
        rule=rule,
        message=message,
        start_byte=s.start_byte,
        end_byte=s.end_byte,
        line=s.line,
        column=s.column,
        end_line=s.line,
        end_column=s.end_column,
    )


def apply_suppressions(
    findings: Sequence[Finding],
    source: bytes,
    tree: Tree,
    ran: Collection[str],
    known: Collection[str],
    report_unused: bool = False,
) -> list[Finding]:
    """The findings left after suppression, with the findings about the comments merged in,
    sorted by position. A file without a directive comes back unchanged."""
    if not has_directives(source):
        return list(findings)
    suppressions = find_suppressions(source, tree, set(known) | set(ran))
    kept, used = drop_suppressed(protect_comments(findings, suppressions), suppressions)
    kept.extend(suppression_findings(suppressions, used, ran, set(known) | set(ran), report_unused))
    kept.sort(key=lambda f: (f.start_byte, f.rule))
    return kept
