package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Run lives in a file with CRLF line endings.
func Run(ctx context.Context, name string) {
	pprof.Do(ctx, pprof.Labels("job", name), func(ctx context.Context) {
		// Report and count.
		fmt.Println(name, ctx.Err())
	})
}
