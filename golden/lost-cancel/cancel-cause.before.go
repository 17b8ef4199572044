package fetch

import "context"

func call(ctx context.Context) error { return ctx.Err() }

func Run(parent context.Context) error {
	ctx, _ := context.WithCancelCause(parent) // want "lost-cancel"
	return call(ctx)
}
