"""Exercise 5 healed: the resurrected 1 MiB object stays on the heap before the rewrite and
is collected after it.

As measured for the codemod's documentation (docs/codemods.md): after the exercise's own
``main`` has run, the lab waits until the runtime reports the finalizer executed
(``/gc/finalizers/executed``, counted only once the finalizer has returned and its references
are dropped), forces two more collections and reads the bytes of heap objects
(``/memory/classes/heap/objects:bytes``). Before the rewrite the finalizer's ``global = c``
keeps the 1 MiB ``Cache`` alive (1098 KiB in the lab); after it, the heap holds well under 1
MiB (74-79 KiB).
"""

from __future__ import annotations

from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = (
    Path(__file__).resolve().parents[2]
    / "golden"
    / "finalizer-resurrection"
    / "exercise-5.before.go"
)
MIB = 1 << 20

LAB = """package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"time"
)

func read(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func main() {
	exerciseMain()
	// Not a timing check: a bound, so that a finalizer that never runs fails the test
	// instead of hanging it.
	deadline := time.Now().Add(30 * time.Second)
	for read("/gc/finalizers/executed:finalizers") < 1 {
		if time.Now().After(deadline) {
			fmt.Println("the finalizer never ran")
			os.Exit(2)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	runtime.GC()
	runtime.GC()
	fmt.Println("lab:", read("/memory/classes/heap/objects:bytes"), global == nil)
}
"""


def heap_after_finalizer(program: bytes) -> tuple[int, bool]:
    """Heap object bytes after the finalizer ran and two more collections, and whether the
    package-level ``global`` is still nil."""
    source = program.replace(b"func main() {", b"func exerciseMain() {", 1)
    assert source != program
    done = run_go({"main.go": source, "lab.go": LAB})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "finalized" in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("lab:"))
    _, heap, global_nil = line.split()
    return int(heap), global_nil == "true"


def test_exercise_5_object_stays_alive_before_and_is_collected_after() -> None:
    before = CASE.read_bytes()
    after = rewrite("finalizer-resurrection", before)
    assert after != before

    heap, global_nil = heap_after_finalizer(before)
    assert not global_nil
    assert heap >= MIB  # the 1 MiB Cache, resurrected

    heap, global_nil = heap_after_finalizer(after)
    assert global_nil
    assert heap < MIB  # collected
