"""A library sets GOMAXPROCS for the whole process

## What it does
Finds `runtime.GOMAXPROCS(n)` calls that set the value (`n` is not a constant below 1) in a
package not named `main`, and deletes the statement; an `init` function left empty goes
too, with its doc comment, and so does the `runtime` import when nothing else uses it.

Left alone: queries (`GOMAXPROCS(0)` or a negative constant); `GOMAXPROCS(NumCPU())` on
Go 1.25 or later, which `gomaxprocs-obsolete` reports; package `main`, where the
setting is the application's own choice; tests (`_test.go` files, Test/Benchmark/Fuzz/
Example functions, helpers taking a `*testing.T`); a change the function undoes itself
(`defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))`, or a saved value passed back, as
`testing.AllocsPerRun` does); and a value set inside a loop from a variable, a sweep over
settings such as `go test -cpu 1,2,4` runs.

## Why is this bad?
GOMAXPROCS is a process-wide setting, and it belongs to the application. Exercise 2's
library calls `runtime.GOMAXPROCS(4)` in `init`: measured on Go 1.27 on a 2-CPU machine,
every program importing it runs with 4, whatever the machine has. It also overrides the
`GOMAXPROCS` environment variable (`GOMAXPROCS=8` gives 4) and the CPU affinity
(`taskset -c 0` gives 4), and it switches off Go 1.25+'s automatic updates: widening the
affinity from 1 to 2 CPUs leaves it at 4. Without the call the same program gets 2, the
variable and the affinity are obeyed, and the value follows an affinity change (1 to 2)
within 1.1-2.1 s. The exercise undersells it: the call does more than cap or oversubscribe
the CPUs.

## Example
```go
package coollib

import "runtime"

func init() {
        runtime.GOMAXPROCS(4) // "we use 4 cores efficiently"
}
```

## Use instead
```go
package coollib
```
Document the setting you recommend, and let the application set it (the `GOMAXPROCS`
environment variable, or `runtime.GOMAXPROCS` in its own `main`).

## Fix safety
Safe only in an `init` function, the exercise's shape: merely importing the package changes
the whole process, and deleting the call gives the application back the runtime's default,
which is what it had without the library. Unsafe in any other function, which an
application calls on purpose: a shim's or a re-exec child's start-up function may pin
itself to one or two threads deliberately, so review it. When the result is used (`prev := runtime.GOMAXPROCS(4)`), when
the value is not a constant (a caller's argument, such as a `SetProcs(n int)` API, may be
the application's choice relayed), or when the call shares its line with other code,
gomend reports without a fix.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, deletion, facts, query, scope, version
from gomend.engine.go.edits import (
    Edit,
    delete_declaration,
)
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.shape import Not, shape

# every call that sets the value is something other than GOMAXPROCS(0), the plain query
SETS = shape("GOMAXPROCS", "[|(", Not("0 )"))


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    if file.package_name.endswith("_test"):  # package main: skip_packages
        return None
    value = _argument_value(call, file)
    if value is not None and value < 1:
        return None  # a query
    if facts.is_test_code(call, file):
        return None
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if body is not None and _restored(body, file):
        return None
    if value is None and scope.enclosing_loop(call) is not None:
        return None  # a sweep over settings, as go test -cpu runs
    arg = _argument(call)
    if arg is not None and calls.is_call(query.unparen(arg), file, "runtime", "NumCPU"):
        if version.at_least(file.go_version, (1, 25)):
            return None  # GOMAXPROCS(NumCPU()) on Go 1.25: gomaxprocs-obsolete's finding

    argument = _argument_text(call, file)
    message = (
        f"runtime.GOMAXPROCS({argument}) in a library overrides the application's setting "
        "and the GOMAXPROCS variable for the whole process"
    )
    statement = call.parent
    if statement is None or statement.type != "expression_statement":
        return m.report(call, message + "; leave the setting to the application")
    if value is None:
        return m.report(call, message + "; let the application choose the value")
    edit = _delete(statement, func, body, file)
    if edit is None:
        return m.report(call, message + "; remove it")
    # in init, merely importing the package changes the process: the exercise's shape; any
    # other function is one an application calls on purpose (a shim's or re-exec child's
    # entry point that pins itself to one or two threads), so review it there
    safety = Safety.SAFE if func is not None and facts.is_init_func(func, file) else Safety.UNSAFE
    return m.report(call, message + "; remove it", m.fix([edit], safety, drop_imports=("runtime",)))


def _argument(call: Node) -> Node | None:
    args = call.child_by_field_name("arguments")
    if args is None or args.named_child_count != 1:
        return None
    return args.named_children[0]


def _argument_value(call: Node, file: GoFile) -> int | None:
    arg = _argument(call)
    return file.const_value(arg) if arg is not None else None


def _argument_text(call: Node, file: GoFile) -> str:
    arg = _argument(call)
    return file.text(arg) if arg is not None else ""


def _restored(body: Node, file: GoFile) -> bool:
    """Whether the function undoes its own change: a GOMAXPROCS call whose argument is
    another GOMAXPROCS call, or a name that holds a GOMAXPROCS result."""
    found = calls.calls_in(body, file, "runtime", "GOMAXPROCS")
    saved: set[str] = set()
    for c in found:
        holder = c.parent
        if holder is not None and holder.type == "expression_list":
            holder = holder.parent
        if holder is not None and holder.type in ("short_var_declaration", "assignment_statement"):
            left = holder.child_by_field_name("left")
            if left is not None:
                saved |= {file.text(n) for n in left.named_children if n.type == "identifier"}
        elif holder is not None and holder.type == "var_spec":
            saved |= {file.text(n) for n in holder.children_by_field_name("name")}
    for c in found:
        arg = _argument(c)
        if arg is None:
            continue
        arg = query.unparen(arg)
        if calls.is_call(arg, file, "runtime", "GOMAXPROCS"):
            return True
        if arg.type == "identifier" and file.text(arg) in saved:
            return True
    return False


def _delete(statement: Node, func: Node | None, body: Node | None, file: GoFile) -> Edit | None:
    """Delete the statement, or the whole ``init`` when nothing else is left in it."""
    edit = deletion.delete_cleanly(statement, file, with_comment_above=True)
    if edit is None or func is None or body is None:
        return edit
    if func.type != "function_declaration" or scope.function_name(func, file.source) != "init":
        return edit
    if func.child_by_field_name("receiver") is not None:
        return edit
    inside = file.source[body.start_byte + 1 : body.end_byte - 1]
    rest = inside[: edit.start - body.start_byte - 1] + inside[edit.end - body.start_byte - 1 :]
    if rest.strip():
        return edit  # other statements or comments stay, and so does init
    return delete_declaration(func, file.source)


CODEMOD = Codemod(
    id="gomaxprocs-in-library",
    title="Remove runtime.GOMAXPROCS calls that set the value from library packages",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call("runtime", "GOMAXPROCS"),),
    shape=SETS,
    skip_packages=("main",),
    skip_test_files=True,
)
