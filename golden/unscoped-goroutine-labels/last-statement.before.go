// Reported, not rewritten: nothing follows the call; the function labels the goroutine for
// its caller, so there is no work to scope. The caller has to restore the labels.
package jobs

import (
	"context"
	"runtime/pprof"
)

// Label labels the calling goroutine with the tenant.
func Label(ctx context.Context, tenant string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
}
