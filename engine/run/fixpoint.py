"""One file's fixes: triage on the bytes, then the codemods' fixes applied to a fixpoint.

For one file: decode, skip generated files, parse, run the codemods (their findings less the
suppressed ones, ``engine/run/suppress.py``), apply the fixes that the safety tier allows
(never two that touch the same bytes in one pass), drop and add the imports they ask for,
re-parse, and repeat until nothing changes (at most ``MAX_PASSES``). A result with a syntax
error the input did not have is never produced; a file with syntax errors is reported but
never rewritten. Before any of that, the prefilter (``engine/run/prefilter.py``) settles
most files on their bytes.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence

from gomend.engine.codemod import Codemod, Finding
from gomend.engine.go.align import realign_trailing_comments
from gomend.engine.go.edits import EditConflict, EditIndex, apply_edits_with_spans
from gomend.engine.go.file import GoFile
from gomend.engine.go.gaps import Lowered, lower
from gomend.engine.go.import_edits import drop_unused_imports, ensure_imports
from gomend.engine.go.package import Package, Read, build_notes
from gomend.engine.go.parse import (
    SyntaxProblem,
    Tree,
    overlaps_problem,
    parse,
    problem_at,
    problem_at_offset,
    syntax_problems,
)
from gomend.engine.go.source import NotGoText, SourceText, check_go_text
from gomend.engine.go.toolchain import go_syntax
from gomend.engine.registry import codemod_ids
from gomend.engine.run.newlines import NOTHING, Lines, carry_lines, keep_new
from gomend.engine.run.options import RunOptions
from gomend.engine.run.prefilter import Prefilter
from gomend.engine.run.result import FileResult, FileStatus
from gomend.engine.run.suppress import apply_suppressions, has_directives

MAX_PASSES = 32
# Brackets nested deeper than this: tree-sitter finds a node's parent by descending from the
# root, so walks up from deep nodes grow with the square of the depth (3,000 nested ifs took
# 18 s). Real code stays far below.
MAX_NESTING = 500
_BRACKETS = bytes(range(256)).translate(None, b"{}()[]")
_BRACKET_STEP = {ord("{"): 1, ord("("): 1, ord("["): 1, ord("}"): -1, ord(")"): -1, ord("]"): -1}
GENERATED_RE = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.MULTILINE)
GENERATED = "generated file"  # the reason a generated file is skipped (include-generated)


def is_generated(body: bytes) -> bool:
    """Go's rule: a ``// Code generated ... DO NOT EDIT.`` line before the package clause."""
    if b"// Code generated " not in body:  # a plain search first: the pattern tries each line
        return False
    match = GENERATED_RE.search(body)
    if match is None:
        return False
    package = re.search(rb"^package\s", body, re.MULTILINE)
    return package is None or match.start() < package.start()


_prefilters: dict[tuple[int, ...], tuple[tuple[Codemod, ...], Prefilter]] = {}


def prefilter_for(codemods: Sequence[Codemod]) -> Prefilter:
    """The prefilter of a selection of codemods, built once per process."""
    last = _last_prefilter[0]
    if last is not None and last[0] is codemods:  # the same list, file after file
        return last[1]
    key = tuple(map(id, codemods))
    known = _prefilters.get(key)
    if known is None:  # the entry keeps the codemods alive, so their ids stay theirs
        known = (tuple(codemods), Prefilter(codemods))
        _prefilters[key] = known
    _last_prefilter[0] = (codemods, known[1])
    return known[1]


_last_prefilter: list[tuple[Sequence[Codemod], Prefilter] | None] = [None]


def run_codemods(file: GoFile, codemods: Sequence[Codemod]) -> list[Finding]:
    findings: list[Finding] = []
    for codemod in codemods:
        findings.extend(codemod.run(file))
    findings.sort(key=lambda f: (f.start_byte, f.rule))
    return findings


def triage(
    path: str,
    raw: bytes,
    options: RunOptions,
    codemods: Sequence[Codemod],
    new_lines: Lines = None,
) -> FileResult | tuple[SourceText, Sequence[Codemod]] | None:
    """What the bytes tell without parsing: None for a file no codemod can match (a plain
    "unchanged", most files of a tree) or without a changed line (``new_lines``, None: all);
    the result of a file that is not Go text or that is generated; else its text and the
    codemods that could match it (all of them without the prefilter)."""
    if new_lines == NOTHING:
        return None
    try:  # before the prefilter: a file that is not Go text is reported whatever it imports
        check_go_text(raw)
    except NotGoText as exc:
        found = _syntax_result(path, raw, problem_at_offset(raw, exc.offset, str(exc)))
        found.findings = keep_new(found.findings, new_lines)
        return found
    active = prefilter_for(codemods).codemods_for(path, raw) if options.prefilter else codemods
    if not active and not options.check_syntax and not _judges_suppressions(raw, options):
        return None
    text = SourceText.from_bytes(raw)
    if not options.include_generated and is_generated(text.body):
        return FileResult(path, FileStatus.SKIPPED, GENERATED)
    return text, active


