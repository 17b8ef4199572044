"""A stack dump read into a fixed buffer is cut off when it does not fit

## What it does
Finds `n := runtime.Stack(buf, all)` (or `n = ...`) where `buf` is a local made with
`make([]byte, N)` for a constant `N`, and inserts right after it the loop that grows the
buffer until the dump fits, with the same `all` argument:

```go
for n == len(buf) && len(buf) < 64<<20 {
        buf = make([]byte, 2*len(buf))
        n = runtime.Stack(buf, all)
}
```

so every later use of `buf[:n]` means the whole dump. The loop stops at 64 MiB, the cap
`runtime/pprof` uses for its own copy of this loop. Reported without a fix: a call used
inside an expression (`buf[:runtime.Stack(buf, true)]`), a fixed array (`var a [N]byte`
passed as `a[:]`, or a slice `b := a[:]` of one), and the bare statement
`runtime.Stack(buf, true)` whose buffer is then used whole (written or converted as it is:
the dump is cut off, or followed by the zeros it did not fill).

Left alone: buffers the function already grows (another `buf = make(...)` or `append` to
it); `all == false` with a buffer of 64 KiB or more (one goroutine's stack fits) or of 256
bytes or less (the goroutine-ID idiom, which reads only the `goroutine N [...]` header
line); `all == false` in a `_test.go` file (a test that checks the first frames of its own
stack); in test code, a dump of every goroutine into 1 MiB or more (what a test binary runs
fits; the standard library's own leak checks do this); the `runtime` package's own tests,
which test `Stack` itself; and a bare statement whose buffer is only read in slices.

## Why is this bad?
`runtime.Stack` writes as much of the dump as fits and returns the number of bytes
written; it never says the dump was cut. A full dump (`all == true`) needs a few hundred
bytes per goroutine. In exercise 4, a 4 KiB buffer with 1,002 goroutines running printed
`got 4096 bytes` and only 16 of the 1,002 goroutines; with a growing buffer the dump was
263 KB with all 1,002, and 2.76 MB with 10,000 goroutines.

## Example
```go
buf := make([]byte, 4096)
n := runtime.Stack(buf, true)
os.Stderr.Write(buf[:n])
```

## Use instead
```go
buf := make([]byte, 4096)
n := runtime.Stack(buf, true)
for n == len(buf) && len(buf) < 64<<20 {
        buf = make([]byte, 2*len(buf))
        n = runtime.Stack(buf, true)
}
os.Stderr.Write(buf[:n])
```
When the dump is only written out, `pprof.Lookup("goroutine").WriteTo(w, 2)` does the
same without a buffer.

## Fix safety
Safe: the loop runs only when the buffer was full, and keeps `buf` and `n` meaning what
they meant, only complete. When `all` is a call, repeating it could change its meaning, so
the finding has no fix.
"""

from __future__ import annotations

import re

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import facts, query, scope
from gomend.engine.go.edits import insert_line_after, statement_alone_on_line
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.source import GO_SPACE

# every finding's call passes a buffer by name: Stack(buf, ...) or an array's Stack(a[:], ...)
BY_NAME = re.compile(
    rb"Stack"
    + GO_SPACE
    + rb"(?:\[[\s\S]*?\]"
    + GO_SPACE
    + rb")?\("
    + GO_SPACE
    + rb"[A-Za-z_\x80-\xff][0-9A-Za-z_\x80-\xff]*"
    + GO_SPACE
    + rb"(?:\["
    + GO_SPACE
    + rb":"
    + GO_SPACE
    + rb"\]"
    + GO_SPACE
    + rb")?,"
)

CAP = 64 << 20
ONE_GOROUTINE_FITS = 64 << 10
HEADER_ONLY = 256


