"""Imports: local names, shadowing, and adding or dropping over many layouts, checked by gofmt."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gomend.engine.go.imports import (
    ImportTable,
    default_package_name,
    drop_unused_imports,
    ensure_imports,
    is_shadowed,
)
from gomend.engine.go.parse import parse
from gomend.engine.go.query import walk
from gomend.engine.go.toolchain import gofmt_binary

# (name, source, paths to add, paths to drop, expected output)
LAYOUTS = [
    (
        "grouped-add-sorted",
        'package p\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nvar _ = fmt.Sprint\nvar _ = runtime.GC\nvar _ = os.Exit\n',
        ["os"], [],
        'package p\n\nimport (\n\t"fmt"\n\t"os"\n\t"runtime"\n)\n\nvar _ = fmt.Sprint\nvar _ = runtime.GC\nvar _ = os.Exit\n',
    ),
    (
        "single-becomes-block",
        'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\nvar _ = time.Now\n',
        ["time"], [],
        'package p\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nvar _ = fmt.Sprint\nvar _ = time.Now\n',
    ),
    (
        "aliased-drop",
        'package p\n\nimport (\n\t"fmt"\n\trt "runtime"\n)\n\nvar _ = fmt.Sprint\n',
        [], ["runtime"],
        'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n',
    ),
    (
        "aliased-kept-when-used",
        'package p\n\nimport rt "runtime"\n\nvar _ = rt.GC\n',
        [], ["runtime"],
        'package p\n\nimport rt "runtime"\n\nvar _ = rt.GC\n',
    ),
    (
        "dot-drop",
        'package p\n\nimport (\n\t. "runtime"\n\t"fmt"\n)\n\nvar _ = fmt.Sprint\n',
        [], ["runtime"],
        'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n',
    ),
    (
        "dot-kept-when-used",
        'package p\n\nimport . "runtime"\n\nvar _ = NumCPU\n',
        [], ["runtime"],
        'package p\n\nimport . "runtime"\n\nvar _ = NumCPU\n',
    ),
    (
        "blank-import-stays-and-path-added",
        'package p\n\nimport _ "net/http/pprof"\n\nvar _ = http.Error\n',
        ["net/http"], [],
        'package p\n\nimport (\n\t"net/http"\n\t_ "net/http/pprof"\n)\n\nvar _ = http.Error\n',
    ),
    (
        "comments-kept",
        'package p\n\nimport (\n\t"fmt" // printing\n\t"runtime" // GC\n)\n\nvar _ = fmt.Sprint\n',
        [], ["runtime"],
        'package p\n\nimport (\n\t"fmt" // printing\n)\n\nvar _ = fmt.Sprint\n',
    ),
    (
        "cgo-left-alone",
        'package p\n\n// #include <stdlib.h>\nimport "C"\n\nvar _ = runtime.GC\n',
        ["runtime"], [],
        'package p\n\n// #include <stdlib.h>\nimport "C"\n\nimport "runtime"\n\nvar _ = runtime.GC\n',
    ),
    (
        "none-at-all",
        "package p\n\nvar _ = time.Now\n",
        ["time"], [],
        'package p\n\nimport "time"\n\nvar _ = time.Now\n',
    ),
    (
        "none-at-all-two",
        "package p\n\nvar _ = time.Now\nvar _ = log.Print\n",
        ["time", "log"], [],
        'package p\n\nimport (\n\t"log"\n\t"time"\n)\n\nvar _ = time.Now\nvar _ = log.Print\n',
    ),
    (
        "std-group-before-third-party",
        'package p\n\nimport (\n\t"fmt"\n\n\t"example.com/x"\n)\n\nvar _ = fmt.Sprint\nvar _ = x.Y\nvar _ = time.Now\n',
        ["time"], [],
        'package p\n\nimport (\n\t"fmt"\n\t"time"\n\n\t"example.com/x"\n)\n\nvar _ = fmt.Sprint\nvar _ = x.Y\nvar _ = time.Now\n',
    ),
    (
        "drop-only-member-of-a-group",
        'package p\n\nimport (\n\t"fmt"\n\n\t"runtime/debug"\n)\n\nvar _ = fmt.Sprint\n',
        [], ["runtime/debug"],
        'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n',
    ),
    (
        "drop-the-only-import",
        'package p\n\nimport (\n\t"runtime"\n)\n\nfunc f() {}\n',
        [], ["runtime"],
        "package p\n\nfunc f() {}\n",
    ),
    (
        "drop-single-declaration",
        'package p\n\nimport "fmt"\nimport "runtime"\n\nvar _ = fmt.Sprint\n',
        [], ["runtime"],
        'package p\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n',
    ),
    (
        "add-and-drop-together",
        'package p\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nvar _ = fmt.Sprint\nvar _ = http.Error\n',
        ["net/http"], ["runtime"],
        'package p\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nvar _ = fmt.Sprint\nvar _ = http.Error\n',
    ),
]  # fmt: skip


def transform(src: bytes, add: list[str], drop: list[str]) -> bytes:
    return ensure_imports(drop_unused_imports(src, drop), add)


@pytest.mark.parametrize(
    ("name", "src", "add", "drop", "expected"), LAYOUTS, ids=[c[0] for c in LAYOUTS]
)
def test_import_layouts(
    name: str, src: str, add: list[str], drop: list[str], expected: str
) -> None:
    assert transform(src.encode(), add, drop).decode() == expected
    # add and drop commute
    assert drop_unused_imports(ensure_imports(src.encode(), add), drop).decode() == expected
    # a second pass changes nothing
    assert transform(expected.encode(), add, drop).decode() == expected


def test_crlf_layout_keeps_crlf() -> None:
    src = b'package p\r\n\r\nimport "fmt"\r\n\r\nvar _ = fmt.Sprint\r\nvar _ = time.Now\r\n'
    out = ensure_imports(src, ["time"], crlf=True)
    assert (
        out
        == b'package p\r\n\r\nimport (\r\n\t"fmt"\r\n\t"time"\r\n)\r\n\r\nvar _ = fmt.Sprint\r\nvar _ = time.Now\r\n'
    )


def test_every_layout_output_is_gofmt_clean(tmp_path: Path) -> None:
    for name, _src, _add, _drop, expected in LAYOUTS:
        (tmp_path / f"{name}.go").write_text(expected)
    listed = subprocess.run(
        [gofmt_binary(), "-l", "."], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert listed.stdout == ""


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
