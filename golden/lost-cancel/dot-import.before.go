package fetch

import (
	. "context"
	"time"
)

func call(ctx Context) error { return ctx.Err() }

func Run(parent Context) error {
	ctx, _ := WithTimeout(parent, time.Second) // want "lost-cancel"
	return call(ctx)
}
