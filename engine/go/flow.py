"""Where a value goes: whether a function's local value leaves it (returned, stored in a
field, a package variable, a map or slice, sent on a channel, handed to a ``go`` statement,
captured by a func literal that outlives the call), itself or as a value built from it
(``r.WithContext(ctx)``, ``&server{ctx: ctx}``, a context derived from it). One of the Go
facts (``engine.go.facts``): the safety of a deferred cancel, unlock or restore rests on it."""

from __future__ import annotations

from enum import StrEnum

from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, spelled, unparen
from gomend.engine.go.scope import FUNCTION_TYPES, declaration_of, declared_names


class Goes(StrEnum):
    """A way a value leaves the function that holds it (or outlives its statement)."""

    RETURNED = "returned"
    FIELD = "stored in a field"  # an assignment to x.f, or a composite literal's element
    VARIABLE = "stored in a package variable"
    OUTER = "stored in a variable declared outside the loop"
    ELEMENT = "stored in a map or slice"  # x[k] = v, append(xs, v)
    SENT = "sent on a channel"
    GO = "handed to a go statement"
    CAPTURED = "captured by a func literal that outlives the call"


def where_value_goes(
    name: str,
    after: Node,
    body: Node,
    file: GoFile,
    *,
    within: Node | None = None,
    through_calls: bool = True,
) -> frozenset[Goes]:
    """How the variable ``name`` leaves ``body`` after the statement ``after``: each use of
    the name there (uses of another variable of that name, declared later, aside) classified
    by what holds it. A func literal that uses it counts as capturing it unless the literal is
    called at once or deferred; one started with ``go`` hands it to a go statement.

    A local variable that receives the value, or a value built from it (a composite literal
    holding it, the result of a call it is passed to, such as ``r.WithContext(ctx)``), is
    followed in turn; an ``err`` and the results of a function that returns only errors,
    booleans, numbers and strings hold no context. With ``within`` (a loop's body), a store
    into a variable declared outside it counts as leaving (``Goes.OUTER``); a named result
    counts as returned. Without ``through_calls``, a call's result is taken to hold nothing
    of its arguments: the question is then where the value itself goes."""
    goes: set[Goes] = set()
    pending, seen = [(name, after)], {name}
    while pending:
        current, start = pending.pop()
        derived: list[tuple[str, Node]] = []
        for use in spelled(body, file.source, current):
            if use.type != "identifier" or use.start_byte < start.end_byte:
                continue
            declared = declaration_of(current, use, file.source)
            if declared is not None and declared != start and declared.start_byte >= start.end_byte:
                continue  # another variable of the same name, declared later
            goes |= _uses(use, body, file, within or body, derived, through_calls)
        for pair in derived:
            if pair[0] not in seen:
                seen.add(pair[0])
                pending.append(pair)
    return frozenset(goes)


def _uses(
    use: Node,
    body: Node,
    file: GoFile,
    within: Node,
    derived: list[tuple[str, Node]],
    through_calls: bool = True,
) -> set[Goes]:
    """What one use does with the value: moved on by the expression it stands in, or (inside
    a func literal) whatever becomes of the outermost literal that holds it."""
    literal = None
    node = use.parent
    while node is not None and node != body:
        if node.type == "func_literal":
            literal = node
        node = node.parent
    if literal is None:
        return _moves(use, file, within, derived, through_calls)
    holder = literal.parent
    if holder is not None and holder.type == "call_expression":
        if holder.child_by_field_name("function") == literal:  # called where it stands
            goer = holder.parent
            return {Goes.GO} if goer is not None and goer.type == "go_statement" else set()
    return {Goes.CAPTURED} | _moves(literal, file, within, derived, through_calls)


# the expressions through which a value is still the same value: (v), &v, T{v}, k: v, a, v
_CARRIERS = frozenset(
    {"parenthesized_expression", "unary_expression", "composite_literal", "literal_value",
     "keyed_element", "literal_element", "expression_list"}
)  # fmt: skip


