"""engine/go/pairs.py: a start is paired with its stop by structure, never by a stop that is
merely somewhere in the file."""

from __future__ import annotations

import pytest

from gomend.engine.go import pairs, scope
from tests.engine.go.test_facts import go, node

IMPORTS = 'import "runtime/trace"'


@pytest.mark.parametrize(
    ("code", "paired"),
    [
        ("func f() {\n\ttrace.Start(nil)\n\tdefer trace.Stop()\n}", True),
        ("func f() {\n\ttrace.Start(nil)\n\tgo func() { trace.Stop() }()\n}", True),
        (
            "type T struct{}\nfunc (T) Begin() { trace.Start(nil) }\nfunc (T) End() { trace.Stop() }",
            True,
        ),
        (
            "type T struct{}\ntype U struct{}\nfunc (T) Begin() { trace.Start(nil) }\nfunc (U) End() { trace.Stop() }",
            False,
        ),
        ("func startTrace() { trace.Start(nil) }\nfunc stopTrace() { trace.Stop() }", True),
        (
            "func traceAll() { trace.Start(nil) }\nfunc other() { trace.Stop() }",
            False,
        ),  # names say nothing
        ("func on() { trace.Start(nil) }\nfunc run() {\n\ton()\n\tdefer trace.Stop()\n}", True),
        (
            "func on() { trace.Start(nil) }\nfunc run() { on() }\nfunc g() {\n\ton()\n\ttrace.Stop()\n}",
            False,
        ),
    ],
)
def test_a_start_is_paired_by_structure(code: str, paired: bool) -> None:
    file = go(code, imports=IMPORTS)
    call = node(file, "call_expression", "trace.Start(nil)")
    func = scope.enclosing_function(call)
    assert func is not None
    assert pairs.stopped_by_structure(call, func, file, "runtime/trace", "Stop") is paired
