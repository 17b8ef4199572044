package fetch

import "context"

func call(ctx context.Context) error { return ctx.Err() }

func Run(parent context.Context) error {
	var ctx, cancel = context.WithCancel(parent) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}
