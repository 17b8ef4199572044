// trace here is a local value with its own Start method, not the package.
package okshadowedpackage

import (
	"io"
	"runtime/trace"
)

type recorder struct{}

func (recorder) Start(w io.Writer) error { return nil }

// Record uses the local recorder.
func Record(w io.Writer) {
	_ = trace.IsEnabled()
	trace := recorder{}
	trace.Start(w)
}
