// Reported only: the count is thrown away and the whole buffer is written out, so the log
// gets a dump cut off at 8 KiB, or one followed by the zeros it did not fill. There is no
// count to grow the buffer against; keep it (n := runtime.Stack(buf, true)) and grow.
package watchdog

import (
	"log"
	"os"
	"runtime"
)

// DumpOnStall logs every goroutine when the server stalls.
func DumpOnStall() {
	buf := make([]byte, 8<<10)
	runtime.Stack(buf, true) // want "truncated-stack-dump"
	log.Printf("stalled; goroutines:\n%s", buf)
	os.Stderr.Write(buf)
}