def process_source(
    path: str,
    raw: bytes,
    options: RunOptions,
    codemods: Sequence[Codemod] | None = None,
    new_lines: Lines = None,
) -> FileResult:
    """Run the codemods on one file's bytes; the result holds the new bytes when changed.
    ``new_lines``: only the findings on these lines count (``engine/run/newlines.py``)."""
    codemods = options.codemods() if codemods is None else codemods
    triaged = triage(path, raw, options, codemods, new_lines)
    if triaged is None:
        return FileResult(path, FileStatus.UNCHANGED)
    if isinstance(triaged, FileResult):
        return triaged
    return process_text(path, raw, options, codemods, *triaged, new_lines=new_lines)


def nesting_depth(body: bytes) -> int:
    """The deepest bracket nesting of the text (brackets in strings and comments count too:
    only an overestimate, and only in files no one writes by hand)."""
    steps = map(_BRACKET_STEP.__getitem__, body.translate(None, _BRACKETS))
    return max(0, max(itertools.accumulate(steps), default=0))  # summed in C, not a loop


SYNTAX_ERROR = "syntax-error"


def syntax_finding(problem: SyntaxProblem, source: bytes) -> Finding:
    """The ``syntax-error`` finding of a file that does not parse: reported in every format,
    and a reason to exit 1, as ruff and go vet do; the file is left as it is. A file Go's own
    parser accepts (newer syntax than gomend's grammar reads) gets none: only the note that
    it was not rewritten."""
    end_line = problem.line + source.count(b"\n", problem.start_byte, problem.end_byte)
    return Finding(
        rule=SYNTAX_ERROR,
        message=f"{problem.what()}: the file does not parse, so gomend neither checks the "
        "code there nor rewrites the file",
        start_byte=problem.start_byte,
        end_byte=problem.end_byte,
        line=problem.line,
        column=problem.column,
        end_line=end_line,
        end_column=problem.column if end_line == problem.line else 1,
    )


def _unparsed(
    path: str, body: bytes, findings: list[Finding], problems: list[SyntaxProblem]
) -> FileResult:
    """The result of a file tree-sitter cannot parse whole: the findings outside its error
    regions, and a ``syntax-error`` finding when Go's parser rejects it too (at Go's
    position; at tree-sitter's without a Go toolchain)."""
    kept = [f for f in findings if not overlaps_problem(f.start_byte, f.end_byte, problems)]
    verdict = go_syntax(body)
    if verdict is not None and verdict.accepted:
        reason = "not rewritten: Go accepts it, but it holds syntax gomend's grammar does not"
        return FileResult(
            path, FileStatus.UNCHANGED, f"{reason} read ({problems[0].describe()})", kept
        )
    problem = problems[0]
    if verdict is not None and verdict.line:
        problem = problem_at(body, verdict.line, verdict.column, verdict.message)
    return _syntax_result(path, body, problem, kept)


def _syntax_result(
    path: str, body: bytes, problem: SyntaxProblem, kept: Sequence[Finding] = ()
) -> FileResult:
    """A file left as it is for a syntax error: its finding after the ``kept`` ones."""
    return FileResult(
        path,
        FileStatus.UNCHANGED,
        f"not rewritten: {problem.describe()}",
        findings=[*kept, syntax_finding(problem, body)],
        syntax_error=problem,
    )


def process_text(
    path: str,
    raw: bytes,
    options: RunOptions,
    codemods: Sequence[Codemod],
    text: SourceText,
    active: Sequence[Codemod],
    reads: list[Read] | None = None,
    new_lines: Lines = None,
) -> FileResult:
    """``triage``'s text through the codemods and their fixes (with ``new_lines``, only
    those of findings on them); a result with findings says which Go version and build they
    were judged for (``engine/go/package.py``)."""
    result = _process_text(path, raw, options, codemods, text, active, reads, new_lines)
    result.findings = keep_new(result.findings, new_lines)  # a syntax error's too
    if any(f.rule != SYNTAX_ERROR for f in result.findings):
        result.go_version, result.build, result.warnings = build_notes(path, text.body, reads)
    return result


