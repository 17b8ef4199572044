// Exercise 6: Profiling labels set without pprof.Do
package main

import (
	"context"
	"runtime/pprof"
)

func handleRequest(ctx context.Context, tenant string) {
	labels := pprof.Labels("tenant", tenant)
	ctx = pprof.WithLabels(ctx, labels)
	pprof.SetGoroutineLabels(ctx)
	work(ctx)
	// labels are not cleared
}
func work(ctx context.Context) {}
func main() {
	for _, t := range []string{"acme", "widgets", "globex"} {
		handleRequest(context.Background(), t)
	}
}
