"""A cleanup that keeps its own object alive, so the object is never collected

## What it does
Finds `runtime.AddCleanup(ptr, cleanup, arg)` (Go 1.24 and later) where the object stays
reachable from its own cleanup: `arg` is `ptr` itself or a value holding it (`wrapper{ptr}`),
`cleanup` is a func literal that refers to `ptr` (or to the variable `&v` took its address
of), or `cleanup` is a method value of `ptr` (`ptr.release`), which holds its receiver. It
reports and explains; it does not edit.

Left alone: an `arg` that is a field value or another object (`f.fd`, `conn`), a cleanup
that uses only its own parameter, and the `runtime` package's own tests, which keep objects
alive on purpose to test what `AddCleanup` does then.

## Why is this bad?
A cleanup runs after its object becomes unreachable, and the runtime keeps the cleanup
function and its argument reachable until then. When either refers to the object, the
object never becomes unreachable: it is never collected and the cleanup never runs, which
is the leak the cleanup was meant to prevent, plus the object itself. Measured on Go 1.27
(tests/symptoms): an argument that holds the object in a struct (`holder{f}`) left the
cleanup run 0 times in 10 forced collections, silently; the same cleanup given the field it
needs as its argument ran once. The runtime catches the two simplest shapes, but only when
the call runs: a closure over the object panics ("cleanup function closes over ptr, cleanup
will never run"), and so does the object as its own argument ("ptr is equal to arg"); gomend
reports them before the program ever runs.

## Example
```go
f := &File{fd: fd}
runtime.AddCleanup(f, func(_ int) { syscall.Close(f.fd) }, 0)
```

## Use instead
```go
f := &File{fd: fd}
runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, f.fd)
```
Pass what the cleanup needs (the descriptor, a handle, a smaller struct) as `arg`, and use
only the cleanup's parameter inside it.

## Fix safety
No fix: what the cleanup needs instead of the object is the author's choice (one field, a
few fields in a small struct), so gomend explains and leaves the rewrite to you.
"""

from __future__ import annotations

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import facts, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

ADD_CLEANUP = Call("runtime", "AddCleanup")


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = scope.call_arguments(call)
    if len(args) != 3:
        return None
    if facts.tests_the_package(file, "runtime"):
        return None  # the runtime's own tests of AddCleanup keep objects alive on purpose
    ptr, cleanup, arg = (query.unparen(a) for a in args)
    name = _root_name(ptr)
    if name is None:
        return None
    spelled = file.text(name)
    how = None
    if _holds(arg, spelled, file):
        itself = arg.type == "identifier" and file.text(arg) == spelled
        how = "its argument is the object itself" if itself else "its argument holds the object"
    elif cleanup.type == "func_literal" and _refers(cleanup, spelled, file):
        how = f"the cleanup refers to {spelled}"
    elif cleanup.type == "selector_expression":
        operand = cleanup.child_by_field_name("operand")
        if operand is not None and operand.type == "identifier" and file.text(operand) == spelled:
            how = f"the cleanup is a method value of {spelled}, which holds it"
    if how is None:
        return None
    return m.report(
        call,
        f"runtime.AddCleanup keeps {spelled} reachable because {how}, so it is never "
        "collected and the cleanup never runs; pass what the cleanup needs (a field, not the "
        "object) as its argument",
    )


def _root_name(ptr: Node) -> Node | None:
    """The variable the object is: ``p`` for ``p``, ``v`` for ``&v``."""
    if ptr.type == "identifier":
        return ptr
    if ptr.type == "unary_expression" and ptr.named_child_count:
        inner = query.unparen(ptr.named_children[0])
        if inner.type == "identifier":
            return inner
    return None


def _holds(value: Node, name: str, file: GoFile) -> bool:
    """Whether ``value`` is the variable or a value built around it (``T{p}``, ``&p``), not
    a field read off it (``p.fd``) or a copy (``*p``)."""
    for ident in query.spelled(value, file.source, name):
        if ident.type != "identifier":
            continue
        parent = ident.parent
        if parent is not None and parent.type == "selector_expression":
            continue  # p.fd: a field's value
        if (
            parent is not None
            and parent.type == "unary_expression"
            and file.text(parent).startswith("*")
        ):
            continue  # *p: a copy
        return True
    return False


def _refers(literal: Node, name: str, file: GoFile) -> bool:
    """Whether the func literal's body refers to the outer ``name`` (its own parameter or a
    local of that name aside)."""
    if scope.signature_declares(literal, name, file.source):
        return False
    body = literal.child_by_field_name("body")
    if body is None:
        return False
    for ident in query.spelled(body, file.source, name):
        if ident.type != "identifier":
            continue
        declared = scope.declaration_of(name, ident, file.source)
        if declared is None or not literal.start_byte <= declared.start_byte < literal.end_byte:
            return True  # the variable around the literal, not one of its own
    return False


CODEMOD = Codemod(
    id="cleanup-keeps-object",
    title="Report runtime.AddCleanup calls whose cleanup or argument keeps the object alive",
    doc=__doc__ or "",
    safety=Safety.NONE,
    rewrite=rewrite,
    calls=(ADD_CLEANUP,),
)
