package worker

import . "runtime"

// Configure used to size the pool for the machine; the runtime now sizes it for the
// container.
func Configure() int {
	return NumGoroutine()
}
