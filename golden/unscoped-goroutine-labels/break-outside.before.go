// Reported, not rewritten: continue leaves the block for the loop around it, which it
// could not do from inside a function literal.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Each labels the goroutine for each job in turn.
func Each(ctx context.Context, jobs []string) {
	for _, job := range jobs {
		ctx := pprof.WithLabels(ctx, pprof.Labels("job", job))
		pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
		if job == "" {
			continue
		}
		fmt.Println(job, ctx.Err())
	}
}
