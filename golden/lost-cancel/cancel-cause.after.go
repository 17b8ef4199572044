package fetch

import "context"

func call(ctx context.Context) error { return ctx.Err() }

func Run(parent context.Context) error {
	ctx, cancel := context.WithCancelCause(parent) // want "lost-cancel"
	defer cancel(nil)
	return call(ctx)
}
