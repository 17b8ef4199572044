// Left alone: a tracing span sets the labels when it starts and keeps both contexts; its
// Finish method restores the parent's labels, so the labels end with the span.
package tracing

import (
	"context"
	"runtime/pprof"
)

type Span struct {
	parent, labelled context.Context
}

// StartSpan labels the goroutine with the operation until the span finishes.
func StartSpan(parent context.Context, op string) *Span {
	ctx := pprof.WithLabels(parent, pprof.Labels("span", op))
	pprof.SetGoroutineLabels(ctx)
	s := &Span{parent: parent, labelled: ctx}
	return s
}

// Finish restores the labels the goroutine had before the span.
func (s *Span) Finish() {
	pprof.SetGoroutineLabels(s.parent)
}
