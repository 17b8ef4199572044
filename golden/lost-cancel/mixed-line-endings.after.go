package p

import "context"

// F mixes line endings, as files edited on two systems do: each edited or inserted line
// takes the ending of the line it replaces or follows.
func F(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent) // want "lost-cancel"
	defer cancel()
	return use(ctx)
}

func use(ctx context.Context) error { return ctx.Err() }
