"""lost-cancel: the byte shape that lets the prefilter skip files never hides a finding; the
message names what ends the context."""

from __future__ import annotations

import dataclasses

import pytest

from gomend.engine.go.file import GoFile
from gomend.engine.registry import get_codemod
from gomend.engine.run.golden import run_codemod

SPELLINGS = [
    "ctx, _ := context.WithCancel(parent)",
    "ctx, _ = context.WithTimeout(parent, time.Second)",
    "var ctx, _ = context.WithDeadline(parent, time.Now())",
    "ctx, _ :=\n\t\tcontext.WithCancel(parent)",
    "ctx, _ := context. // the package\n\t\tWithCancelCause(parent)",
    "ctx, _ := (context.WithCancel)(parent)",
]


@pytest.mark.parametrize("statement", SPELLINGS)
def test_every_spelling_is_found(statement: str) -> None:
    source = (
        'package p\n\nimport (\n\t"context"\n\t"time"\n)\n\nvar _ = time.Second\n\n'
        f"func f(parent context.Context) {{\n\tvar ctx context.Context\n\t{statement}\n\t_ = ctx\n}}\n"
    )
    result = run_codemod("lost-cancel", "p.go", source.encode())
    assert [f.rule for f in result.findings] == ["lost-cancel"], statement


def test_a_file_without_the_shape_is_not_matched() -> None:
    source = b'package p\n\nimport "context"\n\nfunc f(p context.Context) {\n\tctx, cancel := context.WithCancel(p)\n\tdefer cancel()\n\t_ = ctx\n}\n'
    assert run_codemod("lost-cancel", "p.go", source).findings == []


@pytest.mark.parametrize(
    "statement",
    [*SPELLINGS, "ctx, /* the cancel */ _ := context.WithCancel(parent)", "ctx, _ := f()"],
)
def test_the_shape_never_changes_what_the_query_finds(statement: str) -> None:
    source = (
        f'package p\n\nimport "context"\n\nfunc f(parent context.Context) {{\n\t{statement}\n}}\n'
    )
    codemod = get_codemod("lost-cancel")
    unshaped = dataclasses.replace(codemod, shape=None)
    file = GoFile.from_source("p.go", source.encode())
    assert [f.line for f in codemod.run(file)] == [f.line for f in unshaped.run(file)]


@pytest.mark.parametrize(
    ("call", "lives"),
    [
        ("context.WithCancel(parent)", "the context lives until its parent ends"),
        ("context.WithTimeout(parent, time.Second)", "its timer live until its deadline"),
        ("context.WithDeadline(parent, time.Now())", "its timer live until its deadline"),
        ("context.WithTimeoutCause(parent, time.Second, nil)", "until its deadline"),
    ],
)
def test_the_message_says_what_ends_the_context(call: str, lives: str) -> None:
    source = (
        'package p\n\nimport (\n\t"context"\n\t"time"\n)\n\nvar _ = time.Second\n\n'
        f"func f(parent context.Context) error {{\n\tctx, _ := {call}\n\treturn ctx.Err()\n}}\n"
    )
    [finding] = run_codemod("lost-cancel", "p.go", source.encode()).findings
    assert lives in finding.message


def test_golang_org_x_net_context_counts_as_context() -> None:
    # not a golden case: Go cannot build it without fetching the module
    source = (
        b'package p\n\nimport (\n\t"time"\n\n\t"golang.org/x/net/context"\n)\n\n'
        b"func Ping(call func(context.Context) error) error {\n"
        b"\tctx, _ := context.WithTimeout(context.Background(), time.Second)\n"
        b"\treturn call(ctx)\n}\n"
    )
    result = run_codemod("lost-cancel", "p.go", source)
    [finding] = result.findings
    assert finding.fixed
    assert b"ctx, cancel := context.WithTimeout" in (result.after or b"")
    assert b"\tdefer cancel()\n" in (result.after or b"")
