"""GOMAXPROCS set by hand to the CPU count, which Go 1.25 and later do better themselves

## What it does
On Go 1.25 or later (the `go` line of the nearest `go.mod`), finds
`runtime.GOMAXPROCS(runtime.NumCPU())` as a statement, in any package (`main` included), and
the blank import of `go.uber.org/automaxprocs`, and deletes them (the `runtime` import goes
too when nothing else uses it). On an older `go` line it is silent: there the call or the
import still does something the runtime does not.

Left alone: any other argument (`GOMAXPROCS(1)`, `GOMAXPROCS(n)`: a choice, which
`gomaxprocs-in-library` judges in libraries), `_test.go` files (a test sets and restores the
value on purpose), and modules on Go 1.24 or older. A call whose
result is used (`prev := runtime.GOMAXPROCS(runtime.NumCPU())`) is reported without a fix.

## Why is this bad?
Since Go 1.25 the runtime sets `GOMAXPROCS` from the container's CPU limit (the cgroup's
CPU quota, rounded up, and never below 2 when the limit allows more than one CPU) instead
of the machine's CPU count, and updates it while the program runs when the limit changes.
A program that sets `GOMAXPROCS` itself turns both off: `runtime.GOMAXPROCS(runtime.NumCPU())`
asks for every CPU of the machine, which in a container limited to 2 CPUs of a 64-CPU host
means 64 threads running Go code, throttled by the quota. `go.uber.org/automaxprocs` did the
container part before Go 1.25, once at start-up; on Go 1.25 it sets the value by hand and so
stops the runtime's own updates. The runtime's rule is in `runtime/proc.go`
(`defaultGOMAXPROCS`); `GODEBUG=containermaxprocs=0` and `updatemaxprocs=0` turn it off.

## Example
```go
import _ "go.uber.org/automaxprocs"

func main() {
        runtime.GOMAXPROCS(runtime.NumCPU())
        serve()
}
```

## Use instead
```go
func main() {
        serve()
}
```
and a `go 1.25` (or later) line in `go.mod`.

## Fix safety
Unsafe: the runtime's value can differ from what the program set. Go rounds a fractional CPU
limit up (a 1.5 CPU quota gives 2, where automaxprocs rounded down to 1) and never goes
below 2, and `NumCPU` counts the CPUs the process may run on (its affinity mask), which the
runtime's default also honours but a cgroup limit may lower. Review a deployment that
depends on the exact value.
"""

from __future__ import annotations

from gomend.engine.codemod import Codemod, Finding, Match, Safety
from gomend.engine.go import calls, query, scope, version
from gomend.engine.go.import_edits import delete_import
from gomend.engine.go.parse import Node

AUTOMAXPROCS = "go.uber.org/automaxprocs"
SINCE = (1, 25)

# two patterns, not one alternation: the import's has no name to anchor on, so the whole
# file is searched
QUERY = """
(call_expression
   function: [(selector_expression field: (field_identifier) @name) (identifier) @name]
   (#eq? @name "GOMAXPROCS")) @call

(import_spec path: (_) @path) @import
"""

MESSAGE = {
    "call": (
        "runtime.GOMAXPROCS(runtime.NumCPU()) turns off what Go 1.25 does by itself: setting "
        "GOMAXPROCS from the container's CPU limit and following it while the program runs"
    ),
    "import": (
        "go.uber.org/automaxprocs sets GOMAXPROCS by hand, which on Go 1.25 turns off the "
        "runtime's own: GOMAXPROCS from the container's CPU limit, followed while the program runs"
    ),
}


def rewrite(m: Match) -> Finding | None:
    file = m.file
    if not version.at_least(file.go_version, SINCE):
        return None
    if "import" in m.captures:
        return _import(m, m["import"])
    call = m["call"]
    if not calls.is_call(call, file, "runtime", "GOMAXPROCS"):
        return None
    args = scope.call_arguments(call)
    if len(args) != 1 or not calls.is_call(query.unparen(args[0]), file, "runtime", "NumCPU"):
        return None
    if not scope.is_expression_statement(call):
        return m.report(call, MESSAGE["call"] + "; stop using its result and remove it")
    fix = m.fix_deleting(call, Safety.UNSAFE, drop_imports=("runtime",))
    return m.report(call, MESSAGE["call"] + "; remove it", fix)


def _import(m: Match, spec: Node) -> Finding | None:
    file = m.file
    found = next((s for s in file.imports.specs if s.spec == spec), None)
    if found is None or found.path != AUTOMAXPROCS or found.kind != "blank":
        return None  # the path as Go reads it: raw or with escapes
    edit = delete_import(spec, file.imports, file.source)
    if edit is None:
        return m.report(spec, MESSAGE["import"] + "; remove the import")
    return m.report(spec, MESSAGE["import"] + "; remove the import", m.fix([edit], Safety.UNSAFE))


CODEMOD = Codemod(
    id="gomaxprocs-obsolete",
    title="Remove GOMAXPROCS(NumCPU()) and automaxprocs on Go 1.25, which sets GOMAXPROCS itself",
    doc=__doc__ or "",
    safety=Safety.UNSAFE,
    rewrite=rewrite,
    query=QUERY,
    imports=("runtime", AUTOMAXPROCS),
    # every finding spells one of these as a word: the argument's call, or the path's end
    names=("NumCPU", "automaxprocs"),
    skip_test_files=True,
)
