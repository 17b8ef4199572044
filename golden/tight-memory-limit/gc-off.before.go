// With the collector switched off, the memory limit is the only thing that makes it
// collect: deleting the limit would let the heap grow without bound. Reported only.
package batch

import (
	"fmt"
	"runtime/debug"
)

// Run processes a batch with the collector off.
func Run() {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(64 << 20) // want "tight-memory-limit"
	fmt.Println("batch job")
}
