// A finalizer that locks and unlocks a mutex around its own work releases nothing it was
// holding.
package counter

import (
	"runtime"
	"sync"
)

var stats struct {
	sync.Mutex
	freed int
}

type Item struct {
	_ [64]byte
}

// Track counts freed items.
func Track(it *Item) {
	runtime.SetFinalizer(it, func(*Item) {
		stats.Lock()
		stats.freed++
		stats.Unlock()
	})
}
