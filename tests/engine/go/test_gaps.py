"""Lowering the Go the grammar does not know (engine/go/gaps.py), and the runner's use of it."""

from __future__ import annotations

from gomend.engine.go.gaps import lower
from gomend.engine.go.parse import parse
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions

GENERIC_METHOD = b"""package p

type List[T any] struct{ items []T }

func (l *List[T]) Map[U any](f func(T) U) []U {
	out := make([]U, 0, len(l.items))
	for _, item := range l.items {
		out = append(out, f(item))
	}
	return out
}
"""

NEW_EXPR = b"""package p

var (
	limit = new(10 * 1024)
	name  = new("key")
	plain = new(int)
	slice = make([]byte, 0, 8)
)
"""

LOCAL_MAKE = b"""package p

type node struct{ next *node }

func chain() *node {
	var make func(n int) *node
	make = func(n int) *node {
		if n == 0 {
			return nil
		}
		return &node{make(n - 1)}
	}
	return make(3)
}
"""


def test_the_grammar_rejects_what_go_accepts() -> None:
    for source in (GENERIC_METHOD, NEW_EXPR, LOCAL_MAKE):
        assert parse(source).root_node.has_error


def test_lowered_text_parses_keeps_every_offset_and_restores_exactly() -> None:
    for source in (GENERIC_METHOD, NEW_EXPR, LOCAL_MAKE):
        lowered = lower(source)
        assert lowered is not None
        assert len(lowered.body) == len(source)
        assert lowered.body.count(b"\n") == source.count(b"\n")
        assert not lowered.tree.root_node.has_error
        assert lowered.restore(lowered.body) == source


def test_a_type_argument_keeps_the_builtin() -> None:
    lowered = lower(NEW_EXPR)
    assert lowered is not None
    assert b"_nw(10 * 1024)" in lowered.body and b'_nw("key")' in lowered.body
    assert b"new(int)" in lowered.body and b"make([]byte, 0, 8)" in lowered.body


def test_method_type_parameters_are_blanked() -> None:
    lowered = lower(GENERIC_METHOD)
    assert lowered is not None
    assert b"func (l *List[T]) Map       (f func(T) U) []U {" in lowered.body
    assert b"make([]U, 0, len(l.items))" in lowered.body  # a type: the builtin stays


def test_a_changed_blanked_line_is_not_restored() -> None:
    lowered = lower(GENERIC_METHOD)
    assert lowered is not None
    edited = lowered.body.replace(b"Map       (f", b"Map       (g")
    assert lowered.restore(edited) is None
    dropped = lowered.body.replace(b"func (l *List[T]) Map       (f func(T) U) []U {\n", b"")
    assert lowered.restore(dropped) is None


def test_a_stand_in_a_fix_moved_is_restored() -> None:
    lowered = lower(NEW_EXPR)
    assert lowered is not None
    moved = lowered.body.replace(b"\tlimit = _nw(10 * 1024)\n", b"") + b"var l = _nw(1)\n"
    assert (
        lowered.restore(moved)
        == NEW_EXPR.replace(b"\tlimit = new(10 * 1024)\n", b"") + b"var l = new(1)\n"
    )


def test_nothing_to_lower_or_still_broken_is_none() -> None:
    assert lower(b"package p\n\nfunc f() {\n\tx :=\n}\n") is None
    assert lower(b"package p\n\nvar x = new(1 +)\n") is None
    taken = b"package p\n\nfunc _nw(int) int { return 0 }\n\nvar y, z = _nw(1), new(1)\n"
    assert lower(taken) is None  # a stand-in the file calls itself would not be told apart


FIXABLE_GENERIC = b"""package p

import "context"

type Pool[T any] struct{ items []T }

func (p *Pool[T]) Each[U any](parent context.Context, f func(context.Context, T) error) error {
	ctx, _ := context.WithCancel(parent)
	for _, item := range p.items {
		if err := f(ctx, item); err != nil {
			return err
		}
	}
	return nil
}

var zero = new(0)
"""


def test_the_runner_fixes_newer_go_and_keeps_it_byte_for_byte() -> None:
    result = process_source("p.go", FIXABLE_GENERIC, RunOptions(codemod_ids=("lost-cancel",)))
    assert result.status == "changed", result.reason
    assert result.syntax_error is None
    assert result.after == FIXABLE_GENERIC.replace(
        b"\tctx, _ := context.WithCancel(parent)\n",
        b"\tctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n",
    )
