"""The runner: every selected codemod on every file, fixes applied to a fixpoint.

For one file: decode, skip generated files, parse, run the codemods, apply the fixes that
the safety tier allows (never two that touch the same bytes in one pass), drop and add the
imports they ask for, re-parse, and repeat until nothing changes (at most ``MAX_PASSES``).
A result with a syntax error the input did not have is never produced; a file with syntax
errors is reported but never rewritten. Before any of that, the prefilter
(``engine/run/prefilter.py``) settles most files on their bytes, and a result cache
(``engine/run/cache.py``) the ones parsed in an earlier run, and the stat index
(``engine/run/index.py``) spares reading the files an earlier run saw unchanged. Files run in
parallel across worker processes (``engine/run/pool.py``), in chunks sent while the walk goes
on, and come back in the order given (sorted by path).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any, Protocol

from gomend.engine import codemod as model
from gomend.engine.codemod import Codemod, Finding, GoFile, Safety
from gomend.engine.go.align import realign_trailing_comments
from gomend.engine.go.edits import EditConflict, EditIndex, apply_edits_with_spans
from gomend.engine.go.imports import drop_unused_imports, ensure_imports
from gomend.engine.go.parse import SyntaxProblem, overlaps_problem, parse, syntax_problems
from gomend.engine.go.source import NotGoText, SourceText, check_go_text
from gomend.engine.registry import codemod_ids, get_codemod
from gomend.engine.run.index import PLAIN, Signature, signature
from gomend.engine.run.pool import Pool
from gomend.engine.run.prefilter import Prefilter
from gomend.engine.run.suppress import apply_suppressions, has_directives

MAX_PASSES = 32
# Twice the largest file of the Go tree (a generated 3.9 MB table): a 50 MB file took
# minutes and 3 GB to parse and walk, so bigger files are skipped with a line that says so.
MAX_FILE_BYTES = 8 * 1024 * 1024
# Brackets nested deeper than this: tree-sitter finds a node's parent by descending from the
# root, so walks up from deep nodes grow with the square of the depth (3,000 nested ifs took
# 18 s). Real code stays far below.
MAX_NESTING = 500
_BRACKETS = bytes(range(256)).translate(None, b"{}()[]")
_BRACKET_STEP = {ord("{"): 1, ord("("): 1, ord("["): 1, ord("}"): -1, ord(")"): -1, ord("]"): -1}
GENERATED_RE = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.MULTILINE)


@dataclass(frozen=True)
class RunOptions:
    codemod_ids: tuple[str, ...]
    unsafe_fixes: bool = False
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    include_generated: bool = False
    prefilter: bool = True
    report_unused_suppressions: bool = False
    # apply the fixes to a fixpoint (diff, fix); scan only asks whether a fix applies, which
    # spares it a fifth of its work (status "changed" then means "has fixes to apply")
    settle: bool = True

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
    path: str, raw: bytes, options: RunOptions, codemods: Sequence[Codemod]
) -> FileResult | tuple[SourceText, Sequence[Codemod]] | None:
    """What the bytes tell without parsing: None for a file no codemod can match (a plain
    "unchanged", most files of a tree), the result of a file that is not Go text or that
    is generated; else its text and the codemods that could match it (all of them
    without the prefilter)."""
    try:  # before the prefilter: a file that is not Go text is reported whatever it imports
        check_go_text(raw)
    except NotGoText as exc:
        return FileResult(path, "skipped", str(exc))
    active = prefilter_for(codemods).codemods_for(path, raw) if options.prefilter else codemods
    if not active and not _judges_suppressions(raw, options):
        return None
    text = SourceText.from_bytes(raw)
    if not options.include_generated and is_generated(text.body):
        return FileResult(path, "skipped", "generated file")
    return text, active


def process_source(
    path: str, raw: bytes, options: RunOptions, codemods: Sequence[Codemod] | None = None
) -> FileResult:
    """Run the codemods on one file's bytes; the result holds the new bytes when changed."""
    codemods = options.codemods() if codemods is None else codemods
    triaged = triage(path, raw, options, codemods)
    if triaged is None:
        return FileResult(path, "unchanged")
    if isinstance(triaged, FileResult):
        return triaged
    return _process_text(path, raw, options, codemods, *triaged)


