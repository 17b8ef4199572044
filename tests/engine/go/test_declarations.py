"""Engine helpers the finalizer and memory-limit codemods rely on: where a name is declared,
float constants that are whole numbers, and the imports a deleted statement refers to."""

from __future__ import annotations

from gomend.engine.go import calls, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

SOURCE = b"""package p

import (
	"fmt"
	. "runtime"
	str "strings"
)

var global int

func f(a int) (r int) {
	x := 1
	for i := 0; i < 3; i++ {
		x := 2
		use(x, i)
	}
	if y := 3; y > 0 {
		use(y, x)
	}
	g := func(a int) { use(a, global) }
	fmt.Println(str.ToUpper("x"))
	GC()
	g(a)
	return r
}

func use(...int) {}
"""


def _file() -> GoFile:
    return GoFile.from_source("p.go", SOURCE)


def _idents(file: GoFile, name: str) -> list[Node]:
    return [n for n in query.walk(file.tree.root_node, ("identifier",)) if file.text(n) == name]


def test_declaration_of_finds_the_nearest_declaration() -> None:
    file = _file()
    xs = _idents(file, "x")
    outer_decl, inner_decl, inner_use, outer_use = xs
    assert scope.declaration_of("x", inner_use, file.source) == inner_decl.parent.parent
    assert scope.declaration_of("x", outer_use, file.source) == outer_decl.parent.parent
    i_use = _idents(file, "i")[-1]
    assert scope.declaration_of("i", i_use, file.source).type == "for_clause"  # type: ignore[union-attr]
    y_use = _idents(file, "y")[-1]
    assert scope.declaration_of("y", y_use, file.source).type == "short_var_declaration"  # type: ignore[union-attr]


def test_declaration_of_parameters_and_package_names() -> None:
    file = _file()
    a_in_literal = _idents(file, "a")[-2]  # use(a, global) inside the literal
    decl = scope.declaration_of("a", a_in_literal, file.source)
    assert decl is not None and decl.type == "func_literal"
    a_outer = _idents(file, "a")[-1]  # g(a)
    decl = scope.declaration_of("a", a_outer, file.source)
    assert decl is not None and decl.type == "function_declaration"
    r_use = _idents(file, "r")[-1]
    assert scope.declaration_of("r", r_use, file.source) == decl  # a named result
    assert scope.declaration_of("global", _idents(file, "global")[-1], file.source) is None


def test_call_arguments_leave_comments_out() -> None:
    file = GoFile.from_source("p.go", b"package p\n\nvar _ = f(1, /* two */ 2)\n")
    call = next(query.walk(file.tree.root_node, ("call_expression",)))
    assert [file.text(a) for a in scope.call_arguments(call)] == ["1", "2"]


def test_float_literals_that_are_whole_numbers_are_constants() -> None:
    file = GoFile.from_source(
        "p.go", b"package p\n\nconst big = 1e9\n\nvar _ = []float64{big, 2.5e8, 1.5, 1e-3, 0x1p4}\n"
    )
    elements = query.walk(file.tree.root_node, ("literal_element",))
    values = [file.const_value(e.named_children[0]) for e in elements]
    assert values == [1_000_000_000, 250_000_000, None, None, None]


def test_imported_paths_in_a_statement() -> None:
    file = _file()
    by_text = {
        file.text(c).split("(")[0]: c for c in query.walk(file.tree.root_node, ("call_expression",))
    }
    assert calls.imported_paths_in(by_text["fmt.Println"], file) == ("fmt", "runtime", "strings")
    assert calls.imported_paths_in(by_text["GC"], file) == ("runtime",)
