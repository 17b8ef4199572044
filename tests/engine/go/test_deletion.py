"""engine/go/deletion.py: deleting a statement never leaves an empty ``if`` behind when the
``if`` can go (no else, no init, a condition without effects, no local's last use), and takes
the comment that introduced it."""

from __future__ import annotations

import pytest

from gomend.engine.go.deletion import collapsing_if, delete_cleanly
from gomend.engine.go.edits import apply_edits
from gomend.engine.go.file import GoFile
from gomend.engine.go.query import node_text, walk


def delete_gc(body: str) -> str:
    source = f"package p\n\nconst every = 8\n\nfunc f(xs []int, n int, p *int, ch chan int) {{\n{body}}}\n"
    file = GoFile.from_source("p.go", source.encode())
    (call,) = [
        c
        for c in walk(file.tree.root_node, ("call_expression",))
        if node_text(c, file.source) == "gc()"
    ]
    statement = call.parent
    assert statement is not None
    edit = delete_cleanly(statement, file)
    assert edit is not None
    out = apply_edits(file.source, [edit]).decode()
    return out[out.index("{\n") + 2 : out.rindex("}")]


@pytest.mark.parametrize(
    "condition",
    [
        "len(xs) > 1",
        "n%every == 0",
        "n/2 > 1 && !(n == 3)",
        "true",
        "-n < 0",
        "n == 0 || len(xs) == cap(xs)",
    ],
)
def test_an_if_left_empty_goes(condition: str) -> None:
    assert (
        delete_gc(f"\tn++\n\tif {condition} {{\n\t\tgc() // trailing\n\t}}\n\tn--\n")
        == "\tn++\n\tn--\n"
    )


@pytest.mark.parametrize(
    "condition",
    ["check()", "xs[0] > 1", "*p > 0", "<-ch > 0", "n%len(xs) == 0", "n/n > 0"],
)
def test_an_if_whose_condition_may_act_stays(condition: str) -> None:
    out = delete_gc(f"\tif {condition} {{\n\t\tgc()\n\t}}\n")
    assert out == f"\tif {condition} {{\n\t}}\n"


def test_an_if_with_else_or_init_or_more_stays() -> None:
    assert "if n > 0" in delete_gc("\tif n > 0 {\n\t\tgc()\n\t} else {\n\t\tn++\n\t}\n")
    assert "if m := n; m > 0" in delete_gc("\tif m := n; m > 0 {\n\t\tgc()\n\t}\n")
    assert "n++" in delete_gc("\tif n > 0 {\n\t\tgc()\n\t\tn++\n\t}\n")
    assert "// why" in delete_gc("\tif n > 0 {\n\t\t// why\n\t\tgc()\n\t}\n")


def test_nested_ifs_go_together_with_the_comment_that_introduces_them() -> None:
    body = "\tn++\n\n\t// Collect now and then.\n\tif n > 1 {\n\t\tif n%every == 0 {\n\t\t\tgc()\n\t\t}\n\t}\n\tn--\n"
    assert delete_gc(body) == "\tn++\n\n\tn--\n"


def test_a_comment_inside_a_paragraph_stays() -> None:
    body = "\tn++\n\t// Then the rest.\n\tif n > 1 {\n\t\tgc()\n\t}\n\tn--\n"
    assert delete_gc(body) == "\tn++\n\t// Then the rest.\n\tn--\n"


def test_an_if_holding_a_locals_last_use_stays() -> None:
    out = delete_gc("\tlimit := n * 2\n\tif limit > 10 {\n\t\tgc()\n\t}\n")
    assert out == "\tlimit := n * 2\n\tif limit > 10 {\n\t}\n"


def test_collapsing_if_names_the_outermost_if() -> None:
    source = (
        b"package p\n\nfunc f(n int) {\n\tif n > 0 {\n\t\tif n > 1 {\n\t\t\tgc()\n\t\t}\n\t}\n}\n"
    )
    file = GoFile.from_source("p.go", source)
    call = next(c for c in walk(file.tree.root_node, ("call_expression",)))
    assert call.parent is not None
    outer = collapsing_if(call.parent, file)
    assert outer is not None and node_text(outer, file.source).startswith("if n > 0")
