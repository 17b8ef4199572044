"""Garbage collection switched off and never switched back on

## What it does
Finds `debug.SetGCPercent(-1)` (package `runtime/debug`; any negative constant) as a
statement in a function that neither calls `SetGCPercent` again after it nor defers a
restore, and makes the function restore the previous setting when it returns:
`prev := debug.SetGCPercent(-1)` followed by `defer debug.SetGCPercent(prev)` (`prev2`...
when `prev` is taken). Files whose package sets a memory limit (`debug.SetMemoryLimit`, in
the file or a sibling file of the same package) are left alone, and so are `_test.go` files.

## Why is this bad?
`SetGCPercent(-1)` turns the collector off for the whole process, not for the function that
calls it. Used to speed up a start-up phase and never undone, it leaves every later
allocation uncollected, so the heap only grows until the process runs out of memory. In
exercise 12, `setup()` turns GC off and returns; main then allocates 200 buffers of 1 MiB:
0 GC cycles ran and `/gc/gogc:percent` still read -1 (off) at the end. With the setting
restored the same program ran 6 cycles with GOGC back at 100. The exercise's program keeps
every buffer, so its heap reads 200 MB either way; in a variant that drops each buffer after
use, the heap stayed at 200 MB with GC off and at 3 MB (66 cycles) with it restored.

## Example
```go
func setup() {
        debug.SetGCPercent(-1)
        loadTables()
}
```

## Use instead
```go
func setup() {
        prev := debug.SetGCPercent(-1)
        defer debug.SetGCPercent(prev)
        loadTables()
}
```
or, in one line, `defer debug.SetGCPercent(debug.SetGCPercent(-1))`. To run without GC on
purpose, pair it with a memory limit (`debug.SetMemoryLimit`, or `GOGC=off` with
`GOMEMLIMIT`), which the runtime documents as a valid setup.

## Fix safety
Safe: GC is off exactly while the function runs, which is what a set-up phase meant. In
`main.main` and `init`, where a deferred call runs only when the program exits (or, for
`init`, right away, before main runs), gomend reports without a fix: decide where the
set-up phase ends and restore the setting there. It also reports without a fix inside a
loop (a `defer` in a loop piles up until return) and in a function that calls `os.Exit` or
`log.Fatal` (a deferred call would not run).

One shape to review: a helper whose only job is to switch GC off for its caller
(`func disableGC() { debug.SetGCPercent(-1) }`) becomes a no-op, since GC comes back on
when it returns. gomend cannot tell it from a set-up function whose work is elided (the
exercise's `setup()` holds nothing but the call and comments); if GC-off is meant to
outlive the function, set a memory limit next to it, or add
`//gomend:ignore gc-left-disabled <reason>`.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, facts, scope
from gomend.engine.go.edits import Edit, insert_line_after, statement_alone_on_line
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

DEBUG = "runtime/debug"
MESSAGE = "debug.SetGCPercent(-1) turns garbage collection off for the whole process and nothing turns it back on, so the heap grows without bound"


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    if not scope.is_expression_statement(call):
        return None
    args = call.child_by_field_name("arguments")
    if args is None or args.named_child_count != 1:
        return None
    value = file.const_value(args.named_children[0])
    if value is None or value >= 0:
        return None
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if func is None or body is None:
        return None
    if _restored(body, call, file) or _package_sets_memory_limit(file):
        return None
    name = scope.function_name(func, file.source)
    if func.type == "function_declaration" and (
        name == "init" or (name == "main" and file.package_name == "main")
    ):
        return m.report(
            call,
            MESSAGE
            + f"; restore it where the set-up phase ends (a defer in {name} runs only at exit)",
        )
    if scope.enclosing_loop(call) is not None:
        return m.report(call, MESSAGE + "; restore it after the loop")
    if facts.calls_ending_process(body, file):
        return m.report(
            call, MESSAGE + "; restore it before the function ends (a defer would not run)"
        )
    statement = call.parent
    assert statement is not None
    if not statement_alone_on_line(statement, file.source):  # func() { debug.SetGCPercent(-1) }
        return m.report(call, MESSAGE + "; restore it with a deferred debug.SetGCPercent")
    prev = file.fresh_name("prev", call)
    function = call.child_by_field_name("function")
    assert function is not None
    edits = [
        Edit(call.start_byte, call.start_byte, f"{prev} := "),
        insert_line_after(statement, file.source, f"defer {file.text(function)}({prev})"),
    ]
    fix = m.fix(edits, Safety.SAFE, new_names=[prev])
    return m.report(call, MESSAGE + f"; restore it with defer debug.SetGCPercent({prev})", fix)


def _restored(body: Node, call: Node, file: GoFile) -> bool:
    """A later ``SetGCPercent`` call, or a deferred one anywhere, in the same function (func
    literals it defers included)."""
    for other in calls.calls_in(body, file, DEBUG, "SetGCPercent", same_body=False):
        if other.start_byte > call.end_byte or facts.in_defer(other, body):
            return True
    return False


def _package_sets_memory_limit(file: GoFile) -> bool:
    """``debug.SetMemoryLimit`` in this file or a sibling file of the same package."""
    root = file.tree.root_node
    if calls.calls_in(root, file, DEBUG, "SetMemoryLimit", same_body=False):
        return True
    for sibling in file.sibling_files(b"SetMemoryLimit"):
        if calls.calls_in(
            sibling.tree.root_node, sibling, DEBUG, "SetMemoryLimit", same_body=False
        ):
            return True
    return False


CODEMOD = Codemod(
    id="gc-left-disabled",
    title="Restore the GC percent that debug.SetGCPercent(-1) switched off",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call(DEBUG, "SetGCPercent"),),
    skip_test_files=True,
)
