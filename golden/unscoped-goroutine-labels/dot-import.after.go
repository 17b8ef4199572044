package jobs

import (
	"context"
	"fmt"
	. "runtime/pprof"
)

// Run labels the goroutine with the job's name.
func Run(ctx context.Context, name string) {
	Do(ctx, Labels("job", name), func(ctx context.Context) {
		fmt.Println("running", name, ctx.Err())
	})
}
