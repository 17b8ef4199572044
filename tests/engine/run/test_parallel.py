"""Parallel runs: results stream in the order of the paths whatever the jobs and chunk size,
equal to a run in one process; at most a bounded number of chunks is in flight; a worker
that dies stops the run with an error; a run cut short stops its workers; workers end when
their parent is killed; --jobs on the command line."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gomend.engine.run.runner
from gomend.engine.cli.app import app
from gomend.engine.registry import all_codemods
from gomend.engine.run.options import RunOptions
from gomend.engine.run.pool import PER_WORKER, Pool, WorkerDied
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import chunk_size, run_paths

ALL = tuple(c.id for c in all_codemods())
FINDING = """package p{n}

import "context"

func F(parent context.Context) {{
\tctx, _ := context.WithCancel(parent)
\t_ = ctx
}}
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Sixty files in twelve folders: some with a finding, some broken (a NUL byte: a
    syntax error), some plain."""
    root = tmp_path_factory.mktemp("tree")
    paths = []
    for n in range(60):
        folder = root / f"d{n % 12:02d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"f{n:02d}.go"
        if n % 3 == 0:
            path.write_text(FINDING.format(n=n))
        elif n % 7 == 0:
            path.write_bytes(b"package p\n\x00")
        else:
            path.write_text(f"package p{n}\n\nfunc F{n}() {{}}\n")
        paths.append(str(path))
    return sorted(paths)


def summary(results: list[FileResult]) -> list[tuple[str, str, list[tuple[int, str]]]]:
    return [(r.path, r.status, [(f.line, f.rule) for f in r.findings]) for r in results]


@pytest.mark.parametrize(("jobs", "chunk"), [(2, 1), (2, 4), (3, 7), (2, 0)])
def test_parallel_results_come_in_path_order_and_equal_serial(
    tree: list[str], jobs: int, chunk: int
) -> None:
    options = RunOptions(codemod_ids=ALL)
    serial = list(run_paths(tree, options, jobs=1))
    parallel = list(run_paths(tree, options, jobs=jobs, chunk=chunk))
    assert [r.path for r in parallel] == tree
    assert parallel == serial
    assert {r.status for r in serial} == {"changed", "unchanged"}
    rules = Counter(f.rule for r in serial for f in r.findings)
    assert rules == {"lost-cancel": 20, "syntax-error": 6}  # n = 7, 14, 28, 35, 49, 56


def test_chunks_in_flight_are_bounded(tree: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent never has more than WINDOW_PER_JOB x jobs chunks sent and not yet
    yielded, nor more than PER_WORKER waiting at a worker, and streams the first result
    before the last chunk is sent."""
    monkeypatch.setattr(gomend.engine.run.runner, "WINDOW_PER_JOB", 3)
    sent: list[int] = []
    most_outstanding = [0]
    real_send = Pool.send

    def send(self: Pool, ticket: object, chunk: object) -> None:
        real_send(self, ticket, chunk)
        sent.append(1)
        most_outstanding[0] = max(most_outstanding[0], *(len(w.outstanding) for w in self._workers))

    monkeypatch.setattr(Pool, "send", send)
    stream = run_paths(iter(tree), RunOptions(codemod_ids=ALL), jobs=2, chunk=1)
    in_flight = []
    for done, result in enumerate(stream, start=1):
        assert result.path == tree[done - 1]
        in_flight.append(len(sent) - (done - 1))  # sent, not yielded before this
    assert len(sent) == len(tree)
    assert in_flight[0] <= 6 < len(tree)  # 3 x 2 jobs at most, the first then waited for
    assert max(in_flight) <= 6
    assert most_outstanding[0] == PER_WORKER


