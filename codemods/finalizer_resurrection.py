"""A finalizer stores the object it finalizes, or its closure keeps that object alive

## What it does
Finds the func literal passed to `runtime.SetFinalizer` that stores its parameter somewhere
that outlives the call: a package-level variable or a variable of an enclosing function, a
field, a map or slice element, a channel send, an append to an outer slice, or a closure or
closure result that carries the parameter into one of those. The unsafe fix deletes the
storing statement, or the whole `SetFinalizer` call when the stores are all the finalizer
does. It also reports, without a fix, a finalizer that refers to the very object it is set
on (a func literal that captures the variable, or a method value such as `r.finalize`): the
finalizer itself keeps the object reachable, so it is never collected and the finalizer
never runs.

## Why is this bad?
A finalizer runs once, when the object has become unreachable. If it stores the object
somewhere reachable, the object is resurrected: it is never freed, and since a finalizer is
not re-armed, nothing will ever finalize it again. In exercise 5 the finalizer assigns its
1 MiB `*Cache` to a global. In 200 of 200 runs it printed `finalized` and then
`global is nil: false`, and after 3 more collections the heap still held 1098 KiB of objects;
without the assignment the heap fell to 74-79 KiB. `go vet` is silent, and so is
`GODEBUG=checkfinalizers=1`. A finalizer closure that mentions the object itself is worse:
the runtime keeps the finalizer function alive, so the object is never even finalized.

## Example
```go
var global *Cache

func newCache() *Cache {
        c := &Cache{data: make([]byte, 1<<20)}
        runtime.SetFinalizer(c, func(c *Cache) {
                global = c
                fmt.Println("finalized")
        })
        return c
}
```

## Use instead
```go
func newCache() *Cache {
        c := &Cache{data: make([]byte, 1<<20)}
        runtime.SetFinalizer(c, func(c *Cache) {
                fmt.Println("finalized")
        })
        return c
}
```
On Go 1.24 and later, `runtime.AddCleanup(c, func(data []byte) { ... }, c.data)` cannot
resurrect: the cleanup never receives the object, only the argument you pass. Better still,
give the type an explicit `Close` or `Release` and call it.

## Fix safety
Unsafe: the program may read the stored object later (a cache that recycles finalized
objects, a test that checks finalization), and deleting the store changes that. A finalizer
that re-arms itself with `SetFinalizer(p, ...)` resurrects on purpose and is left alone, and
so is one that only reads fields (storing `p.data` keeps the data, not the object), one that
stores the object under a lock it takes itself (a finalization queue built on purpose, such
as a VM that hands collected objects to their `__gc` handler on its own goroutine), and test
code, which resurrects on purpose to check finalization. The store
is reported without a fix when it shares its line with other code, assigns several values
at once, is the only statement of an `if` or loop body, or holds the last use of a local
variable (deleting it would not compile). The closure that captures its own object is
reported only: use the finalizer's parameter instead of the captured variable.
"""

from __future__ import annotations

from dataclasses import dataclass

from gomend.engine.codemod import Call, Codemod, Finding, Fix, Match, Safety
from gomend.engine.go import calls, deletion, facts, query, scope, uses
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

_PATH_TYPES = ("selector_expression", "index_expression", "slice_expression", "unary_expression")


@dataclass
class Finalizer:
    """The finalizer literal, its parameter's name and the locals that hold the parameter."""

    file: GoFile
    literal: Node
    param: str | None
    aliases: set[tuple[int, str]]

    def inside(self, node: Node) -> bool:
        return self.literal.start_byte <= node.start_byte and node.end_byte <= self.literal.end_byte

    def holds_object(self, ident: Node) -> bool:
        """Whether an identifier means the parameter, or a local that holds it."""
        name = self.file.text(ident)
        if name == "_":
            return False
        decl = scope.declaration_of(name, ident, self.file.source)
        if decl is None:
            return False
        if decl == self.literal:
            return name == self.param
        return (decl.start_byte, name) in self.aliases

    def is_local(self, ident: Node) -> bool:
        decl = scope.declaration_of(self.file.text(ident), ident, self.file.source)
        return decl is not None and self.inside(decl)


def rewrite(m: Match) -> list[Finding] | None:
    call = m["call"]
    args = scope.call_arguments(call)
    if len(args) != 2:
        return None
    obj, func = query.unparen(args[0]), query.unparen(args[1])
    if facts.is_test_code(call, m.file):
        return None  # a test of finalizers, which resurrects on purpose to check the object
    findings: list[Finding] = []
    captured = _captured_object(m, obj, func)
    if captured is not None:
        findings.append(captured)
    # a finalizer that takes a lock of its own to store the object builds a finalization
    # queue on purpose, drained by another goroutine (a VM running the object's __gc)
    if func.type == "func_literal" and not calls.locks_and_unlocks(func, m.file):
        findings.extend(_stores(m, func))
    return findings


