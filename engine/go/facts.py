"""Go facts in one place: what a Go engineer reads off the code around a node, each asked
by one function with one answer, for every codemod.

Test code, HTTP handlers, process entry points (``init``, ``main.main``), calls that end the
process, deferred and looping code, the
variable at the root of ``a.b[i]``, the pairs of an assignment, names of methods. Where a value
goes is ``engine.go.flow``.
"""

from __future__ import annotations

from gomend.engine.go.calls import calls_in, is_call, selector_matches
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, spelled, unparen, walk
from gomend.engine.go.scope import (
    enclosing_function,
    enclosing_loop,
    function_name,
)

# --- process entry points and exits -----------------------------------------------------------


def is_main_func(func: Node, file: GoFile) -> bool:
    """``func main`` of package ``main``: the process's entry point."""
    return (
        func.type == "function_declaration"
        and function_name(func, file.source) == "main"
        and file.package_name == "main"
    )


def is_init_func(func: Node, file: GoFile) -> bool:
    """A package's ``func init``, run once before ``main``."""
    return func.type == "function_declaration" and function_name(func, file.source) == "init"


# calls after which nothing of the function runs, deferred calls included: the process ends
# (os.Exit, log.Fatal*) or its image is replaced (syscall.Exec, unix.Exec)
PROCESS_ENDERS: dict[str, tuple[str, ...]] = {
    "os": ("Exit",),
    "log": ("Fatal", "Fatalf", "Fatalln"),
    "syscall": ("Exec",),
    "golang.org/x/sys/unix": ("Exec",),
}


# a raw system call that replaces the process image: Syscall(SYS_EXECVE, ...) and friends
RAW_SYSCALLS = ("Syscall", "Syscall6", "RawSyscall", "RawSyscall6")
EXEC_NUMBERS = ("SYS_EXECVE", "SYS_EXECVEAT")


def ends_process(call: Node, file: GoFile) -> bool:
    """Whether ``call`` ends the process: nothing after it runs, not even deferred calls."""
    return any(is_call(call, file, path, *names) for path, names in PROCESS_ENDERS.items()) or (
        replaces_process(call, file)
    )


def replaces_process(call: Node, file: GoFile) -> bool:
    """Whether ``call`` replaces the process image: ``syscall.Exec``, ``unix.Exec``, or a raw
    ``Syscall``/``RawSyscall`` of ``SYS_EXECVE`` (a sandbox's last step before the child)."""
    if is_call(call, file, "syscall", "Exec") or is_call(
        call, file, "golang.org/x/sys/unix", "Exec"
    ):
        return True
    if not any(
        is_call(call, file, path, *RAW_SYSCALLS) for path in ("syscall", "golang.org/x/sys/unix")
    ):
        return False
    args = call.child_by_field_name("arguments")
    first = next((a for a in args.named_children if a.type != "comment"), None) if args else None
    return first is not None and node_text(first, file.source).endswith(EXEC_NUMBERS)


def calls_ending_process(body: Node, file: GoFile) -> list[Node]:
    """The calls under ``body`` (func literals included) that end the process."""
    found: list[Node] = []
    for path, names in PROCESS_ENDERS.items():
        found += calls_in(body, file, path, *names)
    for path in ("syscall", "golang.org/x/sys/unix"):
        found += [c for c in calls_in(body, file, path, *RAW_SYSCALLS) if replaces_process(c, file)]
    return sorted(found, key=lambda n: n.start_byte)


# --- where a node is ----------------------------------------------------------------------------


def in_defer(node: Node, within: Node | None = None) -> bool:
    """Whether ``node`` is part of a ``defer`` statement (below ``within``, when given)."""
    return _inside(node, "defer_statement", within)


def _inside(node: Node, kind: str, within: Node | None = None) -> bool:
    current: Node | None = node
    while current is not None and current != within:
        if current.type == kind:
            return True
        current = current.parent
    return False


def in_loop(node: Node) -> bool:
    """Whether ``node`` runs in a loop of its own function (not one around a func literal)."""
    return enclosing_loop(node) is not None


# a selector, an index, a slice or a dereference reads through its operand
_PATH_TYPES = ("selector_expression", "index_expression", "slice_expression", "unary_expression")


def root_of(expr: Node) -> Node:
    """The expression at the root of ``a.b[i].c``, ``x[1:]``, ``*p`` or ``(a)``: the
    variable whose value is reached, or the first expression that is no such path."""
    expr = unparen(expr)
    while expr.type in _PATH_TYPES:
        operand = expr.child_by_field_name("operand")
        if operand is None:
            return expr
        expr = unparen(operand)
    return expr


def root_variable(expr: Node, file: GoFile) -> str | None:
    """The name of the variable at the root of ``expr``, or None when it has none."""
    root = root_of(expr)
    return node_text(root, file.source) if root.type == "identifier" else None


