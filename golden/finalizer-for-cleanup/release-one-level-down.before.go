// The finalizer calls the type's own finalize method, which releases the loaded library:
// the release still happens only when a collection runs the finalizer.
package plugin

import (
	"runtime"
	"sync"
)

type Library struct{ handle uintptr }

func (l *Library) Release() error { return nil }

type Loader struct {
	mu  sync.Mutex
	lib *Library
}

// Load opens the plugin library.
func Load() *Loader {
	ld := &Loader{lib: &Library{}}
	runtime.SetFinalizer(ld, func(ld *Loader) { // want "finalizer-for-cleanup"
		ld.finalize()
	})
	return ld
}

func (ld *Loader) finalize() {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	ld.lib.Release()
}
