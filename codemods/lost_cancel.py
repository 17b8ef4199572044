"""The cancel function of a derived context is thrown away

## What it does
Finds `context.WithCancel`, `WithTimeout`, `WithDeadline` and their `...Cause` variants whose
cancel function is assigned to `_` (with `:=`, `=` or `var`), and keeps it: the blank becomes
a fresh name (`cancel`, or `cancel2`... when that is taken) and `defer cancel()` follows the
statement (`defer cancel(nil)` for `WithCancelCause`, whose function takes a cause).

## Why is this bad?
A derived context holds resources (a timer, a child link in its parent) until it is
cancelled. Throwing the cancel function away means that only the parent's end or the
deadline releases them, and every goroutine waiting on `ctx.Done()` waits that long. In
exercise 7, 1,000 workers started with `ctx, _ := context.WithCancel(...)` all keep running:
`runtime.NumGoroutine()` reports 1,001, and `go vet`'s lostcancel check flags the line.

## Example
```go
func fetch(parent context.Context) error {
        ctx, _ := context.WithTimeout(parent, time.Second)
        return call(ctx)
}
```

## Use instead
```go
func fetch(parent context.Context) error {
        ctx, cancel := context.WithTimeout(parent, time.Second)
        defer cancel()
        return call(ctx)
}
```

## Fix safety
Safe outside loops, for a context that stays in the function. When the context leaves it
(returned, stored in a field, a package variable, a map or slice, sent on a channel, captured
by a func literal that outlives the call), gomend reports without a fix: a deferred cancel
would cancel it for whoever holds it, the moment the function returns. Inside a loop body, or
when the context is handed to a `go` statement, gomend reports without a fix too: a `defer` in a loop runs only when the function returns, so it
stops nothing (the exercise's own fix, `defer cancel()` in main's loop, leaves all 1,000
workers running: measured 1,001 goroutines before and after). Keep the cancel functions and
call them when each piece of work is done. A function that calls `os.Exit` is also left to
you, since a deferred call would not run there. A statement in an `if` or `switch` header
is reported only.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, facts, flow, scope
from gomend.engine.go.edits import Edit, indentation_at, insert_line_after, statement_alone_on_line
from gomend.engine.go.parse import Node
from gomend.engine.go.shape import Token, shape

QUERY = """
([
  (short_var_declaration
     left: (expression_list . (_) . (identifier) @blank .)
     right: (expression_list . (call_expression) @call .)) @stmt
  (assignment_statement
     left: (expression_list . (_) . (identifier) @blank .)
     right: (expression_list . (call_expression) @call .)) @stmt
  (var_declaration
     (var_spec name: (identifier) . name: (identifier) @blank
               value: (expression_list . (call_expression) @call .))) @stmt
]
(#eq? @blank "_"))
"""

# Every match: a blank second name, "=" or ":=", then the call, perhaps qualified and
# parenthesised: ", _ := context.WithCancel(", "var ctx, _ = (ctx2.WithTimeout)(".
SHAPE = shape(
    ",",
    "_",
    ":=|=",
    Token("(", times="*"),
    Token("IDENT .", times="?"),
    "WithCancel|WithTimeout|WithDeadline",
)

CANCEL_FUNC = {
    "WithCancel": "CancelFunc",
    "WithTimeout": "CancelFunc",
    "WithDeadline": "CancelFunc",
    "WithCancelCause": "CancelCauseFunc",
    "WithTimeoutCause": "CancelFunc",
    "WithDeadlineCause": "CancelFunc",
}


def rewrite(m: Match) -> Finding | None:
    file, call, stmt, blank = m.file, m["call"], m["stmt"], m["blank"]
    if file.text(blank) != "_":
        return None
    target = calls.call_target(call, file)
    if target is None or target[0] != "context" or target[1] not in CANCEL_FUNC:
        return None
    func_name = target[1]
    message = f"the cancel function of context.{func_name} is discarded, so the context lives until its parent ends"
    func = scope.enclosing_function(stmt)
    if func is None or stmt.parent is None or stmt.parent.type != "statement_list":
        return m.report(call, message + "; keep it and call it")
    if not statement_alone_on_line(stmt, file.source):  # func() { _, _ = ... } on one line
        return m.report(call, message + "; keep it and call it")
    if scope.enclosing_loop(stmt) is not None:
        return m.report(
            call,
            message
            + "; keep it and call it when each iteration's work is done (a defer in a loop runs only at return)",
        )
    ctx_node = stmt.child_by_field_name("left") if stmt.type != "var_declaration" else None
    ctx_name = file.text(ctx_node.named_children[0]) if ctx_node is not None else _var_first_name(m)
    body = scope.function_body(func)
    goes = flow.where_value_goes(ctx_name, stmt, body, file) if body is not None else frozenset()
    if flow.Goes.GO in goes:
        return m.report(call, message + "; keep it and call it when the goroutine's work is done")
    if goes:  # a defer would cancel the context for whoever holds it after the function
        how = " and ".join(sorted(goes))
        return m.report(
            call,
            message + f"; the context is {how}, so keep the cancel function with it and call it "
            "when that work is done (a defer here would cancel it on return)",
        )
    if body is not None and facts.calls_ending_process(body, file):
        return m.report(
            call, message + "; keep it and call it (a defer would not run before os.Exit)"
        )
    name = file.fresh_name("cancel", stmt)
    argument = "nil" if func_name == "WithCancelCause" else ""
    edits = [Edit(blank.start_byte, blank.end_byte, name)]
    if stmt.type == "assignment_statement":
        q = file.qualifier("context")
        decl = f"var {name} {q}{CANCEL_FUNC[func_name]}\n"
        indent = _indent(stmt, file.source)
        edits.append(Edit(stmt.start_byte, stmt.start_byte, decl + indent))
    edits.append(insert_line_after(stmt, file.source, f"defer {name}({argument})"))
    fix = m.fix(edits, Safety.SAFE, new_names=[name])
    return m.report(call, message + f"; keep it and defer {name}({argument})", fix)


def _var_first_name(m: Match) -> str:
    spec = m["blank"].parent
    assert spec is not None
    first = spec.child_by_field_name("name")
    return m.file.text(first) if first is not None else ""


def _indent(stmt: Node, source: bytes) -> str:
    return indentation_at(source, stmt.start_byte).decode()


CODEMOD = Codemod(
    id="lost-cancel",
    title="Keep and call the cancel function of context.WithCancel, WithTimeout and WithDeadline",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    query=QUERY,
    rewrite=rewrite,
    imports=("context",),
    calls=tuple(Call("context", name) for name in CANCEL_FUNC),
    names=tuple(CANCEL_FUNC),  # the rewrite reports only calls to these
    shape=SHAPE,
)
