"""The runner: every selected codemod on every file, fixes applied to a fixpoint.

For one file: decode, skip generated files, parse, run the codemods, apply the fixes that
the safety tier allows (never two that touch the same bytes in one pass), drop and add the
imports they ask for, re-parse, and repeat until nothing changes (at most ``MAX_PASSES``).
A result with a syntax error the input did not have is never produced; a file with syntax
errors is reported but never rewritten. Files run in parallel across processes and come
back sorted by path.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from engine.align import realign_trailing_comments
from engine.edits import EditConflict, EditIndex, apply_edits_with_spans
from engine.imports import drop_unused_imports, ensure_imports
from engine.model import Codemod, Finding, GoFile, Safety
from engine.parse import SyntaxProblem, overlaps_problem, parse, syntax_problems
from engine.registry import codemod_ids, get_codemod
from engine.source import NotGoText, SourceText
from engine.suppress import apply_suppressions, has_directives

MAX_PASSES = 32
MAX_FILE_BYTES = 64 * 1024 * 1024
GENERATED_RE = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.MULTILINE)


@dataclass(frozen=True)
class RunOptions:
    codemod_ids: tuple[str, ...]
    unsafe_fixes: bool = False
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    include_generated: bool = False
    prefilter: bool = True
    report_unused_suppressions: bool = False

    def codemods(self) -> list[Codemod]:
        return [get_codemod(cid) for cid in self.codemod_ids]

    def allows(self, safety: Safety) -> bool:
        return safety == Safety.SAFE or (safety == Safety.UNSAFE and self.unsafe_fixes)


@dataclass
class FileResult:
    path: str
    status: str  # "changed", "unchanged", "skipped" or "failed"
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    before: bytes | None = None
    after: bytes | None = None
    syntax_error: SyntaxProblem | None = None
    fixed_by: dict[str, int] = field(default_factory=dict)  # codemod id -> fixes applied


def is_generated(body: bytes) -> bool:
    """Go's rule: a ``// Code generated ... DO NOT EDIT.`` line before the package clause."""
    match = GENERATED_RE.search(body)
    if match is None:
        return False
    package = re.search(rb"^package\s", body, re.MULTILINE)
    return package is None or match.start() < package.start()


def needed_imports(codemods: Sequence[Codemod]) -> list[bytes]:
    """The quoted import paths a file must contain for any of the codemods to match."""
    return sorted({f'"{p}"'.encode() for c in codemods for p in c.imports})


def could_match(raw: bytes, needles: Sequence[bytes]) -> bool:
    """Prefilter: a file that contains none of the quoted import paths imports none of them
    (an import spec always spells its path as a string literal), so no codemod can match."""
    return any(n in raw for n in needles)


def run_codemods(file: GoFile, codemods: Sequence[Codemod]) -> list[Finding]:
    findings: list[Finding] = []
    for codemod in codemods:
        findings.extend(codemod.run(file))
    findings.sort(key=lambda f: (f.start_byte, f.rule))
    return findings


def process_source(
    path: str, raw: bytes, options: RunOptions, codemods: Sequence[Codemod] | None = None
) -> FileResult:
    """Run the codemods on one file's bytes; the result holds the new bytes when changed."""
    codemods = options.codemods() if codemods is None else codemods
    try:  # before the prefilter: a file that is not Go text is reported whatever it imports
        text = SourceText.from_bytes(raw)
    except NotGoText as exc:
        return FileResult(path, "skipped", str(exc))
    if (
        options.prefilter
        and not could_match(raw, needed_imports(codemods))
        and not _judges_suppressions(raw, options)
    ):
        return FileResult(path, "unchanged")
    if not options.include_generated and is_generated(text.body):
        return FileResult(path, "skipped", "generated file")
    tree = parse(text.body)
    problems = syntax_problems(tree)
    file = GoFile(path=path, source=text.body, tree=tree, settings=options.settings)
    findings = _unsuppressed(file, codemods, options.report_unused_suppressions)
    if problems:
        kept = [f for f in findings if not overlaps_problem(f.start_byte, f.end_byte, problems)]
        return FileResult(
            path,
            "unchanged",
            f"not rewritten: {problems[0].describe()}",
            findings=kept,
            syntax_error=problems[0],
        )
    result = FileResult(path, "unchanged", findings=findings)
    body = text.body
    first_pass_fixed: set[int] = set()
    for number in range(MAX_PASSES):
        if number > 0:
            file = GoFile(path=path, source=body, tree=tree, settings=options.settings)
            findings = _unsuppressed(file, codemods, False)
        chosen = _choose_fixes(findings, options)
        if not chosen:
            break
        if number == 0:
            first_pass_fixed = {id(f) for f in chosen}
        try:
            new_body = _apply(body, chosen, text.crlf)
        except EditConflict as exc:
            return _failed(result, f"conflicting edits: {exc}")
        tree = parse(new_body)
        if tree.root_node.has_error:
            problem = syntax_problems(tree)[0]
            rules = ", ".join(sorted({f.rule for f in chosen}))
            return _failed(
                result,
                f"fix by {rules} would introduce a {problem.describe()}; file left as it was",
            )
        for f in chosen:
            result.fixed_by[f.rule] = result.fixed_by.get(f.rule, 0) + 1
        if new_body == body:
            break
        body = new_body
    else:
        return _failed(
            result, f"fixes did not settle after {MAX_PASSES} passes; file left as it was"
        )
    result.findings = [
        dataclasses.replace(f, fixed=id(f) in first_pass_fixed) for f in result.findings
    ]
    if body != text.body:
        result.status = "changed"
        result.before = raw
        result.after = text.with_body(body).rebuild()
    return result


