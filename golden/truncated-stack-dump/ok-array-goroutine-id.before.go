// Left alone: the goroutine-ID idiom reads only the "goroutine N [running]:" header of the
// current goroutine's stack, which fits in 64 bytes.
package gid

import (
	"bytes"
	"runtime"
	"strconv"
)

// Current returns the calling goroutine's id, for debug logs only.
func Current() uint64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	field := bytes.Fields(bytes.TrimPrefix(buf[:n], []byte("goroutine ")))[0]
	id, _ := strconv.ParseUint(string(field), 10, 64)
	return id
}