# a test's goroutine dump of this size or more holds every goroutine a test binary runs
TEST_DUMP_FITS = 1 << 20


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = call.child_by_field_name("arguments")
    if args is None or args.named_child_count != 2:
        return None
    buf_node, all_node = args.named_children
    if facts.tests_the_package(file, "runtime"):
        return None  # the runtime's own tests of Stack: cutting the dump off is what they test
    func = scope.enclosing_function(call)
    body = scope.function_body(func) if func is not None else None
    if body is None:
        return None
    found = _buffer(buf_node, call, body, file)
    if found is None:
        return None
    buf, size, array = found
    all_text = file.text(all_node)
    if all_text == "false" and (size >= ONE_GOROUTINE_FITS or size <= HEADER_ONLY):
        return None
    if all_text == "false" and file.is_test_file:
        return None  # a test that checks the first frames of its own stack
    if all_text != "false" and size >= TEST_DUMP_FITS and facts.is_test_code(call, file):
        return None
    if size >= CAP:
        return None
    kind = "array" if array else "buffer"
    message = (
        f"runtime.Stack into a fixed {size}-byte {kind} cuts the dump off when it does not fit"
    )
    report_only = message + "; grow the buffer until the dump fits"
    parent = call.parent
    if parent is not None and parent.type == "expression_statement":
        # the length is thrown away: harmless unless the whole buffer is printed, zeros and all
        return m.report(call, report_only) if _used_whole(buf, parent, body, file) else None
    stmt, n_name = _assigning_statement(call, file)
    if array or stmt is None or n_name is None:
        return m.report(call, report_only)
    if any(c.type == "call_expression" for c in query.walk(all_node)):
        return m.report(call, report_only)
    if stmt.parent is None or stmt.parent.type != "statement_list":
        return m.report(call, report_only)
    if not statement_alone_on_line(stmt, file.source):
        return m.report(call, report_only)
    stack = file.text(call.child_by_field_name("function") or call)
    loop = (
        f"for {n_name} == len({buf}) && len({buf}) < 64<<20 {{\n"
        f"\t{buf} = make([]byte, 2*len({buf}))\n"
        f"\t{n_name} = {stack}({buf}, {all_text})\n"
        "}"
    )
    fix = m.fix([insert_line_after(stmt, file.source, loop)], Safety.SAFE)
    return m.report(call, message + "; grow the buffer until the dump fits (up to 64 MiB)", fix)


def _buffer(arg: Node, call: Node, body: Node, file: GoFile) -> tuple[str, int, bool] | None:
    """The buffer ``arg`` names, its constant size, and whether it is a fixed array: a local
    ``buf := make([]byte, N)``, an array ``var a [N]byte`` passed as ``a[:]``, or a slice
    ``b := a[:]`` of one. None for anything else."""
    if arg.type == "slice_expression":
        operand = arg.child_by_field_name("operand")
        if operand is None or operand.type != "identifier" or arg.named_child_count != 1:
            return None
        name = file.text(operand)
        size = _array_size(name, call, file)
        return (name, size, True) if size is not None else None
    if arg.type != "identifier":
        return None
    name = file.text(arg)
    if not file.is_shadowed(name, call):
        return None
    size = _made_size(name, call, body, file)
    if size is not None:
        return name, size, False
    declared = scope.declaration_of(name, call, file.source)
    if declared is not None and declared.type == "short_var_declaration":
        for value in _assigned_values(declared, name, file):
            inner = (
                value.child_by_field_name("operand") if value.type == "slice_expression" else None
            )
            if inner is not None and inner.type == "identifier" and value.named_child_count == 1:
                size = _array_size(file.text(inner), value, file)
                if size is not None:
                    return name, size, True
    return None


def _array_size(name: str, at: Node, file: GoFile) -> int | None:
    """N for a local ``var name [N]byte`` or ``name := [N]byte{}`` in scope at ``at``."""
    declared = scope.declaration_of(name, at, file.source)
    if declared is None:
        return None
    array = None
    if declared.type == "var_declaration":
        for spec in query.walk(declared, ("var_spec",)):
            names = [file.text(n) for n in spec.children_by_field_name("name")]
            if name in names and spec.child_by_field_name("value") is None:
                array = spec.child_by_field_name("type")
    elif declared.type == "short_var_declaration":
        for value in _assigned_values(declared, name, file):
            if value.type == "composite_literal":
                array = value.child_by_field_name("type")
    if array is None or array.type != "array_type":
        return None
    element, length = array.child_by_field_name("element"), array.child_by_field_name("length")
    if element is None or length is None or file.text(element) not in ("byte", "uint8"):
        return None
    return file.const_value(length)


def _used_whole(buf: str, statement: Node, body: Node, file: GoFile) -> bool:
    """Whether ``buf`` is used after ``statement`` other than sliced (``buf[:n]``) or passed
    to another ``Stack``: written out or converted whole, with the zeros after the dump."""
    for use in query.spelled(body, file.source, buf):
        if use.type != "identifier" or use.start_byte < statement.end_byte:
            continue
        parent = use.parent
        if parent is not None and parent.type in ("slice_expression", "index_expression"):
            continue
        if parent is not None and parent.type == "argument_list":
            called = parent.parent.child_by_field_name("function") if parent.parent else None
            if called is not None and file.text(called).endswith("Stack"):
                continue
        if parent is not None and parent.type == "expression_list":
            holder = parent.parent
            if holder is not None and holder.type == "assignment_statement":
                left = holder.child_by_field_name("left")
                if left is not None and left.start_byte <= use.start_byte < left.end_byte:
                    continue  # buf = ... assigns it, not uses it
        return True
    return False


