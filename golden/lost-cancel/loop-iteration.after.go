// Each iteration's context is cancelled at the end of that iteration: a deferred cancel in a
// loop would run only when the function returns, so every timer would stay armed until then.
package poller

import (
	"context"
	"log"
	"time"
)

type Target struct{ Name string }

func probe(ctx context.Context, t Target) error { return ctx.Err() }

// ProbeAll gives each target five seconds.
func ProbeAll(parent context.Context, targets []Target) {
	for _, t := range targets {
		ctx, cancel := context.WithTimeout(parent, 5*time.Second) // want "lost-cancel"
		if err := probe(ctx, t); err != nil {
			log.Printf("probe %s: %v", t.Name, err)
		}
		for i := 0; i < 3; i++ {
			if i == 1 {
				break // leaves the inner loop only
			}
		}
		cancel()
	}
}
