"""The result cache: hits on an unchanged tree, a miss for each part of the key (content,
setting, codemod selection, unsafe fixes, codemod source, gomend version, a sibling file a
codemod read), corrupt packs and entries, concurrent writers, where it lives, and
--no-cache."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import gomend.engine.run.cache
from gomend.engine.cli.app import app
from gomend.engine.registry import all_codemods
from gomend.engine.run.cache import ResultCache, default_cache_dir, source_digest
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import run_paths

MAIN = """package svc

import (
\t"context"
\t"runtime"
)

func Work() {
\tctx, _ := context.WithCancel(context.Background())
\t_ = ctx
\tfor i := 0; i < 3; i++ {
\t\truntime.GC()
\t\tprintln(i)
\t}
}
"""
LIBRARY = """package pool

import "runtime/debug"

func Start() {
\tdebug.SetMaxThreads(limit)
}
"""
ALL = tuple(c.id for c in all_codemods())


class Spy(ResultCache):
    """The real cache, counting what it served and the entries it made."""

    hits = 0
    stores = 0

    def load(self, path: str, raw: bytes) -> FileResult | None:
        found = super().load(path, raw)
        self.hits += found is not None
        return found

    def entry(
        self,
        path: str,
        raw: bytes,
        result: FileResult,
        reads: Sequence[tuple[str, str, bytes | None]] = (),
    ) -> tuple[str, dict[str, Any]] | None:
        self.stores += 1
        return super().entry(path, raw, result, reads)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "cmd").mkdir()
    (tmp_path / "cmd" / "main.go").write_text(MAIN)
    (tmp_path / "pool").mkdir()
    (tmp_path / "pool" / "pool.go").write_text(LIBRARY)
    (tmp_path / "pool" / "limits.go").write_text("package pool\n\nconst limit = 100\n")
    (tmp_path / "plain.go").write_text("package plain\n\nfunc F() {}\n")
    return tmp_path


def files(tree: Path) -> list[str]:
    return sorted(str(p) for p in tree.rglob("*.go"))


def scan(
    tree: Path, folder: Path, options: RunOptions | None = None
) -> tuple[list[FileResult], Spy]:
    options = options or RunOptions(codemod_ids=ALL, settle=False)  # as scan runs
    cache = Spy(str(folder), options, options.codemods())
    return list(run_paths(files(tree), options, cache=cache)), cache


def test_second_run_is_served_from_the_cache(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first, cold = scan(tree, folder)
    assert (cold.hits, cold.stores) == (0, 2)  # plain.go and limits.go need no parse
    second, warm = scan(tree, folder)
    assert (warm.hits, warm.stores) == (2, 0)
    assert second == first
    assert {f.rule for r in first for f in r.findings} == {
        "lost-cancel",
        "gc-in-hot-path",
        "low-max-threads",
    }


def test_cached_result_equals_the_computed_one_fixes_and_all(tree: Path, tmp_path: Path) -> None:
    options = RunOptions(codemod_ids=ALL, unsafe_fixes=True)
    first, _ = scan(tree, tmp_path / "c", options)
    second, warm = scan(tree, tmp_path / "c", options)
    assert warm.hits == 2
    changed = [r for r in second if r.status == "changed"]
    assert changed and all(r.before and r.after and r.fixed_by for r in changed)
    assert [f.fix for r in second for f in r.findings] == [f.fix for r in first for f in r.findings]
    assert second == first


@pytest.mark.parametrize(
    "change",
    [
        {"settings": {"low-max-threads": {"threshold": 50}}},
        {"unsafe_fixes": True},
        {"codemod_ids": ("low-max-threads", "lost-cancel")},
        {"include_generated": True},
        {"report_unused_suppressions": True},
    ],
)
def test_each_option_is_part_of_the_key(tree: Path, tmp_path: Path, change: dict) -> None:
    base = RunOptions(codemod_ids=ALL)
    scan(tree, tmp_path / "c", base)
    changed = dataclasses.replace(base, **change)
    _, again = scan(tree, tmp_path / "c", changed)
    assert again.hits == 0
    _, same = scan(tree, tmp_path / "c", base)
    assert same.hits == 2  # the old entries are still there for the old options


def test_changed_file_misses(tree: Path, tmp_path: Path) -> None:
    scan(tree, tmp_path / "c")
    main = tree / "cmd" / "main.go"
    main.write_text(MAIN.replace("runtime.GC()", "runtime.KeepAlive(i)"))
    results, again = scan(tree, tmp_path / "c")
    assert again.hits == 1  # pool.go only
    rules = [f.rule for r in results if r.path == str(main) for f in r.findings]
    assert rules == ["lost-cancel"]


def test_changed_sibling_constant_misses(tree: Path, tmp_path: Path) -> None:
    """low-max-threads evaluates a constant from another file of the package."""
    first, _ = scan(tree, tmp_path / "c")
    assert any(f.rule == "low-max-threads" for r in first for f in r.findings)
    (tree / "pool" / "limits.go").write_text("package pool\n\nconst limit = 5000\n")
    second, again = scan(tree, tmp_path / "c")
    assert again.hits == 1  # main.go; pool.go read limits.go, which changed
    assert not any(f.rule == "low-max-threads" for r in second for f in r.findings)


def test_new_sibling_file_misses(tree: Path, tmp_path: Path) -> None:
    scan(tree, tmp_path / "c")
    (tree / "pool" / "more.go").write_text("package pool\n\nvar x = 1\n")
    _, again = scan(tree, tmp_path / "c")
    assert again.hits == 1  # the folder listing pool.go read changed


def test_gomend_version_is_part_of_the_key(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan(tree, tmp_path / "c")
    monkeypatch.setattr(gomend.engine.run.cache, "__version__", "999.0")
    _, again = scan(tree, tmp_path / "c")
    assert again.hits == 0


def test_codemod_source_is_part_of_the_key(tmp_path: Path) -> None:
    """Editing a codemod's module, or a helper beside it, changes the digest."""
    folder = tmp_path / "mods"
    folder.mkdir()
    (folder / "helper.py").write_text("X = 1\n")
    module_file = folder / "made_up.py"
    module_file.write_text("def rewrite(m):\n    return None\n")
    spec = importlib.util.spec_from_file_location("gomend_test_made_up", module_file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        codemod = dataclasses.replace(all_codemods()[0], rewrite=module.rewrite)
        before = source_digest([codemod])
        assert source_digest([codemod]) == before
        module_file.write_text("def rewrite(m):\n    return None  # edited\n")
        edited = source_digest([codemod])
        assert edited != before
        (folder / "helper.py").write_text("X = 2\n")
        assert source_digest([codemod]) != edited
    finally:
        del sys.modules[spec.name]


def test_the_digest_covers_every_layer_of_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit in the Go layer (not beside the cache's own module) invalidates entries."""
    import gomend.engine.go.query as go_query

    real_open = open
    target = os.path.abspath(go_query.__file__)

    def edited_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        fh = real_open(path, *args, **kwargs)
        if os.path.abspath(str(path)) == target:
            data = fh.read() + b"# edited\n"
            fh.close()
            return io.BytesIO(data)
        return fh

    codemods = list(all_codemods())
    before = source_digest(codemods)
    monkeypatch.setattr("builtins.open", edited_open)
    assert source_digest(codemods) != before


def pack(folder: Path) -> Path:
    (found,) = folder.rglob("entries-*.json")
    return found


def test_corrupt_entries_miss_and_are_replaced(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    first, _ = scan(tree, folder)
    assert len(list(folder.rglob("*.json"))) == 1  # one pack for the whole run
    doc = json.loads(pack(folder).read_text())
    one = sorted(doc["entries"])[0]
    doc["entries"][one]["result"] = {"status": "changed"}  # cut short
    pack(folder).write_text(json.dumps(doc))
    second, again = scan(tree, folder)
    assert (again.hits, again.stores) == (1, 1)
    assert second == first
    pack(folder).write_bytes(b"\x00\xff not json")
    third, again = scan(tree, folder)
    assert (again.hits, again.stores) == (0, 2)
    assert third == first
    _, fourth = scan(tree, folder)
    assert fourth.hits == 2


def test_entry_of_another_key_is_a_miss(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    scan(tree, folder)
    doc = json.loads(pack(folder).read_text())
    a, b = sorted(doc["entries"])
    doc["entries"][a] = doc["entries"][b]  # an entry moved to another key's place
    pack(folder).write_text(json.dumps(doc))
    _, again = scan(tree, folder)
    assert again.hits == 1


def _writer(folder: str, path: str, rounds: int) -> None:
    options = RunOptions(codemod_ids=ALL, settle=False)
    raw = Path(path).read_bytes()
    (result,) = run_paths([path], options)
    for _ in range(rounds):
        cache = ResultCache(folder, options, options.codemods())
        cache.store(path, raw, result)
        cache.save()
        again = ResultCache(folder, options, options.codemods())
        assert again.load(path, raw) == result  # a whole pack, whoever wrote it


def test_concurrent_writers_never_leave_a_partial_pack(tree: Path, tmp_path: Path) -> None:
    path = str(tree / "cmd" / "main.go")
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    workers = [
        context.Process(target=_writer, args=(str(tmp_path / "c"), path, 60)) for _ in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    leftovers = [p for p in (tmp_path / "c").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_cache_folder_ignores_itself(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    scan(tree, folder)
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")


def test_default_folder_is_the_users_never_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOMEND_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == str(tmp_path / "xdg" / "gomend")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == str(tmp_path / "home" / ".cache" / "gomend")
    monkeypatch.setenv("GOMEND_CACHE_DIR", str(tmp_path / "env"))
    assert default_cache_dir() == str(tmp_path / "env")


def test_configurations_unused_for_long_are_removed(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    scan(tree, folder, RunOptions(codemod_ids=ALL, unsafe_fixes=True))
    scan(tree, folder)
    configurations = [p for p in folder.iterdir() if p.is_dir()]
    assert len(configurations) == 2
    old, current = sorted(configurations, key=lambda p: p.stat().st_mtime)  # unsafe, then not
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    scan(tree, folder)
    assert not old.exists() and current.exists()


def test_cli_cache_dir_and_no_cache(tree: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "cli-cache"
    args = ["scan", "--no-progress", "--quiet", str(tree)]
    first = runner.invoke(app, [*args, "--no-cache", "--cache-dir", str(folder)])
    assert first.exit_code == 1
    assert not folder.exists()  # --no-cache: nothing read, nothing written
    second = runner.invoke(app, [*args, "--cache-dir", str(folder)])
    assert second.exit_code == 1 and second.stdout == first.stdout
    assert len(list(folder.rglob("entries-*.json"))) == 1
    third = runner.invoke(app, [*args, "--cache-dir", str(folder)])
    assert third.stdout == first.stdout
    for command in ("scan", "diff", "fix"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert "--no-cache" in shown.stdout and "--cache-dir" in shown.stdout


def test_a_poisoned_entry_never_reaches_a_file(tree: Path, tmp_path: Path) -> None:
    """Whoever can write the cache folder edits a stored result: ``fix`` still writes the
    file's own fix, computed from the file (the cache keeps verdicts, not bytes)."""
    folder = tmp_path / "cache"
    target = tree / "cmd" / "main.go"
    own = process_source(
        str(target), target.read_bytes(), RunOptions(codemod_ids=("lost-cancel",))
    ).after
    assert own is not None
    command = ["--cache-dir", str(folder), "--no-progress", "--select", "lost-cancel", str(tree)]
    assert CliRunner().invoke(app, ["diff", *command]).exit_code == 1  # the entries fix uses
    text = pack(folder).read_text()
    assert "defer cancel()" in text
    pack(folder).write_text(text.replace("defer cancel()", 'exec.Command(\\"sh\\").Run()'))
    done = CliRunner().invoke(app, ["fix", *command])
    assert done.exit_code == 0, done.stderr
    assert target.read_bytes() == own
    assert b"exec.Command" not in target.read_bytes()


def test_a_fifo_where_the_pack_should_be_is_a_miss(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    scan(tree, folder)
    path = pack(folder)
    path.unlink()
    os.mkfifo(path)  # a plain open would wait for a writer forever
    results, again = scan(tree, folder)
    assert again.hits == 0 and {f.rule for r in results for f in r.findings}
