// Left alone: the defer is written before ctx is relabelled, so it captures the original
// context and restores its labels when the function returns.
package query

import (
	"context"
	"runtime/pprof"
)

func execute(ctx context.Context, q string) error { return nil }

// Run executes one query, labelled with its tenant.
func Run(ctx context.Context, tenant, q string) error {
	defer pprof.SetGoroutineLabels(ctx)
	ctx = pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
	pprof.SetGoroutineLabels(ctx)
	return execute(ctx, q)
}
