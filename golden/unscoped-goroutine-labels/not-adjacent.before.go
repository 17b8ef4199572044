// Reported, not rewritten: a statement between WithLabels and SetGoroutineLabels uses the
// labelled context, so the two calls cannot become one pprof.Do.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine.
func Handle(ctx context.Context, id string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("id", id))
	fmt.Println(pprof.Label(ctx, "id"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	fmt.Println(ctx.Err())
}
