package fetch

import "context"

func call(ctx context.Context) error { return ctx.Err() }

// Run lives in a file with CRLF line endings.
func Run(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}
