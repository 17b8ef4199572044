// Already scoped with pprof.Do.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Handle labels the goroutine for the work only.
func Handle(ctx context.Context, id string) {
	pprof.Do(ctx, pprof.Labels("id", id), func(ctx context.Context) {
		fmt.Println(ctx.Err())
	})
}
