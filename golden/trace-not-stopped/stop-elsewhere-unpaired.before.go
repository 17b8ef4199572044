// A stop somewhere else in the file is not a pair: Debug starts a trace around one call
// and nothing stops it; Report's stop belongs to Report's own start.
package traceapi

import (
	"io"
	"runtime/trace"
)

// Debug traces one call of work into w.
func Debug(w io.Writer, work func()) {
	trace.Start(w) // want "trace-not-stopped"
	work()
}

// Report traces one call of fn.
func Report(w io.Writer, fn func()) error {
	if err := trace.Start(w); err != nil {
		return err
	}
	defer trace.Stop()
	fn()
	return nil
}
