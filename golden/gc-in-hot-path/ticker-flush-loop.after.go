// A ticker loop that does real work each tick (flushing a queue to disk) and then forces a
// collection: the loop does not exist to collect, so the call is reported, with an unsafe
// fix (a batch job may collect between steps on purpose).
package spool

import (
	"os"
	"time"
)

type Queue struct{ items [][]byte }

func (q *Queue) flush(f *os.File) {
	for _, item := range q.items {
		f.Write(item)
	}
	q.items = q.items[:0]
}

// Run flushes the queue every second until done is closed.
func Run(q *Queue, f *os.File, done <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			q.flush(f)
		}
	}
}
