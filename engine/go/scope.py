"""Scopes and enclosing nodes: what a statement declares, where a name is declared, and
the function, loop, statement and block around a node."""

from __future__ import annotations

from gomend.engine.go.parse import Node
from gomend.engine.go.query import may_spell, node_text, walk

FUNCTION_TYPES = ("function_declaration", "method_declaration", "func_literal")
STATEMENT_PARENTS = ("statement_list", "block", "source_file")

# --- declarations -------------------------------------------------------------------------

_DECL_CONTAINERS = (
    "for_clause",
    "range_clause",
    "type_switch_header",
    "communication_case",
    "type_case",
    "expression_case",
)


def declared_names(node: Node, source: bytes, params: bool = False) -> set[str]:
    """Names a statement (or parameter list, with ``params``) declares in its scope."""
    names: set[str] = set()
    t = node.type
    if t == "short_var_declaration" or (t == "range_clause" and _range_defines(node, source)):
        left = node.child_by_field_name("left")
        if left is not None:
            names |= {node_text(n, source) for n in left.named_children if n.type == "identifier"}
    elif t == "receive_statement":
        left = node.child_by_field_name("left")
        if left is not None and b":=" in source[left.end_byte : node.end_byte]:
            names |= {node_text(n, source) for n in left.named_children if n.type == "identifier"}
    elif t in ("var_declaration", "const_declaration", "var_spec", "const_spec", "var_spec_list"):
        for spec in walk(node, ("var_spec", "const_spec")):
            for child in spec.children_by_field_name("name"):
                names.add(node_text(child, source))
    elif t in ("type_declaration",):
        for spec in walk(node, ("type_spec", "type_alias")):
            n = spec.child_by_field_name("name")
            if n is not None:
                names.add(node_text(n, source))
    elif t == "function_declaration":
        n = node.child_by_field_name("name")
        if n is not None:
            names.add(node_text(n, source))
    elif t == "labeled_statement":
        pass
    elif params or t == "parameter_list":
        for decl in walk(node, ("parameter_declaration", "variadic_parameter_declaration")):
            for child in decl.children_by_field_name("name"):
                names.add(node_text(child, source))
    elif t in _DECL_CONTAINERS or t in ("if_statement", "switch_statement"):
        for field in ("initializer", "alias"):
            part = node.child_by_field_name(field)
            if part is not None:
                if part.type == "expression_list":
                    names |= {
                        node_text(n, source) for n in part.named_children if n.type == "identifier"
                    }
                else:
                    names |= declared_names(part, source)
        for child in node.named_children:
            if child.type in ("short_var_declaration", "range_clause", "receive_statement"):
                names |= declared_names(child, source)
    return names


def _range_defines(node: Node, source: bytes) -> bool:
    left = node.child_by_field_name("left")
    return left is not None and b":=" in source[left.end_byte : node.end_byte]


def declaration_of(name: str, node: Node, source: bytes) -> Node | None:
    """Where ``name`` used at ``node`` is declared inside a function: the declaring statement
    (or clause), or the function whose receiver, parameters or results declare it. None for
    a package-level name, an import or a name declared nowhere in the file's functions."""
    child = node
    parent = node.parent
    while parent is not None and parent.type != "source_file":
        found = None
        # a declaration spells the name: the siblings before child (which end where it
        # starts) only if their bytes do, each only if its own bytes do
        if may_spell(source, name, parent.start_byte, child.start_byte):
            for sibling in parent.named_children:
                if sibling.start_byte >= child.start_byte:
                    break
                if may_spell(
                    source, name, sibling.start_byte, sibling.end_byte
                ) and name in declared_names(sibling, source):
                    found = sibling  # the last declaration before the use wins
        if found is not None:
            return parent if found.type == "parameter_list" else found
        if parent.type in FUNCTION_TYPES and signature_declares(parent, name, source):
            return parent
        child, parent = parent, parent.parent
    return None


# --- structure ------------------------------------------------------------------------------


def enclosing_function(node: Node) -> Node | None:
    """The nearest function declaration, method or func literal around ``node``."""
    current = node.parent
    while current is not None:
        if current.type in FUNCTION_TYPES:
            return current
        current = current.parent
    return None


def function_body(func: Node) -> Node | None:
    return func.child_by_field_name("body")


