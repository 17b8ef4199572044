// Reported, not rewritten: the labelled context is built inline, so there is no rest of
// the block that clearly belongs to the labels.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine.
func Handle(ctx context.Context, id string) {
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("id", id))) // want "unscoped-goroutine-labels"
	fmt.Println(id)
}
