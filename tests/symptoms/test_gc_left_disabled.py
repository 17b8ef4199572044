"""Exercise 12 healed: GC is back on once `setup()` returns.

The codemod's documentation (docs/codemods.md) read `/gc/gogc:percent` at the end of the
program: -1 (off) before the fix, 100 after. The exercise's own main keeps all 200 MB it
allocates, so its heap figure cannot show the fix. This check runs the program's `setup()`
(from the codemod's actual output) and prints the GC percent in force right after it returns,
as the previous value that `debug.SetGCPercent` reports: -1 before the rewrite, 100 after it.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = Path(__file__).resolve().parents[2] / "golden" / "gc-left-disabled" / "exercise-12.before.go"
PROBE = """package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	setup()
	fmt.Println("gc percent after setup:", debug.SetGCPercent(100))
}
"""


def gc_percent_after_setup(program: bytes) -> int:
    # the exercise's main (200 allocations of 1 MiB, 50 ms apart) is kept but not run
    source = program.replace(b"\nfunc main() {", b"\nfunc exerciseMain() {", 1)
    assert source != program
    done = run_go({"main.go": source, "probe.go": PROBE}, env={"GOGC": "100"})
    assert done.returncode == 0, done.stderr
    found = re.search(r"gc percent after setup: (-?\d+)", done.stdout)
    assert found is not None, done.stdout
    return int(found.group(1))


def test_gc_is_back_on_after_setup_returns() -> None:
    before = CASE.read_bytes()
    after = rewrite("gc-left-disabled", before)
    assert after != before
    assert gc_percent_after_setup(before) == -1
    assert gc_percent_after_setup(after) == 100
