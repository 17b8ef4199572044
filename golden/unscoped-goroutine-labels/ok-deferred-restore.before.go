// The function restores the goroutine's labels itself with a deferred call.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine and puts the old labels back on return.
func Handle(orig context.Context, id string) {
	defer pprof.SetGoroutineLabels(orig)
	ctx := pprof.WithLabels(orig, pprof.Labels("id", id))
	pprof.SetGoroutineLabels(ctx)
	fmt.Println(ctx.Err())
}
