package report

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Print labels the goroutine while it prints a multi-line template: the lines inside the
// raw string keep their bytes, the code around it moves one tab in.
func Print(ctx context.Context, user string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("user", user))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	const tmpl = `Dear %s,
	your report is ready.
Regards`
	fmt.Printf(tmpl+"\n", user)
	_ = ctx
}
