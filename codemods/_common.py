"""Helpers that several codemods share: the call query and "delete this call statement".

Kept small on purpose: anything about the tree in general belongs to ``gomend.engine.go.query``.
"""

from __future__ import annotations

from gomend.engine.codemod import Fix, Match, Safety
from gomend.engine.go import scope
from gomend.engine.go.edits import delete_statement
from gomend.engine.go.parse import Node


def call_query(*names: str) -> str:
    """A query for calls to any of ``names``, spelled ``pkg.Name(...)`` or (dot import)
    ``Name(...)``; captures ``@call``. The rewrite still checks the import path."""
    quoted = " ".join(f'"{n}"' for n in names)
    return f"""
(call_expression
   function: [(selector_expression field: (field_identifier) @name)
              (identifier) @name]
   (#any-of? @name {quoted})) @call
"""


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
    edit = delete_statement(statement, m.file.source)
    if edit is None:
        return None
    return m.fix([edit], safety, drop_imports=drop_imports)