def nesting_depth(body: bytes) -> int:
    """The deepest bracket nesting of the text (brackets in strings and comments count too:
    only an overestimate, and only in files no one writes by hand)."""
    steps = map(_BRACKET_STEP.__getitem__, body.translate(None, _BRACKETS))
    return max(0, max(itertools.accumulate(steps), default=0))  # summed in C, not a loop


def _process_text(
    path: str,
    raw: bytes,
    options: RunOptions,
    codemods: Sequence[Codemod],
    text: SourceText,
    active: Sequence[Codemod],
) -> FileResult:
    depth = nesting_depth(text.body)
    if depth > MAX_NESTING:
        return FileResult(
            path, "skipped", f"nested {depth} levels deep (gomend analyses {MAX_NESTING})"
        )
    tree = parse(text.body)
    problems = syntax_problems(tree)
    file = GoFile(path=path, source=text.body, tree=tree, settings=options.settings)
    # the codemods the prefilter passed over cannot match: they count as run, finding nothing
    findings = _unsuppressed(file, active, options.report_unused_suppressions, ran=codemods)
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
    if not options.settle:
        if _choose_fixes(findings, options):
            result.status = "changed"
        return result
    body = text.body
    first_pass_fixed: set[int] = set()
    for number in range(MAX_PASSES):
        if number > 0:
            file = GoFile(path=path, source=body, tree=tree, settings=options.settings)
            again = (
                prefilter_for(codemods).codemods_for(path, body) if options.prefilter else codemods
            )
            findings = _unsuppressed(file, again, False, ran=codemods)
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


class ResultStore(Protocol):
    """Where results of parsed files are kept between runs (engine/run/cache.py): entries are
    made where a file is processed and kept, then saved, by the process that runs the run."""

    def key(self, path: str, raw: bytes) -> str: ...

    def load(self, path: str, raw: bytes) -> FileResult | None: ...

    def load_key(self, path: str, key: str) -> FileResult | None: ...

    def entry(
        self,
        path: str,
        raw: bytes,
        result: FileResult,
        reads: Sequence[tuple[str, str, bytes | None]] = (),
    ) -> tuple[str, dict[str, Any]] | None: ...

    def keep(self, key: str, doc: dict[str, Any] | None = None) -> None: ...

    def save(self) -> None: ...


class FileIndex(Protocol):
    """Which files are unchanged since the last run, by their ``stat`` (engine/run/index.py)."""

    def lookup(self, path: str) -> str | None: ...

    def forget(self, path: str) -> None: ...

    def record(self, path: str, sig: Signature, verdict: str) -> None: ...

    def save(self) -> None: ...


def read_source(path: str) -> bytes | FileResult:
    """The file's bytes, or the result of a file that cannot be read or is too large."""
    read = _read(path, False)
    return read if isinstance(read, FileResult) else read[0]


def _read(path: str, sign: bool) -> tuple[bytes, Signature | None] | FileResult:
    """The file's bytes (and with ``sign``, its signature, taken when it was opened: a
    change while it is read gives it another, so its entry in the stat index never
    matches)."""
    try:  # os.read, sized by fstat: a quarter of what a buffered read costs per small file
        fd = os.open(path, _READ_FLAGS)
        try:
            st = os.fstat(fd)
            size = st.st_size
            if size > MAX_FILE_BYTES:
                return _too_large(path)
            raw = os.read(fd, size + 1)
            if len(raw) != size:  # a short read, or the file changed: read on to the end
                parts = [raw]
                while parts[-1] and len(raw) <= MAX_FILE_BYTES:
                    parts.append(os.read(fd, 1 << 20))
                    raw = b"".join(parts)
            sig = signature(st) if sign else None
        finally:
            os.close(fd)
    except OSError as exc:
        return FileResult(path, "skipped", f"cannot read: {exc.strerror or exc}")
    return _too_large(path) if len(raw) > MAX_FILE_BYTES else (raw, sig)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _too_large(path: str) -> FileResult:
    return FileResult(path, "skipped", f"larger than {MAX_FILE_BYTES >> 20} MiB")


def process_path(
    path: str,
    options: RunOptions,
    cache: ResultStore | None = None,
    codemods: Sequence[Codemod] | None = None,
) -> FileResult:
    codemods = options.codemods() if codemods is None else codemods
    return _take(path, _process_path(path, options, codemods, cache), cache, None)


