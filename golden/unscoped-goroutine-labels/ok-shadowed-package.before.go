// pprof here is a local value with methods of the same names, not the package.
package jobs

import (
	"context"
	"runtime/pprof"
)

type labeler struct{}

func (labeler) WithLabels(ctx context.Context, _ pprof.LabelSet) context.Context { return ctx }
func (labeler) SetGoroutineLabels(context.Context)                               {}

// Handle uses the local labeler.
func Handle(ctx context.Context) {
	labels := pprof.Labels("k", "v")
	pprof := labeler{}
	ctx = pprof.WithLabels(ctx, labels)
	pprof.SetGoroutineLabels(ctx)
}
