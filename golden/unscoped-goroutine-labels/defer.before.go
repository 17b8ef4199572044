// Reported, not rewritten: a defer in the rest would run when the function literal returns,
// not when Handle does.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine and defers a log line.
func Handle(ctx context.Context, id string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("id", id))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	defer fmt.Println("handled", id)
	fmt.Println(ctx.Err())
}
