// In an inner block, ctx, cancel := ... would declare a new ctx that shadows the parameter,
// so the outer ctx would never get the deadline: cancel is declared with var instead.
package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// Fetch narrows ctx to the deadline when there is one.
func Fetch(ctx context.Context, deadline time.Time) error {
	if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline) // want "lost-cancel"
		defer cancel()
	}
	return call(ctx)
}
