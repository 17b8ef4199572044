package nestedfuncliteral

import (
	"os"
	"runtime/trace"
)

// Run runs f on a goroutine, traced when asked to; the goroutine has no error to return,
// so a failed start is logged and the goroutine returns.
func Run(traced bool, f func()) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if traced {
			trace.Start(os.Stderr) // want "trace-not-stopped"
		}
		f()
	}()
	return done
}
