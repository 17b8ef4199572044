"""A finalizer that only releases one field, which runtime.AddCleanup does better

## What it does
On Go 1.24 or later (the `go` line of the nearest `go.mod`), finds
`runtime.SetFinalizer(x, func(p *T) { ... })` whose finalizer uses its object only to read
one field and release it (`p.f.Close()`, `syscall.Close(p.fd)`), and rewrites it to

```go
runtime.AddCleanup(x, func(f *os.File) { f.Close() }, x.f)
```

with the cleanup's parameter typed as the field is declared in the package (sibling files
included) and named after the field.

Left alone: finalizers that release nothing (a check that reports or panics when the object
leaked without `Close`), finalizers that use the object itself (pass it on, store it, call
its methods),
that re-arm themselves, or whose type's finalizer the package clears with
`SetFinalizer(x, nil)` (the explicit close then relies on the finalizer being there), and
modules on Go 1.23 or older, where `AddCleanup` does not exist. Reported without a fix: a
finalizer that reads more than one field (the cleanup's argument would have to be a new
struct type, a choice left to you), a field whose type the package does not declare (an
embedded field, a type from another package's struct), and an object that is not a plain
variable (it would be evaluated twice).

## Why is this bad?
A finalizer receives the object itself, so it can resurrect it, it delays the object's
memory by a whole collection cycle (the object must survive to be passed in), and an object
in a cycle with a finalizer is never collected at all. `runtime.AddCleanup` (Go 1.24) takes
only what the cleanup needs as its argument: the object is freed in the same cycle, several
cleanups can be attached to one object, and a cycle does not stop them. Measured on Go 1.27
(tests/symptoms): a program that closes a file in a finalizer and the same program after
this rewrite both close it after the object is dropped and a collection runs.

## Example
```go
type Log struct{ f *os.File }

func Open(name string) (*Log, error) {
        f, err := os.Create(name)
        if err != nil {
                return nil, err
        }
        l := &Log{f: f}
        runtime.SetFinalizer(l, func(l *Log) { l.f.Close() })
        return l, nil
}
```

## Use instead
```go
        l := &Log{f: f}
        runtime.AddCleanup(l, func(f *os.File) { f.Close() }, l.f)
```

## Fix safety
Unsafe: a cleanup runs later than the finalizer would (after the object is freed, not before)
and cannot see the object, so code that relied on the finalizer running first, or on
`SetFinalizer(x, nil)` removing it, behaves differently; and a field the program changes
after the call is passed as it was at the call. Review it.
"""

from __future__ import annotations

import re

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import calls, finalizers, methods, query, scope, version
from gomend.engine.go.edits import Edit
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

SINCE = (1, 24)
KEYWORDS = frozenset(
    {"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
     "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
     "return", "select", "struct", "switch", "type", "var"}
)  # fmt: skip


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = scope.call_arguments(call)
    if len(args) != 2 or not version.at_least(file.go_version, SINCE):
        return None
    obj, fin = query.unparen(args[0]), query.unparen(args[1])
    if fin.type != "func_literal":
        return None
    param = scope.first_parameter_name(fin, file.source)
    type_name = finalizers.param_type(file, fin)
    body = fin.child_by_field_name("body")
    if param is None or type_name is None or body is None or param == "_":
        return None
    if calls.calls_in(body, file, "runtime", "SetFinalizer", same_body=False):
        return None  # it re-arms itself
    fields = _fields_read(param, body, file)
    if not fields:
        return None  # it uses the object itself
    if finalizers.releasing_call(file, fin) is None:
        return None  # it releases nothing: a check that Close was called, a leak report
    if finalizers.clears_finalizer(file, type_name):
        return None
    message = (
        f"the finalizer only releases {param}.{'/'.join(sorted(fields))}; runtime.AddCleanup "
        "with that field as its argument frees the object a cycle sooner and cannot resurrect it"
    )
    if len(fields) > 1:
        return m.report(call, message + " (pass the fields in a small struct of your own)")
    field = next(iter(fields))
    declared = methods.field_type(type_name, field, file)
    if obj.type != "identifier" or declared is None or not _spellable(declared, file):
        return m.report(call, message)
    typ, _ = declared
    name = _param_name(field, body, file)
    new_body = _rewritten_body(param, field, name, body, file)
    q = file.text(call.child_by_field_name("function") or call)[: -len("SetFinalizer")]
    text = (
        f"{q}AddCleanup({file.text(obj)}, func({name} {typ}) {new_body}, {file.text(obj)}.{field})"
    )
    fix = m.fix([Edit(call.start_byte, call.end_byte, text)], Safety.UNSAFE, new_names=[name])
    return m.report(call, message + "; use it", fix)


