"""Queries and tree helpers: compiled tree-sitter queries, walks, and Go-aware questions.

All tree-sitter query calls live here. On top of them: "is this call ``runtime.GC``" through
whatever name the file gives the package, the enclosing function, loop and HTTP handler, and
the constant evaluation every codemod shares (rules.md, "Details").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

import tree_sitter
from gomend.engine.go.parse import Node, go_language

if TYPE_CHECKING:
    from gomend.engine.codemod import GoFile

FUNCTION_TYPES = ("function_declaration", "method_declaration", "func_literal")
STATEMENT_PARENTS = ("statement_list", "block", "source_file")


@lru_cache(maxsize=256)
def compile_query(text: str) -> tree_sitter.Query:
    return tree_sitter.Query(go_language(), text)


def query_patterns(text: str) -> list[tuple[str, dict[str, str]]]:
    """Each pattern of a query: its own text (predicates included) and, for each capture it
    has, tree-sitter's quantifier: ``""`` one node in every match, ``"+"`` one or more,
    ``"?"`` or ``"*"`` maybe none (for the prefilter, engine/run/prefilter.py)."""
    compiled = compile_query(text)
    encoded = text.encode("utf-8")
    names = [compiled.capture_name(i) for i in range(compiled.capture_count)]
    out = []
    for index in range(compiled.pattern_count):
        start, end = compiled.start_byte_for_pattern(index), compiled.end_byte_for_pattern(index)
        quantifiers: dict[str, str] = {}
        for capture, name in enumerate(names):
            try:
                quantifiers[name] = compiled.capture_quantifier(index, capture)
            except SystemError:  # the binding's "zero": the pattern lacks the capture
                continue
        out.append((encoded[start:end].decode("utf-8"), quantifiers))
    return out


def matches(
    query_text: str, node: Node, byte_ranges: Iterable[tuple[int, int]] | None = None
) -> list[dict[str, Node]]:
    """Each match of the query under ``node``: capture name to its first node, in order of
    its first node (ties in tree-sitter's order). With ``byte_ranges`` (in source order),
    only the matches that intersect one of them (some node of the match overlaps it), each
    once: tree-sitter then skips the subtrees outside the range it runs on."""
    cursor = tree_sitter.QueryCursor(compile_query(query_text))
    found: dict[tuple[tuple[str, Node], ...], dict[str, Node]] = {}
    for byte_range in [None] if byte_ranges is None else byte_ranges:
        if byte_range is not None:
            cursor.set_byte_range(*byte_range)
        for _, caps in cursor.matches(node):
            match = {name: nodes[0] for name, nodes in caps.items() if nodes}
            found.setdefault(tuple(match.items()), match)  # a match in two ranges once
    out = list(found.values())
    out.sort(key=lambda m: min(n.start_byte for n in m.values()))
    return out


def walk(node: Node, types: Iterable[str] | None = None) -> Iterator[Node]:
    """Every descendant of ``node`` (itself included) in source order, optionally by type."""
    wanted = set(types) if types is not None else None
    cursor = node.walk()  # a cursor: three times faster than lists of children
    depth = 0
    while True:
        current = cursor.node
        assert current is not None
        if wanted is None or current.type in wanted:
            yield current
        if cursor.goto_first_child():
            depth += 1
            continue
        while not cursor.goto_next_sibling():
            if depth <= 1 or not cursor.goto_parent():
                return
            depth -= 1


def spelled(node: Node, source: bytes, text: str) -> Iterator[Node]:
    """The named nodes under ``node`` whose text is exactly ``text`` (of nodes with the same
    span, the innermost), in source order, found by searching the bytes: for a word that is
    rare in a big tree, much cheaper than a walk testing every identifier."""
    word = text.encode()
    at = source.find(word, node.start_byte, node.end_byte) if word else -1
    while at >= 0:
        found = node.named_descendant_for_byte_range(at, at + len(word))
        if found is not None and (found.start_byte, found.end_byte) == (at, at + len(word)):
            yield found
        at = source.find(word, at + 1, node.end_byte)


def spans_spelled(node: Node, source: bytes, word: bytes) -> Iterator[tuple[int, int]]:
    """The spans of the occurrences of ``word`` in ``node``'s bytes that some node (named
    or not) spans exactly: the nodes holding a span nest, so the innermost tells."""
    at = source.find(word, node.start_byte, node.end_byte) if word else -1
    while at >= 0:
        found = node.descendant_for_byte_range(at, at + len(word))
        if found is not None and (found.start_byte, found.end_byte) == (at, at + len(word)):
            yield at, at + len(word)
        at = source.find(word, at + 1, node.end_byte)


def node_text(node: Node, source: bytes) -> str:
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def may_spell(source: bytes, text: str, start: int, end: int) -> bool:
    """False when no node within ``source[start:end]`` can have ``text`` as its
    ``node_text``: the bytes hold no encoding of it (a text with U+FFFD, which stands for
    any undecodable byte, always may)."""
    return "\ufffd" in text or source.find(text.encode(), start, end) >= 0


_IDENTIFIERS = ("identifier", "field_identifier", "type_identifier", "package_identifier")


def identifiers_in(node: Node, source: bytes) -> set[str]:
    return {node_text(n, source) for n in walk(node, _IDENTIFIERS)}


def has_identifier(node: Node, source: bytes, name: str) -> bool:
    """``name in identifiers_in(node, source)``, found from the spellings of ``name`` (an
    identifier is a leaf: the innermost node of its span) rather than by a walk."""
    if not name or "\ufffd" in name:  # a missing or undecodable identifier's text
        return name in identifiers_in(node, source)
    return any(n.type in _IDENTIFIERS for n in spelled(node, source, name))


def unparen(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        child = node.named_children[0]
        node = child
    return node


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
        if parent.type in FUNCTION_TYPES:
            for field in ("receiver", "parameters", "result"):
                part = parent.child_by_field_name(field)
                if (
                    part is not None
                    and may_spell(source, name, part.start_byte, part.end_byte)
                    and name in declared_names(part, source, params=True)
                ):
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


def is_test_function(func: Node | None, source: bytes) -> bool:
    """A Test, Benchmark, Fuzz or Example function (or anything nested in one)."""
    while func is not None:
        name = function_name(func, source)
        if name is not None and func.type == "function_declaration":
            return name.startswith(("Test", "Benchmark", "Fuzz", "Example"))
        func = enclosing_function(func)
    return False


_TESTING_TYPES = ("T", "B", "F", "TB", "M")


def takes_testing_param(func: Node, file: GoFile) -> bool:
    """Whether a function has a ``*testing.T`` (``B``, ``F``, ``M``) or ``testing.TB``
    parameter: a test helper, even in a file not named ``_test.go``."""
    params = func.child_by_field_name("parameters")
    if params is None:
        return False
    for decl in walk(params, ("parameter_declaration", "variadic_parameter_declaration")):
        typ = decl.child_by_field_name("type")
        if typ is not None and typ.type == "pointer_type" and typ.named_child_count:
            typ = typ.named_children[0]
        if typ is not None and any(
            selector_matches(typ, file, "testing", n) for n in _TESTING_TYPES
        ):
            return True
    return False


def is_test_code(node: Node, file: GoFile) -> bool:
    """Test code: a ``_test.go`` file, or inside a Test/Benchmark/Fuzz/Example function or
    any function (or func literal around ``node``) that takes a ``testing`` parameter."""
    if file.is_test_file:
        return True
    func = enclosing_function(node)
    if is_test_function(func, file.source):
        return True
    while func is not None:
        if takes_testing_param(func, file):
            return True
        func = enclosing_function(func)
    return False


def outermost_function(node: Node) -> Node | None:
    func = enclosing_function(node)
    while func is not None and func.type == "func_literal":
        outer = enclosing_function(func)
        if outer is None:
            break
        func = outer
    return func


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
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        if same_body and current.type == "func_literal":
            continue
        if current.type == "call_expression":
            yield current
        stack.extend(reversed(current.children))


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


# --- constants --------------------------------------------------------------------------------

MAX_INT64 = (1 << 63) - 1
_MATH_CONSTS = {
    "MaxInt64": MAX_INT64,
    "MaxInt": MAX_INT64,
    "MaxInt32": (1 << 31) - 1,
    "MinInt64": -(1 << 63),
    "MaxUint32": (1 << 32) - 1,
}
_INT_TYPES = {
    "int", "int8", "int16", "int32", "int64",
    "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune",
}  # fmt: skip


def parse_int_literal(text: str) -> int | None:
    t = text.replace("_", "").lower()
    try:
        if len(t) > 1 and t[0] == "0" and t[1].isdigit():
            return int(t[1:], 8)
        return int(t, 0)
    except ValueError:
        return None


def parse_integral_float(text: str) -> int | None:
    """The value of a decimal float literal such as ``1e9`` when it is a whole number."""
    t = text.replace("_", "").lower()
    if t.startswith("0x"):
        return None  # hexadecimal floats (0x1p-2) are rare; not evaluated
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.to_integral_value() or abs(value) > 1 << 128:
        return None
    return int(value)


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


def const_value(node: Node, file: GoFile, depth: int = 0) -> int | None:
    """The integer value of a constant expression, or None when it is not one we can evaluate."""
    if depth > 32:
        return None
    node = unparen(node)
    t = node.type
    if t == "int_literal":
        return parse_int_literal(node_text(node, file.source))
    if t == "float_literal":  # 1e9 and 2.5e8 are integer constants too
        return parse_integral_float(node_text(node, file.source))
    if t == "unary_expression":
        op = node.child_by_field_name("operator")
        val = const_value(node.child_by_field_name("operand") or node, file, depth + 1)
        if val is None or op is None:
            return None
        sym = node_text(op, file.source)
        return {"-": -val, "+": val, "^": ~val}.get(sym)
    if t == "binary_expression":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is None or right is None or op is None:
            return None
        a = const_value(left, file, depth + 1)
        b = const_value(right, file, depth + 1)
        if a is None or b is None:
            return None
        return _binary(node_text(op, file.source), a, b)
    if t == "identifier":
        name = node_text(node, file.source)
        if file.is_shadowed(name, node):
            local = file.local_const(name, node)
            return const_value(local, file, depth + 1) if local is not None else None
        expr = file.package_const(name)
        return const_value(expr[0], expr[1], depth + 1) if expr is not None else None
    if t == "selector_expression" and selector_matches_any_math(node, file):
        field = node.child_by_field_name("field")
        return _MATH_CONSTS.get(node_text(field, file.source)) if field is not None else None
    if t == "call_expression":  # a conversion such as int64(50 << 20)
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is not None and args is not None and node_text(fn, file.source) in _INT_TYPES:
            if args.named_child_count == 1:
                return const_value(args.named_children[0], file, depth + 1)
    return None


def selector_matches_any_math(node: Node, file: GoFile) -> bool:
    operand = node.child_by_field_name("operand")
    return operand is not None and file.imports.path_of(node_text(operand, file.source)) == "math"


def _binary(op: str, a: int, b: int) -> int | None:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return None if b == 0 else int(a / b)  # Go truncates toward zero
    if op == "%":
        return None if b == 0 else a - b * int(a / b)
    if op == "<<":
        return a << b if 0 <= b < 512 else None
    if op == ">>":
        return a >> b if b >= 0 else None
    if op == "|":
        return a | b
    if op == "&":
        return a & b
    if op == "^":
        return a ^ b
    return None
