package jobs

import (
	"context"
	"fmt"
	. "runtime/pprof"
)

// Run labels the goroutine with the job's name.
func Run(ctx context.Context, name string) {
	ctx = WithLabels(ctx, Labels("job", name))
	SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	fmt.Println("running", name, ctx.Err())
}
