// Reported only: in each loop a cancel at the end of the iteration would be skipped on some
// path (continue, return, a labelled break), would come too early (the context is kept in a
// variable declared before the loop), or the statement sits in a nested block.
package sweep

import (
	"context"
	"time"
)

type Job struct{ ID int }

func run(ctx context.Context, j Job) error { return ctx.Err() }

func Skips(parent context.Context, jobs []Job) {
	for _, j := range jobs {
		ctx, _ := context.WithTimeout(parent, time.Second) // want "lost-cancel"
		if run(ctx, j) != nil {
			continue
		}
		_ = run(ctx, j)
	}
}

func Returns(parent context.Context, jobs []Job) error {
	for _, j := range jobs {
		ctx, _ := context.WithCancel(parent) // want "lost-cancel"
		if err := run(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

func Labelled(parent context.Context, jobs []Job) {
outer:
	for _, j := range jobs {
		ctx, _ := context.WithCancel(parent) // want "lost-cancel"
		for range 2 {
			if run(ctx, j) != nil {
				break outer
			}
		}
	}
}

func KeepsLast(parent context.Context, jobs []Job) context.Context {
	var last context.Context
	for _, j := range jobs {
		ctx, _ := context.WithCancel(parent) // want "lost-cancel"
		_ = run(ctx, j)
		last = ctx
	}
	return last
}

func Nested(parent context.Context, jobs []Job) {
	for _, j := range jobs {
		if j.ID > 0 {
			ctx, _ := context.WithCancel(parent) // want "lost-cancel"
			_ = run(ctx, j)
		}
	}
}
