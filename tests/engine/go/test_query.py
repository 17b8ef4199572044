"""Import-aware calls, handlers, loops and constant evaluation."""

from __future__ import annotations

import pytest

from gomend.engine.go import calls, handlers, query, scope
from gomend.engine.go.file import GoFile
from gomend.engine.go.package import package_file


def gofile(src: str, path: str = "x.go") -> GoFile:
    return GoFile.from_source(path, src.encode())


def call_nodes(file: GoFile) -> list:
    return list(query.walk(file.tree.root_node, ("call_expression",)))


def test_call_target_through_alias_dot_and_shadowing() -> None:
    file = gofile(
        'package p\n\nimport (\n\trt "runtime"\n\t. "runtime/debug"\n)\n\n'
        "func f(x int) {\n\trt.GC()\n\tFreeOSMemory()\n}\n\n"
        "func g(rt fake) {\n\trt.GC()\n}\n\ntype fake struct{}\n\nfunc (fake) GC() {}\n"
    )
    targets = [calls.call_target(c, file) for c in call_nodes(file)]
    assert targets == [("runtime", "GC"), ("runtime/debug", "FreeOSMemory"), None]


def test_file_without_the_import_never_matches() -> None:
    file = gofile(
        "package p\n\nvar runtime fake\n\nfunc f() { runtime.GC() }\n\ntype fake struct{}\n\nfunc (fake) GC() {}\n"
    )
    assert all(calls.call_target(c, file) is None for c in call_nodes(file))


def test_http_handlers() -> None:
    file = gofile(
        'package p\n\nimport (\n\th "net/http"\n)\n\n'
        "func a(w h.ResponseWriter, r *h.Request) { x() }\n"
        "func b(r *h.Request) { x() }\n"
        "type T struct{}\n"
        "func (T) ServeHTTP(x, y int) { x() }\n"
        'func c() { h.HandleFunc("/", func(a, b int) { x() }) }\n'
        "func d(w int) { x() }\n"
        "func x() {}\n"
    )
    funcs = [n for n in query.walk(file.tree.root_node, scope.FUNCTION_TYPES)]
    found = [handlers.is_http_handler(f, file) for f in funcs]
    # a, b, ServeHTTP, c (not a handler), the literal in c, d, x
    assert found == [True, True, True, False, True, False, False]


def test_enclosing_loop_stops_at_func_literals() -> None:
    file = gofile(
        "package p\n\nfunc f() {\n\tfor {\n\t\tif true {\n\t\t\ta()\n\t\t}\n\t\tgo func() { b() }()\n\t}\n\tc()\n}\n"
    )
    by_name = {file.text(c): c for c in call_nodes(file)}
    assert scope.enclosing_loop(by_name["a()"]) is not None
    assert scope.enclosing_loop(by_name["b()"]) is None
    assert scope.enclosing_loop(by_name["c()"]) is None


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("50 << 20", 50 << 20),
        ("50*1024*1024", 50 * 1024 * 1024),
        ("1_000_000", 1_000_000),
        ("0x10", 16),
        ("0o17", 15),
        ("017", 15),
        ("0b101", 5),
        ("(2 + 3) * 4", 20),
        ("-1", -1),
        ("100 / 7", 14),
        ("-7 / 2", -3),
        ("limit", 64 << 20),
        ("limit * 2", 128 << 20),
        ("int64(5 << 10)", 5 << 10),
        ("math.MaxInt64", (1 << 63) - 1),
        ("n", None),
        ("f()", None),
        ("1.5", None),
    ],
)
def test_const_value(expr: str, value: int | None) -> None:
    file = gofile(
        f'package p\n\nimport "math"\n\nconst limit = 64 << 20\n\nvar _ = math.Pi\n\nfunc f() int {{ return 1 }}\n\nfunc g(n int) {{\n\t_ = {expr}\n}}\n'
    )
    assign = next(query.walk(file.tree.root_node, ("assignment_statement",)))
    right = assign.child_by_field_name("right")
    assert right is not None
    assert file.const_value(right.named_children[0]) == value


def test_const_from_a_sibling_file(tmp_path) -> None:
    (tmp_path / "consts.go").write_text("package p\n\nconst Limit = 8 << 20\n")
    path = tmp_path / "main.go"
    src = "package p\n\nfunc g() {\n\t_ = Limit\n}\n"
    path.write_text(src)
    file = package_file(str(path), src.encode())
    assign = next(query.walk(file.tree.root_node, ("assignment_statement",)))
    right = assign.child_by_field_name("right")
    assert right is not None
    assert file.const_value(right.named_children[0]) == 8 << 20


