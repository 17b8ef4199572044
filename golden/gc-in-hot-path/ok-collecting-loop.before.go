// Loops that exist to collect: nothing but collections, or a poll for a finalizer.
package cache

import "runtime"

func flush() {
	for i := 0; i < 5; i++ {
		runtime.GC()
	}
}

func waitReleased(done <-chan struct{}) {
	for i := 0; i < 10; i++ {
		select {
		case <-done:
			return
		default:
			runtime.GC()
		}
	}
}
