"""Import edits: adding and dropping over many layouts, checked by gofmt."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gomend.engine.go.import_edits import drop_unused_imports, ensure_imports
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
