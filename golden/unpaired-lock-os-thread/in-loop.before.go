// Report only: a defer in a loop body would run only at return, after every iteration's
// lock, so the unlock has to be placed by hand.
package gl

import (
	"fmt"
	"runtime"
)

func drawAll(n int) {
	for i := 0; i < n; i++ {
		runtime.LockOSThread() // want "unpaired-lock-os-thread"
		fmt.Println("draw", i)
	}
}
