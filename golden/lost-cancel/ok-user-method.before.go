package fetch

import "context"

type scheduler struct{}

// WithCancel is the scheduler's own method; it returns no cancel function to lose.
func (scheduler) WithCancel(ctx context.Context) (context.Context, bool) { return ctx, true }

func Run(parent context.Context) context.Context {
	var context scheduler
	ctx, _ := context.WithCancel(parent)
	return ctx
}
