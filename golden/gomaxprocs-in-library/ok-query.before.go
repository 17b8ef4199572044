// Queries: GOMAXPROCS(0) and negative constants change nothing.
package worker

import "runtime"

const ask = -1

var procs = runtime.GOMAXPROCS(0)

func Size() int {
	n := runtime.GOMAXPROCS(ask)
	runtime.GOMAXPROCS(1 - 1)
	return n * procs
}