# A file's result (None for a plain "unchanged" that needed no parse: most files of a tree,
# cheap to send back from a worker), its signature, its verdict for the stat index (None:
# not to be entered; else PLAIN or the key of its cache entry) and a new cache entry.
Outcome = tuple[FileResult | None, Signature | None, str | None, dict[str, Any] | None]


def _process_path(
    path: str, options: RunOptions, codemods: Sequence[Codemod], cache: ResultStore | None
) -> Outcome:
    read = _read(path, cache is not None)
    if isinstance(read, FileResult):
        return read, None, None, None
    raw, sig = read
    reads: list[tuple[str, str, bytes | None]] = []  # what the codemods read besides the file
    try:
        triaged = triage(path, raw, options, codemods)
        if triaged is None:
            return None, sig, PLAIN, None
        if isinstance(triaged, FileResult):
            result = triaged
        else:
            if cache is not None:
                hit = cache.load(path, raw)
                if hit is not None:
                    return hit, sig, cache.key(path, raw), None
            model.other_reads = reads if cache is not None else None
            try:
                result = _process_text(path, raw, options, codemods, *triaged)
            finally:
                model.other_reads = None
    except RecursionError:
        return FileResult(path, "skipped", "nested too deeply to analyse"), None, None, None
    except Exception as exc:  # a bug in a codemod must not stop the run
        failed = FileResult(path, "failed", f"internal error: {type(exc).__name__}: {exc}")
        return failed, None, None, None
    made = cache.entry(path, raw, result, reads) if cache is not None else None
    if made is None:
        return result, None, None, None
    return result, sig, *made


def _take(
    path: str, outcome: Outcome, cache: ResultStore | None, index: FileIndex | None
) -> FileResult:
    """A file's result, in the process that runs the run: its entry kept for the cache's
    next pack, its verdict entered in the stat index."""
    result, sig, verdict, entry = outcome
    if cache is not None and verdict:
        cache.keep(verdict, entry)
    if index is not None and sig is not None and verdict is not None:
        index.record(path, sig, verdict)
    return FileResult(path, "unchanged") if result is None else result


_worker: tuple[RunOptions, list[Codemod], ResultStore | None] | None = None


def _init_worker(options: RunOptions, cache: ResultStore | None) -> None:
    global _worker
    _worker = (options, options.codemods(), cache)


def _work(paths: list[str]) -> list[Outcome]:
    assert _worker is not None
    options, codemods, cache = _worker
    return [_process_path(path, options, codemods, cache) for path in paths]


WINDOW_PER_JOB = 16  # measured on the Go standard library with 2 jobs: 32 x 16 was best
# paths per task when their number is not known in advance: 128 rather than 32 saved a
# tenth of the workers' time, spent on sending tasks
STREAM_CHUNK = 128