def assignment_pairs(statement: Node) -> list[tuple[Node, Node]]:
    """The (left, right) pairs of an assignment, ``:=`` or ``var`` spec with as many values as
    names; [] for any other statement (``a, b := f()`` pairs nothing)."""
    if statement.type in ("assignment_statement", "short_var_declaration"):
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
        lefts = left.named_children if left is not None else []
        rights = right.named_children if right is not None else []
    elif statement.type == "var_spec":
        lefts = statement.children_by_field_name("name")
        value = statement.child_by_field_name("value")
        rights = value.named_children if value is not None else []
    else:
        return []
    return list(zip(lefts, rights, strict=True)) if len(lefts) == len(rights) else []


def holding_block(node: Node) -> Node | None:
    """The nearest block or statement list around ``node``: where the declarations of the
    statement holding it are in scope."""
    holder = node.parent
    while holder is not None and holder.type not in ("statement_list", "block"):
        holder = holder.parent
    return holder


def is_goroutine_body(func: Node, file: GoFile) -> bool:
    """A func literal started with ``go``, or a function only goroutines run: unexported (or
    in package ``main``, which nothing imports), called somewhere in the package, and every
    mention of it there a call in a ``go`` statement (``go f()``, or inside ``go func() {
    f() }()``)."""
    if func.type == "func_literal":
        call = func.parent
        return call is not None and call.type == "call_expression" and _started(call)
    sites = call_sites(func, file)
    if not sites:
        return False
    return all(_inside(call, "go_statement") for call, _ in sites)


def call_sites(func: Node, file: GoFile) -> list[tuple[Node, GoFile]] | None:
    """Every call of a named function or method in the package, with its file, when the
    package can see them all: None for an exported name outside package ``main`` (importers
    may call it) and when a mention is not a call (``wg.Go(f)``, a method value: it could
    run anywhere). Calls are matched by name: a method of another type with the same name
    counts too, which only makes the answer more careful."""
    name = function_name(func, file.source)
    if name is None or (name[:1].isupper() and file.package_name != "main"):
        return None
    sites = []
    for pkg_file in file.package_files(name.encode()):
        for named in spelled(pkg_file.tree.root_node, pkg_file.source, name):
            if named.parent is not None and named.parent.type in (
                "function_declaration",
                "method_declaration",
            ):
                continue  # a declaration of it
            call = _call_of(named)
            if call is None:
                return None
            sites.append((call, pkg_file))
    return sites


def _call_of(name: Node) -> Node | None:
    fn, parent = name, name.parent
    if parent is not None and parent.type == "selector_expression":
        if parent.child_by_field_name("field") != name:
            return None
        fn, parent = parent, parent.parent
    if parent is not None and parent.type == "call_expression":
        return parent if parent.child_by_field_name("function") == fn else None
    return None


def _started(call: Node) -> bool:
    return call.parent is not None and call.parent.type == "go_statement"


# --- test code ----------------------------------------------------------------------------------


def is_test_function(func: Node | None, source: bytes) -> bool:
    """A Test, Benchmark, Fuzz or Example function (or anything nested in one)."""
    while func is not None:
        name = function_name(func, source)
        if name is not None and func.type == "function_declaration":
            return _is_test_name(name)
        func = enclosing_function(func)
    return False


_TEST_PREFIXES = ("Test", "Benchmark", "Fuzz", "Example")


def _is_test_name(name: str) -> bool:
    """``go test``'s rule: a prefix, then nothing or a character that is not lower case
    (``TestX``, ``Test_x``, ``Example``; not ``Testify``)."""
    for prefix in _TEST_PREFIXES:
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            return not rest or not rest[0].islower()
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


def tests_the_package(file: GoFile, package: str) -> bool:
    """Whether the file is one of a standard package's own tests (package ``runtime`` or
    ``runtime_test`` in a ``_test.go`` file), which use its API wrongly on purpose to test
    what it does then."""
    return file.is_test_file and file.package_name in (package, package + "_test")


def testing_param(func: Node, file: GoFile) -> str | None:
    """The name of ``func``'s ``*testing.T``, ``*testing.B``, ``*testing.F`` or ``testing.TB``
    parameter (one that can ``Fatal``), or None."""
    params = func.child_by_field_name("parameters")
    if params is None:
        return None
    for decl in walk(params, ("parameter_declaration",)):
        typ = decl.child_by_field_name("type")
        names = [node_text(n, file.source) for n in decl.children_by_field_name("name")]
        if typ is None or len(names) != 1 or names[0] == "_":
            continue
        kinds: tuple[str, ...] = ("TB",)
        if typ.type == "pointer_type" and typ.named_child_count:
            kinds, typ = ("T", "B", "F"), typ.named_children[0]
        if any(selector_matches(typ, file, "testing", k) for k in kinds):
            return names[0]
    return None


def names_a_method(name: str, file: GoFile) -> bool:
    """A method of that name is declared in the package and no struct field has it."""
    method = False
    for pkg_file in [file, *file.sibling_files(name.encode())]:
        for node in walk(pkg_file.tree.root_node, ("method_declaration", "field_declaration")):
            names = node.children_by_field_name("name")
            if any(pkg_file.text(n) == name for n in names):
                if node.type == "field_declaration":
                    return False
                method = True
    return method
