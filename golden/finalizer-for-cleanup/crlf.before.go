package crlf

import (
	"os"
	"runtime"
)

type Reader struct {
	f *os.File
}

// Open opens a reader.
func Open(name string) *Reader {
	f, _ := os.Open(name)
	r := &Reader{f: f}
	runtime.SetFinalizer(r, func(r *Reader) { // want "finalizer-for-cleanup"
		r.f.Close()
	})
	return r
}
