package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// Fetch reuses its parameter ctx in the function body's own block, where := reuses it too.
func Fetch(ctx context.Context, deadline time.Time) error {
	if err := call(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithDeadline(ctx, deadline) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}
