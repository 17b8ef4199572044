// Reported only: the labelled context is declared with var, then set on the goroutine and
// never restored.
package worker

import (
	"context"
	"runtime/pprof"
)

func process(ctx context.Context, item string) {}

// Handle processes one item, labelled with its kind.
func Handle(ctx context.Context, kind, item string) {
	var lctx = pprof.WithLabels(ctx, pprof.Labels("kind", kind))
	pprof.SetGoroutineLabels(lctx) // want "unscoped-goroutine-labels"
	process(lctx, item)
}
