// Reported, not rewritten: the rest returns a value, which would return from the function
// literal instead of from Load.
package jobs

import (
	"context"
	"os"
	"runtime/pprof"
)

// Load reads a file with the goroutine labelled.
func Load(ctx context.Context, path string) ([]byte, error) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("path", path))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
