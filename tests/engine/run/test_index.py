"""The stat index: a warm run reads no unchanged file and gives the same results; any way
of changing a file (content, a same-size edit with its time put back, an atomic replace, a
sibling a codemod read) makes it read again; racily new files are never entered; a corrupt
index is ignored; indexes of walks unused for long are removed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gomend.engine.run.index
import gomend.engine.run.runner
from gomend.engine.cli.app import app
from gomend.engine.registry import all_codemods
from gomend.engine.run.cache import ResultCache
from gomend.engine.run.index import StatIndex
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import run_paths

ALL = tuple(c.id for c in all_codemods())
MAIN = """package svc

import "runtime"

func Work(jobs []int) {
	for _, j := range jobs {
		runtime.GC()
		println(j)
	}
}
"""
POOL = """package pool

import "runtime/debug"

func Start() {
\tdebug.SetMaxThreads(limit)
}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / "cmd").mkdir(parents=True)
    (root / "cmd" / "main.go").write_text(MAIN)
    (root / "pool").mkdir()
    (root / "pool" / "pool.go").write_text(POOL)
    (root / "pool" / "limits.go").write_text("package pool\n\nconst limit = 100\n")
    (root / "plain.go").write_text("package plain\n\nfunc F() {}\n")
    return root


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled (no racy window): the test's own clock."""
    monkeypatch.setattr(gomend.engine.run.index, "RACY_SECONDS", 0)
    monkeypatch.setattr(gomend.engine.run.cache, "RACY_SECONDS", 0)


class Reads:
    """The files the runner read during a run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        real = gomend.engine.run.runner.read_file

        def spy(path: str, sign: bool):  # type: ignore[no-untyped-def]
            self.paths.append(path)
            return real(path, sign)

        monkeypatch.setattr(gomend.engine.run.runner, "read_file", spy)


def run(tree: Path, folder: Path, jobs: int = 1, settle: bool = False) -> list[FileResult]:
    options = RunOptions(codemod_ids=ALL, settle=settle)  # scan's, unless settle
    cache = ResultCache(str(folder), options, options.codemods())
    index = StatIndex(cache.root, [str(tree)], "walk")
    paths = sorted(str(p) for p in tree.rglob("*.go"))
    # one path per chunk, so that a parallel run uses its workers even on four files
    results = list(run_paths(paths, options, jobs=jobs, cache=cache, chunk=1, index=index))
    index.save()
    return results


def test_a_file_with_fixes_to_apply_is_read_and_fixed_afresh(
    tree: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cache holds verdicts, never the bytes a fix writes: fix and diff recompute them
    folder = tmp_path / "cache"
    cold = run(tree, folder, settle=True)
    reads = Reads(monkeypatch)
    warm = run(tree, folder, settle=True)
    changed = sorted(r.path for r in cold if r.status == "changed")
    assert changed and reads.paths == changed
    assert warm == cold


def rules(results: list[FileResult]) -> set[str]:
    return {f.rule for r in results for f in r.findings}


def test_warm_run_reads_nothing_and_gives_the_same_results(
    tree: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    cold = run(tree, folder)
    assert rules(cold) == {"gc-in-hot-path", "low-max-threads"}
    reads = Reads(monkeypatch)
    warm = run(tree, folder)
    assert reads.paths == []
    assert warm == cold
    assert [r for r in warm if r.status == "changed"]  # scan: fixes to apply, from the cache


def test_warm_parallel_run_starts_no_worker(
    tree: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    started: list[int] = []
    real_new_pool = gomend.engine.run.runner.new_pool

    def counting_pool(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        started.append(1)
        return real_new_pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gomend.engine.run.runner, "new_pool", counting_pool)
    cold = run(tree, folder, jobs=2)
    assert started  # the cold run did use workers

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(gomend.engine.run.runner, "new_pool", no_pool)
    assert run(tree, folder, jobs=2) == cold


@pytest.mark.parametrize("how", ["content", "same-size-time-restored", "replaced", "sibling"])
def test_a_changed_file_is_read_again(
    tree: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = tmp_path / "cache"
    run(tree, folder)
    main, limits = tree / "cmd" / "main.go", tree / "pool" / "limits.go"
    if how == "content":
        main.write_text(MAIN.replace("runtime.GC()", "println(j)").replace('"runtime"', '"os"'))
    elif how == "same-size-time-restored":
        before = os.stat(main)
        main.write_text(MAIN.replace("println(j)", "print(j,j)"))
        os.utime(main, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(main).st_size == before.st_size
    elif how == "replaced":
        fresh = tree / "cmd" / "fresh.tmp"
        fresh.write_text(MAIN.replace("println(j)", "print(j,j)"))
        os.replace(fresh, main)
    else:
        limits.write_text("package pool\n\nconst limit = 20000\n")
    reads = Reads(monkeypatch)
    results = run(tree, folder)
    read = list(reads.paths)
    assert results == run(tree, tmp_path / "other-cache")  # as a run with no cache finds
    if how == "sibling":  # the file itself is unchanged: its entry checks what it read
        assert "low-max-threads" not in rules(results)
    else:
        assert read == [str(main)]


def test_racily_new_files_are_not_entered(tree: Path, tmp_path: Path) -> None:
    """Files changed within RACY_SECONDS of the run's start are read again next time."""
    folder = tmp_path / "cache"
    run(tree, folder)
    assert not list(folder.rglob("index-*"))


def test_a_corrupt_or_foreign_index_is_ignored(
    tree: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    cold = run(tree, folder)
    (index_file,) = folder.rglob("index-*")
    parts = index_file.read_text().split("\0")
    assert parts[0] == gomend.engine.run.index.HEADER and len(parts) == 1 + 2 * 4

    def forge(entry: str) -> str:  # a verdict that is no entry key, where there is one
        sig, verdict = entry.rsplit(" ", 1)
        return f"{sig} ../../etc/passwd" if verdict else entry

    forged = [p if i % 2 else forge(p) for i, p in enumerate(parts)]
    index_file.write_text("\0".join([parts[0], *forged[1:]]))
    reads = Reads(monkeypatch)
    assert run(tree, folder) == cold
    assert len(reads.paths) == 2  # the two files with entries; the plain ones still hit
    for broken in ("{not an index", parts[0] + "\0odd", "\0".join(parts[:-1])):
        index_file.write_text(broken)
        assert run(tree, folder) == cold


def test_cli_warm_scan_gives_the_same_output(
    tree: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    args = ["scan", "--no-progress", "--cache-dir", str(tmp_path / "c"), str(tree)]
    cold = runner.invoke(app, args)
    assert list((tmp_path / "c").rglob("index-*"))
    reads = Reads(monkeypatch)
    warm = runner.invoke(app, args)
    assert reads.paths == []
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout) == (1, warm.stdout)
    assert "gc-in-hot-path" in warm.stdout


def test_indexes_of_walks_unused_for_long_are_removed(
    tree: Path, tmp_path: Path, settled: None
) -> None:
    folder = tmp_path / "cache"
    run(tree, folder)
    (current,) = folder.rglob("index-*")
    stale = current.parent / "index-of-a-walk-long-gone"
    stale.write_text(gomend.engine.run.index.HEADER)
    month_ago = time.time() - 31 * 86400
    os.utime(stale, (month_ago, month_ago))
    run(tree, folder)
    assert current.exists() and not stale.exists()
