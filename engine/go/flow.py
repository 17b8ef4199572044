"""Where a value goes: whether a function's local value leaves it (returned, stored in a
field, a package variable, a map or slice, sent on a channel, handed to a ``go`` statement,
captured by a func literal that outlives the call). One of the Go facts
(``engine.go.facts``): the safety of a deferred cancel, unlock or restore rests on it."""

from __future__ import annotations

from enum import StrEnum

from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, spelled, unparen
from gomend.engine.go.scope import declaration_of


class Goes(StrEnum):
    """A way a value leaves the function that holds it (or outlives its statement)."""

    RETURNED = "returned"
    FIELD = "stored in a field"  # an assignment to x.f, or a composite literal's element
    VARIABLE = "stored in a package variable"
    ELEMENT = "stored in a map or slice"  # x[k] = v, append(xs, v)
    SENT = "sent on a channel"
    GO = "handed to a go statement"
    CAPTURED = "captured by a func literal that outlives the call"


def where_value_goes(name: str, after: Node, body: Node, file: GoFile) -> frozenset[Goes]:
    """How the variable ``name`` leaves ``body`` after the statement ``after``: each use of
    the name there (uses of another variable of that name, declared later, aside) classified
    by what holds it. A func literal that uses it counts as capturing it unless the literal is
    called at once or deferred; one started with ``go`` hands it to a go statement."""
    goes: set[Goes] = set()
    for use in spelled(body, file.source, name):
        if use.type != "identifier" or use.start_byte < after.end_byte:
            continue
        declared = declaration_of(name, use, file.source)
        if declared is not None and declared != after and declared.start_byte >= after.end_byte:
            continue  # another variable of the same name, declared later
        goes |= _uses(use, body, file)
    return frozenset(goes)


def _uses(use: Node, body: Node, file: GoFile) -> set[Goes]:
    """What one use does with the value: moved on by the expression it stands in, or (inside
    a func literal) whatever becomes of the outermost literal that holds it."""
    literal = None
    node = use.parent
    while node is not None and node != body:
        if node.type == "func_literal":
            literal = node
        node = node.parent
    if literal is None:
        return _moves(use, file)
    holder = literal.parent
    if holder is not None and holder.type == "call_expression":
        if holder.child_by_field_name("function") == literal:  # called where it stands
            goer = holder.parent
            return {Goes.GO} if goer is not None and goer.type == "go_statement" else set()
    return {Goes.CAPTURED} | _moves(literal, file)


# the expressions through which a value is still the same value: (v), &v, T{v}, k: v, a, v
_CARRIERS = frozenset(
    {"parenthesized_expression", "unary_expression", "composite_literal", "literal_value",
     "keyed_element", "literal_element", "expression_list"}
)  # fmt: skip


def _moves(value: Node, file: GoFile) -> set[Goes]:
    """Where the expression ``value`` puts its value: returned, stored, sent or handed to a
    ``go`` statement; nothing when it is read, or passed to a function (not ``append``)."""
    child, node = value, value.parent
    element = value  # the element of a list that holds the value (``a, v`` in ``x, y = a, v``)
    while node is not None:
        kind = node.type
        if kind == "expression_list":
            element = child
        if kind == "unary_expression" and not file.text(node).startswith("&"):
            return set()  # -v, !v, <-v, *v read the value
        if kind in _CARRIERS:
            child, node = node, node.parent
            continue
        if kind == "return_statement":
            return {Goes.RETURNED}
        if kind == "send_statement":
            return {Goes.SENT} if node.child_by_field_name("value") == child else set()
        if kind in ("assignment_statement", "short_var_declaration"):
            return _stored(node, child, element, file)
        if kind == "argument_list":
            call = node.parent
            if call is not None and _is_append(call, file):
                return {Goes.ELEMENT}
            if call is not None and call.parent is not None and call.parent.type == "go_statement":
                return {Goes.GO}
            return set()
        return set()
    return set()


def _is_append(call: Node, file: GoFile) -> bool:
    fn = call.child_by_field_name("function")
    return fn is not None and node_text(fn, file.source) == "append"


def _stored(statement: Node, side: Node, element: Node, file: GoFile) -> set[Goes]:
    """Where an assignment puts ``element``, a value of its right-hand side ``side``: the
    target of the same position when both sides list as many, else every target."""
    if statement.child_by_field_name("right") != side:
        return set()
    left = statement.child_by_field_name("left")
    targets = left.named_children if left is not None else []
    values = side.named_children if side.type == "expression_list" else [side]
    if len(values) == len(targets) and element in values:
        targets = [targets[values.index(element)]]
    found: set[Goes] = set()
    for target in targets:
        target = unparen(target)
        if target.type == "selector_expression":
            found.add(Goes.FIELD)
        elif target.type == "index_expression":
            found.add(Goes.ELEMENT)
        elif (
            target.type == "identifier"
            and statement.type == "assignment_statement"
            and node_text(target, file.source) in file.package_names
            and not _declared_locally(target, file)
        ):
            found.add(Goes.VARIABLE)
    return found


def _declared_locally(ident: Node, file: GoFile) -> bool:
    return declaration_of(node_text(ident, file.source), ident, file.source) is not None
