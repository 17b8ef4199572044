package dump

import (
	"os"
	"runtime"
)

// Dump declares its buffer with var.
func Dump() {
	var buf = make([]byte, 4<<10)
	var n int
	if len(os.Args) > 1 {
		n = runtime.Stack(buf, true) // want "truncated-stack-dump"
		os.Stdout.Write(buf[:n])
	}
}
