"""The cancel function of a derived context is thrown away

## What it does
Finds `context.WithCancel`, `WithTimeout`, `WithDeadline` and their `...Cause` variants whose
cancel function is assigned to `_` (with `:=`, `=` or `var`), and keeps it: the blank becomes
a fresh name (`cancel`, or `cancel2`... when that is taken) and `defer cancel()` follows the
statement (`defer cancel(nil)` for `WithCancelCause`, whose function takes a cause). An `=`
becomes `:=` where that reuses the other names (declared in the same block, or parameters
in the function body's own block); in an inner block, where `:=` would declare a shadowing
`ctx`, `var cancel context.CancelFunc` comes first. In a loop body, `cancel()` becomes the
iteration's last statement instead.

`golang.org/x/net/context`, which forwards to the standard package, counts as `context`.
In a test function on Go 1.24 or later (the `go` line of the nearest `go.mod`),
`ctx, _ := context.WithCancel(context.Background())` becomes `ctx := t.Context()`, which the
test cancels as it ends, before its cleanups run: what `go fix`'s testingcontext would write
next. On an older `go` line the deferred cancel is used instead.

Left alone: a user type's own `WithCancel` method, any other package named `context`, and
the `context` package's own tests (package `context` or `context_test`), which discard
cancels on purpose to test what happens then.

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
Safe where it is offered: for a context that stays in the function. When the context, or a
value built from it, leaves the function (returned, stored in a field, a package variable, a
map or slice, sent on a channel, captured by a func literal that outlives the call, handed to
a `go` statement), gomend reports without a fix: a deferred cancel would cancel it for
whoever holds it, the moment the function returns. A value built from it is anything it is
stored in or passed to (`r.WithContext(ctx)`, `&server{ctx: ctx}`, `db.QueryContext(ctx, q)`:
rows and response bodies stop working once their context is cancelled); an `err` and what a
function returning only errors, booleans, numbers or strings returns hold no context.

In a loop body, a `defer` would run only when the function returns (exercise 7's own fix,
`defer cancel()` in main's loop, leaves all 1,000 workers running: measured 1,001 goroutines
before and after), so gomend calls `cancel()` at the end of the iteration instead, and only
when the statement is one of the loop body's own statements, the context stays in the
iteration (not stored in a variable declared outside the loop) and every path reaches the
iteration's end (no `return`, `goto`, labelled jump, or `break`/`continue` of that loop after
it); other loops are reported only. A function that calls `os.Exit` is also left to you,
since a deferred call would not run there. A statement in an `if` or `switch` header is
reported only.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, facts, flow, scope, version
from gomend.engine.go.edits import Edit, indentation_at, insert_line_after, statement_alone_on_line
from gomend.engine.go.file import GoFile
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


# the standard package, and golang.org/x/net/context, which forwards to it
CONTEXTS = ("context", "golang.org/x/net/context")

# a timer or deadline ends the context by itself, later; a plain cancel, only with its parent
_LIVES = {
    "WithCancel": "until its parent ends",
    "WithCancelCause": "until its parent ends",
    "WithTimeout": "and its timer until its deadline",
    "WithTimeoutCause": "and its timer until its deadline",
    "WithDeadline": "and its timer until its deadline",
    "WithDeadlineCause": "and its timer until its deadline",
}


def rewrite(m: Match) -> Finding | None:
    file, call, stmt, blank = m.file, m["call"], m["stmt"], m["blank"]
    if file.text(blank) != "_":
        return None
    target = calls.call_target(call, file)
    if target is None or target[0] not in CONTEXTS or target[1] not in CANCEL_FUNC:
        return None
    if file.package_name in ("context", "context_test"):
        return None  # the context package's own tests discard cancels on purpose
    func_name = target[1]
    message = (
        f"the cancel function of context.{func_name} is discarded, "
        f"so the context lives {_LIVES[func_name].removeprefix('and its timer ')}"
    )
    if _LIVES[func_name].startswith("and"):
        message = message.replace("the context lives", "the context and its timer live")
    func = scope.enclosing_function(stmt)
    if func is None or stmt.parent is None or stmt.parent.type != "statement_list":
        return m.report(call, message + "; keep it and call it")
    if not statement_alone_on_line(stmt, file.source):  # func() { _, _ = ... } on one line
        return m.report(call, message + "; keep it and call it")
    ctx_node = stmt.child_by_field_name("left") if stmt.type != "var_declaration" else None
    ctx_name = file.text(ctx_node.named_children[0]) if ctx_node is not None else _var_first_name(m)
    body = scope.function_body(func)
    if body is None:
        return m.report(call, message + "; keep it and call it")
    loop = scope.enclosing_loop(stmt)
    region = loop.child_by_field_name("body") if loop is not None else body
    assert region is not None
    goes = flow.where_value_goes(ctx_name, stmt, region, file, within=region)
    if flow.Goes.GO in goes:
        return m.report(call, message + "; keep it and call it when the goroutine's work is done")
    if goes:  # a cancel would cancel the context for whoever holds it after the function
        how = " and ".join(sorted(goes))
        return m.report(
            call,
            message + f"; the context (or a value built from it) is {how}, so keep the cancel "
            "function with it and call it when that work is done (a cancel here would cut it short)",
        )
    if facts.calls_ending_process(body, file):
        return m.report(
            call, message + "; keep it and call it (a defer would not run before os.Exit)"
        )
    test_context = _test_context(m, stmt, func, func_name)
    if test_context is not None:
        return test_context
    name = file.fresh_name("cancel", stmt)
    argument = "nil" if func_name == "WithCancelCause" else ""
    edits = [Edit(blank.start_byte, blank.end_byte, name)]
    if stmt.type == "assignment_statement" and _redeclares(stmt, func, file):
        operator = stmt.child_by_field_name("operator")
        assert operator is not None
        edits.append(Edit(operator.start_byte, operator.end_byte, ":="))
    elif stmt.type == "assignment_statement":
        q = file.qualifier(target[0])
        decl = f"var {name} {q}{CANCEL_FUNC[func_name]}\n"
        edits.append(Edit(stmt.start_byte, stmt.start_byte, decl + _indent(stmt, file.source)))
    if loop is None:
        edits.append(insert_line_after(stmt, file.source, f"defer {name}({argument})"))
        fix = m.fix(edits, Safety.SAFE, new_names=[name])
        return m.report(call, message + f"; keep it and defer {name}({argument})", fix)
    last = _iteration_end(stmt, region)
    if last is None:
        return m.report(
            call,
            message + "; keep it and call it when each iteration's work is done "
            "(a defer in a loop runs only at return)",
        )
    edits.append(insert_line_after(last, file.source, f"{name}({argument})"))
    fix = m.fix(edits, Safety.SAFE, new_names=[name])
    return m.report(
        call, message + f"; keep it and call {name}({argument}) at the end of each iteration", fix
    )


def _redeclares(stmt: Node, func: Node, file: GoFile) -> bool:
    """Whether ``ctx, _ = ...`` may become ``ctx, cancel := ...`` meaning the same: every
    other name on the left is declared in the statement's own block, or is a parameter (or
    result) and the statement is in the function body's own block. In an inner block, ``:=``
    would declare a new, shadowing ``ctx``."""
    left = stmt.child_by_field_name("left")
    holder = stmt.parent
    if left is None or holder is None:
        return False
    body = scope.function_body(func)
    in_body_block = body is not None and holder in (body, *body.named_children)
    for target in left.named_children[:-1]:
        if target.type != "identifier":
            return False
        name = file.text(target)
        if name == "_":
            continue
        declared = scope.declaration_of(name, target, file.source)
        if declared is None:
            return False  # a package variable: := would declare a local
        if declared.type in scope.FUNCTION_TYPES:
            if declared != func or not in_body_block:
                return False
        elif declared.parent != holder:
            return False
    return True


def _test_context(m: Match, stmt: Node, func: Node, func_name: str) -> Finding | None:
    """In a test function on Go 1.24 or later, ``ctx, _ := context.WithCancel(
    context.Background())`` becomes ``ctx := t.Context()`` (cancelled as the test ends, before
    its cleanups run), what ``go fix``'s testingcontext would write next. None when the
    statement is not that shape, or the module's Go is older."""
    file, call = m.file, m["call"]
    if func_name != "WithCancel" or stmt.type != "short_var_declaration":
        return None
    if not facts.is_test_function(func, file.source):
        return None
    tester = facts.testing_param(func, file)
    args = scope.call_arguments(call)
    if tester is None or len(args) != 1 or args[0].type != "call_expression":
        return None
    root = calls.call_target(args[0], file)
    if root is None or root[0] != "context" or root[1] not in ("Background", "TODO"):
        return None
    if scope.call_arguments(args[0]) or not version.at_least(file.go_version, (1, 24)):
        return None
    left = stmt.child_by_field_name("left")
    assert left is not None
    ctx = file.text(left.named_children[0])
    edit = Edit(stmt.start_byte, stmt.end_byte, f"{ctx} := {tester}.Context()")
    message = (
        "the cancel function of context.WithCancel is discarded, so the context lives until "
        f"its parent ends; use {tester}.Context(), which the test cancels as it ends"
    )
    return m.report(call, message, m.fix([edit], Safety.SAFE, drop_imports=("context",)))


def _iteration_end(stmt: Node, loop_body: Node) -> Node | None:
    """The loop body's last statement, when ``stmt`` is one of the body's own statements and
    every path from it reaches that end: no ``return``, ``goto``, labelled jump, or
    ``break``/``continue`` of this loop after it. None otherwise."""
    statements = scope.block_statements(loop_body)
    if stmt not in statements:
        return None
    rest = statements[statements.index(stmt) + 1 :]
    for statement in rest:
        for node in scope.body_nodes(statement):
            if node.type in ("return_statement", "goto_statement"):
                return None
            if node.type in ("break_statement", "continue_statement"):
                if node.named_child_count or not scope.targets_inside(node, statement):
                    return None
    return statements[-1] if rest else stmt


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
    imports=CONTEXTS,
    calls=tuple(Call(path, name) for path in CONTEXTS for name in CANCEL_FUNC),
    names=tuple(CANCEL_FUNC),  # the rewrite reports only calls to these
    shape=SHAPE,
)
