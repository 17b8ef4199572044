"""A finalizer is the only thing that closes a resource

## What it does
Finds `runtime.SetFinalizer(x, f)` where the finalizer (a func literal, or a function or
method of the same package named by `f`) calls `Close`, `Release`, `Unlock` or `Stop`, a
package function that releases (`os.Remove`, `os.RemoveAll`, `syscall.Close`,
`windows.CloseHandle`), or a method of the finalized type that does one of these, and
the type it finalizes offers no other way to close it: the package declares no `Close`,
`Release`, `Stop` or `Unlock` method (in either case) on that type and never clears the
finalizer with `SetFinalizer(x, nil)`. It reports and explains; it does not edit.

## Why is this bad?
A finalizer runs when a garbage collection finds the object unreachable, and the finalizers
run one at a time on a single goroutine. Garbage collections are paced by heap growth, not by
how many descriptors, locks or timers are held, so a program that allocates little can run
out of descriptors long before the next collection. In exercise 14, which opens a file
100,000 times and leaves closing it to a finalizer, a hard limit of 1024 descriptors made
96,955 of the 100,000 opens fail, silently since the error was discarded, from iteration 1015
on; there were only 2 GC cycles in the whole run, because failed opens allocate less. With a
limit of 4096, 26,755-50,462 opens failed. Closing each file explicitly kept at most 10
descriptors open and no open failed at any limit.

## Example
```go
func Open(name string) (*File, error) {
        f, err := os.Open(name)
        if err != nil {
                return nil, err
        }
        fw := &File{f: f}
        runtime.SetFinalizer(fw, func(fw *File) { fw.f.Close() })
        return fw, nil
}
```

## Use instead
```go
func Open(name string) (*File, error) {
        f, err := os.Open(name)
        if err != nil {
                return nil, err
        }
        return &File{f: f}, nil
}

func (fw *File) Close() error { return fw.f.Close() }
```
and at every call site `fw, err := Open(name)` followed by `defer fw.Close()`. To catch
callers that forget, Go 1.24 and later offer `runtime.AddCleanup` as a safety net: unlike a
finalizer it receives only what it needs to close (`runtime.AddCleanup(fw, func(f *os.File)
{ f.Close() }, fw.f)`), can be attached more than once, and cannot resurrect the object.

## Fix safety
No fix: closing explicitly changes the type's API and every call site, which a rewrite cannot
decide. Left alone: finalizers that only check that `Close` was called (they panic or log
without closing anything), finalizers that free memory (C allocations) rather than close a
resource, finalizers whose `Unlock` ends a critical section they locked themselves, and the
safety-net shape of `os.File` and `net` connections, where the type has an
explicit close method or the package clears the finalizer of that type when it is closed
(`runtime.SetFinalizer(f, nil)` with `f` declared as that type; a clearing call for another
type says nothing about this one).
"""

from __future__ import annotations

from collections.abc import Iterator

from gomend.engine.codemod import Call, Codemod, Finding, Match, Safety
from gomend.engine.go import finalizers, methods, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

CLOSERS = finalizers.CLOSERS
CLOSE_METHODS = {name.lower() for name in CLOSERS}
_HELD = {
    "Close": "the resource stays open",
    "Release": "the resource stays held",
    "Unlock": "the lock stays held",
    "Stop": "it keeps running",
    "Remove": "the file stays on disk",
    "RemoveAll": "the files stay on disk",
}


def rewrite(m: Match) -> Finding | None:
    file, call = m.file, m["call"]
    args = scope.call_arguments(call)
    if len(args) != 2:
        return None
    found = next(
        (
            (closer, type_name)
            for func, owner, type_name in _finalizers(file, query.unparen(args[1]))
            if (closer := finalizers.releasing_call(owner, func)) is not None
        ),
        None,
    )  # the first: siblings are read only when this file declares no closing finalizer
    if found is None:
        return None
    closer, type_name = found
    if type_name is not None and _has_close_method(file, type_name):
        return None  # the finalizer is a safety net behind an explicit close
    if finalizers.clears_finalizer(file, type_name):
        return None
    return m.report(
        call,
        f"the finalizer is the only thing that calls {closer}, so "
        f"{_HELD.get(closer.rsplit('.', 1)[-1], 'the resource stays held')} "
        "until a garbage collection happens to run it; give the type a Close method, call it "
        "with defer, and keep runtime.AddCleanup only as a safety net",
    )


def _finalizers(file: GoFile, func: Node) -> Iterator[tuple[Node, GoFile, str | None]]:
    """The finalizer's function node, the file it is in and the name of the type it takes;
    for a named function, every declaration of it in the package (files for different
    build targets may each declare it), this file's first."""
    if func.type == "func_literal":
        yield func, file, finalizers.param_type(file, func)
    elif func.type == "identifier":  # a function of the package
        name = file.text(func)
        if file.is_shadowed(name, func):
            return
        for decl, pkg_file in methods.functions_named(name, file):
            yield decl, pkg_file, finalizers.param_type(pkg_file, decl)
    elif func.type == "selector_expression":  # (*T).close or (T).close
        operand = func.child_by_field_name("operand")
        field = func.child_by_field_name("field")
        if operand is None or field is None:
            return
        type_name = methods.base_type_name(file, query.unparen(operand))
        if type_name is None:
            return
        method = file.text(field)
        for pkg_file in file.package_files(type_name.encode()):
            for decl in pkg_file.tree.root_node.named_children:
                if (
                    decl.type == "method_declaration"
                    and methods.method_name(pkg_file, decl) == method
                    and methods.receiver_type(pkg_file, decl) == type_name
                ):
                    yield decl, pkg_file, type_name


def _has_close_method(file: GoFile, type_name: str) -> bool:
    """Whether the package declares a close-like method on the type (``Close``, ``close``,
    ``Release``...): then callers can close explicitly and the finalizer is a safety net."""
    for pkg_file in file.package_files(type_name.encode()):
        for decl in pkg_file.tree.root_node.named_children:
            if (
                decl.type == "method_declaration"
                and (methods.method_name(pkg_file, decl) or "").lower() in CLOSE_METHODS
                and methods.receiver_type(pkg_file, decl) == type_name
            ):
                return True
    return False


CODEMOD = Codemod(
    id="finalizer-for-cleanup",
    title="Close resources explicitly instead of in a finalizer",
    doc=__doc__ or "",
    safety=Safety.NONE,
    rewrite=rewrite,
    calls=(Call("runtime", "SetFinalizer"),),
)
