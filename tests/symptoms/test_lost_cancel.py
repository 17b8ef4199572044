"""A context that leaves its function stays alive after `gomend fix`.

`newRequestContext` returns a context made with `WithTimeout` and discards its cancel
function. The fix gomend once wrote for every discarded cancel, `defer cancel()` after the
call, cancels that context the moment `newRequestContext` returns, so every caller gets a
context that is already done: the program prints `context canceled`. Build and vet pass
either way. gomend now reports the call without a fix; the program it leaves prints
`<nil>`: the caller's context is alive, as its author meant.
"""

from __future__ import annotations

from tests.gorun import rewrite, run_go

PROGRAM = b"""package main

import (
	"context"
	"fmt"
	"time"
)

func newRequestContext(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Hour)
	return ctx
}

func main() {
	ctx := newRequestContext(context.Background())
	fmt.Println("err after return:", ctx.Err())
}
"""

# what a deferred cancel does to it (gomend's fix before it followed the context)
DEFERRED = PROGRAM.replace(
    b"\tctx, _ := context.WithTimeout(parent, time.Hour)\n",
    b"\tctx, cancel := context.WithTimeout(parent, time.Hour)\n\tdefer cancel()\n",
)


def err_after_return(program: bytes) -> str:
    done = run_go({"main.go": program})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_returned_context_is_alive_after_gomend_fix() -> None:
    assert DEFERRED != PROGRAM
    assert err_after_return(DEFERRED) == "err after return: context canceled"
    after = rewrite("lost-cancel", PROGRAM)
    assert after == PROGRAM  # reported, not rewritten
    assert err_after_return(after) == "err after return: <nil>"