def enclosing_loop(node: Node) -> Node | None:
    """The ``for`` statement whose body holds ``node``, not looking past a func literal."""
    child = node
    current = node.parent
    while current is not None and current.type not in FUNCTION_TYPES:
        if current.type == "for_statement" and current.child_by_field_name("body") == child:
            return current
        child, current = current, current.parent
    return None


def statement_of(node: Node) -> Node:
    """The statement holding an expression (the node whose parent is a statement list)."""
    current = node
    while current.parent is not None and current.parent.type not in STATEMENT_PARENTS:
        current = current.parent
    return current


def is_expression_statement(call: Node) -> bool:
    parent = call.parent
    return parent is not None and parent.type == "expression_statement"


def call_arguments(call: Node) -> list[Node]:
    """The argument expressions of a call, comments left out."""
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    return [a for a in args.named_children if a.type != "comment"]


def block_statements(block: Node) -> list[Node]:
    """The statements of a ``block`` (or statement list), comments left out."""
    if block.type == "block":
        inner = next((c for c in block.named_children if c.type == "statement_list"), None)
        if inner is None:
            return [c for c in block.named_children if c.type != "comment"]
        block = inner
    return [c for c in block.named_children if c.type != "comment"]


def function_name(func: Node, source: bytes) -> str | None:
    if func.type in ("function_declaration", "method_declaration"):
        n = func.child_by_field_name("name")
        return node_text(n, source) if n is not None else None
    return None


def outermost_function(node: Node) -> Node | None:
    func = enclosing_function(node)
    while func is not None and func.type == "func_literal":
        outer = enclosing_function(func)
        if outer is None:
            break
        func = outer
    return func


def first_parameter_name(func: Node, source: bytes) -> str | None:
    """The name of a function's first parameter (None when it is unnamed)."""
    params = func.child_by_field_name("parameters")
    if params is None:
        return None
    for decl in params.named_children:
        if decl.type == "parameter_declaration":
            names = decl.children_by_field_name("name")
            return node_text(names[0], source) if names else None
    return None


def composite_elements(body: Node) -> list[Node]:
    """The values of a composite literal's body, without their keys."""
    values = []
    for element in body.named_children:
        if element.type == "keyed_element":
            parts = [c for c in element.named_children if c.type != "comment"]
            element = parts[-1] if parts else element
        if element.type == "literal_element" and element.named_child_count:
            element = element.named_children[0]
        values.append(element)
    return values


def signature_declares(func: Node, name: str, source: bytes) -> bool:
    """Whether a function's receiver, parameters or results declare ``name``."""
    for field in ("receiver", "parameters", "result"):
        part = func.child_by_field_name(field)
        if (
            part is not None
            and may_spell(source, name, part.start_byte, part.end_byte)
            and name in declared_names(part, source, params=True)
        ):
            return True
    return False


def body_nodes(node: Node) -> list[Node]:
    """``node`` and the nodes under it in source order, not entering func literals (a body
    of their own)."""
    found = [node]
    cursor = node.walk()  # a cursor: cheaper than each node's list of children
    more = cursor.goto_first_child()
    depth = 1
    while more:
        current = cursor.node
        assert current is not None
        if current.type != "func_literal":
            found.append(current)
            if cursor.goto_first_child():
                depth += 1
                continue
        while not cursor.goto_next_sibling():
            depth -= 1
            if depth == 0 or not cursor.goto_parent():
                more = False
                break
    return found


def between(node: Node, ancestor: Node) -> list[Node]:
    """The nodes from ``node``'s parent up to, not including, ``ancestor`` (the ``if``s,
    cases and blocks a call sits in inside a loop body)."""
    found = []
    current = node.parent
    while current is not None and current != ancestor:
        found.append(current)
        current = current.parent
    return found


def targets_inside(jump: Node, top: Node) -> bool:
    """Whether an unlabelled ``break`` or ``continue`` inside ``top`` targets a statement
    there (``top`` included): a ``for`` (for ``break``, also a ``switch`` or ``select``)
    between the two."""
    targets: tuple[str, ...] = ("for_statement",)
    if jump.type == "break_statement":
        targets += ("expression_switch_statement", "type_switch_statement", "select_statement")
    return any(n.type in targets for n in [*between(jump, top), top])
