package crlfdotimport

import (
	"io"
	. "runtime/trace"
)

// Trace lives in a file with CRLF line endings and a dot import.
func Trace(w io.Writer, f func()) error {
	Start(w) // want "trace-not-stopped"
	f()
	return nil
}
