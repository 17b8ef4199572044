"""gomend.engine.codemod: queries narrowed to their names."""

from __future__ import annotations

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
    spans = model._anchor_spans(gc.query, file.tree, file.source)
    assert spans is not None and spans[0][0] == source.index("GC()\n")  # the comment skipped
    assert len(spans) == 2
    lines = [n + 1 for n, text in enumerate(source.splitlines()) if text == "\t\truntime.GC()"]
    assert len(lines) == 2 and [f.line for f in gc.run(file)] == lines
    nothing = GoFile.from_source("q.go", b'package p\n\nimport "runtime"\n\n// GC\n')
    assert model._anchor_spans(gc.query, nothing.tree, nothing.source) == []
