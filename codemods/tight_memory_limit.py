"""A memory limit set in code below what the program needs

## What it does
Finds `debug.SetMemoryLimit(n)` where `n` is a constant (shifts, products, sums, underscores,
conversions such as `int64(...)` and constants of the package are evaluated) at or above 0 and
below a threshold, 256 MiB unless configured. The unsafe fix deletes the statement, so the
limit comes from the `GOMEMLIMIT` environment variable (no limit when it is unset), and drops
the `runtime/debug` import when nothing else uses it.

## Why is this bad?
The memory limit is soft: when the live heap is larger than the limit, the runtime cannot get
under it and keeps collecting, up to its GC CPU limiter's cap of about 50% of the CPU. A limit
written into the code cannot follow the machine or container the program runs in. In exercise
10, 200 MB of live data under `SetMemoryLimit(50 << 20)` took 20-28 GC cycles in a 28 ms
allocation loop (5-6 with a 256 MiB limit), and 6-11 ms of GC CPU against 1-2 ms. In a
variant that kept allocating for 4 s, the 50 MiB limit caused 577-2488 GC cycles and 7-29%
of the process CPU went to GC; with 256 MiB, about 300 cycles and 9%; with no limit, about
75 cycles and 1%. The heap stayed at 200 MB in every case: the limit saves no memory.

## Example
```go
func main() {
        debug.SetMemoryLimit(50 << 20) // 50 MB
        serve()
}
```

## Use instead
```go
func main() {
        serve()
}
```
and set the limit where the deployment is known, to about 90% of the container's memory:
`GOMEMLIMIT=900MiB` for a 1 GiB container.

## Fix safety
Unsafe: the limit may have been chosen on purpose (a small container with a small heap), and
deleting it lets the heap grow to twice the live data under the default GC settings, which
may not fit. When the call's result is used, the call is not a statement of its own line, or
the package switches the collector off with `debug.SetGCPercent(-1)` (where the memory limit is
the only thing that makes it collect), gomend reports without a fix. Negative values (a query
of the current limit), `math.MaxInt64` (no limit), values at or above the threshold and values
that are not constants are left alone, and so are test files. Configure the threshold with
`threshold = "512MiB"` under `[tool.gomend.tight-memory-limit]`.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety, Setting
from gomend.engine.go import calls, consts, deletion, scope
from gomend.engine.go.file import GoFile

DEBUG = "runtime/debug"
MIB = 1 << 20


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = scope.call_arguments(call)
    if len(args) != 1:
        return None
    value = file.const_value(args[0])
    threshold = int(m.setting("threshold"))
    if value is None or value < 0 or value >= consts.MAX_INT64 or value >= threshold:
        return None
    message = (
        f"a memory limit of {_mib(value)} makes the garbage collector run continuously once "
        "the live heap nears it; remove the call and set GOMEMLIMIT to about 90% of the "
        "container's memory"
    )
    if _gc_switched_off(file):
        return m.report(
            call,
            message.split(";")[0] + "; with the collector switched off it is the only trigger, "
            "so raise it to about 90% of the container's memory rather than remove it",
        )
    if not scope.is_expression_statement(call):
        if call.parent is not None and call.parent.type in ("defer_statement", "go_statement"):
            return m.report(call, message)
        return m.report(
            call,
            message.replace(
                "remove the call and", "remove the call and the use of its result, and"
            ),
        )
    statement = call.parent
    assert statement is not None
    edit = deletion.delete_cleanly(statement, file, with_comment_above=True)
    if edit is None:
        return m.report(call, message)
    fix = m.fix([edit], Safety.UNSAFE, drop_imports=calls.imported_paths_in(statement, file))
    return m.report(call, message, fix)


def _mib(value: int) -> str:
    text = f"{value / MIB:.2f}".rstrip("0").rstrip(".")
    return f"{text} MiB"


def _gc_switched_off(file: GoFile) -> bool:
    """Whether the package calls ``debug.SetGCPercent`` with a negative constant."""
    for pkg_file in [file, *file.sibling_files(b"SetGCPercent")]:
        if not pkg_file.imports.imports(DEBUG):
            continue
        for call in calls.calls_in(
            pkg_file.tree.root_node, pkg_file, DEBUG, "SetGCPercent", same_body=False
        ):
            args = scope.call_arguments(call)
            value = pkg_file.const_value(args[0]) if len(args) == 1 else None
            if value is not None and value < 0:
                return True
    return False


CODEMOD = Codemod(
    id="tight-memory-limit",
    title="Remove memory limits set in code below the working set of most programs",
    doc=__doc__ or "",
    safety=Safety.UNSAFE,
    rewrite=rewrite,
    calls=(Call(DEBUG, "SetMemoryLimit"),),
    settings=(
        Setting(
            name="threshold",
            kind="bytes",
            default=256 << 20,
            help="constant memory limits below this (in bytes, or a size such as 256MiB) are reported",
        ),
    ),
    skip_test_files=True,
)
