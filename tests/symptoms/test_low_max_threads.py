"""Exercise 8 healed: the thread limit in force is the runtime's default after the rewrite.

The codemod's documentation (docs/codemods.md) counts crashes (`fatal error: thread
exhaustion`), which depend on timing and core count (none in 20 runs on 2 CPUs), so a crash
count cannot be a reliable check here. What the rewrite changes for certain is the limit in
force: the exercise's program runs as written, then a probe calls `debug.SetMaxThreads` and
prints the previous value it returns: 5 before the rewrite, the default of 10000 after it
(and never the exercise's 2000). The program runs with GOMAXPROCS=1, where the `before`
program did not crash in the lab; on a busy machine it still may, and then the runtime's own
message names the limit in force (`runtime: program exceeds 5-thread limit`), which is read
instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = Path(__file__).resolve().parents[2] / "golden" / "low-max-threads" / "exercise-8.before.go"
PROBE = """package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	exerciseMain()
	fmt.Println("max threads:", debug.SetMaxThreads(10000))
}
"""


def limit_in_force(program: bytes) -> int:
    source = program.replace(b"\nfunc main() {", b"\nfunc exerciseMain() {", 1)
    assert source != program
    done = run_go({"main.go": source, "probe.go": PROBE}, env={"GOMAXPROCS": "1"})
    crashed = re.search(r"program exceeds (\d+)-thread limit", done.stderr)
    if crashed is not None:
        return int(crashed.group(1))
    assert done.returncode == 0, done.stderr
    assert "threads:" in done.stdout  # the exercise's own output
    found = re.search(r"max threads: (\d+)", done.stdout)
    assert found is not None, done.stdout
    return int(found.group(1))


def test_the_default_thread_limit_applies_after_the_rewrite() -> None:
    before = CASE.read_bytes()
    after = rewrite("low-max-threads", before)
    assert after != before
    assert limit_in_force(before) == 5
    assert limit_in_force(after) == 10000
