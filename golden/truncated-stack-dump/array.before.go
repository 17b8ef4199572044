// Reported only: a fixed array cannot grow; copy the dump into a slice that can
// (buf := make([]byte, N)) and grow that until it fits.
package crash

import (
	"os"
	"runtime"
)

// AllStacks writes every goroutine's stack to stderr.
func AllStacks() {
	var stack [16 << 10]byte
	n := runtime.Stack(stack[:], true) // want "truncated-stack-dump"
	os.Stderr.Write(stack[:n])
}

// Report returns the dump as a string.
func Report() string {
	arr := [4096]byte{}
	buf := arr[:]
	n := runtime.Stack(buf, true) // want "truncated-stack-dump"
	return string(buf[:n])
}
