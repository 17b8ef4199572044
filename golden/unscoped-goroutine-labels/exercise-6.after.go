// Exercise 6: Profiling labels set without pprof.Do
//
// Same as the exercise's fix, except that the comment after work(ctx) moves into the
// function with the rest of the block: gomend never deletes comments.
package main

import (
	"context"
	"runtime/pprof"
)

func handleRequest(ctx context.Context, tenant string) {
	labels := pprof.Labels("tenant", tenant)
	pprof.Do(ctx, labels, func(ctx context.Context) {
		work(ctx)
		// labels are not cleared
	})
}
func work(ctx context.Context) {}
func main() {
	for _, t := range []string{"acme", "widgets", "globex"} {
		handleRequest(context.Background(), t)
	}
}
