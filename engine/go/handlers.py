"""HTTP handlers: whether a function is one (an ``http.ResponseWriter`` or ``*http.Request``
parameter, a ``ServeHTTP`` method, a func literal passed to ``HandleFunc``), its writer and
request parameters, and the routes the package registers it under."""

from __future__ import annotations

from gomend.engine.go.calls import selector_matches
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, spelled, walk
from gomend.engine.go.scope import enclosing_function, function_name


def is_http_handler(func: Node, file: GoFile) -> bool:
    """A func with an ``http.ResponseWriter`` or ``*http.Request`` parameter, a ``ServeHTTP``
    method, or a func literal passed to ``HandleFunc``."""
    if func.type == "method_declaration" and function_name(func, file.source) == "ServeHTTP":
        return True
    params = func.child_by_field_name("parameters")
    if params is not None:
        for decl in walk(params, ("parameter_declaration",)):
            typ = decl.child_by_field_name("type")
            if typ is None:
                continue
            if selector_matches(typ, file, "net/http", "ResponseWriter"):
                return True
            if typ.type == "pointer_type" and typ.named_child_count:
                if selector_matches(typ.named_children[0], file, "net/http", "Request"):
                    return True
    if func.type == "func_literal":
        args = func.parent
        call = args.parent if args is not None else None
        if args is not None and args.type == "argument_list" and call is not None:
            fn = call.child_by_field_name("function")
            if fn is not None and fn.type == "selector_expression":
                field = fn.child_by_field_name("field")
                if field is not None and node_text(field, file.source) == "HandleFunc":
                    return True
    return False


def enclosing_handler(node: Node, file: GoFile) -> Node | None:
    """The nearest enclosing function that is an HTTP handler, not looking past a func
    literal that is not itself one (a goroutine started by the handler is not the handler)."""
    func = enclosing_function(node)
    if func is not None and is_http_handler(func, file):
        return func
    return None


def handler_params(func: Node, file: GoFile) -> tuple[str | None, str | None]:
    """The names of a handler's ``http.ResponseWriter`` and ``*http.Request`` parameters."""
    writer = request = None
    params = func.child_by_field_name("parameters")
    if params is None:
        return None, None
    for decl in walk(params, ("parameter_declaration",)):
        typ = decl.child_by_field_name("type")
        names = [node_text(n, file.source) for n in decl.children_by_field_name("name")]
        if typ is None or len(names) != 1 or names[0] == "_":
            continue
        if selector_matches(typ, file, "net/http", "ResponseWriter"):
            writer = names[0]
        elif typ.type == "pointer_type" and typ.named_child_count:
            if selector_matches(typ.named_children[0], file, "net/http", "Request"):
                request = names[0]
    return writer, request


_REGISTERS = ("HandleFunc", "Handle")


def handler_routes(func: Node, file: GoFile) -> list[str]:
    """The paths a handler is registered under, as string literals: a func literal passed
    to ``HandleFunc``/``Handle`` (directly or wrapped in ``http.HandlerFunc``), or a named
    function or method whose name the package passes so (``mux.HandleFunc("/gc", gcHandler)``,
    ``Handle("/debug/x", http.HandlerFunc(s.debug))``)."""
    if func.type == "func_literal":
        return [route] if (route := _route_of(func, file)) is not None else []
    name = function_name(func, file.source)
    if name is None:
        return []
    routes = []
    for pkg_file in [file, *file.sibling_files(name.encode())]:
        for ident in spelled(pkg_file.tree.root_node, pkg_file.source, name):
            value = (
                ident.parent
                if ident.parent is not None and ident.parent.type == "selector_expression"
                else ident
            )
            if value.type == "selector_expression" and value.child_by_field_name("field") != ident:
                continue
            route = _route_of(value, pkg_file)
            if route is not None:
                routes.append(route)
    return routes


def _route_of(handler: Node, file: GoFile) -> str | None:
    """The string literal a registration call passes first, when ``handler`` is its second
    argument (perhaps wrapped in ``http.HandlerFunc(...)``)."""
    args = handler.parent
    call = args.parent if args is not None else None
    if args is None or call is None or args.type != "argument_list":
        return None
    fn = call.child_by_field_name("function")
    last = (
        fn.child_by_field_name("field")
        if fn is not None and fn.type == "selector_expression"
        else fn
    )
    if last is not None and node_text(last, file.source) == "HandlerFunc":
        return _route_of(call, file)  # http.HandlerFunc(h) passed on
    if last is None or node_text(last, file.source) not in _REGISTERS:
        return None
    values = [a for a in args.named_children if a.type != "comment"]
    if len(values) != 2 or values[1] != handler or values[0].type not in _STRINGS:
        return None
    return node_text(values[0], file.source).strip('"`')


_STRINGS = ("interpreted_string_literal", "raw_string_literal")
