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
	ctx, cancel3 := context.WithTimeout(parent, time.Second) // want "lost-cancel"
	defer cancel3()
	inner, cancel4 := context.WithCancel(ctx) // want "lost-cancel"
	defer cancel4()
	return call(inner)
}
