package alreadychecked

import (
	"io"
	"runtime/pprof"
	"runtime/trace"
)

// Trace checks the error already: only the stop is added.
func Trace(w io.Writer, f func()) error {
	if err := trace.Start(w); err != nil { // want "trace-not-stopped"
		return err
	}
	defer trace.Stop()
	f()
	return nil
}

// Profile checks the error on the next statement, after a comment.
func Profile(w io.Writer, f func()) error {
	err := pprof.StartCPUProfile(w) // want "trace-not-stopped"
	// A profile is already running: give up.
	if err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	f()
	return nil
}
