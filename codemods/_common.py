"""Helpers that several codemods share: "delete this call statement" as a fix.

Kept small on purpose: anything about the tree in general belongs to ``gomend.engine.go.query``.
"""

from __future__ import annotations

from gomend.engine.codemod import Fix, Match, Safety
from gomend.engine.go import deletion, scope
from gomend.engine.go.parse import Node


def delete_call_statement(
    m: Match, call: Node, safety: Safety, drop_imports: tuple[str, ...]
) -> Fix | None:
    """A fix deleting the expression statement ``call`` (its whole line with a trailing
    comment), dropping ``drop_imports`` when they have no use left. None when the call is
    not a statement of its own line (the caller then reports without a fix)."""
    if not scope.is_expression_statement(call):
        return None
    statement = call.parent
    assert statement is not None
    edit = deletion.delete_cleanly(statement, m.file)
    if edit is None:
        return None
    return m.fix([edit], safety, drop_imports=drop_imports)
