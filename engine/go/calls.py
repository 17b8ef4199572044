"""Import-resolved calls: which package function a call or a type spells through the
file's imports (``rt.GC()``, a dot import), and the calls to one under a node."""

from __future__ import annotations

from collections.abc import Iterator

from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, spelled, unparen, walk
from gomend.engine.go.scope import body_nodes

# --- import-aware calls -----------------------------------------------------------------------


def call_target(call: Node, file: GoFile) -> tuple[str, str] | None:
    """``(import path, name)`` of a call such as ``rt.GC()`` or (dot import) ``GC()``."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return None
    fn = unparen(fn)
    if fn.type == "selector_expression":
        operand = fn.child_by_field_name("operand")
        field = fn.child_by_field_name("field")
        if operand is None or field is None or operand.type != "identifier":
            return None
        local = node_text(operand, file.source)
        path = file.imports.path_of(local)
        if path is None or file.is_shadowed(local, call):
            return None
        return path, node_text(field, file.source)
    if fn.type == "identifier":
        name = node_text(fn, file.source)
        for spec in file.imports.specs:
            # only exported names come from a dot import: len, append... are builtins
            if spec.kind == "dot" and name[:1].isupper() and name not in file.package_names:
                if not file.is_shadowed(name, call):
                    return spec.path, name
    return None


def is_call(call: Node, file: GoFile, path: str, *names: str) -> bool:
    if call.type != "call_expression":
        return False
    if names:  # the name first: cheaper than resolving the package (and its shadowing)
        fn = call.child_by_field_name("function")
        if fn is None:
            return False
        fn = unparen(fn)
        named = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
        if named is None or node_text(named, file.source) not in names:
            return False
    target = call_target(call, file)
    return target is not None and target[0] == path and (not names or target[1] in names)


def calls_in(
    node: Node, file: GoFile, path: str, *names: str, same_body: bool = True
) -> list[Node]:
    """Calls to ``path.name`` under ``node``; with ``same_body``, not inside nested func literals."""
    if not any(spec.path == path for spec in file.imports.specs):
        return []  # no name of the file refers to the package
    if not names:
        return [c for c in _calls_under(node, same_body) if is_call(c, file, path)]
    # Such a call names its function with an identifier spelled one of the names: found
    # from those occurrences, rather than by walking every node
    found = []
    for name in set(names):
        for named in spelled(node, file.source, name):
            call = _call_named_by(named)
            if (
                call is not None
                and _under(call, node, same_body)
                and is_call(call, file, path, *names)
            ):
                found.append(call)
    found.sort(key=lambda c: (c.start_byte, -c.end_byte))  # an outer call first, as in a walk
    return found


def _calls_under(node: Node, same_body: bool) -> Iterator[Node]:
    """The calls under ``node`` (itself left out) in source order, outer calls first; with
    ``same_body``, none inside a func literal under it."""
    nodes = body_nodes(node) if same_body else list(walk(node))
    return (n for n in nodes[1:] if n.type == "call_expression")


def _call_named_by(name: Node) -> Node | None:
    """The call whose function is ``name``, or a selector ending in it, in any parentheses."""
    function = name
    parent = name.parent
    if parent is not None and parent.type == "selector_expression":
        if parent.child_by_field_name("field") == name:
            function, parent = parent, parent.parent
    while parent is not None and parent.type == "parenthesized_expression":
        function, parent = parent, parent.parent
    if parent is None or parent.type != "call_expression":
        return None
    return parent if parent.child_by_field_name("function") == function else None


def _under(node: Node, ancestor: Node, same_body: bool) -> bool:
    """Whether ``node`` is a descendant of ``ancestor`` (not itself); with ``same_body``, one
    with no func literal between them."""
    current = node.parent
    while current is not None:
        if current == ancestor:
            return True
        if same_body and current.type == "func_literal":
            return False
        current = current.parent
    return False


def selector_matches(node: Node, file: GoFile, path: str, name: str) -> bool:
    """Whether an expression or type spells ``path.name`` (``http.ResponseWriter``...)."""
    if node.type in ("selector_expression", "qualified_type"):
        operand = node.child_by_field_name("operand") or node.child_by_field_name("package")
        field = node.child_by_field_name("field") or node.child_by_field_name("name")
        if operand is None or field is None:
            return False
        return (
            file.imports.path_of(node_text(operand, file.source)) == path
            and node_text(field, file.source) == name
        )
    if node.type in ("type_identifier", "identifier") and file.imports.is_dot_imported(path):
        return node_text(node, file.source) == name
    return False


def imported_paths_in(node: Node, file: GoFile) -> tuple[str, ...]:
    """Import paths that ``node`` refers to through a package name (``fmt.Println``), sorted:
    the imports a fix deleting ``node`` may leave unused."""
    paths = set()
    for sel in walk(node, ("selector_expression", "qualified_type")):
        operand = sel.child_by_field_name("operand") or sel.child_by_field_name("package")
        if operand is None or operand.type not in ("identifier", "package_identifier"):
            continue
        local = node_text(operand, file.source)
        path = file.imports.path_of(local)
        if path is not None and not file.is_shadowed(local, operand):
            paths.add(path)
    if any(True for _ in walk(node, ("identifier", "type_identifier"))):
        # a dot-imported name is a bare identifier; the import is dropped only if unused
        paths |= {spec.path for spec in file.imports.specs if spec.kind == "dot"}
    return tuple(sorted(paths))


def refers_to(node: Node, file: GoFile, path: str, name: str) -> bool:
    """Whether ``path.name`` is called or referred to (``defer trace.Stop()``, ``return
    trace.Stop``) anywhere under ``node``."""
    return next(references(node, file, path, name), None) is not None


def references(node: Node, file: GoFile, path: str, name: str) -> Iterator[Node]:
    """Every expression under ``node`` that names ``path.name``: the selector
    (``runtime.UnlockOSThread``) or, for a dot import, the identifier; called or not."""
    dot = file.imports.is_dot_imported(path)
    for found in spelled(node, file.source, name):  # the nodes spelled name
        sel = found.parent
        if (
            sel is not None
            and sel.type == "selector_expression"
            and sel.child_by_field_name("field") == found
        ):
            operand = sel.child_by_field_name("operand")
            if operand is not None and operand.type == "identifier":
                local = node_text(operand, file.source)
                if file.imports.path_of(local) == path and not file.is_shadowed(local, sel):
                    yield sel
                    continue
        if dot and found.type == "identifier" and not file.is_shadowed(name, found):
            yield found


def locks_and_unlocks(func: Node, file: GoFile) -> bool:
    """Whether a function's own body (nested literals included) calls both a ``Lock`` and an
    ``Unlock`` method: it takes a lock of its own around what it does."""
    names = set()
    for call in walk(func, ("call_expression",)):
        function = call.child_by_field_name("function")
        if function is not None and function.type == "selector_expression":
            field = function.child_by_field_name("field")
            if field is not None:
                names.add(node_text(field, file.source))
    return {"Lock", "Unlock"} <= names
