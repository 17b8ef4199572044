from __future__ import annotations

import pytest

from gomend.engine.go import query, scope, uses
from gomend.engine.go.file import GoFile


@pytest.mark.parametrize(
    ("src", "reassigned"),
    [
        ("x := 1\n\tuse(x)\n\tx = 2", True),
        ("x := 1\n\tuse(x)\n\t{ x := 2; _ = x }", False),
        ("x := 1\n\tuse(x)", False),
    ],
)
def test_reassigned_after(src: str, reassigned: bool) -> None:
    file = GoFile.from_source(
        "x.go", f"package p\n\nfunc use(int) {{}}\n\nfunc f() {{\n\t{src}\n}}\n".encode()
    )
    decl = next(query.walk(file.tree.root_node, ("short_var_declaration",)))
    body = decl.parent
    assert body is not None
    use = next(c for c in query.walk(body, ("call_expression",)))
    assert uses.reassigned_after("x", decl, body, use, file) is reassigned


@pytest.mark.parametrize(
    ("src", "last"),
    [("x := 1\n\tuse(x)", True), ("x := 1\n\tuse(x)\n\tuse(x)", False), ("use(p)", False)],
)
def test_holds_last_use(src: str, last: bool) -> None:
    file = GoFile.from_source(
        "x.go", f"package p\n\nfunc use(int) {{}}\n\nfunc f(p int) {{\n\t{src}\n}}\n".encode()
    )
    stmt = next(s for s in query.walk(file.tree.root_node, ("expression_statement",)))
    assert scope.enclosing_function(stmt) is not None
    assert uses.holds_last_use(stmt, file) is last
