"""Goroutine labels set with SetGoroutineLabels and never restored

## What it does
Finds `pprof.SetGoroutineLabels(ctx)` where `ctx` comes from `pprof.WithLabels` in the same
function and nothing restores the labels, and rewrites

```go
ctx = pprof.WithLabels(ctx, labels)
pprof.SetGoroutineLabels(ctx)
rest...
```

into `pprof.Do(ctx, labels, func(ctx context.Context) { rest... })`, moving the rest of the
block into the function with its indentation redone as gofmt does (raw strings untouched).
When the rest is exactly `f(ctx)` and `f` is declared `func(context.Context)` (a parameter,
a local or a function of the file), it becomes `pprof.Do(ctx, labels, f)`. The
`labels := pprof.Labels(...)` line stays: `Do` takes the labels; the `WithLabels` line
goes, since `Do` derives the labelled context itself.

## Why is this bad?
`SetGoroutineLabels` changes the labels of the running goroutine until something changes
them again. Without a restore, the goroutine keeps the last labels after the work is done,
and every goroutine it starts later inherits them. In exercise 6, a goroutine profile read
after the loop showed main still labelled `{"tenant":"globex"}`, and a goroutine started
afterwards had `{"tenant":"globex"}` too. In exercise 13, an idle pool worker kept
`{"tenant":"acme"}` after the acme job and `{"tenant":"widgets"}` after the next one. With
`pprof.Do` both had no labels. (The exercise's claim that CPU samples of job B get job A's
label was not seen: no sample was misattributed in either version.)

## Example
```go
func handle(ctx context.Context, tenant string) {
        labels := pprof.Labels("tenant", tenant)
        ctx = pprof.WithLabels(ctx, labels)
        pprof.SetGoroutineLabels(ctx)
        work(ctx)
}
```

## Use instead
```go
func handle(ctx context.Context, tenant string) {
        labels := pprof.Labels("tenant", tenant)
        pprof.Do(ctx, labels, func(ctx context.Context) {
                work(ctx)
        })
}
```

## Fix safety
Safe in the shapes gomend rewrites. `pprof.Do` restores the labels of the context passed
in, not whatever the goroutine had before: labels that were set on the goroutine but never
put in that context are cleared at the end. The rest of the block moves into a function
literal, which changes what `return`, `defer`, `goto`, labels and `break`/`continue` mean,
so gomend reports without a fix when the rest has any of them (a bare `return` is kept
only when the block is the whole body of a function without results: with named results a
bare `return` returns them, and a function with results must still end in a `return` or
`panic` once the rest has moved); also when the labelled context is used
after the block, when the two calls are not adjacent statements of a block, for a context
declared with `var ctx = pprof.WithLabels(...)`, and for the inline form
`SetGoroutineLabels(WithLabels(...))`.

Left alone: a function that defers `pprof.SetGoroutineLabels(orig)` with a context it did
not label first (a defer written after `ctx = pprof.WithLabels(ctx, ...)` sets the new
labels again and restores nothing, so it does not count); a `SetGoroutineLabels` that is
the last statement of its function (a helper that labels the goroutine for its caller, for
the rest of the goroutine: there is nothing to scope; at the end of an inner block the
function goes on with the labels set, so that one is reported); a goroutine's own func
literal that labels itself in its body's own block (the labels end with the goroutine); a
Test, Benchmark or Fuzz function, or a subtest's func literal, that labels its own goroutine
(``go test`` runs each test on a goroutine of its own that ends with it: the Go runtime's
own traceback tests label the test goroutine to see the labels in a child's stack); and a
labelled context that leaves the function (returned, kept in a field or a struct it
returns, as a span that restores the parent's labels when it finishes, or a setter helper
that hands the labelled context back), whose holder restores it later.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Fix, Match, Safety
from gomend.engine.go import calls, facts, flow, query, scope
from gomend.engine.go.edits import (
    Edit,
    delete_statement,
    line_start,
    next_line_start,
    statement_alone_on_line,
)
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

PPROF = "runtime/pprof"

MESSAGE = (
    "pprof.SetGoroutineLabels without a restore leaves the labels on the goroutine after the"
    " work, and goroutines it starts later inherit them; run the work under pprof.Do"
)


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = call.child_by_field_name("arguments")
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if args is None or args.named_child_count != 1 or body is None:
        return None
    if facts.in_defer(call, body) or _defers_restore(body, file):
        return None  # a deferred call is the (would-be) restore, not the labelling
    statement = call.parent
    if statement is not None and statement in scope.block_statements(body):
        if scope.block_statements(body)[-1] == statement:
            return None  # the function's last word: labels meant for the rest of the goroutine
        if func is not None and func.type == "func_literal" and facts.is_goroutine_body(func, file):
            return None  # a goroutine labelling itself: the labels end with it
        if func is not None and _runs_a_test(func, file):
            return None  # the test's own goroutine (go test gives each one): it ends with it
    arg = query.unparen(args.named_children[0])
    if calls.is_call(arg, file, PPROF, "WithLabels"):
        return m.report(call, MESSAGE)
    if arg.type != "identifier":
        return None
    name = file.text(arg)
    source = _labelled_by(name, call, body, file)
    if source is None:
        return None
    if statement is not None and flow.where_value_goes(
        name, statement, body, file, through_calls=False
    ):
        return None  # the labelled context is returned or kept: its holder restores it later
    if source.type == "var_declaration":  # var ctx = pprof.WithLabels(...): reported only
        return m.report(call, MESSAGE)
    fix = _fix(m, call, body, name, source)
    return m.report(call, MESSAGE, fix)


def _runs_a_test(func: Node, file: GoFile) -> bool:
    """A Test, Benchmark or Fuzz function itself, or a subtest's body (a func literal taking
    ``*testing.T``): ``go test`` runs each on a goroutine of its own, ended with the test, so
    labels set there reach only the test and what it starts, as the test means them to."""
    if func.type == "function_declaration":
        name = scope.function_name(func, file.source) or ""
        return facts.is_test_function(func, file.source) and not name.startswith("Example")
    return func.type == "func_literal" and facts.takes_testing_param(func, file)


def _defers_restore(body: Node, file: GoFile) -> bool:
    """Whether the function defers a ``SetGoroutineLabels`` that restores: one whose
    argument is not, when the defer runs, a context the function labelled before it (a
    ``defer pprof.SetGoroutineLabels(ctx)`` written after ``ctx = pprof.WithLabels(ctx, ...)``
    applies the new labels again, it restores nothing)."""
    for stmt in query.walk(body, ("defer_statement",)):
        if scope.enclosing_function(stmt) != body.parent:
            continue
        for deferred in calls.calls_in(stmt, file, PPROF, "SetGoroutineLabels", same_body=False):
            args = scope.call_arguments(deferred)
            arg = query.unparen(args[0]) if len(args) == 1 else None
            direct = stmt.named_child_count and stmt.named_children[0] == deferred
            if direct and arg is not None and arg.type == "identifier":
                if _labelled_by(file.text(arg), stmt, body, file) is not None:
                    continue  # the labelled context itself
            return True
    return False


def _labelled_by(name: str, call: Node, body: Node, file: GoFile) -> Node | None:
    """The last ``name = pprof.WithLabels(...)`` (``:=``, or ``var name = ...``) statement
    before ``call`` in the same function body."""
    found = None
    for stmt in query.walk(
        body, ("short_var_declaration", "assignment_statement", "var_declaration")
    ):
        if stmt.end_byte > call.start_byte or scope.enclosing_function(stmt) != body.parent:
            continue
        if stmt.type == "var_declaration":
            specs = list(query.walk(stmt, ("var_spec",)))
            value = specs[0].child_by_field_name("value") if len(specs) == 1 else None
            names = [file.text(n) for n in specs[0].children_by_field_name("name")] if specs else []
            if value is not None and names == [name] and value.named_child_count == 1:
                if calls.is_call(value.named_children[0], file, PPROF, "WithLabels"):
                    found = stmt
            continue
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        if left is None or right is None or left.named_child_count != 1:
            continue
        if right.named_child_count != 1 or file.text(left.named_children[0]) != name:
            continue
        if calls.is_call(right.named_children[0], file, PPROF, "WithLabels"):
            found = stmt
    return found


def _fix(m: Match, call: Node, body: Node, name: str, labelled: Node) -> Fix | None:
    """The ``pprof.Do`` rewrite, or None when the shape is not one gomend rewrites."""
    file, source = m.file, m.file.source
    stmt = call.parent
    if stmt is None or stmt.type != "expression_statement":
        return None
    holder = stmt.parent
    block = holder.parent if holder is not None else None
    if holder is None or block is None or holder.type != "statement_list" or block.type != "block":
        return None
    statements = scope.block_statements(holder)
    index = next(i for i, s in enumerate(statements) if s.start_byte == stmt.start_byte)
    if index == 0 or statements[index - 1].start_byte != labelled.start_byte:
        return None
    rest = statements[index + 1 :]
    if not rest:
        return None  # labels the goroutine for its caller: nothing to scope
    for node in (labelled, stmt):
        if not statement_alone_on_line(node, source):
            return None
    brace = block.children[-1]
    if brace.type != "}" or source[line_start(source, brace.start_byte) : brace.start_byte].strip():
        return None
    whole_body = block.start_byte == body.start_byte
    if whole_body and body.parent is not None and body.parent.child_by_field_name("result"):
        return None  # it ends in a return or a panic the function needs: moved, none is left
    if _leaves_the_block(rest, is_function_body=whole_body):
        return None
    if labelled.type == "assignment_statement" and _used_after(name, block, body, file):
        return None
    with_call = labelled.child_by_field_name("right").named_children[0]  # type: ignore[union-attr]
    with_args = with_call.child_by_field_name("arguments")
    if with_args is None or with_args.named_child_count != 2:
        return None
    parent, labels = (file.text(a) for a in with_args.named_children)
    do = file.text(call.child_by_field_name("function"))[: -len("SetGoroutineLabels")] + "Do"  # type: ignore[arg-type]
    context_q = file.qualifier("context")
    if not file.imports.imports("context") and context_q:
        bare = context_q[:-1]
        if bare in file.package_names or file.is_shadowed(bare, call):
            return None
    edits = [delete_statement(labelled, source)]
    worker = _context_func_call(rest, name, call, file)
    region_start = next_line_start(source, stmt.end_byte)
    while not source[region_start : next_line_start(source, region_start)].strip():
        region_start = next_line_start(source, region_start)  # no blank line after "{"
    region = source[region_start : line_start(source, brace.start_byte)]
    if worker is not None and region.strip() == source[rest[0].start_byte : rest[0].end_byte]:
        edits.append(Edit(stmt.start_byte, rest[0].end_byte, f"{do}({parent}, {labels}, {worker})"))
        return m.fix([e for e in edits if e is not None], Safety.SAFE)
    indent = source[line_start(source, stmt.start_byte) : stmt.start_byte].decode()
    moved = _reindented(region, region_start, block, source)
    text = f"{do}({parent}, {labels}, func({name} {context_q}Context) {{\n{moved}{indent}}})\n"
    edits.append(Edit(stmt.start_byte, region_start + len(region), text))
    return m.fix([e for e in edits if e is not None], Safety.SAFE, add_imports=("context",))


def _leaves_the_block(rest: list[Node], is_function_body: bool) -> bool:
    """Whether moving ``rest`` into a func literal would change where control goes."""
    for first in rest:
        for node in scope.body_nodes(first):
            t = node.type
            if t in (
                "goto_statement",
                "labeled_statement",
                "defer_statement",
                "fallthrough_statement",
            ):
                return True
            if t == "return_statement":
                if node.named_child_count or not is_function_body:
                    return True
            if t in ("break_statement", "continue_statement"):
                if node.named_child_count or not scope.targets_inside(node, first):
                    return True
    return False


def _used_after(name: str, block: Node, body: Node, file: GoFile) -> bool:
    for ident in query.walk(body, ("identifier",)):
        if ident.start_byte >= block.end_byte and file.text(ident) == name:
            return True
    return False


def _reindented(region: bytes, offset: int, block: Node, source: bytes) -> str:
    """``region`` (whole lines) one tab deeper, as gofmt indents a func literal's body; lines
    that continue a raw string literal keep their bytes."""
    raw = [
        (n.start_byte, n.end_byte)
        for n in query.walk(block, ("raw_string_literal",))
        if b"\n" in source[n.start_byte : n.end_byte]
    ]
    out = []
    pos = offset
    for line in region.splitlines(keepends=True):
        inside_raw = any(start < pos < end for start, end in raw)
        if inside_raw or not line.strip():
            out.append(line)
        else:
            out.append(b"\t" + line)
        pos += len(line)
    return b"".join(out).decode("utf-8")


def _context_func_call(rest: list[Node], name: str, at: Node, file: GoFile) -> str | None:
    """``f`` when the rest is exactly ``f(name)`` and ``f`` is declared
    ``func(context.Context)``."""
    if len(rest) != 1 or rest[0].type != "expression_statement":
        return None
    call = rest[0].named_children[0]
    if call.type != "call_expression":
        return None
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if fn is None or args is None or fn.type != "identifier" or args.named_child_count != 1:
        return None
    if args.named_children[0].type != "identifier" or file.text(args.named_children[0]) != name:
        return None
    f = file.text(fn)
    return f if _declared_context_func(f, at, file) else None


def _declared_context_func(f: str, at: Node, file: GoFile) -> bool:
    func = scope.enclosing_function(at)
    while func is not None:
        body = scope.function_body(func)
        local = None
        if body is not None:
            for decl in query.walk(body, ("var_spec", "short_var_declaration")):
                if decl.end_byte > at.start_byte or not _holds(decl, at):
                    continue
                if f in scope.declared_names(decl, file.source):
                    local = decl
        if local is not None:
            typ = local.child_by_field_name("type") if local.type == "var_spec" else None
            return typ is not None and _is_context_func_type(typ, file)
        params = func.child_by_field_name("parameters")
        if params is not None:
            for decl in query.walk(params, ("parameter_declaration",)):
                if f in (file.text(n) for n in decl.children_by_field_name("name")):
                    typ = decl.child_by_field_name("type")
                    return typ is not None and _is_context_func_type(typ, file)
        func = scope.enclosing_function(func)
    for decl in file.tree.root_node.named_children:
        if decl.type == "function_declaration" and scope.function_name(decl, file.source) == f:
            if decl.child_by_field_name("type_parameters") is not None:
                return False
            return _is_context_func_type(decl, file)
    return False


def _holds(decl: Node, at: Node) -> bool:
    holder = facts.holding_block(decl)
    return holder is not None and holder.start_byte <= at.start_byte < holder.end_byte


def _is_context_func_type(node: Node, file: GoFile) -> bool:
    """A ``func(context.Context)`` type, or a function declared with that signature."""
    if node.type not in ("function_type", "function_declaration"):
        return False
    if node.child_by_field_name("result") is not None:
        return False
    params = node.child_by_field_name("parameters")
    if params is None:
        return False
    decls = [c for c in params.named_children if c.type != "comment"]
    if len(decls) != 1 or decls[0].type != "parameter_declaration":
        return False
    if len(decls[0].children_by_field_name("name")) > 1:
        return False
    typ = decls[0].child_by_field_name("type")
    return typ is not None and calls.selector_matches(typ, file, "context", "Context")


CODEMOD = Codemod(
    id="unscoped-goroutine-labels",
    title="Scope goroutine labels with pprof.Do instead of SetGoroutineLabels",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call(PPROF, "SetGoroutineLabels"),),
)
