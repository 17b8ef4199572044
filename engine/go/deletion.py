"""Deleting a statement as a Go engineer would: an ``if`` or a ``range`` over a variable
that the deletion leaves with an empty body goes too, with the comment that introduced it,
and no deletion leaves a local variable unused (that deletion is not offered). Built on the byte-level edits of ``engine.go.edits``; codemods call this."""

from __future__ import annotations

from gomend.engine.go import uses
from gomend.engine.go.edits import (
    Edit,
    comment_lines_start,
    delete_lines,
    delete_statement,
    line_start,
    statement_alone_on_line,
)
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import walk

# what an ``if`` condition may hold for the ``if`` to go with its only statement: reading
# local variables and constants and computing with them has no effect of its own (no
# selector: ``cfg.Debug`` may name another package, whose import the deletion would orphan)
_PURE = frozenset(
    {"identifier", "binary_expression", "parenthesized_expression", "int_literal",
     "float_literal", "interpreted_string_literal", "raw_string_literal", "rune_literal",
     "true", "false", "nil", "iota", "argument_list"}
)  # fmt: skip


def _pure(condition: Node, file: GoFile) -> bool:
    """Whether evaluating ``condition`` can have no effect: no call but ``len``/``cap``, no
    receive, no index or dereference (they may panic), no division but by a constant other
    than zero."""
    source = file.source
    for n in walk(condition):
        if not n.is_named or n.type == "comment":
            continue
        if n.type == "binary_expression":
            op = n.child_by_field_name("operator")
            right = n.child_by_field_name("right")
            if op is not None and source[op.start_byte : op.end_byte] in (b"/", b"%"):
                if right is None or not file.const_value(right):
                    return False
            continue
        if n.type in _PURE:
            continue
        if n.type == "unary_expression" and source[n.start_byte : n.start_byte + 1] in b"!-+^&":
            if source[n.start_byte : n.start_byte + 2] != b"<-":
                continue  # not a receive, nor a dereference (which may panic)
        if n.type == "call_expression":  # len(x) and cap(x) read
            fn = n.child_by_field_name("function")
            if fn is not None and source[fn.start_byte : fn.end_byte] in (b"len", b"cap"):
                continue
        return False
    return True


def emptied_if(statement: Node, file: GoFile) -> Node | None:
    """The ``if`` or ``for ... range`` that deleting ``statement`` would leave with an empty
    body, when it can go with it: ``statement`` is all its body holds (no comment either);
    an ``if`` with no ``else``, no init statement and a condition without effects; a
    ``range`` over a local variable (ranging over it does nothing of its own)."""
    block = statement.parent
    if block is not None and block.type == "statement_list":
        block = block.parent
    holder = block.parent if block is not None else None
    if block is None or block.type != "block" or holder is None:
        return None
    if holder.type == "for_statement":
        return holder if _only(statement, block) and _ranges_over_a_variable(holder) else None
    if holder.type != "if_statement":
        return None
    condition = holder.child_by_field_name("condition")
    if (
        not _only(statement, block)
        or holder.child_by_field_name("consequence") != block
        or holder.child_by_field_name("alternative") is not None
        or holder.child_by_field_name("initializer") is not None
        or condition is None
        or not _pure(condition, file)
    ):
        return None
    return holder


def _only(statement: Node, block: Node) -> bool:
    """Whether ``statement`` is all the block holds (a comment ending its line aside)."""
    inner = [c for c in block.named_children if c.type != "statement_list"]
    for c in block.named_children:
        if c.type == "statement_list":
            inner += c.named_children
    row = statement.end_point[0]  # a comment ending the statement's line goes with it
    return [c for c in inner if not (c.type == "comment" and c.start_point[0] == row)] == [
        statement
    ]


def _ranges_over_a_variable(loop: Node) -> bool:
    clause = next((c for c in loop.named_children if c.type == "range_clause"), None)
    ranged = clause.child_by_field_name("right") if clause is not None else None
    return ranged is not None and ranged.type == "identifier"


def _comment_introducing(node: Node, source: bytes) -> int | None:
    """Start of the ``//`` lines right above ``node`` when they open a paragraph (a blank
    line or a ``{`` above them): they introduce ``node``."""
    first = comment_lines_start(node, source)
    if first is None:
        return None
    prev_line = source[line_start(source, first - 1) : first].strip() if first > 0 else b""
    return first if prev_line == b"" or prev_line.endswith(b"{") else None


def collapsing_if(statement: Node, file: GoFile) -> Node | None:
    """The outermost ``if`` or ``range`` loop that deleting ``statement`` takes with it
    (``emptied_if``, up through ones that only hold another), unless it holds the last use
    of a local; else None."""
    target = None
    current = statement
    while (up := emptied_if(current, file)) is not None and not uses.holds_last_use(up, file):
        target = current = up
    return target


def delete_cleanly(statement: Node, file: GoFile, with_comment_above: bool = False) -> Edit | None:
    """The edit deleting ``statement`` (None when it shares its line with other code): an
    ``if`` that would be left empty goes with it, with a comment that introduces it, unless
    the ``if`` holds the last use of a local variable. None as well when the deletion would
    leave a func literal empty (``var start = func() {}``): what holds it would keep a value
    that does nothing."""
    source = file.source
    target = collapsing_if(statement, file)
    if _empties_a_literal(target or statement):
        return None  # never leave func() {}: a value someone holds, now doing nothing
    if target is None:
        if uses.holds_last_use(statement, file):
            return None  # Go would reject the variable as declared and not used
        return delete_statement(statement, source, with_comment_above)
    if not statement_alone_on_line(target, source):
        return None
    start = _comment_introducing(target, source) or line_start(source, target.start_byte)
    return delete_lines(start, target, source)


def empties_body(statement: Node) -> bool:
    """Whether ``statement`` is the only statement of the function or literal body it is in."""
    holder = statement.parent
    if holder is not None and holder.type == "statement_list":
        holder = holder.parent
    if holder is None or holder.type != "block":
        return False
    owner = holder.parent
    if owner is None or owner.type not in (
        "func_literal",
        "function_declaration",
        "method_declaration",
    ):
        return False
    return len([c for c in _statements(holder) if c.type != "comment"]) == 1


def _statements(block: Node) -> list[Node]:
    inner = next((c for c in block.named_children if c.type == "statement_list"), None)
    return (inner or block).named_children


def _empties_a_literal(statement: Node) -> bool:
    holder = statement.parent
    if holder is not None and holder.type == "statement_list":
        holder = holder.parent
    owner = holder.parent if holder is not None else None
    return owner is not None and owner.type == "func_literal" and empties_body(statement)
