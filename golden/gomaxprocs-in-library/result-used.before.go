// Report only: the previous value is kept, so the statement cannot just go.
package worker

import "runtime"

var previous int

func init() {
	previous = runtime.GOMAXPROCS(4) // want "gomaxprocs-in-library"
}
