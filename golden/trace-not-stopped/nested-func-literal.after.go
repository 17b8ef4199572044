package nestedfuncliteral

import (
	"log"
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
			if err := trace.Start(os.Stderr); err != nil { // want "trace-not-stopped"
				log.Print(err)
				return
			}
			defer trace.Stop()
		}
		f()
	}()
	return done
}
