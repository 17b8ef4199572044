// Reported only: the context goes to a goroutine, which a deferred cancel would stop when
// Start returns, long before the goroutine's work is done.
package fetch

import "context"

func worker(ctx context.Context) { <-ctx.Done() }

func Start(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "lost-cancel"
	go worker(ctx)
}
