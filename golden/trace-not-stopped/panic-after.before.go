// Reported, not rewritten: the block ends in a panic, during which a deferred stop would
// run and flush the trace; a crash test may want the tracer on when it dies.
package panicafter

import (
	"os"
	"runtime/trace"
)

// Crash dies while tracing when asked to.
func Crash() {
	if os.Getenv("CRASH_WHILE_TRACING") == "1" {
		trace.Start(os.Stdout) // want "trace-not-stopped"
		panic("crash")
	}
}
