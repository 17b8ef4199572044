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
        ("return use(ctx)", set()),  # the call's result leaves, not the context
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
