"""Types, functions and methods across a package: the base name of a type expression, the
receiver type of a method, the package's functions of a name, every method the package
declares on a type, and the declared type of a local name or a struct field. Several codemods pair one method with another of the same type (a
start with its stop, a finalizer with a ``Close``); this is where they ask."""

from __future__ import annotations

from collections.abc import Iterator

from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import walk
from gomend.engine.go.scope import declaration_of


def base_type_name(file: GoFile, typ: Node) -> str | None:
    """``T`` for ``T``, ``*T``, ``T[int]``, ``&T{}`` or ``(*T)``; None for other types."""
    while typ.type in ("pointer_type", "unary_expression", "parenthesized_expression"):
        inner = typ.child_by_field_name("operand") if typ.type == "unary_expression" else None
        if inner is None:
            inner = typ.named_children[0] if typ.named_child_count else None
        if inner is None:
            return None
        typ = inner
    if typ.type in ("generic_type", "index_expression"):
        inner = typ.child_by_field_name("type") or typ.child_by_field_name("operand")
        if inner is None:
            return None
        typ = inner
    if typ.type in ("type_identifier", "identifier"):
        return file.text(typ)
    return None


def receiver_type(file: GoFile, method: Node) -> str | None:
    """The base name of a method's receiver type (``T`` for ``func (t *T) M()``)."""
    receiver = method.child_by_field_name("receiver")
    for decl in receiver.named_children if receiver is not None else ():
        if decl.type == "parameter_declaration":
            typ = decl.child_by_field_name("type")
            return base_type_name(file, typ) if typ is not None else None
    return None


def method_name(file: GoFile, decl: Node) -> str | None:
    name = decl.child_by_field_name("name")
    return file.text(name) if name is not None else None


def functions_named(name: str, file: GoFile) -> Iterator[tuple[Node, GoFile]]:
    """Every package-level function of the package called ``name`` (files for different
    build targets may each declare one), this file's first."""
    for pkg_file in file.package_files(name.encode()):
        for decl in pkg_file.tree.root_node.named_children:
            if decl.type == "function_declaration" and method_name(pkg_file, decl) == name:
                yield decl, pkg_file


def methods_of(type_name: str, file: GoFile) -> Iterator[tuple[Node, GoFile]]:
    """Every method the package (``file`` and its siblings) declares on ``type_name``."""
    for pkg_file in file.package_files(type_name.encode()):
        for decl in pkg_file.tree.root_node.named_children:
            if decl.type == "method_declaration" and receiver_type(pkg_file, decl) == type_name:
                yield decl, pkg_file


def type_of_name(name: str, at: Node, file: GoFile) -> str | None:
    """The base type name of the local ``name`` used at ``at``, when its declaration spells
    it: a receiver or parameter (``f *File``), ``var f *File``, or ``f := &File{...}`` /
    ``File{...}``. None when the declaration does not say (a call's result, a field)."""
    declared = declaration_of(name, at, file.source)
    if declared is None:
        return None
    if declared.type in ("function_declaration", "method_declaration", "func_literal"):
        for field in ("receiver", "parameters"):
            params = declared.child_by_field_name(field)
            for decl in walk(params, ("parameter_declaration",)) if params is not None else ():
                names = [file.text(n) for n in decl.children_by_field_name("name")]
                typ = decl.child_by_field_name("type")
                if name in names and typ is not None:
                    return base_type_name(file, typ)
        return None
    if declared.type == "var_declaration":
        for spec in walk(declared, ("var_spec",)):
            names = [file.text(n) for n in spec.children_by_field_name("name")]
            typ = spec.child_by_field_name("type")
            if name in names and typ is not None:
                return base_type_name(file, typ)
        return None
    if declared.type == "short_var_declaration":
        left, right = declared.child_by_field_name("left"), declared.child_by_field_name("right")
        if left is None or right is None or left.named_child_count != right.named_child_count:
            return None
        for target, value in zip(left.named_children, right.named_children, strict=True):
            if file.text(target) != name:
                continue
            while value.type == "unary_expression" and value.named_child_count:
                value = value.named_children[0]
            if value.type == "composite_literal":
                typ = value.child_by_field_name("type")
                return base_type_name(file, typ) if typ is not None else None
    return None


def field_type(type_name: str, field: str, file: GoFile) -> tuple[str, GoFile] | None:
    """The declared type of ``type_name``'s field ``field`` as written (``*os.File``), with
    the file that declares it, from the struct declarations of the package; None when the
    type is not a struct declared there or has no such named field (an embedded one)."""
    for owner in file.package_files(type_name.encode()):
        for spec in walk(owner.tree.root_node, ("type_spec",)):
            name = spec.child_by_field_name("name")
            struct = spec.child_by_field_name("type")
            if name is None or owner.text(name) != type_name or struct is None:
                continue
            if struct.type != "struct_type":
                return None
            for decl in walk(struct, ("field_declaration",)):
                names = [owner.text(n) for n in decl.children_by_field_name("name")]
                typ = decl.child_by_field_name("type")
                if field in names and typ is not None:
                    return owner.text(typ), owner
            return None
    return None
