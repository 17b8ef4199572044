"""Exercise 15 healed: the trace stops, and the next request gets one, after trace-not-stopped's
rewrite.

As measured for the codemod's documentation (docs/codemods.md), on ``net/http/httptest``
instead of ``:8080``: two requests in a row with ``?seconds=1``. Before, the first response
is empty, tracing stays on (``trace.IsEnabled()``) and the second response is empty too,
because ``trace.Start`` fails and its error is ignored. After, tracing is off once the first
response is read, and the second request gets a trace as well.
"""

from __future__ import annotations

from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = (
    Path(__file__).resolve().parents[2] / "golden" / "trace-not-stopped" / "exercise-15.before.go"
)

LAB = """package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/trace"
)

func get(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		panic(err)
	}
	return len(body)
}

// labServe stands in for ListenAndServe: it drives the exercise's handler and exits.
func labServe() error {
	srv := httptest.NewServer(http.DefaultServeMux)
	first := get(srv.URL + "/debug/trace?seconds=1")
	fmt.Printf("first_body=%t\\n", first > 0)
	fmt.Printf("enabled_after_first=%t\\n", trace.IsEnabled())
	second := get(srv.URL + "/debug/trace?seconds=1")
	fmt.Printf("second_body=%t\\n", second > 0)
	os.Exit(0)
	return nil
}
"""


def outcome(program: bytes) -> dict[str, str]:
    source = program.replace(b'http.ListenAndServe(":8080", nil)', b"labServe()", 1)
    assert source != program
    done = run_go({"main.go": source, "lab.go": LAB})
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in done.stdout.splitlines())


def test_tracing_stops_and_the_next_request_gets_a_trace_after_the_rewrite() -> None:
    before = CASE.read_bytes()
    after = rewrite("trace-not-stopped", before)
    assert b"trace.Stop()" in after
    assert outcome(before) == {
        "first_body": "false",
        "enabled_after_first": "true",
        "second_body": "false",
    }
    assert outcome(after) == {
        "first_body": "true",
        "enabled_after_first": "false",
        "second_body": "true",
    }
