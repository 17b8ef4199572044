// Left alone: the call is the function's last statement; it labels the goroutine for its
// caller on purpose, for the rest of the goroutine, so there is no work to scope.
package jobs

import (
	"context"
	"runtime/pprof"
)

// Label labels the calling goroutine with the tenant.
func Label(ctx context.Context, tenant string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
	pprof.SetGoroutineLabels(ctx)
}
