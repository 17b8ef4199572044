"""Imports: local names, shadowing and the import declarations a parse has."""

from __future__ import annotations

from gomend.engine.go.imports import ImportTable, default_package_name, is_shadowed
from gomend.engine.go.parse import parse
from gomend.engine.go.query import walk


def test_local_names() -> None:
    src = b'package p\n\nimport (\n\t"fmt"\n\trt "runtime"\n\t. "context"\n\t_ "embed"\n\t"C"\n\t"gopkg.in/yaml.v3"\n\t"example.com/mod/v2"\n)\n'
    table = ImportTable(parse(src), src)
    assert table.names_for("fmt") == {"fmt"}
    assert table.names_for("runtime") == {"rt"}
    assert table.is_dot_imported("context")
    assert table.names_for("embed") == set()
    assert [s.kind for s in table.specs] == [
        "default",
        "alias",
        "dot",
        "blank",
        "cgo",
        "default",
        "default",
    ]
    assert table.path_of("yaml") == "gopkg.in/yaml.v3"
    assert table.path_of("mod") == "example.com/mod/v2"
    assert table.qualifier("runtime") == "rt."
    assert table.qualifier("context") == ""
    assert table.qualifier("net/http") == "http."
    assert default_package_name("github.com/x/go-foo") == "foo"


def test_shadowing_by_parameter_local_and_receiver() -> None:
    src = (
        b'package p\n\nimport "runtime"\n\n'
        b"type T struct{}\n\n"
        b"func (runtime T) m() { runtime.GC() }\n\n"
        b"func f(runtime int) { runtime.GC() }\n\n"
        b"func g() { runtime := 1; runtime.GC() }\n\n"
        b"func h() { runtime.GC(); runtime := 1; _ = runtime }\n\n"
        b"func k() { for runtime := range 3 { runtime.GC() } }\n\n"
        b"func l() { func(runtime int) {}(1); runtime.GC() }\n"
    )
    tree = parse(src)
    calls = [
        n
        for n in walk(tree.root_node, ("call_expression",))
        if src[n.start_byte : n.end_byte] == b"runtime.GC()"
    ]
    assert [is_shadowed("runtime", c, src) for c in calls] == [True, True, True, False, True, False]


def test_shadowing_by_a_result_declared_after_the_use() -> None:
    src = b"package p\n\nfunc f(x runtime.T) (runtime int) { return }\n"
    tree = parse(src)
    operand = next(
        n
        for n in walk(tree.root_node, ("package_identifier",))
        if src[n.start_byte : n.end_byte] == b"runtime"
    )
    assert is_shadowed("runtime", operand, src)


def test_shadowing_where_every_other_spelling_is_a_selector() -> None:
    src = (
        b'package p\n\nimport "runtime"\n\n'
        b"func f() { runtime.GC(); runtime.\n\tGC() }\n\n"
        b"func g(runtime...int) { runtime.GC() }\n\n"
        b"func h(x int, runtime []int) { runtime.GC() }\n\n"
        b"func k() { var runtime = 1; runtime.GC() }\n\n"
        b"func m() (runtime.T, error) { runtime.GC() }\n"
    )
    tree = parse(src)
    calls = [
        n for n in walk(tree.root_node, ("call_expression",)) if n.parent.type != "call_expression"
    ]
    calls = [c for c in calls if src[c.start_byte : c.start_byte + 8] == b"runtime."]
    assert [is_shadowed("runtime", c, src) for c in calls] == [
        False,
        False,
        True,
        True,
        True,
        False,
    ]


def test_import_declarations_wherever_the_parse_has_them() -> None:
    src = (
        b'package p\n\nimport "fmt"\n\nfunc f() {}\n\n// an import\nimport rt "runtime"\n\n'
        b'import (\n\t"os"\n\t"io" +\n)\n\n// import "net"\n'
    )
    table = ImportTable(parse(src), src)
    assert [(s.path, s.local) for s in table.specs] == [
        ("fmt", "fmt"),
        ("runtime", "rt"),
        ("os", "os"),
        ("io", "io"),
    ]
