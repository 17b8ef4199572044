// Reported, not rewritten: a defer in a loop would stop the trace only at return.
package inloop

import (
	"fmt"
	"os"
	"runtime/trace"
)

// Each traces every step into its own file.
func Each(steps []func()) {
	for i, step := range steps {
		f, err := os.Create(fmt.Sprintf("step%d.trace", i))
		if err != nil {
			continue
		}
		trace.Start(f) // want "trace-not-stopped"
		step()
	}
}
