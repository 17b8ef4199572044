// Reported, not rewritten: a goto cannot jump out of a function literal.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Retry labels the goroutine and retries with goto.
func Retry(ctx context.Context, tries int) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("op", "retry"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
again:
	tries--
	if tries > 0 && ctx.Err() == nil {
		goto again
	}
	fmt.Println("done")
}
