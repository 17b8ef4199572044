// Reported, not rewritten: the bare return ends Handle, skipping the line after the if;
// inside a function literal it would end only the literal.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine when a tenant is known.
func Handle(ctx context.Context, tenant string) {
	if tenant != "" {
		ctx := pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
		pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
		if ctx.Err() != nil {
			return
		}
		fmt.Println(tenant)
	}
	fmt.Println("after")
}
