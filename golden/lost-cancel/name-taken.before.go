package fetch

import (
	"context"
	"time"
)

func call(ctx context.Context) error { return ctx.Err() }

// cancel is taken, and so is cancel2: the fix must pick cancel3 and then cancel4.
func Run(parent context.Context, cancel func(), cancel2 int) error {
	defer cancel()
	_ = cancel2
	ctx, _ := context.WithTimeout(parent, time.Second) // want "lost-cancel"
	inner, _ := context.WithCancel(ctx)                 // want "lost-cancel"
	return call(inner)
}