def _judges_suppressions(raw: bytes, options: RunOptions) -> bool:
    """Whether a file the prefilter would pass over still needs a look for its suppression
    comments: a ``//gomend:ignore`` may lack its reason, and any may be unused."""
    if options.report_unused_suppressions:
        return has_directives(raw)
    return b"//gomend:ignore" in raw


def _unsuppressed(file: GoFile, codemods: Sequence[Codemod], report_unused: bool) -> list[Finding]:
    """The codemods' findings without the suppressed ones (engine/suppress.py), plus the
    findings about suppression comments themselves."""
    findings = run_codemods(file, codemods)
    if not has_directives(file.source):
        return findings
    ran = [c.id for c in codemods]
    return apply_suppressions(
        findings, file.source, file.tree, ran, codemod_ids(), report_unused=report_unused
    )


def _failed(result: FileResult, reason: str) -> FileResult:
    result.status = "failed"
    result.reason = reason
    result.fixed_by = {}
    return result


def _choose_fixes(findings: list[Finding], options: RunOptions) -> list[Finding]:
    """The fixes to apply in one pass: allowed by safety, none touching another's bytes.
    A fix that clashes waits for the next pass, where it is found again on the new text."""
    chosen: list[Finding] = []
    accepted = EditIndex()
    names: set[tuple[str, int]] = set()
    for finding in findings:
        fix = finding.fix
        if fix is None or not options.allows(fix.safety):
            continue
        declared = {(name, fix.scope) for name in fix.new_names}
        if accepted.fits(fix.edits) and not declared & names:
            chosen.append(finding)
            accepted.extend(fix.edits)
            names |= declared
    return chosen


def apply_fix(body: bytes, finding: Finding, crlf: bool = False) -> bytes:
    """The text after one finding's fix alone, as the runner's first pass would apply it:
    edits, realigned trailing comments and import changes (for reports that carry fixes)."""
    return _apply(body, [finding], crlf) if finding.fix is not None else body


def _apply(body: bytes, chosen: list[Finding], crlf: bool) -> bytes:
    edits = [e for f in chosen if f.fix for e in f.fix.edits]
    new, spans = apply_edits_with_spans(body, edits, crlf=crlf)
    touched: set[int] = set()
    for start, end in spans:
        first = new.count(b"\n", 0, start)
        touched.update(range(first, first + new.count(b"\n", start, end) + 1))
    new = realign_trailing_comments(new, touched)
    drops = [p for f in chosen if f.fix for p in f.fix.drop_imports]
    adds = [p for f in chosen if f.fix for p in f.fix.add_imports]
    new = drop_unused_imports(new, drops, crlf=crlf)
    return ensure_imports(new, adds, crlf=crlf)


# --- many files --------------------------------------------------------------------------


def process_path(path: str, options: RunOptions) -> FileResult:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return FileResult(path, "skipped", f"larger than {MAX_FILE_BYTES >> 20} MiB")
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return FileResult(path, "skipped", f"cannot read: {exc.strerror or exc}")
    try:
        return process_source(path, raw, options)
    except RecursionError:
        return FileResult(path, "skipped", "nested too deeply to analyse")
    except Exception as exc:  # a bug in a codemod must not stop the run
        return FileResult(path, "failed", f"internal error: {type(exc).__name__}: {exc}")


_worker_options: RunOptions | None = None


def _init_worker(options: RunOptions) -> None:
    global _worker_options
    _worker_options = options


def _work(path: str) -> FileResult:
    assert _worker_options is not None
    return process_path(path, _worker_options)


def run_paths(paths: Sequence[str], options: RunOptions, jobs: int = 1) -> Iterator[FileResult]:
    """Results for every path, in the order given (callers pass them sorted)."""
    if jobs <= 1 or len(paths) < 32:
        for path in paths:
            yield process_path(path, options)
        return
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(options,)
    ) as pool:
        yield from pool.map(_work, paths, chunksize=16)
