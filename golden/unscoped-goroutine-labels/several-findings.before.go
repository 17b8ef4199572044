package jobs

import (
	"context"
	"runtime/pprof"
)

func step(ctx context.Context) {}

func fail(ctx context.Context) error { return ctx.Err() }

// Declared func(context.Context) in the file: passed to pprof.Do as it is.
func first(ctx context.Context) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("stage", "first"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	step(ctx)
}

// A local declared func(context.Context): passed as it is.
func second(ctx context.Context) {
	var next func(context.Context) = step
	ctx = pprof.WithLabels(ctx, pprof.Labels("stage", "second"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	next(ctx)
}

// fail returns an error, so it is not a func(context.Context): wrapped in a literal.
func third(ctx context.Context) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("stage", "third"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	fail(ctx)
}

// A local of unknown type: wrapped in a literal.
func fourth(ctx context.Context) {
	run := step
	ctx = pprof.WithLabels(ctx, pprof.Labels("stage", "fourth"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	run(ctx)
}
