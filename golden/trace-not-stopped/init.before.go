// Reported, not rewritten: a deferred stop in init would end the trace when init returns,
// before the program has run.
package tracing

import (
	"os"
	"runtime/trace"
)

func init() {
	if path := os.Getenv("TRACE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return
		}
		trace.Start(f) // want "trace-not-stopped"
		os.Setenv("TRACING", "1")
	}
}
