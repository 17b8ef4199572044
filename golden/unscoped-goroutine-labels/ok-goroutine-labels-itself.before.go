// Left alone: each goroutine labels itself first thing and keeps the labels for its whole
// life; they end with it, so nothing is left to scope.
package jobs

import (
	"context"
	"runtime/pprof"
	"sync"
)

// Start runs each tenant's jobs on its own goroutine, labelled with the tenant.
func Start(ctx context.Context, tenants map[string]chan func(context.Context)) *sync.WaitGroup {
	var wg sync.WaitGroup
	for tenant, jobs := range tenants {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := pprof.WithLabels(ctx, pprof.Labels("tenant", tenant))
			pprof.SetGoroutineLabels(ctx)
			for job := range jobs {
				job(ctx)
			}
		}()
	}
	return &wg
}