def _moves(
    value: Node,
    file: GoFile,
    within: Node,
    derived: list[tuple[str, Node]],
    through_calls: bool = True,
) -> set[Goes]:
    """Where the expression ``value`` puts its value: returned, stored, sent or handed to a
    ``go`` statement; nothing when it is read, or passed to a function (not ``append``, not
    one whose result is dropped). A call's result may hold its argument (``r.WithContext(ctx)``,
    ``db.QueryContext(ctx, q)``), so the result is followed too. A local variable the value
    lands in goes to ``derived``."""
    child, node = value, value.parent
    element = value  # the element of a list that holds the value (``a, v`` in ``x, y = a, v``)
    through_call = False  # the value reached here as a call's argument: the result may hold it
    while node is not None:
        kind = node.type
        if kind == "expression_list":
            element = child
        if kind == "unary_expression" and not file.text(node).startswith("&"):
            return set()  # -v, !v, <-v, *v read the value
        if kind in _CARRIERS:
            child, node = node, node.parent
            continue
        if (kind == "selector_expression" and node.child_by_field_name("operand") == child) or (
            kind == "call_expression" and node.child_by_field_name("function") == child
        ):  # resp.Body, req.Clone(): what is read off the value may hold it too
            through_call = True
            child, node = node, node.parent
            continue
        if kind == "return_statement":
            if through_call and _returns_only_plain(node, file):
                return set()  # return f(ctx) from a func() error: the error holds no context
            return {Goes.RETURNED}
        if kind == "send_statement":
            return {Goes.SENT} if node.child_by_field_name("value") == child else set()
        if kind in ("assignment_statement", "short_var_declaration"):
            return _stored(node, child, element, file, within, derived)
        if kind == "var_spec":
            return _declared(node, child, element, file, derived)
        if kind == "argument_list":
            call = node.parent
            if call is not None and _is_append(call, file):
                return {Goes.ELEMENT}
            if call is not None and call.parent is not None and call.parent.type == "go_statement":
                return {Goes.GO}
            if call is not None and through_calls:  # its result may hold it: r.WithContext(ctx)
                through_call = True
                child, node = call, call.parent
                continue
            return set()
        return set()
    return set()


def _is_append(call: Node, file: GoFile) -> bool:
    fn = call.child_by_field_name("function")
    return fn is not None and node_text(fn, file.source) == "append"


# result types that cannot hold a context, a request or a connection
_PLAIN = frozenset(
    {"error", "bool", "string", "byte", "rune", "int", "int8", "int16", "int32", "int64",
     "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "float32", "float64"}
)  # fmt: skip


def _returns_only_plain(node: Node, file: GoFile) -> bool:
    """Whether the function around ``node`` returns only values that cannot hold another
    (``error``, ``bool``, numbers, strings): what it returns is no way out for a context."""
    func = node.parent
    while func is not None and func.type not in FUNCTION_TYPES:
        func = func.parent
    result = func.child_by_field_name("result") if func is not None else None
    if result is None:
        return True
    if result.type == "parameter_list":
        types = [d.child_by_field_name("type") for d in result.named_children]
    else:
        types = [result]
    return all(t is not None and node_text(t, file.source) in _PLAIN for t in types)


def _declared(
    spec: Node, side: Node, element: Node, file: GoFile, derived: list[tuple[str, Node]]
) -> set[Goes]:
    """``var a, b = x, v``: the local variable of ``element``'s position receives the value."""
    if spec.child_by_field_name("value") != side:
        return set()
    names = [c for c in spec.named_children if c.type == "identifier"]
    values = side.named_children if side.type == "expression_list" else [side]
    if len(values) == len(names) and element in values:
        names = [names[values.index(element)]]
    statement = spec.parent if spec.parent is not None else spec
    for n in names:
        _follow(node_text(n, file.source), statement, derived)
    return set()


def _stored(
    statement: Node,
    side: Node,
    element: Node,
    file: GoFile,
    within: Node,
    derived: list[tuple[str, Node]],
) -> set[Goes]:
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
        elif target.type == "unary_expression":  # *p = v
            found.add(Goes.FIELD)
        elif target.type == "identifier" and node_text(target, file.source) != "_":
            found |= _into_variable(target, statement, file, within, derived)
    return found


def _into_variable(
    target: Node, statement: Node, file: GoFile, within: Node, derived: list[tuple[str, Node]]
) -> set[Goes]:
    """A value assigned to the variable ``target``: a package variable, a named result, a
    variable declared outside ``within``, or a local one whose own uses are followed."""
    name = node_text(target, file.source)
    if statement.type == "short_var_declaration":  # a variable of this block
        _follow(name, statement, derived)
        return set()
    declared = declaration_of(name, target, file.source)
    if declared is None:
        return {Goes.VARIABLE} if name in file.package_names else set()
    if declared.type in FUNCTION_TYPES:  # a receiver, parameter or result
        result = declared.child_by_field_name("result")
        if result is not None and name in declared_names(result, file.source):
            return {Goes.RETURNED}  # a bare return hands it to the caller
        if within.type in ("block", "statement_list") and within.parent != declared:
            return {Goes.OUTER}
        return set()
    if declared.start_byte < within.start_byte:
        return {Goes.OUTER}
    _follow(name, statement, derived)
    return set()


def _follow(name: str, statement: Node, derived: list[tuple[str, Node]]) -> None:
    if name != "err" and not name.endswith("Err"):  # an error holds no context
        derived.append((name, statement))
