package jobs

import (
	"context"
	"log"
	"runtime/pprof"
)

type Worker struct {
	name    string
	labeled bool
	items   []string
}

// Process labels only when asked to; the labelled block has comments, blank lines and a
// loop of its own with a break, which stays inside the function literal.
func (w *Worker) Process(ctx context.Context) int {
	done := 0
	if w.labeled {
		labels := pprof.Labels("worker", w.name)
		ctx := pprof.WithLabels(ctx, labels)
		pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"

		// Work through the items until one is empty.
		for _, item := range w.items {
			if item == "" {
				break
			}
			log.Println(ctx.Err(), item)
			done++
		}
	}
	return done
}
