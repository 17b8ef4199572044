// The package clears the finalizer when the handle is released, in another file, with the
// call split over lines as gofmt keeps it: the finalizer is only a safety net.
package dev

import (
	"os"
	"runtime"
)

// Handle is an open device.
type Handle struct {
	f *os.File
}

// Open opens the device at path.
func Open(path string) (*Handle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	h := &Handle{f: f}
	runtime.SetFinalizer(h, func(h *Handle) { h.f.Close() })
	return h, nil
}
