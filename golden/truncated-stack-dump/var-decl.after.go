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
		for n == len(buf) && len(buf) < 64<<20 {
			buf = make([]byte, 2*len(buf))
			n = runtime.Stack(buf, true)
		}
		os.Stdout.Write(buf[:n])
	}
}
