package fetch

import (
	. "context"
	"time"
)

func call(ctx Context) error { return ctx.Err() }

func Run(parent Context) error {
	ctx, cancel := WithTimeout(parent, time.Second) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}
