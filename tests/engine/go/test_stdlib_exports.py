"""engine/go/stdlib_exports.py: the checked-in data is what the Go toolchain says today, it
covers the whole importable standard library, and dropping a dot import uses it."""

from __future__ import annotations

import json

from gomend.engine.go import stdlib_exports
from gomend.engine.go.import_edits import drop_unused_imports
from gomend.engine.go.stdlib_exports import exported_names
from gomend.engine.go.stdlib_generate import generate, render
from gomend.engine.go.toolchain import go_binary

REGENERATE = "python -m gomend.engine.go.stdlib_generate"


def test_the_checked_in_data_is_what_the_toolchain_gives() -> None:
    fresh = generate(go_binary())  # no Go toolchain: GoMissing, never a skip
    with open(stdlib_exports.DATA, encoding="utf-8") as fh:
        kept = fh.read()
    assert json.loads(kept)["go"] == fresh["go"], (
        f"the data comes from {json.loads(kept)['go']}, the toolchain is {fresh['go']}: "
        f"run {REGENERATE}"
    )
    assert kept == render(fresh), f"stdlib_exports.json is stale: run {REGENERATE}"


def test_the_data_covers_the_standard_library_and_nothing_else() -> None:
    with open(stdlib_exports.DATA, encoding="utf-8") as fh:
        packages = json.load(fh)["packages"]
    assert len(packages) > 150
    assert not [p for p in packages if p.startswith("cmd/") or "internal" in p.split("/")]
    assert {"Stack", "GC", "LockOSThread", "AddCleanup", "GOMAXPROCS"} <= exported_names("runtime")
    assert "CancelFunc" in exported_names("context")
    assert "stack" not in exported_names("runtime")  # unexported
    assert "Lock" not in exported_names("sync")  # a method, not a package-level name
    assert exported_names("example.com/runtime") is None


def test_a_dot_import_of_any_standard_package_is_dropped_when_unused() -> None:
    source = b'package p\n\nimport (\n\t. "strings"\n\t"fmt"\n)\n\nfunc f() { fmt.Println() }\n'
    assert b'"strings"' not in drop_unused_imports(source, ["strings"])
    used = source.replace(b"fmt.Println()", b'fmt.Println(ToUpper("x"))')
    assert drop_unused_imports(used, ["strings"]) == used
    other = source.replace(b'. "strings"', b'. "example.com/strings"')
    assert drop_unused_imports(other, ["example.com/strings"]) == other  # unknown: kept
