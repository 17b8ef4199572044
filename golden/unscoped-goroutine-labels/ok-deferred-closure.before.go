// The labels are restored by a deferred function literal.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine and restores the previous labels on return.
func Handle(ctx context.Context, id string) {
	orig := ctx
	defer func() {
		pprof.SetGoroutineLabels(orig)
	}()
	ctx = pprof.WithLabels(ctx, pprof.Labels("id", id))
	pprof.SetGoroutineLabels(ctx)
	fmt.Println(ctx.Err())
}
