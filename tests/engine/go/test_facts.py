"""engine/go/facts.py: each Go fact, on a table of small Go snippets."""

from __future__ import annotations

import pytest

from gomend.engine.go import facts, handlers, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, walk


def go(body: str, path: str = "p.go", package: str = "p", imports: str = "") -> GoFile:
    source = f"package {package}\n\n{imports}\n{body}\n"
    return GoFile.from_source(path, source.encode())


def node(file: GoFile, kind: str, text: str | None = None) -> Node:
    for n in walk(file.tree.root_node, (kind,)):
        if text is None or node_text(n, file.source) == text:
            return n
    raise AssertionError(f"no {kind} {text!r}")


def funcs(file: GoFile) -> dict[str, Node]:
    found = {}
    for n in walk(file.tree.root_node, ("function_declaration", "method_declaration")):
        name = n.child_by_field_name("name")
        assert name is not None
        found[node_text(name, file.source)] = n
    return found


def test_main_and_init() -> None:
    main = go("func main() {}\nfunc init() {}\nfunc helper() {}", package="main")
    lib = go("func main() {}\nfunc init() {}")
    assert facts.is_main_func(funcs(main)["main"], main)
    assert not facts.is_main_func(funcs(lib)["main"], lib)  # main outside package main
    assert not facts.is_main_func(funcs(main)["helper"], main)
    assert facts.is_init_func(funcs(lib)["init"], lib)
    assert not facts.is_init_func(funcs(lib)["main"], lib)


@pytest.mark.parametrize(
    ("imports", "call", "ends"),
    [
        ('import "os"', "os.Exit(1)", True),
        ('import "log"', "log.Fatal(err)", True),
        ('import "log"', 'log.Fatalf("%v", err)', True),
        ('import "log"', "log.Fatalln(err)", True),
        ('import "syscall"', "syscall.Exec(p, a, e)", True),
        ('import "golang.org/x/sys/unix"', "unix.Exec(p, a, e)", True),
        ('import l "log"', "l.Fatal(err)", True),
        ('import "log"', "log.Print(err)", False),
        ('import "example.com/os"', "os.Exit(1)", False),
        ("", "panic(err)", False),
    ],
)
def test_calls_that_end_the_process(imports: str, call: str, ends: bool) -> None:
    file = go(f"func f() {{\n\t{call}\n}}", imports=imports)
    found = node(file, "call_expression", call)
    assert facts.ends_process(found, file) is ends
    assert bool(facts.calls_ending_process(funcs(file)["f"], file)) is ends


def test_in_defer_and_in_loop() -> None:
    file = go(
        "func f() {\n\tdefer func() { g() }()\n\th()\n\tfor {\n\t\tk()\n\t\tgo func() { m() }()\n\t}\n}"
    )
    body = funcs(file)["f"]
    assert facts.in_defer(node(file, "call_expression", "g()"))
    assert facts.in_defer(node(file, "call_expression", "g()"), within=body)
    assert not facts.in_defer(node(file, "call_expression", "h()"))
    assert facts.in_loop(node(file, "call_expression", "k()"))
    assert not facts.in_loop(node(file, "call_expression", "h()"))
    assert not facts.in_loop(node(file, "call_expression", "m()"))  # its own function


def test_body_nodes_do_not_enter_func_literals() -> None:
    file = go("func f() {\n\ta()\n\tgo func() { b() }()\n\tc()\n}")
    texts = [
        node_text(n, file.source)
        for n in scope.body_nodes(funcs(file)["f"])
        if n.type == "call_expression"
    ]
    assert texts == ["a()", "go func() { b() }()"[3:], "c()"]
    assert scope.body_nodes(funcs(file)["f"])[0] == funcs(file)["f"]


@pytest.mark.parametrize(
    ("expr", "root"),
    [
        ("x", "x"),
        ("x.f", "x"),
        ("x.f[i].g", "x"),
        ("(*p).f", "p"),
        ("xs[1:]", "xs"),
        ("f().g", None),
    ],
)
def test_root_variable(expr: str, root: str | None) -> None:
    file = go(f"func f() {{\n\t_ = {expr}\n}}")
    right = node(file, "assignment_statement").child_by_field_name("right")
    assert right is not None
    assert facts.root_variable(right.named_children[0], file) == root


@pytest.mark.parametrize(
    ("statement", "pairs"),
    [
        ("a, b = c, d", [("a", "c"), ("b", "d")]),
        ("a := c", [("a", "c")]),
        ("a, b := f()", []),
        ("var a, b = c, d", [("a", "c"), ("b", "d")]),
        ("f()", []),
    ],
)
def test_assignment_pairs(statement: str, pairs: list[tuple[str, str]]) -> None:
    file = go(f"func f() {{\n\t{statement}\n}}")
    body = funcs(file)["f"].child_by_field_name("body")
    assert body is not None
    stmt = (
        body.named_children[0].named_children[0]
        if body.named_children[0].type == "statement_list"
        else body.named_children[0]
    )
    if stmt.type == "var_declaration":
        stmt = node(file, "var_spec")
    got = [
        (node_text(a, file.source), node_text(b, file.source))
        for a, b in facts.assignment_pairs(stmt)
    ]
    assert got == pairs


