"""The prefilter never loses a finding: every codemod, with and without it, gives identical
results on the golden cases (also with their imports spelled raw or with escapes) and on the
Go standard library; and the pieces it is built from read Go as Go does."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

import pytest

from gomend.engine.codemod import Codemod, Safety
from gomend.engine.go.source import has_token, unquote
from gomend.engine.go.toolchain import go_binary, go_syntax
from gomend.engine.registry import all_codemods
from gomend.engine.run.fixpoint import SYNTAX_ERROR, process_source
from gomend.engine.run.golden import GoldenCase, discover_cases
from gomend.engine.run.options import RunOptions
from gomend.engine.run.prefilter import Prefilter, import_names, may_import, query_names
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import run_paths
from gomend.engine.run.walk import WalkOptions, walk_paths

ROOT = Path(__file__).resolve().parents[3]
CASES = discover_cases(ROOT / "golden")
IDS = [c.id for c in all_codemods()]


def run(source: bytes, ids: tuple[str, ...], prefilter: bool, path: str = "p/x.go") -> FileResult:
    options = RunOptions(codemod_ids=ids, unsafe_fixes=True, prefilter=prefilter)
    return process_source(path, source, options)


def spots(result: FileResult) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.rule, f.message) for f in result.findings]


# --- reading the header ----------------------------------------------------------------------


def test_unquote_reads_go_string_literals() -> None:
    assert unquote(b'"runtime"') == "runtime"
    assert unquote(b"`runtime`") == "runtime"
    assert unquote(b"`run\rtime`") == "runtime"  # raw literals drop carriage returns
    assert unquote(b'"\\x72untime"') == "runtime"
    assert unquote(b'"run\\164ime"') == "runtime"
    assert unquote(b'"\\u0072untime/\\U00000064ebug"') == "runtime/debug"
    assert unquote(b'"a\\"b"') == 'a"b'
    assert unquote(b'"\\q"') is None  # not an escape Go knows
    assert unquote(b"runtime") is None


@pytest.mark.parametrize(
    ("source", "names"),
    [
        (b'package p\nimport "runtime"\nfunc f() {}\n', {"runtime": {"runtime"}}),
        (
            b'package p; import rt "runtime"; import . `context`; var x = 1',
            {"runtime": {"rt"}, "context": {"."}},
        ),
        (
            b'\xef\xbb\xbf// a "comment" with `quotes\n/* import "os" */ package p\r\n'
            b'import (\r\n\t_ "embed" // "fmt"\r\n\tr "\\x72untime"\r\n)\r\n',
            {"embed": {"_"}, "runtime": {"r"}},
        ),
        (b"package p\n\nimport (\n)\n\ntype T int\n", {}),
        (
            b'package p\nimport "os"\n// imports are important: reimport\nvar x = 1\n',
            {"os": {"os"}},
        ),
        (b"package p\n", {}),
        # further down: tree-sitter still reads an import after a declaration, and so do we
        (b'package p\nfunc f() {}\nimport "runtime"\n', {"runtime": {"runtime"}}),
        (
            b'package p\nimport "os"\nvar x = 1 /* \xe2\x86\x92 */\n\xe2\x86\x92import r "runtime"\n',
            {"os": {"os"}, "runtime": {"r"}},
        ),
        # Go source in a raw string reads as an import too: a candidate more, never fewer
        (
            b'package p\nimport "os"\nconst src = `\nimport rt "runtime"\n`\n',
            {"os": {"os"}, "runtime": {"rt"}},
        ),
        (b'package p\nimport "runtime"\nfunc f() { _ = "import" }\n', {"runtime": {"runtime"}}),
        # a line that ends a general comment: its quote opens no string
        (b'package p\nvar x = 1\n/* a comment\n" */ import "runtime"\n', {"runtime": {"runtime"}}),
    ],
)
def test_import_names_exact(source: bytes, names: dict[str, set[str]]) -> None:
    assert import_names(source) == names


@pytest.mark.parametrize(
    "source",
    [
        b"not go at all",
        b'package p\nimport "run\\\ntime"\n',  # a backslash-newline: no Go escape
        b'package p\nvar x = 1\nimport ( "runtime" oops )\n',  # import-like, unreadable
    ],
)
def test_import_names_unsure(source: bytes) -> None:
    assert import_names(source) is None


def test_may_import_is_conservative() -> None:
    assert may_import(b'x "runtime" y', "runtime")
    assert may_import(b"x `runtime` y", "runtime")
    assert may_import(b'"\\x72untime"', "runtime")  # any escape may spell it
    assert may_import(b"`run\r\ntime`", "runtime")  # a raw literal may hide a carriage return
    assert not may_import(b'"runtime/debug" runtime', "runtime")


def test_query_names_from_predicates() -> None:
    query = '(call_expression function: (identifier) @f (#any-of? @f "GC" "Gosched")) @c'
    assert query_names(query) == ((frozenset({(b"GC", True), (b"Gosched", True)}),),)
    optional = '(call_expression function: (identifier)? @f (#eq? @f "GC")) @c'
    assert query_names(optional) is None  # a match may lack @f: nothing is required
    commented = '(call_expression function: (identifier) @f) @c\n; (#eq? @f "GC")\n'
    assert query_names(commented) is None
    two = query + '\n((identifier) @i (#eq? @i "LockOSThread"))'
    assert query_names(two) == (
        (frozenset({(b"GC", True), (b"Gosched", True)}),),
        (frozenset({(b"LockOSThread", True)}),),
    )
    literal = '((unary_expression) @u (#eq? @u "-1"))'
    assert query_names(literal) == ((frozenset({(b"-1", False)}),),)  # any substring


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"runtime.GC()", True),
        (b"GC", True),
        (b"x := GCPercent", False),  # extends it
        (b"noGC()", False),  # an identifier that ends in GC
        (b"_GC", False),
        (b"0x1GC", True),  # a hex literal may end right before it
        (b"1iGC", True),  # so may an imaginary literal
        (b"\xc3\xa9GC", True),  # a non-ASCII byte may end a token (or be a letter)
        (b"GC\xc3\xa9", True),
        (b"GCx GC1 xGC", False),
        (b"GCx GC;", True),
    ],
)
def test_has_token(source: bytes, expected: bool) -> None:
    assert has_token(source, b"GC") is expected


def test_declared_names_hold_with_and_without_prefilter() -> None:
    """``Codemod.names`` is enforced by the codemod itself, so the prefilter may use it."""
    base = next(c for c in all_codemods() if c.id == "lost-cancel")
    narrowed = Codemod(
        id=base.id,
        title=base.title,
        doc=base.doc,
        safety=Safety.SAFE,
        query=base.query,
        rewrite=base.rewrite,
        imports=base.imports,
        names=("WithTimeout",),
    )
    source = (
        b'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
        b"\tctx, _ := context.WithCancel(parent)\n\t_ = ctx\n}\n"
    )
    for prefilter in (True, False):
        options = RunOptions(codemod_ids=("lost-cancel",), prefilter=prefilter)
        assert process_source("x.go", source, options, [narrowed]).findings == []
        assert process_source("x.go", source, options, [base]).findings != []


def test_every_codemod_is_prefiltered_by_imports() -> None:
    prefilter = Prefilter(all_codemods())
    assert prefilter.codemods_for("p/x.go", b'package p\nimport "fmt"\nfunc f() {}\n') == []


@pytest.mark.parametrize(
    ("package", "call", "kept"),
    [
        ("lib", "runtime.GOMAXPROCS(4)", True),
        ("main", "runtime.GOMAXPROCS(4)", False),  # skip_packages
        ("lib", "runtime.GOMAXPROCS(0)", False),  # the shape: a query is not a setting
        ("lib", "runtime.GOMAXPROCS( 0 /* read */ )", False),
        ("lib", "runtime.GOMAXPROCS(0x0)", True),  # left to the codemod, which knows it is 0
        ("lib", "runtime.GOMAXPROCS(n)", True),
    ],
)
def test_package_and_shape_conditions(package: str, call: str, kept: bool) -> None:
    """The prefilter drops a file on a codemod's skip_packages and shape, which Codemod.run
    enforces too: with or without the prefilter, the same findings."""
    source = f'package {package}\n\nimport "runtime"\n\nfunc F(n int) {{\n\t{call}\n}}\n'.encode()
    codemod = next(c for c in all_codemods() if c.id == "gomaxprocs-in-library")
    assert (Prefilter([codemod]).codemods_for("p/x.go", source) == [codemod]) is kept
    ids = ("gomaxprocs-in-library",)
    with_prefilter = run(source, ids, prefilter=True)
    assert spots(with_prefilter) == spots(run(source, ids, prefilter=False))
    assert bool(with_prefilter.findings) is (kept and "0x0" not in call)


@pytest.mark.parametrize(
    ("call", "kept", "found"),
    [
        ("runtime.Stack(buf, true)", True, True),
        ("runtime.Stack(\n\t\tbuf ,\n\t\ttrue)", True, True),
        ("runtime.Stack(arr[:], true)", True, True),  # an array, passed whole
        ("runtime.Stack(buf[ : ], true)", True, False),  # a slice of a slice: not an array
        ("runtime.Stack(bufs[0], true)", False, False),  # the buffer must be a name
    ],
)
def test_stack_shape(call: str, kept: bool, found: bool) -> None:
    source = (
        'package p\n\nimport "runtime"\n\nfunc F() []byte {\n\tbuf := make([]byte, 4096)\n'
        "\tvar arr [4096]byte\n\t_ = arr\n"
        f"\tbufs := [][]byte{{buf}}\n\tn := {call}\n\treturn bufs[0][:n]\n}}\n"
    ).encode()
    codemod = next(c for c in all_codemods() if c.id == "truncated-stack-dump")
    assert (Prefilter([codemod]).codemods_for("p/x.go", source) == [codemod]) is kept
    ids = ("truncated-stack-dump",)
    with_prefilter = run(source, ids, prefilter=True)
    assert spots(with_prefilter) == spots(run(source, ids, prefilter=False))
    assert bool(with_prefilter.findings) is found


# --- equivalence on the golden cases ------------------------------------------------------


def respell(source: bytes, spelling: str) -> bytes:
    """The same file with every import path of the codemods spelled raw or escaped."""
    paths = sorted({p for c in all_codemods() for p in c.import_paths}, key=len, reverse=True)

    def one(m: re.Match[bytes]) -> bytes:
        path = m.group(1).decode()
        if spelling == "raw":
            return f"`{path}`".encode()
        return ('"\\x' + f"{ord(path[0]):02x}" + path[1:] + '"').encode()

    alternatives = b"|".join(re.escape(p.encode()) for p in paths)
    return re.sub(rb'"(' + alternatives + rb')"(?=\s*(?://[^\n]*)?\r?\n|\s*\))', one, source)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_golden_case_same_with_and_without_prefilter(case: GoldenCase) -> None:
    source = case.before.read_bytes()
    path = case.isolated_path
    for ids in [(cid,) for cid in IDS] + [tuple(IDS)]:
        assert run(source, ids, True, path) == run(source, ids, False, path), ids
    found = spots(run(source, tuple(IDS), True, path))
    for spelling in ("raw", "escaped"):
        variant = respell(source, spelling)
        with_prefilter = run(variant, tuple(IDS), True, path)
        assert spots(with_prefilter) == spots(run(variant, tuple(IDS), False, path))
        assert spots(with_prefilter) == found, spelling  # the spelling changes nothing


def test_respell_changes_imports() -> None:
    source = b'package p\n\nimport (\n\t"context"\n\trt "runtime" // c\n)\n'
    assert respell(source, "raw") == b"package p\n\nimport (\n\t`context`\n\trt `runtime` // c\n)\n"
    assert b'"\\x72untime"' in respell(source, "escaped")


# --- equivalence on the Go standard library -----------------------------------------------


def go_root_src() -> str:
    go = go_binary()
    root = subprocess.run(
        [go, "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return os.path.join(root, "src")


def outcome(r: FileResult) -> tuple[object, ...]:
    """Everything a run reports about a file but a syntax error (only a parse finds one)."""
    reason = r.reason if r.status in ("skipped", "failed") else ""
    findings = [f for f in r.findings if f.rule != SYNTAX_ERROR]
    return (r.path, r.status, reason, findings, r.before, r.after, r.fixed_by)


def test_standard_library_same_with_and_without_prefilter() -> None:
    """All codemods over every Go file of the standard library (testdata and vendor
    included, generated files too): the prefilter changes no result, while it spares most
    files the parse. Runs on all cores: a minute or so on two."""
    files = walk_paths([go_root_src()], WalkOptions(include_vendor=True)).files
    assert len(files) > 5000
    base = RunOptions(
        codemod_ids=tuple(IDS),
        unsafe_fixes=True,
        include_generated=True,
        report_unused_suppressions=True,
    )
    jobs = os.cpu_count() or 1
    fast = list(run_paths(files, base, jobs=jobs))
    slow = list(run_paths(files, dataclasses.replace(base, prefilter=False), jobs=jobs))
    assert [r.path for r in fast] == files
    differing = [a.path for a, b in zip(fast, slow, strict=True) if outcome(a) != outcome(b)]
    assert differing == []
    # the one thing a file the prefilter passes over cannot have: a note that it could not
    # be read whole (a syntax error, or syntax newer than the grammar that is not lowered)
    for a, b in zip(fast, slow, strict=True):
        if a != b:
            assert a.reason == "" and b.reason.startswith("not rewritten: "), a.path
    # a syntax error only where Go's own parser finds one too: the files of newer Go than
    # the grammar reads are lowered (engine/go/gaps.py) or, where not, no syntax error
    reported = [b.path for b in slow if b.syntax_error is not None]
    verdicts = {p: go_syntax(Path(p).read_bytes()) for p in reported}
    assert verdicts and None not in verdicts.values()  # Go judged, and some files are broken
    assert [p for p, v in verdicts.items() if v is not None and v.accepted] == []
    unread = [b.path for b in slow if b.reason.startswith("not rewritten: Go accepts")]
    assert all("/internal/types/testdata/" in p for p in unread), unread
    rules = {f.rule for r in fast for f in r.findings}
    assert len(rules) >= 3  # the run found real things to compare
    parsed = Prefilter(base.codemods())
    passed = sum(1 for p in files if parsed.codemods_for(p, Path(p).read_bytes()))
    assert passed < len(files) // 5  # and most files were never parsed
