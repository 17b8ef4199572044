// The deferred call is written after ctx was relabelled, so it sets the new labels again
// when the function returns: it restores nothing.
package query

import (
	"context"
	"runtime/pprof"
)

func execute(ctx context.Context, q string) error { return nil }

// Run executes one query, labelled with its tenant.
func Run(ctx context.Context, tenant, q string) error {
	ctx = pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	defer pprof.SetGoroutineLabels(ctx)
	return execute(ctx, q)
}
