"""Finalizers: the type a finalizer func takes, the releasing call it makes (``x.f.Close()``,
``os.RemoveAll``), and whether the package clears the finalizer of a type with
``runtime.SetFinalizer(x, nil)`` (an explicit close that removes it, after which the
finalizer is only a safety net)."""

from __future__ import annotations

from gomend.engine.go import calls, methods, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

# method calls that close or release what they are called on
CLOSERS = ("Close", "Release", "Unlock", "Stop")
# package functions that release what they are given: files on disk, descriptors, handles
RELEASERS = {
    "os": ("Remove", "RemoveAll"),
    "syscall": ("Close", "CloseHandle", "Munmap"),
    "golang.org/x/sys/unix": ("Close", "Munmap"),
    "golang.org/x/sys/windows": ("CloseHandle", "FreeLibrary"),
}


def param_type(file: GoFile, func: Node) -> str | None:
    params = func.child_by_field_name("parameters")
    for decl in params.named_children if params is not None else ():
        if decl.type == "parameter_declaration":
            typ = decl.child_by_field_name("type")
            return methods.base_type_name(file, typ) if typ is not None else None
    return None


def clears_finalizer(file: GoFile, type_name: str | None) -> bool:
    """Whether the package clears the finalizer of this type, ``runtime.SetFinalizer(x, nil)``
    with ``x`` of ``type_name`` (an explicit close that removes it: the finalizer is only a
    safety net). A clearing call for another type says nothing about this one; one whose
    object's type cannot be read from its declaration (a field, a call's result) counts."""
    for pkg_file in file.package_files(b"SetFinalizer"):
        if not pkg_file.imports.imports("runtime"):
            continue
        root = pkg_file.tree.root_node
        for call in calls.calls_in(root, pkg_file, "runtime", "SetFinalizer", same_body=False):
            args = scope.call_arguments(call)
            if len(args) != 2 or query.unparen(args[1]).type != "nil":
                continue
            cleared = _type_of(query.unparen(args[0]), pkg_file)
            if type_name is None or cleared is None or cleared == type_name:
                return True
    return False


def _type_of(value: Node, file: GoFile) -> str | None:
    if value.type == "identifier":
        return methods.type_of_name(file.text(value), value, file)
    if value.type == "unary_expression":  # &T{...}
        return methods.base_type_name(file, value)
    return None


def releasing_call(file: GoFile, func: Node, depth: int = 1) -> str | None:
    """The first releasing call the finalizer's body makes, as written: ``x.Close()``
    (``Release``, ``Unlock``, ``Stop``), a package function that releases (``os.RemoveAll``,
    ``syscall.Close``), or, one level down, a method of the finalized type that does
    (``w.finalize()`` whose body calls ``w.dll.Release()``)."""
    body = scope.function_body(func)
    if body is None:
        return None
    calls_made: list[tuple[str, str]] = []  # (receiver, method) of every x.M() call
    for call in query.walk(body, ("call_expression",)):
        target = calls.call_target(call, file)
        if target is not None and target[1] in RELEASERS.get(target[0], ()):
            return file.text(call.child_by_field_name("function") or call)
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "selector_expression":
            continue
        operand = fn.child_by_field_name("operand")
        field = fn.child_by_field_name("field")
        if operand is not None and field is not None:
            calls_made.append((file.text(operand), file.text(field)))
    for receiver, method in calls_made:
        if method not in CLOSERS:
            continue
        if method == "Unlock" and (receiver, "Lock") in calls_made:
            continue  # a critical section of its own, not a lock left held for the finalizer
        return f"{receiver}.{method}"
    type_name = param_type(file, func) if depth > 0 else None
    param = scope.first_parameter_name(func, file.source)
    for receiver, method in calls_made if type_name is not None else ():
        if receiver != param:
            continue
        for decl, owner in methods.methods_of(type_name or "", file):
            if methods.method_name(owner, decl) == method and releasing_call(owner, decl, 0):
                return f"{receiver}.{method}"
    return None
