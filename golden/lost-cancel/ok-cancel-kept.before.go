package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

func Run(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return call(ctx)
}
