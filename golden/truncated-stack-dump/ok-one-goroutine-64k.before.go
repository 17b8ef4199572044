// One goroutine's stack into 64 KiB, as net/http does for a panicking handler: it fits.
package dump

import (
	"log"
	"runtime"
)

// Recover logs the stack of a panicking goroutine.
func Recover() {
	if err := recover(); err != nil {
		const size = 64 << 10
		buf := make([]byte, size)
		buf = buf[:runtime.Stack(buf, false)]
		log.Printf("panic: %v\n%s", err, buf)
	}
}
