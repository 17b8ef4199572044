package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// Fetch waits at most a second for the call.
func Fetch(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "lost-cancel"
	defer cancel()

	// the call itself
	return call(ctx)
}
