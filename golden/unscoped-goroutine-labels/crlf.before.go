package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Run lives in a file with CRLF line endings.
func Run(ctx context.Context, name string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("job", name))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"

	// Report and count.
	fmt.Println(name, ctx.Err())
}
