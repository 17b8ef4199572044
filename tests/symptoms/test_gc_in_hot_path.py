"""Exercise 1 healed: GC cycles per request, before and after gc-in-hot-path's rewrite.

As measured for the codemod's documentation (docs/codemods.md), scaled down: the exercise's
handler serves requests through ``net/http/httptest`` and ``runtime/metrics`` counts GC
cycles (``/gc/cycles/total``). With ``GOGC=off`` the runtime never collects on its own, so
every cycle counted is a forced one.
"""

from __future__ import annotations

from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = Path(__file__).resolve().parents[2] / "golden" / "gc-in-hot-path" / "exercise-1.before.go"
REQUESTS = 40

LAB = f"""package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
)

func gcCycles() uint64 {{
	s := []metrics.Sample{{{{Name: "/gc/cycles/total:gc-cycles"}}}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}}

func get(url string) {{
	resp, err := http.Get(url)
	if err != nil {{
		panic(err)
	}}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}}

func main() {{
	srv := httptest.NewServer(http.HandlerFunc(handle))
	defer srv.Close()
	get(srv.URL) // warm up: the connection and the server goroutine
	start := gcCycles()
	for i := 0; i < {REQUESTS}; i++ {{
		get(srv.URL)
	}}
	fmt.Println(gcCycles() - start)
}}
"""


def gc_cycles_during_requests(program: bytes) -> int:
    # The exercise's main serves on :8080 for ever; the lab's main drives the handler instead.
    source = program.replace(b"func main() {", b"func exerciseMain() {", 1)
    assert source != program
    done = run_go({"main.go": source, "lab.go": LAB}, env={"GOGC": "off"})
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_exercise_1_collects_on_every_request_before_and_never_after() -> None:
    before = CASE.read_bytes()
    after = rewrite("gc-in-hot-path", before)
    assert after != before

    assert gc_cycles_during_requests(before) >= REQUESTS  # a forced cycle per request
    assert gc_cycles_during_requests(after) == 0
