// Left alone: a helper whose job is to label the calling goroutine and hand the labelled
// context back; its caller keeps it for the rest of the statement's execution.
package session

import (
	"context"
	"runtime/pprof"
)

// WithStatementLabels labels the goroutine with the statement's digest.
func WithStatementLabels(ctx context.Context, digest string) context.Context {
	if digest == "" {
		return ctx
	}
	ctx = pprof.WithLabels(ctx, pprof.Labels("sql", digest))
	pprof.SetGoroutineLabels(ctx)
	return ctx
}
