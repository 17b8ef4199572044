// Report only: a value from the caller may be the application's choice relayed, so the
// call is reported and left to a human.
package worker

import "runtime"

func SetProcs(n int) {
	runtime.GOMAXPROCS(n) // want "gomaxprocs-in-library"
}

func tune() { runtime.GOMAXPROCS(4); println("tuned") } // want "gomaxprocs-in-library"
