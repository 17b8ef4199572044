"""A file closed by a finalizer is still closed after `finalizer-to-cleanup`.

The program wraps a file in a `Log` whose finalizer closes it, drops the `Log`, forces
collections and checks whether the descriptor is still open (`fstat` fails with EBADF once it
is closed). Measured on Go 1.27: closed before the rewrite and after it, where
`runtime.AddCleanup` gets the file, not the `Log`. (`*os.File` carries a cleanup of its own
too: the check is that the rewrite still closes the file, not that only it does.)
"""

from __future__ import annotations

from tests.gorun import rewrite, run_go

PROGRAM = b"""package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"
)

type Log struct {
	name string
	f    *os.File
}

func open() int {
	f, err := os.CreateTemp("", "log")
	if err != nil {
		panic(err)
	}
	os.Remove(f.Name())
	l := &Log{name: f.Name(), f: f}
	runtime.SetFinalizer(l, func(l *Log) { l.f.Close() })
	return int(f.Fd())
}

func main() {
	fd := open()
	var st syscall.Stat_t
	for i := 0; i < 20 && syscall.Fstat(fd, &st) == nil; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("closed:", syscall.Fstat(fd, &st) == syscall.EBADF)
}
"""


def test_the_file_is_still_closed_after_the_rewrite() -> None:
    after = rewrite("finalizer-to-cleanup", PROGRAM)
    assert b"runtime.AddCleanup(l, func(f *os.File) { f.Close() }, l.f)" in after
    for program in (PROGRAM, after):
        done = run_go({"main.go": program})
        assert done.returncode == 0, done.stderr
        assert "closed: true" in done.stdout
