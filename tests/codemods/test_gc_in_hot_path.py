"""gc-in-hot-path beyond the golden cases: test files, messages and fix safety per place."""

from __future__ import annotations

from gomend.engine.codemod import Safety
from gomend.engine.run.golden import run_codemod

HANDLER = b"""package server

import (
	"net/http"
	"runtime"
)

func Handle(w http.ResponseWriter, r *http.Request) {
	runtime.GC()
}

func Loop(n int) {
	for i := 0; i < n; i++ {
		work(i)
		runtime.GC()
	}
}

func work(int) {}
"""


def test_a_test_file_is_left_alone() -> None:
    result = run_codemod("gc-in-hot-path", "server_test.go", HANDLER)
    assert result.findings == []
    assert result.status == "unchanged"


def test_messages_and_safety_depend_on_the_place() -> None:
    result = run_codemod("gc-in-hot-path", "server.go", HANDLER)
    handler, loop = result.findings
    assert handler.message == (
        "runtime.GC() in an HTTP handler blocks every request for a full garbage "
        "collection; remove it"
    )
    assert handler.safety == Safety.SAFE
    assert loop.message == (
        "runtime.GC() in a loop runs a full garbage collection on every iteration; remove it"
    )
    assert loop.safety == Safety.UNSAFE
