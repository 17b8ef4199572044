package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// Fetch reuses ctx, so the assignment cannot become :=.
func Fetch(ctx context.Context, deadline time.Time) error {
	if err := call(ctx); err != nil {
		return err
	}
	var cancel context.CancelFunc
	ctx, cancel = context.WithDeadline(ctx, deadline) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}
