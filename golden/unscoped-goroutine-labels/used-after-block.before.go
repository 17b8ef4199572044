// Reported, not rewritten: the labelled context is used after the block, which would then
// get the context without the labels.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine when a tenant is known.
func Handle(ctx context.Context, tenant string) {
	if tenant != "" {
		ctx = pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
		pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
		fmt.Println(tenant)
	}
	fmt.Println(pprof.Label(ctx, "tenant"))
}
