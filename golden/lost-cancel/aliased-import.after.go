package fetch

import (
	stdctx "context"
	"time"
)

func call(ctx stdctx.Context) error { return ctx.Err() }

func Run(parent stdctx.Context) error {
	ctx, cancel := stdctx.WithTimeout(parent, 2*time.Second) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}

func RunAgain(ctx stdctx.Context) error {
	ctx, cancel := stdctx.WithTimeoutCause(ctx, time.Second, nil) // want "lost-cancel"
	defer cancel()
	return call(ctx)
}
