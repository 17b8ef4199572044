"""A cleanup that keeps its own object alive never runs; given the field it needs, it does.

The program attaches a cleanup to an object, drops the object and forces ten collections,
then prints how many cleanups ran. Measured on Go 1.27: with an argument that holds the
object in a struct (`holder{f}`, which the runtime does not check) the count is 0, silently;
with the field passed as the argument (what the explanation says to write) it is 1. The
runtime itself catches the simplest shapes, at run time only: a closure over the object and
the object as its own argument panic in `AddCleanup`, which gomend reports before the
program ever runs.
"""

from __future__ import annotations

from tests.gorun import run_go

PROGRAM = """package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

// large enough to stay out of the tiny allocator, whose blocks are freed together
type File struct {
	fd  int
	buf [64]byte
}

type holder struct{ f *File }

var ran atomic.Int32

func closeFD(int) { ran.Add(1) }

func attach() {
	f := &File{fd: 3}
	%s
}

func main() {
	attach()
	for i := 0; i < 10; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Println("cleanups run:", ran.Load())
}
"""

CLOSURE = "runtime.AddCleanup(f, func(int) { closeFD(f.fd) }, 0)"
HELD = "runtime.AddCleanup(f, func(h holder) { closeFD(h.f.fd) }, holder{f})"
FIELD = "runtime.AddCleanup(f, func(fd int) { closeFD(fd) }, f.fd)"
ITSELF = "runtime.AddCleanup(f, func(f *File) { closeFD(f.fd) }, f)"


def test_an_argument_holding_the_object_never_runs_the_cleanup() -> None:
    held = run_go({"main.go": PROGRAM % HELD})
    assert held.returncode == 0, held.stderr
    assert "cleanups run: 0" in held.stdout
    field = run_go({"main.go": PROGRAM % FIELD})
    assert field.returncode == 0, field.stderr
    assert "cleanups run: 1" in field.stdout


def test_the_runtime_catches_the_simplest_shapes_only_at_run_time() -> None:
    closure = run_go({"main.go": PROGRAM % CLOSURE})
    assert closure.returncode != 0
    assert "cleanup function closes over ptr, cleanup will never run" in closure.stderr
    itself = run_go({"main.go": PROGRAM % ITSELF})
    assert itself.returncode != 0
    assert "ptr is equal to arg, cleanup will never run" in itself.stderr