def _fields_read(param: str, body: Node, file: GoFile) -> set[str] | None:
    """The fields of ``param`` the body reads (``p.f``), or None when it uses ``param`` any
    other way (passes it on, stores it, calls a method of it, takes a field's address)."""
    fields: set[str] = set()
    for use in query.spelled(body, file.source, param):
        if use.type != "identifier":
            continue
        if scope.declaration_of(param, use, file.source) not in (None, body.parent):
            continue  # another variable of that name
        sel = use.parent
        if sel is None or sel.type != "selector_expression":
            return None
        field = sel.child_by_field_name("field")
        if field is None:
            return None
        outer = sel.parent
        if outer is not None and outer.type == "call_expression":
            if outer.child_by_field_name("function") == sel:
                return None  # p.method(): a method of the object itself
        if (
            outer is not None
            and outer.type == "unary_expression"
            and file.text(outer).startswith("&")
        ):
            return None  # &p.f points into the object
        if outer is not None and outer.type in ("assignment_statement", "expression_list"):
            holder = outer if outer.type == "assignment_statement" else outer.parent
            left = holder.child_by_field_name("left") if holder is not None else None
            if left is not None and left.start_byte <= sel.start_byte < left.end_byte:
                return None  # p.f = ...: a write to the object
        fields.add(file.text(field))
    return fields


def _spellable(declared: tuple[str, GoFile], file: GoFile) -> bool:
    """Whether the field's type, as its declaring file writes it, means the same here: each
    package it names is imported here under the same name."""
    typ, owner = declared
    for qualifier in set(_QUALIFIER.findall(typ)):
        path = owner.imports.path_of(qualifier)
        if path is None or file.imports.path_of(qualifier) != path:
            return False
    return True


_QUALIFIER = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)\.")


def _param_name(field: str, body: Node, file: GoFile) -> str:
    """The field's name for the cleanup's parameter, unless the body already uses it."""
    base = field[0].lower() + field[1:]
    if base in KEYWORDS or base == "_":
        base = "v"
    name, n = base, 1
    while any(n.type == "identifier" for n in query.spelled(body, file.source, name)):
        n += 1
        name = f"{base}{n}"
    return name


def _rewritten_body(param: str, field: str, name: str, body: Node, file: GoFile) -> str:
    """The finalizer's body with every ``param.field`` read as ``name``."""
    source = file.source
    edits = []
    for use in query.spelled(body, source, param):
        sel = use.parent
        if use.type == "identifier" and sel is not None and sel.type == "selector_expression":
            named = sel.child_by_field_name("field")
            if named is not None and file.text(named) == field:
                edits.append((sel.start_byte, sel.end_byte))
    out, pos = [], body.start_byte
    for start, end in sorted(edits):
        out.append(source[pos:start].decode())
        out.append(name)
        pos = end
    out.append(source[pos : body.end_byte].decode())
    return "".join(out)


CODEMOD = Codemod(
    id="finalizer-to-cleanup",
    title="Turn a finalizer that releases one field into runtime.AddCleanup (Go 1.24+)",
    doc=__doc__ or "",
    safety=Safety.UNSAFE,
    rewrite=rewrite,
    calls=(Call("runtime", "SetFinalizer"),),
)
