"""Uses of a function's local variables: whether one is assigned again after a point, and
whether a statement holds the last use of one (deleting it would leave it unused)."""

from __future__ import annotations

from gomend.engine.go import query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node


def reassigned_after(name: str, decl: Node, holder: Node, obj: Node, file: GoFile) -> bool:
    """Whether an assignment in ``holder`` after ``obj`` sets the variable ``decl`` declares:
    found from the spellings of its name (a walk where the name is undecodable)."""
    if "\ufffd" in name:
        targets = query.walk(holder, ("identifier",))
    else:
        targets = query.spelled(holder, file.source, name)
    for target in targets:
        left = target.parent
        stmt = left.parent if left is not None else None
        if (
            stmt is not None
            and stmt.type == "assignment_statement"
            and stmt.start_byte >= obj.end_byte
            and target.type == "identifier"
            and stmt.child_by_field_name("left") == left
            and file.text(target) == name
            and scope.declaration_of(name, target, file.source) == decl
        ):
            return True
    return False


def holds_last_use(stmt: Node, file: GoFile) -> bool:
    """Whether a local variable used in ``stmt`` is used nowhere else (Go would then reject
    its declaration as unused)."""
    for ident in query.walk(stmt, ("identifier",)):
        name = file.text(ident)
        decl = scope.declaration_of(name, ident, file.source)
        if decl is None or decl.type in scope.FUNCTION_TYPES:
            continue  # package-level names and parameters may go unused
        if stmt.start_byte <= decl.start_byte < stmt.end_byte:
            continue  # declared in the statement itself: it goes with it
        region = decl.parent if decl.parent is not None else decl
        if not any(
            file.text(other) == name
            and not (stmt.start_byte <= other.start_byte < stmt.end_byte)
            and not declares(decl, other)
            and not bare_assignment_target(other)
            and scope.declaration_of(name, other, file.source) == decl
            for other in query.walk(region, ("identifier",))
        ):
            return True
    return False


def declares(decl: Node, ident: Node) -> bool:
    """Whether ``ident`` is one of the names ``decl`` declares (not a use)."""
    if not (decl.start_byte <= ident.start_byte < decl.end_byte):
        return False
    parent = ident.parent
    if parent is not None and parent.type in ("var_spec", "const_spec"):
        return True
    if parent is not None and parent.type == "expression_list":
        holder = parent.parent
        return holder is not None and holder.child_by_field_name("left") == parent
    return False


def bare_assignment_target(ident: Node) -> bool:
    parent = ident.parent
    holder = parent.parent if parent is not None else None
    return (
        parent is not None
        and parent.type == "expression_list"
        and holder is not None
        and holder.type == "assignment_statement"
        and holder.child_by_field_name("left") == parent
    )
