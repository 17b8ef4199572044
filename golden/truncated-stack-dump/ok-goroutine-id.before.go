// The goroutine-ID idiom reads only the "goroutine N [...]" header line.
package dump

import (
	"bytes"
	"runtime"
	"strconv"
)

// ID returns the current goroutine's ID.
func ID() uint64 {
	b := make([]byte, 64)
	b = b[:runtime.Stack(b, false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	b = b[:bytes.IndexByte(b, ' ')]
	n, _ := strconv.ParseUint(string(b), 10, 64)
	return n
}