def _process_text(
    path: str,
    raw: bytes,
    options: RunOptions,
    codemods: Sequence[Codemod],
    text: SourceText,
    active: Sequence[Codemod],
    reads: list[Read] | None,
    new_lines: Lines,
) -> FileResult:
    depth = nesting_depth(text.body)
    if depth > MAX_NESTING:
        return FileResult(
            path, FileStatus.SKIPPED, f"nested {depth} levels deep (gomend analyses {MAX_NESTING})"
        )
    body = text.body
    tree = parse(body)
    problems = syntax_problems(tree)
    lowered = lower(body) if problems else None  # newer Go than the grammar (engine/go/gaps.py)
    if lowered is not None:
        body, tree, problems = lowered.body, lowered.tree, []
    file = GoFile(path, body, tree, options.settings, Package(reads))
    # the codemods the prefilter passed over cannot match: they count as run, finding nothing
    findings = _unsuppressed(file, active, options.report_unused_suppressions, ran=codemods)
    findings = keep_new(findings, new_lines)
    if problems:
        return _unparsed(path, body, findings, problems)
    result = FileResult(path, FileStatus.UNCHANGED, findings=findings)
    if not options.settle:
        if choose_fixes(findings, options):
            result.status = FileStatus.CHANGED
        return result
    first_pass_fixed: set[int] = set()
    for number in range(MAX_PASSES):
        if number > 0:
            file = GoFile(path, body, tree, options.settings, Package(reads))
            again = (
                prefilter_for(codemods).codemods_for(path, body) if options.prefilter else codemods
            )
            findings = keep_new(_unsuppressed(file, again, False, ran=codemods), new_lines)
        chosen = choose_fixes(findings, options)
        if not chosen:
            break
        if number == 0:
            first_pass_fixed = {id(f) for f in chosen}
        try:
            new_body, tree = apply_fixes_parsed(body, chosen, text.crlf)
        except EditConflict as exc:
            return _failed(result, f"conflicting edits: {exc}")
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
        new_lines = carry_lines(body, new_body, new_lines)  # where the changed lines went
        body = new_body
    else:
        return _failed(
            result, f"fixes did not settle after {MAX_PASSES} passes; file left as it was"
        )
    result.findings = [
        dataclasses.replace(f, fixed=id(f) in first_pass_fixed) for f in result.findings
    ]
    if lowered is not None:
        restored = _restored(lowered, body, text.body)
        if restored is None:
            return _failed(
                result,
                "a fix would change a line of newer Go than gomend's grammar reads; "
                "file left as it was",
            )
        body = restored
    if body != text.body:
        result.status = FileStatus.CHANGED
        result.before = raw
        result.after = text.with_body(body).rebuild()
    return result


def _restored(lowered: Lowered, body: bytes, original: bytes) -> bytes | None:
    """The fixed text of a lowered file as Go again (``original`` when no fix changed it);
    None when a fix touched what lowering changed, or Go's parser rejects the result."""
    if body == lowered.body:
        return original
    restored = lowered.restore(body)
    verdict = None if restored is None else go_syntax(restored)
    return None if verdict is not None and not verdict.accepted else restored


def _judges_suppressions(raw: bytes, options: RunOptions) -> bool:
    """Whether a file the prefilter would pass over still needs a look for its suppression
    comments: a ``//gomend:ignore`` may lack its reason, and any may be unused."""
    if options.report_unused_suppressions:
        return has_directives(raw)
    return b"//gomend:ignore" in raw


def _unsuppressed(
    file: GoFile,
    codemods: Sequence[Codemod],
    report_unused: bool,
    ran: Sequence[Codemod] | None = None,
) -> list[Finding]:
    """The codemods' findings without the suppressed ones (engine/run/suppress.py), plus the
    findings about suppression comments themselves. ``ran``: the codemods that count as
    run (default: ``codemods``)."""
    findings = run_codemods(file, codemods)
    if not has_directives(file.source):
        return findings
    ids = [c.id for c in (codemods if ran is None else ran)]
    return apply_suppressions(
        findings, file.source, file.tree, ids, codemod_ids(), report_unused=report_unused
    )


def _failed(result: FileResult, reason: str) -> FileResult:
    result.status = FileStatus.FAILED
    result.reason = reason
    result.fixed_by = {}
    return result


def choose_fixes(findings: list[Finding], options: RunOptions) -> list[Finding]:
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
    return apply_fixes(body, [finding], crlf) if finding.fix is not None else body


def apply_fixes(body: bytes, chosen: list[Finding], crlf: bool) -> bytes:
    """The text after the chosen fixes: edits, realigned trailing comments, imports."""
    return apply_fixes_parsed(body, chosen, crlf)[0]


def apply_fixes_parsed(body: bytes, chosen: list[Finding], crlf: bool) -> tuple[bytes, Tree]:
    """``apply_fixes`` with the parse of its result. Each step gets the tree of the text it
    is given, and a text is parsed again only when a step changed it: a pass whose comments
    and imports need nothing parses once."""
    edits = [e for f in chosen if f.fix for e in f.fix.edits]
    new, spans = apply_edits_with_spans(body, edits, crlf=crlf)
    touched: set[int] = set()
    line, at = 0, 0  # spans come in order and apart: one sweep counts the lines
    for start, end in spans:
        line += new.count(b"\n", at, start)
        at = start
        touched.update(range(line, line + new.count(b"\n", start, end) + 1))
    tree = parse(new)
    drops = [p for f in chosen if f.fix for p in f.fix.drop_imports]
    adds = [p for f in chosen if f.fix for p in f.fix.add_imports]
    new, tree = _reparsed(new, realign_trailing_comments(new, touched, tree), tree)
    new, tree = _reparsed(new, drop_unused_imports(new, drops, crlf, tree), tree)
    return _reparsed(new, ensure_imports(new, adds, crlf, tree), tree)


def _reparsed(old: bytes, new: bytes, tree: Tree) -> tuple[bytes, Tree]:
    """``new`` with its tree: ``tree`` (the parse of ``old``) when the step changed nothing."""
    return (old, tree) if new == old else (new, parse(new))