def test_fresh_name_avoids_every_identifier_in_scope() -> None:
    file = gofile("package p\n\nvar cancel2 int\n\nfunc f(cancel int) {\n\tx()\n}\n\nfunc x() {}\n")
    call = call_nodes(file)[0]
    assert file.fresh_name("cancel", call) == "cancel3"
    assert file.fresh_name("prev", call) == "prev"


def test_calls_in_finds_by_name_what_a_walk_finds() -> None:
    file = gofile(
        'package p\n\nimport (\n\trt "runtime"\n\t. "runtime/debug"\n)\n\n'
        "func f() {\n\t(rt.GC)()\n\t((rt).GC)()\n\tFreeOSMemory()\n\tGC := rt.GC\n\t_ = GC\n"
        "\trt.KeepAlive(rt.GC)\n\tgo func() { rt.GC() }()\n\tdefer rt.KeepAlive(rt.NumGoroutine())\n"
        '\tx.GC()\n\t// rt.GC()\n\t_ = "rt.GC()"\n}\n'
    )
    body = file.tree.root_node.named_children[-1].child_by_field_name("body")
    assert body is not None

    def spelled(found: list) -> list[str]:
        return [file.text(c) for c in found]

    assert spelled(calls.calls_in(body, file, "runtime", "GC")) == ["(rt.GC)()"]
    assert spelled(calls.calls_in(body, file, "runtime", "GC", same_body=False)) == [
        "(rt.GC)()",
        "rt.GC()",
    ]
    for names in (("GC",), ("KeepAlive", "NumGoroutine"), ("GC", "KeepAlive")):
        walked = [c for c in call_nodes(file) if calls.is_call(c, file, "runtime", *names)]
        assert calls.calls_in(body, file, "runtime", *names, same_body=False) == walked
    assert spelled(calls.calls_in(body, file, "runtime", "KeepAlive", "NumGoroutine")) == [
        "rt.KeepAlive(rt.GC)",
        "rt.KeepAlive(rt.NumGoroutine())",
        "rt.NumGoroutine()",
    ]
    assert spelled(calls.calls_in(body, file, "runtime/debug", "FreeOSMemory")) == [
        "FreeOSMemory()"
    ]
    call = calls.calls_in(body, file, "runtime", "NumGoroutine")[0]
    assert calls.calls_in(call, file, "runtime", "NumGoroutine") == []  # itself left out


def test_may_spell() -> None:
    source = "x := 1 // r\u00e9sum\u00e9\n".encode() + b"y := \xff\n"
    assert query.may_spell(source, "x", 0, 1)
    assert not query.may_spell(source, "x", 1, len(source))
    assert query.may_spell(source, "r\u00e9sum\u00e9", 0, len(source))
    assert query.may_spell(source, "\ufffd", 0, 0)  # may stand for any undecodable byte


def test_matches_in_byte_ranges_are_the_whole_trees_once_each_in_its_order() -> None:
    from gomend.engine.go.query import call_query

    text = call_query("Start")
    file = gofile(
        "package p\n\nfunc f() {\n\ttrace.Start(a).Start(b).Start(c)\n"
        "\tx.Start(y.Start(z)).Start(w)\n\t(trace.Start)(trace.Start(q))\n\tStart()\n}\n"
    )
    root, source = file.tree.root_node, file.source
    spans = list(query.spans_spelled(root, source, b"Start"))
    assert len(spans) == 9

    def key(found: list[dict]) -> list:
        return [[(k, n.start_byte, n.end_byte) for k, n in m.items()] for m in found]

    whole = key(query.matches(text, root))
    assert len(whole) == 8  # (trace.Start) is in brackets: no match of the query
    assert key(query.matches(text, root, spans)) == whole
    assert key(query.matches(text, root, [s for s in spans for _ in (0, 1)])) == whole
    assert query.matches(text, root, []) == []


def test_has_identifier_is_membership_in_identifiers_in() -> None:
    file = gofile(
        'package p\n\n// ctx in a comment\nfunc f(ctx context.Context) {\n\ts := "cancel"\n'
        "\tgo g(ctx2, x.cancel, T{})\n\tvar _ context.T\n}\n"
    )
    root, source = file.tree.root_node, file.source
    names = query.identifiers_in(root, source)
    for name in ("ctx", "ctx2", "cancel", "T", "context", "s", "go", "comment", "x", "", "y"):
        assert query.has_identifier(root, source, name) == (name in names), name
