// The context comes from the caller, not from WithLabels here: a new goroutine takes on
// the labels its creator put in the context, which is the documented use.
package jobs

import (
	"context"
	"runtime/pprof"
)

// Go runs f on a new goroutine carrying ctx's labels.
func Go(ctx context.Context, f func(context.Context)) {
	go func() {
		pprof.SetGoroutineLabels(ctx)
		f(ctx)
	}()
}
