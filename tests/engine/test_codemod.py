"""gomend.engine.codemod: queries narrowed to their names."""

from __future__ import annotations

import pytest

from gomend.engine import codemod as model
from gomend.engine.go.file import GoFile
from gomend.engine.registry import get_codemod


def test_a_query_narrowed_to_its_names_finds_what_the_whole_tree_has() -> None:
    gc = get_codemod("gc-in-hot-path")
    source = (
        "// GC is mentioned up here, and runtime.GC() in this comment is no call.\n"
        'package p\n\nimport "runtime"\n\n'
        "func f(xs []int) {\n\tfor range xs {\n\t\tprintln()\n\t\truntime.GC()\n\t}\n}\n\n"
        'func g() { _ = "runtime.GC()" }\n\n'
        "func h(xs []int) {\n\tfor range xs {\n\t\tprintln()\n\t\truntime.GC()\n\t}\n}\n"
    )
    file = GoFile.from_source("p.go", source.encode())
    spans = model._anchor_spans(gc.match_query, file.tree, file.source)
    assert spans is not None and spans[0][0] == source.index("GC()\n")  # the comment skipped
    assert len(spans) == 2
    lines = [n + 1 for n, text in enumerate(source.splitlines()) if text == "\t\truntime.GC()"]
    assert len(lines) == 2 and [f.line for f in gc.run(file)] == lines
    nothing = GoFile.from_source("q.go", b'package p\n\nimport "runtime"\n\n// GC\n')
    assert model._anchor_spans(gc.match_query, nothing.tree, nothing.source) == []


def _seen(m: model.Match) -> model.Finding:
    target = m.target
    assert target is not None
    return m.report(m["call"], f"{target.path}.{target.name}")


NAMED_ONCE = model.Codemod(
    id="made-up",
    title="t",
    doc="",
    safety=model.Safety.NONE,
    rewrite=_seen,
    calls=(model.Call("runtime/debug", "SetMaxThreads"), model.Call("runtime", "GC")),
)


def test_a_record_that_names_its_calls_derives_the_query_and_the_imports() -> None:
    assert NAMED_ONCE.import_paths == ("runtime/debug", "runtime")
    assert '"GC" "SetMaxThreads"' in NAMED_ONCE.match_query
    assert all(isinstance(c, model.Call) for c in NAMED_ONCE.calls)


def test_rewrite_sees_only_the_calls_that_resolve_to_the_named_ones() -> None:
    source = (
        'package p\n\nimport (\n\tdbg "runtime/debug"\n\t. "runtime"\n\t"example.com/debug"\n)\n\n'
        "func f() {\n\tdbg.SetMaxThreads(5)\n\tdebug.SetMaxThreads(5)\n\tGC()\n}\n\n"
        "func g(dbg fake) {\n\tdbg.SetMaxThreads(5)\n}\n"
    )
    file = GoFile.from_source("p.go", source.encode())
    found = [(f.line, f.message) for f in NAMED_ONCE.run(file)]
    assert found == [(10, "runtime/debug.SetMaxThreads"), (12, "runtime.GC")]


def test_a_file_without_the_imports_is_not_matched() -> None:
    file = GoFile.from_source("p.go", b"package p\n\nfunc f() {\n\tGC()\n}\n")
    assert NAMED_ONCE.run(file) == []


def test_a_record_needs_calls_or_a_query() -> None:
    with pytest.raises(ValueError, match="neither calls nor a query"):
        model.Codemod(id="x", title="t", doc="", safety=model.Safety.NONE, rewrite=_seen)
