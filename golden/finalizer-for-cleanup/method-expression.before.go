package leases

import (
	"runtime"
	"sync"
)

var mu sync.Mutex

type lease struct {
	name string
}

func (l *lease) drop() {
	mu.Unlock()
}

// Take holds the lock until the lease is garbage collected.
func Take(name string) *lease {
	mu.Lock()
	l := &lease{name: name}
	runtime.SetFinalizer(l, (*lease).drop) // want "finalizer-for-cleanup"
	return l
}
