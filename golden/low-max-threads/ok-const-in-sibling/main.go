package daemon

import "runtime/debug"

// Start starts the workers, with room for their blocking system calls.
func Start(workers int, work func(int)) {
	debug.SetMaxThreads(maxThreads)
	for i := 0; i < workers; i++ {
		go work(i)
	}
}
