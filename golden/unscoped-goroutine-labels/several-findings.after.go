package jobs

import (
	"context"
	"runtime/pprof"
)

func step(ctx context.Context) {}

func fail(ctx context.Context) error { return ctx.Err() }

// Declared func(context.Context) in the file: passed to pprof.Do as it is.
func first(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("stage", "first"), step)
}

// A local declared func(context.Context): passed as it is.
func second(ctx context.Context) {
	var next func(context.Context) = step
	pprof.Do(ctx, pprof.Labels("stage", "second"), next)
}

// fail returns an error, so it is not a func(context.Context): wrapped in a literal.
func third(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("stage", "third"), func(ctx context.Context) {
		fail(ctx)
	})
}

// A local of unknown type: wrapped in a literal.
func fourth(ctx context.Context) {
	run := step
	pprof.Do(ctx, pprof.Labels("stage", "fourth"), func(ctx context.Context) {
		run(ctx)
	})
}
