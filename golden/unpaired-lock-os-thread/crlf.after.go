package gl

import (
	"fmt"
	"runtime"
)

// Frame lives in a file with CRLF line endings.
func Frame() {
	runtime.LockOSThread() // want "unpaired-lock-os-thread"
	defer runtime.UnlockOSThread()
	fmt.Println("frame")
}
