"""Exercise 10 healed: after the rewrite the memory limit in force is the environment's.

The exercise's own program runs with ``GOMEMLIMIT`` set to 300 MiB (its five one-second
sleeps scaled to milliseconds); when its ``main`` returns, the lab reads the limit in force
back with ``debug.SetMemoryLimit(-1)``, which changes nothing. Before the rewrite the code's
50 MiB overrides the environment; after it, the environment's 300 MiB governs.
"""

from __future__ import annotations

from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = (
    Path(__file__).resolve().parents[2] / "golden" / "tight-memory-limit" / "exercise-10.before.go"
)
ENVIRONMENT_LIMIT = 300 << 20

LAB = """package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	exerciseMain()
	fmt.Println("limit:", debug.SetMemoryLimit(-1))
}
"""


def limit_in_force(program: bytes) -> int:
    source = program.replace(b"func main() {", b"func exerciseMain() {", 1)
    scaled = source.replace(b"time.Sleep(time.Second)", b"time.Sleep(time.Millisecond)", 1)
    assert source != program and scaled != source
    done = run_go({"main.go": scaled, "lab.go": LAB}, env={"GOMEMLIMIT": "300MiB"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("heap=200MB") == 5  # the exercise's own output, unchanged
    line = next(x for x in done.stdout.splitlines() if x.startswith("limit:"))
    return int(line.split()[1])


def test_exercise_10_limit_comes_from_the_environment_after_the_rewrite() -> None:
    before = CASE.read_bytes()
    after = rewrite("tight-memory-limit", before)
    assert after != before

    assert limit_in_force(before) == 50 << 20
    assert limit_in_force(after) == ENVIRONMENT_LIMIT
