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
Safe in a function that libraries or long-running code call: GC is off exactly while the
function runs, which is what a set-up phase meant. Unsafe in a function of package `main`
that only `main.main` or `init` calls, such as exercise 12's `setup()`: there GC-off may be
meant for the rest of the process (a short-lived command's `disableGC()` helper), which the
restore at its return would undo, so review it. Reported without a fix where GC is turned
off for the life of the process, in `main.main`, `init` and func literals inside them: a
short-lived command may run without a collector on purpose, and a deferred restore there
would run only at exit (or, for `init`, before main runs). It also reports without a fix
inside a loop (a `defer` in a loop piles up until return) and in a function that calls
`os.Exit` or `log.Fatal` (a deferred call would not run). Left alone: GC turned off just
before the function replaces the process image (`syscall.Exec`, `unix.Exec`, a raw
`SYS_EXECVE`), where no Go heap is left to grow.
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
    entry = scope.outermost_function(call) or func
    if facts.is_init_func(entry, file) or facts.is_main_func(entry, file):
        # GC off for the life of the process, as a short-lived command may want; a restore
        # at the end of main (or of a literal inside it) would come too late or too early
        name = scope.function_name(entry, file.source)
        return m.report(
            call,
            MESSAGE + f"; if the program is not short-lived, restore it where the set-up "
            f"phase ends (a defer in {name} runs only at exit)",
        )
    if scope.enclosing_loop(call) is not None:
        return m.report(call, MESSAGE + "; restore it after the loop")
    enders = [c for c in facts.calls_ending_process(body, file) if c.start_byte > call.end_byte]
    if any(facts.replaces_process(c, file) for c in enders):
        return None  # the process image is replaced next (exec): no heap is left to grow
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
    # a function of package main that only main or init calls may turn GC off for the rest
    # of the process on purpose (a disableGC helper); a restore at its return undoes that
    safety = Safety.UNSAFE if _called_only_at_start(func, file) else Safety.SAFE
    fix = m.fix(edits, safety, new_names=[prev])
    return m.report(call, MESSAGE + f"; restore it with defer debug.SetGCPercent({prev})", fix)


def _called_only_at_start(func: Node, file: GoFile) -> bool:
    """A function of package main whose every call is in ``main.main`` or an ``init``."""
    if file.package_name != "main" or func.type != "function_declaration":
        return False
    sites = facts.call_sites(func, file)
    if not sites:
        return False
    for site, owner in sites:
        caller = scope.outermost_function(site)
        if caller is None or not (
            facts.is_main_func(caller, owner) or facts.is_init_func(caller, owner)
        ):
            return False
    return True


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
