"""Finalizers: the type a finalizer func takes, and whether the package clears the
finalizer of a type with ``runtime.SetFinalizer(x, nil)`` (an explicit close that removes
it, after which the finalizer is only a safety net)."""

from __future__ import annotations

from gomend.engine.go import calls, methods, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node


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