def _assigning_statement(call: Node, file: GoFile) -> tuple[Node | None, str | None]:
    """The ``n := call`` or ``n = call`` statement holding the call, and ``n``."""
    right = call.parent
    stmt = right.parent if right is not None else None
    if right is None or stmt is None or right.type != "expression_list":
        return None, None
    if stmt.type == "assignment_statement":
        op = stmt.child_by_field_name("operator")
        if op is None or file.text(op) != "=":
            return None, None
    elif stmt.type != "short_var_declaration":
        return None, None
    left = stmt.child_by_field_name("left")
    if left is None or left.named_child_count != 1 or right.named_child_count != 1:
        return None, None
    target = left.named_children[0]
    if target.type != "identifier" or file.text(target) == "_":
        return None, None
    return stmt, file.text(target)


def _assigned_values(stmt: Node, name: str, file: GoFile) -> list[Node]:
    """The values ``stmt`` assigns to ``name`` (a ``:=``, ``=`` or ``var`` statement)."""
    pairs: list[tuple[Node, Node | None]] = []
    if stmt.type in ("short_var_declaration", "assignment_statement"):
        left = stmt.child_by_field_name("left")
        right = stmt.child_by_field_name("right")
        if left is None:
            return []
        values = right.named_children if right is not None else []
        for i, target in enumerate(left.named_children):
            pairs.append((target, values[i] if len(values) == len(left.named_children) else None))
    elif stmt.type == "var_spec":
        value = stmt.child_by_field_name("value")
        values = value.named_children if value is not None else []
        names = stmt.children_by_field_name("name")
        for i, target in enumerate(names):
            pairs.append((target, values[i] if len(values) == len(names) else None))
    out = []
    for target, value in pairs:
        if target.type == "identifier" and file.text(target) == name:
            out.append(value if value is not None else stmt)
    return out


def _made_size(buf: str, call: Node, body: Node, file: GoFile) -> int | None:
    """The constant size of ``buf := make([]byte, N)``, the last assignment to ``buf`` in a
    block around the call before it; None when there is none, or when the function also
    grows that buffer (another ``buf = make(...)`` or ``append``)."""
    last: tuple[Node, Node] | None = None  # (statement, value)
    for stmt in _assignments_to(buf, body, file, _ASSIGNING):
        if stmt.end_byte > call.start_byte or not _block_holds(stmt, call):
            continue
        for value in _assigned_values(stmt, buf, file):
            last = (stmt, value)
    if last is None:
        return None
    stmt, value = last
    scope = body if stmt.type == "assignment_statement" else facts.holding_block(stmt)
    if scope is None:
        return None
    for other in _assignments_to(buf, scope, file, ("assignment_statement",)):
        if other.start_byte == stmt.start_byte:
            continue
        for grown in _assigned_values(other, buf, file):
            if _is_make(grown, file) or _mentions_append(grown, file):
                return None
    if not _is_make(value, file):
        return None
    args = value.child_by_field_name("arguments")
    if args is None or args.named_child_count != 2:
        return None
    typ, size = args.named_children
    if typ.type != "slice_type" or file.text(typ).replace(" ", "") not in ("[]byte", "[]uint8"):
        return None
    return file.const_value(size)


_ASSIGNING = ("short_var_declaration", "assignment_statement", "var_spec")


def _assignments_to(name: str, node: Node, file: GoFile, types: tuple[str, ...]) -> list[Node]:
    """The statements of ``types`` under ``node`` (itself included) that may assign to
    ``name``, in source order: those of which an identifier spelled ``name`` is a child, or a
    child of a child (the targets ``_assigned_values`` reads), found from the name's
    occurrences rather than by walking every node."""
    found: dict[int, Node] = {}
    for ident in query.spelled(node, file.source, name):
        parent = ident.parent
        for stmt in (parent, parent.parent if parent is not None else None):
            if (
                stmt is not None
                and stmt.type in types
                and node.start_byte <= stmt.start_byte
                and stmt.end_byte <= node.end_byte
            ):
                found[stmt.id] = stmt
    return sorted(found.values(), key=lambda stmt: stmt.start_byte)


def _block_holds(stmt: Node, node: Node) -> bool:
    """Whether the block (statement list) holding ``stmt`` also holds ``node``."""
    holder = facts.holding_block(stmt)
    return holder is not None and holder.start_byte <= node.start_byte < holder.end_byte


def _is_make(node: Node, file: GoFile) -> bool:
    if node.type != "call_expression":
        return False
    fn = node.child_by_field_name("function")
    return fn is not None and fn.type == "identifier" and file.text(fn) == "make"


def _mentions_append(node: Node, file: GoFile) -> bool:
    for c in query.walk(node, ("call_expression",)):
        fn = c.child_by_field_name("function")
        if fn is not None and fn.type == "identifier" and file.text(fn) == "append":
            return True
    return False


CODEMOD = Codemod(
    id="truncated-stack-dump",
    title="Grow the buffer passed to runtime.Stack until the dump fits",
    doc=__doc__ or "",
    safety=Safety.SAFE,
    rewrite=rewrite,
    calls=(Call("runtime", "Stack"),),
    shape=BY_NAME,
)