def test_a_worker_that_dies_is_reported(tree: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-run (a crash in a native library) stops the run with an error,
    and no worker is left behind."""
    pools: list[Pool] = []
    real_send = Pool.send

    def send(self: Pool, ticket: object, chunk: object) -> None:
        real_send(self, ticket, chunk)
        if not pools:
            pools.append(self)
            os.kill(self._workers[0].process.pid, signal.SIGKILL)

    monkeypatch.setattr(Pool, "send", send)
    with pytest.raises(WorkerDied, match="ended unexpectedly"):
        list(run_paths(iter(tree), RunOptions(codemod_ids=ALL), jobs=2, chunk=2))
    assert pools and pools[0]._workers == []


def test_a_run_cut_short_stops_its_workers(tree: list[str]) -> None:
    stream = run_paths(iter(tree), RunOptions(codemod_ids=ALL), jobs=2, chunk=1)
    next(stream)
    children = multiprocessing.active_children()
    assert children
    stream.close()
    assert not any(p.is_alive() for p in children)


def test_chunk_size_grows_with_the_tree_within_bounds() -> None:
    assert chunk_size(10, 2) == 4
    assert chunk_size(8000, 2) == 128
    assert 4 <= chunk_size(1000, 2) <= 128


def test_unchanged_files_come_back_small(tree: list[str]) -> None:
    """Workers send None for a file the prefilter settled; nothing of its text travels."""
    gomend.engine.run.runner._init_worker(RunOptions(codemod_ids=ALL), None)
    sent = gomend.engine.run.runner._work(tree)
    plain = [p for p, outcome in zip(tree, sent, strict=True) if outcome.result is None]
    assert plain and all("func F" in Path(p).read_text() for p in plain)


def test_cli_jobs_give_the_same_output(tree: list[str]) -> None:
    root = str(Path(tree[0]).parent.parent)
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2", "0"):
        result = runner.invoke(app, ["scan", "--no-progress", "--no-cache", "-j", jobs, root])
        assert result.exit_code == 1
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count("lost-cancel") == 20
    lines = outputs[0].splitlines()
    assert lines == sorted(lines, key=lambda line: line.split(":")[0])
    assert os.cpu_count()  # -j 0 means all of them


def test_workers_compile_each_query_once(tree: list[str]) -> None:
    """A worker's second chunk compiles no query again (they are compiled once per process,
    before the fork where there is one)."""
    from gomend.engine.go.query import compile_query

    gomend.engine.run.runner._init_worker(RunOptions(codemod_ids=ALL), None)
    gomend.engine.run.runner._work(tree)
    before = compile_query.cache_info()
    gomend.engine.run.runner._work(tree)
    after = compile_query.cache_info()
    assert after.misses == before.misses and after.hits > before.hits


def test_scan_without_the_fixpoint_reports_the_same_findings() -> None:
    """settle=False (scan) keeps every finding and calls a file "changed" when a fix applies,
    as the full fixpoint (diff, fix) does for every golden case that changes."""
    from gomend.engine.run.fixpoint import process_source
    from gomend.engine.run.golden import discover_cases

    root = Path(__file__).resolve().parents[3] / "golden"
    changed = 0
    for case in discover_cases(root):
        source = case.before.read_bytes()
        for unsafe in (False, True):
            full = RunOptions(codemod_ids=ALL, unsafe_fixes=unsafe)
            quick = RunOptions(codemod_ids=ALL, unsafe_fixes=unsafe, settle=False)
            a = process_source(case.isolated_path, source, full)
            b = process_source(case.isolated_path, source, quick)
            assert [f.fix for f in a.findings] == [f.fix for f in b.findings], case.id
            assert [(f.line, f.rule, f.message) for f in a.findings] == [
                (f.line, f.rule, f.message) for f in b.findings
            ]
            if a.status == "changed":
                changed += 1
                assert b.status == "changed", case.id
            assert b.after is None and not b.fixed_by
    assert changed > 50


PARENT = """
import sys, time
from gomend.engine.run.pool import Pool

def setup():
    pass

def work(chunk):
    return chunk

if __name__ == "__main__":
    pool = Pool(3, setup, (), work)
    for n in range(3):
        pool.send(n, [n])
    while pool.busy():
        pool.collect(block=True)
    print(" ".join(str(w.process.pid) for w in pool._workers), flush=True)
    time.sleep(60)
"""


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """A parent killed outright leaves no worker behind: each sees the end of its pipe."""
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    root = Path(__file__).resolve().parents[3]
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert parent.stdout is not None
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 3
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in pids if _running(p)]
        time.sleep(0.05)
    assert alive == []


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"  # a zombie has ended
    except OSError:
        return False
