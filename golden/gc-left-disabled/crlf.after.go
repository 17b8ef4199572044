package warmup

import "runtime/debug"

// Tables lives in a file with CRLF line endings.
func Tables(n int) [][]byte {
	prev := debug.SetGCPercent(-1) // want "gc-left-disabled"
	defer debug.SetGCPercent(prev)
	out := make([][]byte, n)
	for i := range out {
		out[i] = make([]byte, 1024)
	}
	return out
}
