// Left alone: a scripting VM queues each collected table for its __gc handler, under the
// queue's own lock; the VM's goroutine drains the queue and runs the handlers. The table is
// resurrected on purpose, once, to be finalized in the VM's context.
package vm

import (
	"runtime"
	"sync"
)

type Table struct{ gc func(*Table) }

type gcQueue struct {
	mu      sync.Mutex
	pending []*Table
}

// Track arranges for t's handler to run after t is collected.
func (q *gcQueue) Track(t *Table) {
	runtime.SetFinalizer(t, func(t *Table) {
		q.mu.Lock()
		q.pending = append(q.pending, t)
		q.mu.Unlock()
	})
}

// Drain runs the handlers of the collected tables.
func (q *gcQueue) Drain() {
	q.mu.Lock()
	pending := q.pending
	q.pending = nil
	q.mu.Unlock()
	for _, t := range pending {
		t.gc(t)
	}
}
