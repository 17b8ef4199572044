// Reported only: the function has named results and its rest ends in a bare return, which
// returns them; moved into pprof.Do's func literal, the function would have no return left.
package conn

import (
	"context"
	"runtime/pprof"
)

type Writer struct{ host string }

func (w *Writer) dial(ctx context.Context) error { return ctx.Err() }

// Connect dials the server, labelled with its host.
func (w *Writer) Connect(ctx context.Context) (err error) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("host", w.host))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
	err = w.dial(ctx)
	return
}
