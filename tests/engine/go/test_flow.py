"""engine/go/flow.py: where a value goes, on a table of small Go functions."""

from __future__ import annotations

import pytest

from gomend.engine.go import flow
from tests.engine.go.test_facts import funcs, go, node

G = flow.Goes


@pytest.mark.parametrize(
    ("uses", "goes"),
    [
        ("use(ctx)", set()),
        ("return ctx", {G.RETURNED}),
        ("return &S{ctx: ctx}", {G.RETURNED}),
        ("return use(ctx)", {G.RETURNED}),  # the result may hold it: r.WithContext(ctx)
        ("local := ctx\n\treturn local", {G.RETURNED}),
        ("r := other.WithContext(ctx)\n\ts.r = r", {G.FIELD}),
        ("var r = use(ctx)\n\tch <- r", {G.SENT}),
        ("err := use(ctx)\n\treturn err", set()),  # an error holds no context
        ("return ctx.Value(k)", {G.RETURNED}),
        ("o := S{ctx}\n\t_ = o", set()),
        ("s.ctx, s.n = ctx, 1", {G.FIELD}),
        ("other, s.n = ctx, 1", set()),  # the context goes to the local
        ("<-ctx.Done()", set()),
        ("s.ctx = ctx", {G.FIELD}),
        ("saved = ctx", {G.VARIABLE}),
        ("local := ctx\n\t_ = local", set()),
        ("m[k] = ctx", {G.ELEMENT}),
        ("xs = append(xs, ctx)", {G.ELEMENT}),
        ("ch <- ctx", {G.SENT}),
        ("go work(ctx)", {G.GO}),
        ("go func() { use(ctx) }()", {G.GO}),
        ("defer func() { use(ctx) }()", set()),
        ("func() { use(ctx) }()", set()),
        ("return func() { use(ctx) }", {G.RETURNED, G.CAPTURED}),
        ("t.Cleanup(func() { use(ctx) })", {G.CAPTURED}),
        ("if true {\n\t\tctx := other\n\t\treturn ctx\n\t}", set()),  # another ctx
    ],
)
def test_where_a_value_goes(uses: str, goes: set[flow.Goes]) -> None:
    file = go(
        "var saved any\n\nfunc f(s *S, m map[int]any, xs []any, ch chan any, k int, t T, other any) any {\n"
        f"\tctx := make()\n\t{uses}\n\treturn nil\n}}"
    )
    body = funcs(file)["f"].child_by_field_name("body")
    assert body is not None
    declared = node(file, "short_var_declaration", "ctx := make()")
    assert flow.where_value_goes("ctx", declared, body, file) == goes


@pytest.mark.parametrize(
    ("result", "goes"),
    [
        ("error", set()),  # return use(ctx): an error holds no context
        ("(int, error)", set()),
        ("(*http.Response, error)", {G.RETURNED}),  # a response's body needs the context
        ("(res any)", {G.RETURNED}),
    ],
)
def test_what_a_function_returns_decides_whether_a_result_can_hold_it(
    result: str, goes: set[flow.Goes]
) -> None:
    ret = "return use(ctx)" if "," not in result else "return use(ctx), nil"
    if result == "(res any)":
        ret = "res = use(ctx)\n\treturn"
    file = go(f"func f() {result} {{\n\tctx := make()\n\t{ret}\n}}")
    body = funcs(file)["f"].child_by_field_name("body")
    assert body is not None
    declared = node(file, "short_var_declaration", "ctx := make()")
    assert flow.where_value_goes("ctx", declared, body, file) == goes


@pytest.mark.parametrize(
    ("uses", "goes"),
    [
        ("use(ctx)", set()),
        ("last = ctx", {G.OUTER}),  # declared before the loop
        ("param = ctx", {G.OUTER}),
        ("mine := ctx\n\t\tuse(mine)", set()),
        ("mine := ctx\n\t\tlast = mine", {G.OUTER}),
    ],
)
def test_a_store_outside_a_loop_leaves_the_iteration(uses: str, goes: set[flow.Goes]) -> None:
    file = go(
        "func f(param any) {\n\tvar last any\n\tfor {\n"
        f"\t\tctx := make()\n\t\t{uses}\n\t}}\n\t_ = last\n}}"
    )
    loop = node(file, "for_statement", None)
    body = loop.child_by_field_name("body")
    assert body is not None
    declared = node(file, "short_var_declaration", "ctx := make()")
    assert flow.where_value_goes("ctx", declared, body, file, within=body) == goes