def _captured_object(m: Match, obj: Node, func: Node) -> Finding | None:
    file = m.file
    if obj.type == "unary_expression" and file.text(obj).startswith("&"):
        operand = obj.child_by_field_name("operand")
        obj = query.unparen(operand) if operand is not None else obj
    if obj.type != "identifier":
        return None
    name = file.text(obj)
    decl = scope.declaration_of(name, obj, file.source)
    if decl is None:  # a package-level object is reachable anyway
        return None
    holder = scope.enclosing_function(obj)
    if holder is not None and uses.reassigned_after(name, decl, holder, obj, file):
        return None  # `c = nil` later drops the captured reference
    if func.type == "selector_expression":
        operand = func.child_by_field_name("operand")
        field = func.child_by_field_name("field")
        if operand is None or field is None or operand.type != "identifier":
            return None
        if file.text(operand) != name or scope.declaration_of(name, operand, file.source) != decl:
            return None
        if not facts.names_a_method(file.text(field), file):
            return None
        return m.report(
            func,
            f"the method value {file.text(func)} keeps {name}, the object it finalizes, "
            f"reachable, so {name} is never collected and the finalizer never runs; "
            "use a method expression or a func literal that takes the object as its parameter",
        )
    if func.type != "func_literal":
        return None
    for use in query.walk(func, ("identifier",)):
        if file.text(use) == name and scope.declaration_of(name, use, file.source) == decl:
            return m.report(
                use,
                f"the finalizer closure captures {name}, the object it is set on, so {name} "
                "is never collected and the finalizer never runs; use the finalizer's parameter",
            )
    return None


# --- stores of the parameter ---------------------------------------------------------------------


def _stores(m: Match, literal: Node) -> list[Finding]:
    file = m.file
    param = scope.first_parameter_name(literal, file.source)
    if param is None:
        return []
    fin = Finalizer(file, literal, param, set())
    body = scope.function_body(literal)
    if body is None or _rearms(fin, body):
        return []
    _collect_aliases(fin, body)
    stores: list[tuple[Node, str, Fix | None]] = []
    for stmt in query.walk(body, ("assignment_statement", "send_statement")):
        target = _stored_target(fin, stmt)
        if target is not None:
            stores.append((stmt, target, _deletion(m, fin, stmt)))
    whole = _whole_call_deletion(m, body, stores)
    findings = []
    for index, (stmt, target, fix) in enumerate(stores):
        message = (
            f"the finalizer {target}, which resurrects the object so it is never freed; "
            "remove the store (runtime.AddCleanup cannot resurrect)"
        )
        if whole is not None:
            fix = whole if index == 0 else None
        findings.append(m.report(stmt, message, fix))
    return findings


def _whole_call_deletion(
    m: Match, body: Node, stores: list[tuple[Node, str, Fix | None]]
) -> Fix | None:
    """When the finalizer does nothing but the stores, deleting them would leave an empty
    finalizer: delete the whole ``SetFinalizer`` statement instead."""
    statements = scope.block_statements(body)
    # a lone store has no fix of its own (it would leave func() {}): the whole call goes
    fixable = {s.id for s, _, fix in stores if fix is not None or deletion.empties_body(s)}
    if not statements or any(s.id not in fixable for s in statements):
        return None
    statement = m["call"].parent
    if not scope.is_expression_statement(m["call"]) or statement is None:
        return None
    edit = deletion.delete_cleanly(statement, m.file, with_comment_above=True)
    goes = deletion.collapsing_if(statement, m.file) or statement  # an emptied method lies
    if edit is None or deletion.empties_body(goes):
        return None
    return m.fix([edit], Safety.UNSAFE, drop_imports=calls.imported_paths_in(statement, m.file))


def _rearms(fin: Finalizer, body: Node) -> bool:
    """A finalizer that calls ``SetFinalizer`` on its own parameter again resurrects on purpose."""
    for call in calls.calls_in(body, fin.file, "runtime", "SetFinalizer", same_body=False):
        args = scope.call_arguments(call)
        if args and _carries(fin, args[0]):
            return True
    return False


def _collect_aliases(fin: Finalizer, body: Node) -> None:
    """Locals of the finalizer that hold the parameter (``q := p``), to a fixpoint."""
    kinds = ("short_var_declaration", "var_spec", "assignment_statement")
    while True:
        before = len(fin.aliases)
        for stmt in query.walk(body, kinds):
            for left, right in facts.assignment_pairs(stmt):
                if left.type != "identifier" or not _carries(fin, right):
                    continue
                name = fin.file.text(left)
                if stmt.type == "assignment_statement":
                    decl = scope.declaration_of(name, left, fin.file.source)
                    if decl is None or not fin.inside(decl) or decl == fin.literal:
                        continue
                else:
                    decl = stmt if stmt.type != "var_spec" else stmt.parent
                    if decl is None:
                        continue
                    if decl.type == "var_spec_list":
                        decl = decl.parent
                    if decl is None:
                        continue
                fin.aliases.add((decl.start_byte, name))
        if len(fin.aliases) == before:
            return


