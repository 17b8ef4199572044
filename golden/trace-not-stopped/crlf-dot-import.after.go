package crlfdotimport

import (
	"io"
	. "runtime/trace"
)

// Trace lives in a file with CRLF line endings and a dot import.
func Trace(w io.Writer, f func()) error {
	if err := Start(w); err != nil { // want "trace-not-stopped"
		return err
	}
	defer Stop()
	f()
	return nil
}
