"""The runner: many files, each through the fixes of ``engine/run/fixpoint.py``.

The walk feeds the files in as it goes on; a file the stat index (``engine/run/index.py``)
knows as unchanged gets its result without being read, and the result cache
(``engine/run/cache.py``) gives those parsed in an earlier run. The other files run in
parallel across worker processes (``engine/run/pool.py``), in chunks sent while the walk goes
on, and come back in the order given (sorted by path).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import Any, NamedTuple, Protocol

from gomend.engine.codemod import Codemod
from gomend.engine.run.fixpoint import prefilter_for, process_text, triage
from gomend.engine.run.index import PLAIN, Signature
from gomend.engine.run.newlines import NOTHING, ChangedLines
from gomend.engine.run.options import RunOptions
from gomend.engine.run.pool import Pool
from gomend.engine.run.reading import read_file
from gomend.engine.run.result import FileResult, FileStatus


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


def process_path(
    path: str,
    options: RunOptions,
    cache: ResultStore | None = None,
    codemods: Sequence[Codemod] | None = None,
    changed: ChangedLines | None = None,
) -> FileResult:
    codemods = options.codemods() if codemods is None else codemods
    return _take(path, _process_path(path, options, codemods, cache, changed), cache, None)


class Outcome(NamedTuple):
    """What a worker sends back for one file."""

    # None for a plain "unchanged" that needed no parse (most files of a tree, cheap to
    # send back from a worker)
    result: FileResult | None
    sig: Signature | None  # the file's signature, when it is to be entered in the stat index
    verdict: str | None  # for the stat index: None (not to be entered), PLAIN or a cache key
    entry: dict[str, Any] | None  # a new cache entry, kept under ``verdict``


def _process_path(
    path: str,
    options: RunOptions,
    codemods: Sequence[Codemod],
    cache: ResultStore | None,
    changed: ChangedLines | None = None,
) -> Outcome:
    """One file's outcome; with ``changed`` (``--new-from-rev``), only of its findings on
    changed lines (``engine/run/newlines.py``)."""
    new_lines = changed.of(path) if changed is not None else None
    read = read_file(path, cache is not None)
    if isinstance(read, FileResult):
        return Outcome(read, None, None, None)
    raw, sig = read
    reads: list[tuple[str, str, bytes | None]] = []  # what the codemods read besides the file
    try:
        triaged = triage(path, raw, options, codemods, new_lines)
        if triaged is None:
            return Outcome(None, sig, PLAIN, None)
        if isinstance(triaged, FileResult):
            result = triaged
        else:
            if cache is not None:
                hit = cache.load(path, raw)
                if hit is not None and not (options.settle and hit.status == FileStatus.CHANGED):
                    return Outcome(hit, sig, cache.key(path, raw), None)
            recorded = reads if cache is not None else None
            result = process_text(path, raw, options, codemods, *triaged, recorded, new_lines)
    except RecursionError:
        skipped = FileResult(path, FileStatus.SKIPPED, "nested too deeply to analyse")
        return Outcome(skipped, None, None, None)
    except Exception as exc:  # a bug in a codemod must not stop the run
        reason = f"internal error: {type(exc).__name__}: {exc}"
        return Outcome(FileResult(path, FileStatus.FAILED, reason), None, None, None)
    made = cache.entry(path, raw, result, reads) if cache is not None else None
    if made is None:
        return Outcome(result, None, None, None)
    return Outcome(result, sig, *made)


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
    return FileResult(path, FileStatus.UNCHANGED) if result is None else result


_worker: tuple[RunOptions, list[Codemod], ResultStore | None, ChangedLines | None] | None = None


def _init_worker(
    options: RunOptions, cache: ResultStore | None, changed: ChangedLines | None = None
) -> None:
    global _worker
    _worker = (options, options.codemods(), cache, changed)


def _work(paths: list[str]) -> list[Outcome]:
    assert _worker is not None
    options, codemods, cache, changed = _worker
    return [_process_path(path, options, codemods, cache, changed) for path in paths]


WINDOW_PER_JOB = 16  # measured on the Go standard library with 2 jobs: 32 x 16 was best
# paths per task when their number is not known in advance: 128 rather than 32 saved a
# tenth of the workers' time, spent on sending tasks
STREAM_CHUNK = 128


def chunk_size(files: int, jobs: int) -> int:
    """Paths per task sent to a worker: big enough that sending costs little, small enough
    that the workers finish together and results keep streaming."""
    return max(4, min(STREAM_CHUNK, files // (jobs * 16)))


def new_pool(
    jobs: int,
    options: RunOptions,
    cache: ResultStore | None,
    changed: ChangedLines | None = None,
) -> Pool:
    """``jobs`` worker processes (engine/run/pool.py), each set up with the run's options."""
    return Pool(jobs, _init_worker, (options, cache, changed), _work)


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
    changed: ChangedLines | None = None,
) -> Iterator[FileResult]:
    """Results for every path, in the order given (callers pass them sorted), streamed as
    they come; ``paths`` may be a walk still going on. A file the stat index knows as
    unchanged gets its result without being read; the cache and the index are saved once
    the last result is taken. With ``jobs`` above 1 (and more than a chunk of paths), chunks
    of the other paths go to worker processes (forked where the platform allows, so they
    start with the codemods loaded and their queries compiled); at most
    ``WINDOW_PER_JOB * jobs`` chunks are open (sent, with results still to be yielded), so
    memory does not grow with the tree, while a slow chunk at the front does not leave the
    other workers idle. With ``changed`` (``--new-from-rev``), only the findings on the
    lines it names count (``engine/run/newlines.py``)."""
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
            known = _known(path, index, cache, options.settle, changed)
            if known is None:
                outcome = _process_path(path, options, codemods, cache, changed)
                known = _take(path, outcome, cache, index)
            yield known
    else:
        yield from _run_parallel(iter(paths), options, jobs, cache, sizes, index, changed)
    if cache is not None:
        cache.save()
    if index is not None:
        index.save()


def _known(
    path: str,
    index: FileIndex | None,
    cache: ResultStore | None,
    settle: bool,
    changed: ChangedLines | None = None,
) -> FileResult | None:
    """The result of a file the stat index knows as unchanged, when its entry is at hand,
    or of one ``changed`` gives no changed line. A file with fixes to apply (``settle``) is
    always processed afresh: the cache holds verdicts, never the bytes to write
    (``engine/run/cache.py``)."""
    if changed is not None and changed.of(path) == NOTHING:
        return FileResult(path, FileStatus.UNCHANGED)
    if index is None:
        return None
    verdict = index.lookup(path)
    if verdict is None:
        return None
    if verdict == PLAIN:
        return FileResult(path, FileStatus.UNCHANGED)
    found = cache.load_key(path, verdict) if cache is not None else None
    if found is not None and settle and found.status == FileStatus.CHANGED:
        return None  # not forgotten: its entry stays good for a scan
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
    changed: ChangedLines | None = None,
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
            pool = new_pool(jobs, options, cache, changed)
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
            known = _known(path, index, cache, options.settle, changed)
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