def _carries(fin: Finalizer, expr: Node) -> bool:
    """Whether the value of ``expr`` keeps the finalized object reachable."""
    expr = query.unparen(expr)
    t = expr.type
    if t == "identifier":
        return fin.holds_object(expr)
    if t == "unary_expression":
        operand = expr.child_by_field_name("operand")
        if operand is None or not fin.file.text(expr).startswith("&"):
            return False
        if query.unparen(operand).type == "composite_literal":
            return _carries(fin, operand)  # &Wrapper{obj: p}
        return _rooted_in_object(fin, operand)  # &p, or an interior pointer &p.field
    if t == "composite_literal":
        body = expr.child_by_field_name("body")
        return body is not None and any(_carries(fin, e) for e in scope.composite_elements(body))
    if t == "func_literal":  # a closure that captures the object
        return any(fin.holds_object(i) for i in query.walk(expr, ("identifier",)))
    if t == "type_assertion_expression" or t == "type_conversion_expression":
        operand = expr.child_by_field_name("operand")
        return operand is not None and _carries(fin, operand)
    if t == "call_expression":
        return _call_carries(fin, expr)
    return False


def _call_carries(fin: Finalizer, call: Node) -> bool:
    fn = call.child_by_field_name("function")
    args = scope.call_arguments(call)
    if fn is None:
        return False
    fn = query.unparen(fn)
    text = fin.file.text(fn)
    if fn.type == "identifier" and text == "append" and not fin.file.is_shadowed("append", fn):
        return any(_carries(fin, a) for a in args)
    if fn.type == "func_literal":  # func() *T { return p }(): the result is the object
        body = scope.function_body(fn)
        if body is None:
            return False
        for ret in query.walk(body, ("return_statement",)):
            if scope.enclosing_function(ret) != fn:
                continue
            values = ret.named_children[0].named_children if ret.named_child_count else []
            if any(_carries(fin, v) for v in values):
                return True
        return False
    is_conversion = (
        (fn.type == "identifier" and text == "any")
        or fn.type in ("pointer_type", "interface_type")
        or (fn.type == "unary_expression" and text.startswith("*"))
        or (fn.type == "selector_expression" and _is_unsafe_pointer(fin.file, fn))
    )
    return is_conversion and len(args) == 1 and _carries(fin, args[0])


def _is_unsafe_pointer(file: GoFile, fn: Node) -> bool:
    operand = fn.child_by_field_name("operand")
    field = fn.child_by_field_name("field")
    return (
        operand is not None
        and field is not None
        and file.imports.path_of(file.text(operand)) == "unsafe"
        and file.text(field) == "Pointer"
    )


def _rooted_in_object(fin: Finalizer, expr: Node) -> bool:
    root = facts.root_of(expr)
    return root.type == "identifier" and fin.holds_object(root)


def _is_outside(fin: Finalizer, target: Node) -> bool:
    """Whether storing into ``target`` puts the value where it outlives the finalizer."""
    root = facts.root_of(target)
    if root.type != "identifier":
        return True  # getCache().m[k] = p
    if fin.file.text(root) == "_":
        return False
    if fin.holds_object(root):
        return False  # into the object's own memory: a cycle, not a resurrection
    return not fin.is_local(root)


def _stored_target(fin: Finalizer, stmt: Node) -> str | None:
    """What the statement does with the parameter ("stores c in global"), or None."""
    text = fin.file.text
    if stmt.type == "send_statement":
        channel = stmt.child_by_field_name("channel")
        value = stmt.child_by_field_name("value")
        if channel is None or value is None or not _carries(fin, value):
            return None
        if not _is_outside(fin, channel):
            return None
        return f"sends {_what(fin, value)} on {text(channel)}"
    operator = stmt.child_by_field_name("operator")
    if operator is None or text(operator) != "=":
        return None
    for left, right in facts.assignment_pairs(stmt):
        if _carries(fin, right) and _is_outside(fin, left):
            return f"stores {_what(fin, right)} in {text(left)}"
    return None


def _what(fin: Finalizer, value: Node) -> str:
    value = query.unparen(value)
    if fin.file.text(value) == fin.param:
        return f"its argument {fin.param}"
    if value.type == "identifier":
        return f"{fin.file.text(value)}, its argument {fin.param},"
    return f"its argument {fin.param}"


# --- the fix ---------------------------------------------------------------------------------


def _deletion(m: Match, fin: Finalizer, stmt: Node) -> Fix | None:
    file = m.file
    parent = stmt.parent
    if parent is None or parent.type != "statement_list":
        return None
    if stmt.type == "assignment_statement":
        left = stmt.child_by_field_name("left")
        if left is None or left.named_child_count != 1:
            return None
    block = parent.parent
    if (
        block is not None
        and block.parent != fin.literal
        and len(scope.block_statements(parent)) == 1
    ):
        return None  # an `if` or loop left empty is not what anyone would write
    if uses.holds_last_use(stmt, file):
        return None
    edit = deletion.delete_cleanly(stmt, file, with_comment_above=True)
    if edit is None:
        return None
    return m.fix([edit], Safety.UNSAFE, drop_imports=calls.imported_paths_in(stmt, file))


CODEMOD = Codemod(
    id="finalizer-resurrection",
    title="Do not store the finalized object from its finalizer",
    doc=__doc__ or "",
    safety=Safety.UNSAFE,
    rewrite=rewrite,
    calls=(Call("runtime", "SetFinalizer"),),
)
