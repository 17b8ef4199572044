package daemon

// Start starts the workers.
func Start(workers int, work func(int)) {
	for i := 0; i < workers; i++ {
		go work(i)
	}
}
