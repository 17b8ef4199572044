package daemon

import "runtime/debug"

// Start starts the workers.
func Start(workers int, work func(int)) {
	debug.SetMaxThreads(maxThreads) // want "low-max-threads"
	for i := 0; i < workers; i++ {
		go work(i)
	}
}
