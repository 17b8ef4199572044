"""A thread limit set below what the runtime needs

## What it does
Finds `debug.SetMaxThreads(n)` (package `runtime/debug`) where `n` is a constant below the
threshold (1000 by default; setting `threshold`), and deletes the statement, so that the
runtime's default limit of 10000 threads applies again. The `runtime/debug` import goes too
when nothing else uses it. A call whose result is used is reported without a fix.

## Why is this bad?
Every goroutine blocked in a system call, every cgo call and every idle processor woken to
run a goroutine can need an OS thread of its own. When the process needs one more thread
than the limit, the runtime does not wait: it prints `runtime: program exceeds 5-thread
limit` and `fatal error: thread exhaustion` and the whole program dies. In exercise 8
(`SetMaxThreads(5)`, 20 goroutines reading a file), the process starts with 4 threads; the
crash depends on timing and cores: none in 20 runs at GOMAXPROCS 1 or 2, but 2 to 4 in 20
runs at GOMAXPROCS 4, 8 and 16, and it should grow with real core counts. `SetMaxThreads`
also crashes at the moment it is called when the process already has more threads than the
new limit.

The exercise's advice, "raise it to 2000 or higher", is wrong: the runtime's default is
10000, so `SetMaxThreads(2000)` still *lowers* the limit (it stopped the crash in 100 runs
only because 2000 is far above 5). gomend never writes a number: it deletes the call.

## Example
```go
func main() {
        debug.SetMaxThreads(5)
        serve()
}
```

## Use instead
```go
func main() {
        serve()
}
```
The limit exists to stop a runaway program that creates threads without bound; the default
already does that. If you need a lower ceiling on purpose, set the threshold in the
configuration (`[tool.gomend.low-max-threads] threshold = 100`) or add
`//gomend:ignore low-max-threads <reason>`.

## Fix safety
Safe: the fix only raises the limit back to the default, which no correct program can
notice. When the result of the call is used (`old := debug.SetMaxThreads(5)`, a deferred
restore), gomend reports without a fix, since deleting the call would leave the use
without a value. Non-constant arguments and constants at or above the threshold are left
alone, and so are `_test.go` files, where a low limit is usually the thing under test.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety, Setting
from gomend.engine.go import scope

SET_MAX_THREADS = Call("runtime/debug", "SetMaxThreads")
DEFAULT_MAX_THREADS = 10000


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = call.child_by_field_name("arguments")
    if args is None or args.named_child_count != 1:
        return None
    value = file.const_value(args.named_children[0])
    threshold = int(m.setting("threshold"))
    if value is None or value >= threshold:
        return None
    message = (
        f"debug.SetMaxThreads({value}) lowers the thread limit from the default of "
        f"{DEFAULT_MAX_THREADS}, so a burst of blocked goroutines crashes the program "
        "with thread exhaustion"
    )
    if not scope.is_expression_statement(call):
        return m.report(call, message + "; remove the call and the use of its result")
    fix = m.fix_deleting(call, Safety.SAFE, drop_imports=(SET_MAX_THREADS.path,))
    return m.report(call, message + "; remove the call", fix)


CODEMOD = Codemod(
    id="low-max-threads",
    title="Remove debug.SetMaxThreads calls that lower the thread limit below the default",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(SET_MAX_THREADS,),
    settings=(
        Setting(
            name="threshold",
            kind="int",
            default=1000,
            help="constant limits below this are reported and removed",
        ),
    ),
    skip_test_files=True,
)