def chunk_size(files: int, jobs: int) -> int:
    """Paths per task sent to a worker: big enough that sending costs little, small enough
    that the workers finish together and results keep streaming."""
    return max(4, min(STREAM_CHUNK, files // (jobs * 16)))


def new_pool(jobs: int, options: RunOptions, cache: ResultStore | None) -> Pool:
    """``jobs`` worker processes (engine/run/pool.py), each set up with the run's options."""
    return Pool(jobs, _init_worker, (options, cache), _work)


class _Slot:
    """One path's place in the output: its result, or the chunk that will bring it."""

    __slots__ = ("at", "chunk", "path", "result")

    def __init__(self, path: str, result: FileResult | None = None) -> None:
        self.path = path
        self.result = result
        self.chunk: _Chunk | None = None
        self.at = 0


class _Chunk:
    """Paths sent to a worker together; their outcomes, once back; how many of their
    results are still to be yielded."""

    __slots__ = ("left", "outcomes", "paths")

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.outcomes: list[Outcome] | None = None
        self.left = 0


def run_paths(
    paths: Iterable[str],
    options: RunOptions,
    jobs: int = 1,
    cache: ResultStore | None = None,
    chunk: int = 0,
    index: FileIndex | None = None,
) -> Iterator[FileResult]:
    """Results for every path, in the order given (callers pass them sorted), streamed as
    they come; ``paths`` may be a walk still going on. A file the stat index knows as
    unchanged gets its result without being read; the cache and the index are saved once
    the last result is taken. With ``jobs`` above 1 (and more than a chunk of paths), chunks
    of the other paths go to worker processes (forked where the platform allows, so they
    start with the codemods loaded and their queries compiled); at most
    ``WINDOW_PER_JOB * jobs`` chunks are open (sent, with results still to be yielded), so
    memory does not grow with the tree, while a slow chunk at the front does not leave the
    other workers idle."""
    codemods = options.codemods()
    if options.prefilter:
        prefilter_for(codemods)  # built (queries compiled) before the workers fork
    sizes: Iterator[int]
    if chunk:
        sizes = itertools.repeat(chunk)
    elif isinstance(paths, Sized):
        sizes = itertools.repeat(chunk_size(len(paths), jobs))
    else:  # a walk going on: small chunks first, so that the workers start at once and a
        # small tree is shared between them, then STREAM_CHUNK
        sizes = itertools.chain((4, 8, 16, 32, 64), itertools.repeat(STREAM_CHUNK))
    if isinstance(paths, Sized) and len(paths) <= (chunk or chunk_size(len(paths), jobs)):
        jobs = 1  # a chunk's worth of files: not worth starting workers
    if jobs <= 1:
        for path in paths:
            known = _known(path, index, cache)
            if known is None:
                known = _take(path, _process_path(path, options, codemods, cache), cache, index)
            yield known
    else:
        yield from _run_parallel(iter(paths), options, jobs, cache, sizes, index)
    if cache is not None:
        cache.save()
    if index is not None:
        index.save()


def _known(path: str, index: FileIndex | None, cache: ResultStore | None) -> FileResult | None:
    """The result of a file the stat index knows as unchanged, when its entry is at hand."""
    if index is None:
        return None
    verdict = index.lookup(path)
    if verdict is None:
        return None
    if verdict == PLAIN:
        return FileResult(path, "unchanged")
    found = cache.load_key(path, verdict) if cache is not None else None
    if found is None:
        index.forget(path)
    elif cache is not None:
        cache.keep(verdict)
    return found


def _run_parallel(
    paths: Iterator[str],
    options: RunOptions,
    jobs: int,
    cache: ResultStore | None,
    sizes: Iterator[int],
    index: FileIndex | None,
) -> Iterator[FileResult]:
    pool: Pool | None = None
    size = next(sizes)  # paths in the chunk being filled
    slots: deque[_Slot] = deque()
    filling = _Chunk()
    open_chunks = 0  # sent, with results still to be yielded

    def take(finished: list[tuple[_Chunk, list[Outcome]]]) -> None:
        for chunk, outcomes in finished:
            chunk.outcomes = outcomes

    def send() -> None:
        nonlocal pool, filling, open_chunks, size
        if pool is None:  # started at the first file to read: a warm run may need none
            pool = new_pool(jobs, options, cache)
        while not pool.has_room():
            take(pool.collect(block=True))
        filling.left = len(filling.paths)
        pool.send(filling, filling.paths)
        open_chunks += 1
        filling = _Chunk()
        size = next(sizes)
        take(pool.collect(block=False))

    def front() -> Iterator[FileResult]:
        """The results at the front of the output that are ready, in order."""
        nonlocal open_chunks
        while slots:
            slot = slots[0]
            chunk = slot.chunk
            if chunk is not None:
                if chunk.outcomes is None:
                    return
                slot.result = _take(slot.path, chunk.outcomes[slot.at], cache, index)
                chunk.left -= 1
                if chunk.left == 0:
                    open_chunks -= 1
                    chunk.outcomes = None
            slots.popleft()
            assert slot.result is not None
            yield slot.result

    try:
        for path in paths:
            known = _known(path, index, cache)
            slot = _Slot(path, known)
            slots.append(slot)
            if known is None:
                slot.chunk, slot.at = filling, len(filling.paths)
                filling.paths.append(path)
                if len(filling.paths) >= size:
                    send()
            head = slots[0].chunk
            if head is None or head.outcomes is not None:  # else the front still waits
                yield from front()
            while pool is not None and open_chunks >= WINDOW_PER_JOB * jobs:
                take(pool.collect(block=True))
                yield from front()
        if filling.paths:
            send()
        while slots:
            yield from front()
            if slots and pool is not None:
                take(pool.collect(block=True))
    finally:
        if pool is not None:
            pool.close()
