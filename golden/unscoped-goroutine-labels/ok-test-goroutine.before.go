package trace

import (
	"context"
	"runtime/pprof"
	"sync"
	"testing"
)

// TestLabelsReachChildren labels the test's own goroutine, which go test ends with the
// test, to check that a goroutine it starts inherits the labels.
func TestLabelsReachChildren(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			ctx := pprof.WithLabels(context.Background(), pprof.Labels("case", name))
			pprof.SetGoroutineLabels(ctx)
			var wg sync.WaitGroup
			wg.Go(func() {
				if _, ok := pprof.Label(ctx, "case"); !ok {
					t.Error("no label")
				}
			})
			wg.Wait()
		})
	}
}
