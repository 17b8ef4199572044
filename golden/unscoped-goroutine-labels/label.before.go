// Reported, not rewritten: the rest has a labelled loop.
package jobs

import (
	"context"
	"fmt"
	"runtime/pprof"
)

// Scan labels the goroutine and scans a grid.
func Scan(ctx context.Context, grid [][]int) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("op", "scan"))
	pprof.SetGoroutineLabels(ctx) // want "unscoped-goroutine-labels"
rows:
	for _, row := range grid {
		for _, v := range row {
			if v < 0 {
				continue rows
			}
			fmt.Println(v, ctx.Err())
		}
	}
}
