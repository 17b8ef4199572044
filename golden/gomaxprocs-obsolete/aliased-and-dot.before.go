package worker

import (
	rt "runtime"
	. "runtime"
)

// Configure used to size the pool for the machine; the runtime now sizes it for the
// container.
func Configure() int {
	rt.GOMAXPROCS(rt.NumCPU()) // want "gomaxprocs-obsolete"
	GOMAXPROCS(NumCPU())       // want "gomaxprocs-obsolete"
	return NumGoroutine()
}