TESTING = 'import "testing"'


@pytest.mark.parametrize(
    ("source", "path", "test_code"),
    [
        ("func TestX(t *testing.T) { g() }", "x.go", True),
        ("func BenchmarkX(b *testing.B) { g() }", "x.go", True),
        ("func helper(tb testing.TB) { g() }", "x.go", True),
        ("func helper(t *testing.T) { g() }", "x.go", True),
        ("func run() { g() }", "x_test.go", True),
        ("func run() { g() }", "x.go", False),
        ("func TestX() { g() }", "x.go", True),  # the name alone, as go test reads it
        ("func Test_x() { g() }", "x.go", True),
        ("func Testify() { g() }", "x.go", False),  # not a test to go test
        ("func Examples() { g() }", "x.go", False),
    ],
)
def test_test_code(source: str, path: str, test_code: bool) -> None:
    file = go(source, path=path, imports=TESTING)
    assert facts.is_test_code(node(file, "call_expression", "g()"), file) is test_code


@pytest.mark.parametrize(
    ("params", "name"),
    [("t *testing.T", "t"), ("b *testing.B", "b"), ("f *testing.F", "f"), ("tb testing.TB", "tb"),
     ("_ *testing.T", None), ("m *testing.M", None), ("x int", None)],
)  # fmt: skip
def test_testing_param(params: str, name: str | None) -> None:
    file = go(f"func h({params}) {{}}", imports=TESTING)
    assert facts.testing_param(funcs(file)["h"], file) == name


def test_handlers_and_their_parameters() -> None:
    file = go(
        "func h(w http.ResponseWriter, r *http.Request) {}\n"
        "func (s *S) ServeHTTP(http.ResponseWriter, *http.Request) {}\n"
        "func plain(x int) {}\n"
        'func reg() { http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {}) }',
        imports='import "net/http"',
    )
    found = funcs(file)
    assert handlers.is_http_handler(found["h"], file)
    assert handlers.is_http_handler(found["ServeHTTP"], file)
    assert not handlers.is_http_handler(found["plain"], file)
    assert handlers.is_http_handler(node(file, "func_literal"), file)
    assert handlers.handler_params(found["h"], file) == ("w", "r")
    assert handlers.handler_params(node(file, "func_literal"), file) == ("w", None)


def test_holding_block_and_goroutine_bodies() -> None:
    file = go(
        "func worker() {}\nfunc both() {}\n"
        "func f() {\n\tx := 1\n\tgo worker()\n\tgo func() { both() }()\n\tboth()\n\t_ = x\n}"
    )
    found = funcs(file)
    decl = node(file, "short_var_declaration", "x := 1")
    holder = facts.holding_block(decl)
    assert holder is not None and holder.type in ("statement_list", "block")
    assert facts.is_goroutine_body(found["worker"], file)
    assert not facts.is_goroutine_body(found["both"], file)  # also called directly
    assert facts.is_goroutine_body(node(file, "func_literal"), file)
    assert not facts.is_goroutine_body(found["f"], file)  # never called


def test_a_goroutine_body_is_unexported_and_only_started() -> None:
    file = go(
        "func Worker() {}\nfunc loop() {}\nfunc handed() {}\n"
        "func f(g interface{ Go(func()) }) {\n\tgo Worker()\n\tgo loop()\n\tgo handed()\n"
        "\tg.Go(handed)\n}"
    )
    found = funcs(file)
    assert not facts.is_goroutine_body(found["Worker"], file)  # importers may call it
    assert facts.is_goroutine_body(found["loop"], file)
    assert not facts.is_goroutine_body(found["handed"], file)  # a value: it may run anywhere
    main = go("func Worker() {}\nfunc main() {\n\tgo Worker()\n}", package="main")
    assert facts.is_goroutine_body(funcs(main)["Worker"], main)  # nothing imports main


def test_a_raw_execve_replaces_the_process() -> None:
    file = go(
        "func f(p uintptr) {\n\tsyscall.RawSyscall(syscall.SYS_EXECVE, p, 0, 0)\n"
        "\tsyscall.RawSyscall(syscall.SYS_GETPID, 0, 0, 0)\n}",
        imports='import "syscall"',
    )
    body = funcs(file)["f"].child_by_field_name("body")
    assert body is not None
    [ender] = facts.calls_ending_process(body, file)
    assert "SYS_EXECVE" in file.text(ender)
    assert facts.replaces_process(ender, file) and facts.ends_process(ender, file)
